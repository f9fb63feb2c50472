package org.optlab.runner.process;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.optlab.runner.training.Trainer;
import org.optlab.runner.training.TrainingRun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The protocol between a training run in a child JVM and the lab: one JSON object per line on the child's stdout,
 * each with an {@code "event"}: {@code started} (optimizer, total_steps), {@code step} (optimizer, epoch, step,
 * train_loss, lr, gradient_norm, update_ratio, seconds), {@code evaluation} (optimizer, epoch, step, test_loss,
 * test_accuracy, seconds), then {@code finished} (runs, as summary.json lists them) or {@code failed} (message).
 * Numbers that are not defined (NaN) are null. The files in the run's directory are the record; the events are the
 * live view of it.
 */
public final class RunEvents implements TrainingRun.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;

    public RunEvents(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(String optimizer, long totalSteps) {
        emit("started", Map.of("optimizer", optimizer, "total_steps", totalSteps));
    }

    @Override
    public void stepped(String optimizer, Trainer.StepMetrics m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("optimizer", optimizer);
        e.put("epoch", m.epoch());
        e.put("step", m.step());
        e.put("train_loss", number(m.trainLoss()));
        e.put("lr", number(m.lr()));
        e.put("gradient_norm", number(m.gradientNorm()));
        e.put("update_ratio", number(m.updateRatio()));
        e.put("seconds", m.seconds());
        emit("step", e);
    }

    @Override
    public void evaluated(String optimizer, Trainer.Evaluation v) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("optimizer", optimizer);
        e.put("epoch", v.epoch());
        e.put("step", v.step());
        e.put("test_loss", number(v.testLoss()));
        e.put("test_accuracy", number(v.testAccuracy()));
        e.put("seconds", v.seconds());
        emit("evaluation", e);
    }

    public void finished(List<TrainingRun.Outcome> outcomes) {
        emit("finished", Map.of("runs", outcomes.stream().map(TrainingRun.Outcome::fields).toList()));
    }

    public void failed(String message) {
        emit("failed", Map.of("message", message == null ? "unknown error" : message));
    }

    private void emit(String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.putAll(fields);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event, e);
        }
        out.flush();
    }

    private static Double number(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
