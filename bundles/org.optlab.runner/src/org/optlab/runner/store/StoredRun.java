package org.optlab.runner.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.optlab.runner.experiment.TrainingExperiment.Backend;
import org.optlab.runner.process.ChildRun;
import org.optlab.runner.training.MetricsCsv;
import org.optlab.runner.training.Backends;
import org.optlab.runner.training.TrainingRun;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One training run of the {@link RunStore}: its directory, its experiment, its status, and the metrics it has
 * reported so far per optimizer (from the child's events while it runs, from {@code metrics.csv} for runs of an
 * earlier session).
 */
public final class StoredRun {

    /** Where a run is. */
    public enum Status {
        /** KILLED: the run's process ended without writing its summary (killed, crashed, or the machine stopped). */
        WAITING, RUNNING, FINISHED, FAILED, STOPPED, KILLED, DELETED;

        public boolean isDone() {
            return this != WAITING && this != RUNNING;
        }
    }

    /** One optimizer's series: per step the train loss, per evaluation the test loss and accuracy. */
    public static final class Series {
        public final List<double[]> steps = new ArrayList<>(); // {step, train_loss, lr, seconds}
        public final List<double[]> evaluations = new ArrayList<>(); // {step, epoch, test_loss, test_accuracy}
        public long totalSteps;
    }

    private final String id;
    private final Path directory;
    private final JsonNode experiment;
    private final Consumer<StoredRun> changed;
    private final java.util.function.Supplier<Path> dataDirectory;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private volatile Status status = Status.WAITING;
    private volatile String message = "";
    private volatile ChildRun child;
    private volatile long started;
    private volatile long ended;
    private volatile boolean stopRequested;
    private volatile ProcessHandle orphan; // a child of an earlier lab, found running, not yet followed

    StoredRun(String id, Path directory, JsonNode experiment, Consumer<StoredRun> changed,
            java.util.function.Supplier<Path> dataDirectory) {
        this.id = id;
        this.dataDirectory = dataDirectory;
        this.directory = directory;
        this.experiment = experiment;
        this.changed = changed;
    }

    public String id() {
        return id;
    }

    public Path directory() {
        return directory;
    }

    public JsonNode experiment() {
        return experiment;
    }

    public String name() {
        return experiment.path("name").asText(id);
    }

    public Status status() {
        return status;
    }

    /** Why it failed, or what it ended with. */
    public String message() {
        return message;
    }

    /** Seconds since it started (until it ended); 0 while waiting. */
    public double elapsedSeconds() {
        return started == 0 ? 0 : ((ended != 0 ? ended : System.nanoTime()) - started) / 1e9;
    }

    /** A copy of the series reported so far, by optimizer label. */
    public synchronized Map<String, Series> series() {
        Map<String, Series> copy = new LinkedHashMap<>();
        series.forEach((label, s) -> {
            Series c = new Series();
            c.steps.addAll(s.steps);
            c.evaluations.addAll(s.evaluations);
            c.totalSteps = s.totalSteps;
            copy.put(label, c);
        });
        return copy;
    }

    /** Done steps over all steps of all optimizers, in [0, 1]. */
    public synchronized double progress() {
        int optimizers = Math.max(1, experiment.path("optimizers").size());
        double sum = 0;
        for (Series s : series.values()) {
            sum += s.totalSteps > 0 ? (double) s.steps.size() / s.totalSteps : 0;
        }
        return status == Status.FINISHED ? 1 : Math.min(1, sum / optimizers);
    }

    /** The best test accuracy reported by any of its optimizers (NaN when none yet). */
    public synchronized double bestTestAccuracy() {
        double best = Double.NaN;
        for (Series s : series.values()) {
            for (double[] e : s.evaluations) {
                if (!Double.isNaN(e[3]) && !(e[3] <= best)) {
                    best = e[3];
                }
            }
        }
        return best;
    }

    void markStarting() {
        status = Status.RUNNING;
        started = System.nanoTime();
    }

    void markStopped() {
        status = Status.STOPPED;
        message = "stopped before it started";
        changed.accept(this);
    }

    void markDeleted() {
        status = Status.DELETED;
    }

    /** Starts the child JVM of a run that {@link #markStarting} made RUNNING. */
    /** The snapshots a lab run records when its experiment does not say (models under 10 M parameters). */
    static final int LAB_SNAPSHOTS = 20;

    void launch() {
        changed.accept(this);
        try {
            // The child JVM's ND4J picks the backend the experiment asks for (BACKEND_PRIORITY_*).
            Map<String, String> environment = new java.util.HashMap<>(Backends.environment(
                    "gpu".equals(experiment.path("backend").asText("cpu")) ? Backend.GPU : Backend.CPU));
            // the lab records the optimizers' paths (for their loss landscape) unless the experiment says otherwise
            environment.put(TrainingRun.DEFAULT_SNAPSHOTS_VARIABLE, Integer.toString(LAB_SNAPSHOTS));
            child = ChildRun.start(directory.resolve("experiment.json"), directory, dataDirectory.get(), environment,
                    childListener());
        } catch (IOException | RuntimeException e) {
            status = Status.FAILED;
            message = "could not start: " + e.getMessage();
            ended = System.nanoTime();
            changed.accept(this);
        }
    }

    /** Follows the child that {@link #recover} found still running (started by a lab that closed or died). */
    void reattach() {
        ProcessHandle found = orphan;
        if (found != null) {
            orphan = null;
            child = ChildRun.attach(directory, found, childListener());
        }
    }

