package org.optlab.runner.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.optlab.core.model.Model;
import org.optlab.core.model.Models;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.optimizers.ParamGroup;
import org.optlab.optimizers.schedule.Schedules;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.TrainingExperiment;

/**
 * Runs a training experiment: loads its data once, then trains one model per optimizer from the same seed, writing
 * {@code metrics.csv} as it goes and {@code summary.json} at the end (with what finished when a run fails).
 */
public final class TrainingRun {

    /** One optimizer's outcome, as {@code summary.json} lists it. */
    public record Outcome(String optimizer, double finalTestAccuracy, double finalTestLoss, double seconds,
            String backend, String device) {
    }

    /** Told what happens, for progress displays; called on the training thread. Each method does nothing by default. */
    public interface Listener {
        /** Hears nothing: for runs whose progress nobody watches. */
        Listener QUIET = new Listener() {
        };

        /** A run starts: its optimizer's label and the number of steps it will take. */
        default void started(String optimizer, long totalSteps) {
        }

        default void stepped(String optimizer, Trainer.StepMetrics metrics) {
        }

        default void evaluated(String optimizer, Trainer.Evaluation evaluation) {
        }

        /** Before training: the backend that actually runs ("cpu" or "gpu") and its device. */
        default void backend(String backend, String device) {
        }
    }

    private TrainingRun() {
    }

    /**
     * @param dataDirectory where full datasets live by default (Preferences), or null
     * @throws ExperimentException for problems of the experiment (a dataset option, a schedule for a rate, the
     *         backend), with the field named
     */
    public static List<Outcome> run(TrainingExperiment experiment, OptimizerRegistry optimizers,
            DatasetRegistry datasets, Path dataDirectory, Path out, Listener listener, IProgressMonitor monitor)
            throws IOException {
        Backends.check(experiment.backend());
        String backend = Backends.actual(experiment.backend());
        String device = Backends.device();
        listener.backend(backend, device);
        Split data = load(experiment, datasets, dataDirectory);
        Files.createDirectories(out);
        List<Outcome> outcomes = new ArrayList<>();
        SubMonitor progress = SubMonitor.convert(monitor, experiment.optimizers().size());
        Trainer.Settings settings = new Trainer.Settings(experiment.epochs(), experiment.batchSize(), experiment.seed(),
                experiment.clipGradNorm(), experiment.evaluateEvery(), DataType.FLOAT);
        long stepsPerEpoch = (data.train().size() + experiment.batchSize() - 1) / experiment.batchSize();
        try (MetricsLog log = new MetricsLog(out.resolve("metrics.csv"))) {
            for (OptimizerEntry entry : experiment.optimizers()) {
                Model model = model(experiment.model(), data.train());
                model.initialize(experiment.seed());
                Optimizer optimizer = optimizers.create(entry.id(), entry.hyperParameters());
                ParamGroup group = optimizer.addParamGroup(model.parameters());
                schedule(experiment, group, stepsPerEpoch * experiment.epochs());
                String label = entry.label();
                listener.started(label, stepsPerEpoch * experiment.epochs());
                Trainer.Result result = Trainer.train(model, optimizer, data, settings, new Trainer.Listener() {
                    @Override
                    public void stepped(Trainer.StepMetrics metrics) {
                        write(() -> log.step(label, metrics));
                        listener.stepped(label, metrics);
                    }

                    @Override
                    public void evaluated(Trainer.Evaluation evaluation) {
                        write(() -> log.evaluation(label, evaluation));
                        listener.evaluated(label, evaluation);
                    }
                }, progress.split(1));
                outcomes.add(new Outcome(label, result.last().testAccuracy(), result.last().testLoss(),
                        result.seconds(), backend, device));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            writeSummary(experiment, data, outcomes, out);
        }
        return outcomes;
    }

    /** The model an experiment names, for the data's shape and classes (or targets). */
    static Model model(TrainingExperiment.ModelSpec spec, Dataset train) {
        long[] shape = java.util.Arrays.stream(train.exampleShape()).asLongStream().toArray();
        boolean classification = train.isClassification();
        int outputs = classification ? train.classCount() : train.targetCount();
        try {
            return switch (spec.id()) {
                case "softmax" -> Models.softmax(shape, outputs, classification, DataType.FLOAT);
                case "mlp" -> Models.mlp(shape, spec.hidden(), spec.activation(), outputs, classification,
                        DataType.FLOAT);
                case "cnn" -> Models.cnn(shape, outputs, classification, DataType.FLOAT);
                default -> throw new ExperimentException("model.id", "unknown model '" + spec.id() + "'");
            };
        } catch (ExperimentException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ExperimentException("model", e.getMessage() + " (the data has examples of shape "
                    + java.util.Arrays.toString(train.exampleShape()) + ")");
        }
    }

    private static Split load(TrainingExperiment experiment, DatasetRegistry datasets, Path dataDirectory) {
        try {
            return datasets.load(experiment.dataset().id(),
                    new DatasetRequest(experiment.seed(), experiment.dataset().options(), dataDirectory));
        } catch (DatasetException e) {
            throw new ExperimentException(e.field() == null || e.field().isEmpty() ? "dataset" : "dataset." + e.field(),
                    e.getMessage());
        }
    }

    private static void schedule(TrainingExperiment experiment, ParamGroup group, long totalSteps) {
        TrainingExperiment.ScheduleSpec spec = experiment.schedule();
        if (spec == null) {
            return;
        }
        int lr = group.indexOf("lr");
        if (lr < 0) {
            throw new ExperimentException("schedule", "the optimizer has no lr to schedule");
        }
        try {
            group.setSchedule("lr", Schedules.descriptor(spec.id()).create(group.value(lr, 0), totalSteps,
                    spec.parameters()));
        } catch (IllegalArgumentException e) {
            throw new ExperimentException("schedule", e.getMessage());
        }
    }

    private static void writeSummary(TrainingExperiment experiment, Split data, List<Outcome> outcomes, Path out)
            throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", experiment.name());
        summary.put("dataset", experiment.dataset().id());
        summary.put("train_examples", data.train().size());
        summary.put("test_examples", data.test().size());
        summary.put("model", model(experiment.model(), data.train()).description());
        summary.put("epochs", experiment.epochs());
        summary.put("batch_size", experiment.batchSize());
        summary.put("seed", experiment.seed());
        summary.put("runs", outcomes.stream().map(o -> {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("optimizer", o.optimizer());
            run.put("final_test_accuracy", Double.isNaN(o.finalTestAccuracy()) ? null : o.finalTestAccuracy());
            run.put("final_test_loss", o.finalTestLoss());
            run.put("seconds", o.seconds());
            run.put("backend", o.backend());
            run.put("device", o.device());
            return run;
        }).toList());
        ResultFiles.writeJson(out.resolve("summary.json"), summary);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