    private ChildRun.Listener childListener() {
        return new ChildRun.Listener() {
            @Override
            public void event(JsonNode event) {
                record(event);
            }

            @Override
            public void exited(int code, boolean finished) {
                end(code, finished);
            }
        };
    }

    private void record(JsonNode event) {
        String kind = event.path("event").asText();
        synchronized (this) {
            String label = event.path("optimizer").asText("");
            switch (kind) {
                case "started" -> series.computeIfAbsent(label, l -> new Series()).totalSteps =
                        event.path("total_steps").asLong();
                case "step" -> series.computeIfAbsent(label, l -> new Series()).steps.add(new double[] {
                        event.path("step").asDouble(), number(event, "train_loss"), number(event, "lr"),
                        event.path("seconds").asDouble() });
                case "evaluation" -> series.computeIfAbsent(label, l -> new Series()).evaluations.add(new double[] {
                        event.path("step").asDouble(), event.path("epoch").asDouble(), number(event, "test_loss"),
                        number(event, "test_accuracy") });
                case "failed" -> message = event.path("message").asText();
                default -> {
                }
            }
        }
        changed.accept(this);
    }

    private void end(int code, boolean finished) {
        ended = System.nanoTime();
        if (finished) {
            status = Status.FINISHED;
            message = "finished";
        } else if (stopRequested) {
            status = Status.STOPPED;
            message = "stopped; what it reported is kept";
        } else {
            status = Status.FAILED;
            if (message.isEmpty()) {
                message = (code == -1 ? "the run's process ended without finishing"
                        : "the run's process ended with code " + code) + " (see log.txt): " + lastLogLine();
            }
        }
        synchronized (this) {
            notifyAll();
        }
        changed.accept(this);
    }

    void stop() {
        ChildRun running = child;
        if (running != null && running.isAlive()) {
            stopRequested = true;
            running.stop();
        }
    }

    /** Waits until a running run has ended (for deletion). */
    synchronized void awaitEnd() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (status == Status.RUNNING && System.currentTimeMillis() < deadline) {
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A run found on disk: running when its child still runs (a lab closed or died without stopping it: its events are
     * replayed from the first when {@link #reattach} follows it), finished when it has a summary, otherwise it ended
     * without one (stopped or crashed).
     */
    void recover() throws IOException {
        if (!Files.exists(directory.resolve("summary.json"))) {
            var running = ChildRun.findRunning(directory);
            if (running.isPresent()) {
                orphan = running.get();
                status = Status.RUNNING;
                message = "re-attached: still running from an earlier session (process " + orphan.pid() + ")";
                long age = running.get().info().startInstant()
                        .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toNanos()).orElse(0L);
                started = System.nanoTime() - Math.max(0, age);
                return;
            }
        }
        Path metrics = directory.resolve("metrics.csv");
        Map<String, Long> stepsOfFirstEpoch = new LinkedHashMap<>();
        java.util.Set<String> secondEpochSeen = new java.util.HashSet<>();
        if (Files.exists(metrics)) {
            for (MetricsCsv.Row row : MetricsCsv.read(metrics)) {
                Series s = series.computeIfAbsent(row.optimizer(), l -> new Series());
                if (row.evaluation()) {
                    s.evaluations.add(new double[] { row.step(), row.epoch(), row.testLoss(), row.testAccuracy() });
                    continue;
                }
                if (row.epoch() == 1) {
                    stepsOfFirstEpoch.merge(row.optimizer(), row.step(), Math::max);
                } else {
                    secondEpochSeen.add(row.optimizer());
                }
                s.steps.add(new double[] { row.step(), row.trainLoss(), row.lr(), row.seconds() });
            }
        }
        endedAs(directory.resolve("summary.json"));
        // The steps an optimizer would have taken: steps per epoch (known once a row of epoch 2 exists) x epochs.
        int epochs = experiment.path("epochs").asInt(1);
        for (Map.Entry<String, Long> e : stepsOfFirstEpoch.entrySet()) {
            Series s = series.get(e.getKey());
            s.totalSteps = secondEpochSeen.contains(e.getKey()) ? e.getValue() * epochs : 0;
        }
    }

    /** The status a run's summary gives it: finished, stopped or failed, or killed when there is no summary. */
    private void endedAs(Path summary) {
        JsonNode written = null;
        try {
            written = Files.exists(summary) ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary
                    .toFile()) : null;
        } catch (IOException e) {
            // not readable: as if there were none
        }
        if (written == null) {
            status = Status.KILLED;
            message = "killed: the run's process ended without its summary (killed, crashed, or the machine stopped)";
            return;
        }
        switch (written.path("status").asText("finished")) {
            case "stopped" -> {
                status = Status.STOPPED;
                message = "stopped; what it reported is kept";
            }
            case "failed" -> {
                status = Status.FAILED;
                message = written.path("error").asText("failed");
            }
            default -> {
                status = Status.FINISHED;
                message = "finished";
            }
        }
    }

    private String lastLogLine() {
        try {
            List<String> log = Files.readAllLines(directory.resolve("log.txt"));
            for (int i = log.size() - 1; i >= 0; i--) {
                if (!log.get(i).isBlank() && !log.get(i).startsWith("WARNING")) {
                    return log.get(i);
                }
            }
        } catch (IOException e) {
            // no log
        }
        return "no message";
    }

    private static double number(JsonNode event, String field) {
        return event.path(field).isNumber() ? event.get(field).asDouble() : Double.NaN;
    }

    @Override
    public String toString() {
        return id + " [" + status + "]";
    }
}
