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
import org.eclipse.core.runtime.OperationCanceledException;
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
 * {@code metrics.csv} as it goes and {@code summary.json} at the end, whatever the end: its {@code status} says
 * whether the run finished, was stopped (cancelled: SIGTERM, Stop in the lab) or failed (with its {@code error}), and
 * each optimizer's entry whether it finished, diverged or was stopped, at which step.
 */
public final class TrainingRun {

    /**
     * One optimizer's outcome, as {@code summary.json} lists it: {@code status} is {@link #FINISHED}, {@link #DIVERGED}
     * (its loss was NaN or infinite at step {@code steps}, where it stopped) or {@link #STOPPED} (the run was stopped
     * at step {@code steps}); the test numbers are the last evaluation's (NaN when there was none).
     */
    public record Outcome(String optimizer, String status, long steps, double finalTestAccuracy, double finalTestLoss,
            double seconds, String backend, String device) {

        public boolean diverged() {
            return status.equals(DIVERGED);
        }

        /** The outcome as {@code summary.json} (and the lab's "finished" event) write it; not finite numbers null. */
        public Map<String, Object> fields() {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("optimizer", optimizer);
            run.put("status", status);
            run.put("steps", steps);
            run.put("diverged", diverged());
            if (diverged()) {
                run.put("diverged_at_step", steps);
            }
            run.put("final_test_accuracy", finite(finalTestAccuracy));
            run.put("final_test_loss", finite(finalTestLoss));
            run.put("seconds", seconds);
            run.put("backend", backend);
            run.put("device", device);
            return run;
        }
    }

    /** A status of a run, or of one optimizer's part of it, as {@code summary.json} says it. */
    public static final String FINISHED = "finished", STOPPED = "stopped", FAILED = "failed", DIVERGED = "diverged";

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
        Files.createDirectories(out);
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", experiment.name());
        summary.put("status", FAILED);
        summary.put("dataset", experiment.dataset().id());
        try {
            Split data = load(experiment, datasets, dataDirectory);
            summary.put("train_examples", data.train().size());
            summary.put("test_examples", data.test().size());
            summary.put("model", null);
            summary.put("epochs", experiment.epochs());
            summary.put("batch_size", experiment.batchSize());
            summary.put("seed", experiment.seed());
            train(experiment, optimizers, data, out, backend, device, listener, monitor, summary, outcomes);
            summary.put("status", FINISHED);
        } catch (OperationCanceledException e) {
            summary.put("status", STOPPED);
            throw e;
        } catch (UncheckedIOException e) {
            summary.put("error", "cannot write into " + out + ": " + e.getCause().getMessage());
            throw e.getCause();
        } catch (RuntimeException | Error e) {
            summary.put("error", e.getMessage() != null ? e.getMessage() : e.toString());
            throw e;
        } finally {
            summary.put("runs", outcomes.stream().map(Outcome::fields).toList());
            summary.put("files", List.of("metrics.csv", "summary.json"));
            ResultFiles.writeJson(out.resolve("summary.json"), summary);
        }
        return outcomes;
    }

    private static void train(TrainingExperiment experiment, OptimizerRegistry optimizers, Split data, Path out,
            String backend, String device, Listener listener, IProgressMonitor monitor, Map<String, Object> summary,
            List<Outcome> outcomes) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, experiment.optimizers().size());
        Trainer.Settings settings = new Trainer.Settings(experiment.epochs(), experiment.batchSize(), experiment.seed(),
                experiment.clipGradNorm(), experiment.evaluateEvery(), DataType.FLOAT);
        long stepsPerEpoch = (data.train().size() + experiment.batchSize() - 1) / experiment.batchSize();
        try (MetricsCsv log = new MetricsCsv(out.resolve("metrics.csv"))) {
            for (OptimizerEntry entry : experiment.optimizers()) {
                Model model = model(experiment.model(), data.train());
                if (outcomes.isEmpty()) {
                    // said once the data and the model are there: a run that cannot start prints its error alone
                    listener.backend(backend, device);
                }
                summary.put("model", model.description());
                model.initialize(experiment.seed());
                Optimizer optimizer = optimizers.create(entry.id(), entry.hyperParameters());
                ParamGroup group = optimizer.addParamGroup(model.parameters());
                schedule(experiment, group, stepsPerEpoch * experiment.epochs());
                String label = entry.label();
                listener.started(label, stepsPerEpoch * experiment.epochs());
                SnapshotRecorder snapshots = SnapshotRecorder.open(snapshots(experiment, model), stepsPerEpoch
                        * experiment.epochs(), model, out, label);
                // What the optimizer reached so far, for the summary of a run stopped in its middle.
                Trainer.StepMetrics[] lastStep = { null };
                Trainer.Evaluation[] lastEvaluation = { null };
                Trainer.Result result;
                try {
                    result = Trainer.train(model, optimizer, data, settings, new Trainer.Listener() {
                        @Override
                        public void stepped(Trainer.StepMetrics metrics) {
                            write(() -> log.step(label, metrics));
                            write(() -> snapshots.stepped(metrics.step()));
                            lastStep[0] = metrics;
                            listener.stepped(label, metrics);
                        }

                        @Override
                        public void evaluated(Trainer.Evaluation evaluation) {
                            write(() -> log.evaluation(label, evaluation));
                            lastEvaluation[0] = evaluation;
                            listener.evaluated(label, evaluation);
                        }
                    }, progress.split(1));
                } catch (OperationCanceledException e) {
                    Trainer.Evaluation v = lastEvaluation[0];
                    outcomes.add(new Outcome(label, STOPPED, lastStep[0] == null ? 0 : lastStep[0].step(),
                            v == null ? Double.NaN : v.testAccuracy(), v == null ? Double.NaN : v.testLoss(),
                            lastStep[0] == null ? 0 : lastStep[0].seconds(), backend, device));
                    throw e;
                } finally {
                    snapshots.close(); // what was recorded until then, also of a run stopped or failed
                }
                Trainer.Evaluation v = result.last();
                outcomes.add(new Outcome(label, result.diverged() ? DIVERGED : FINISHED, result.steps(),
                        v == null || result.diverged() ? Double.NaN : v.testAccuracy(),
                        v == null || result.diverged() ? Double.NaN : v.testLoss(), result.seconds(), backend, device));
            }
        }
    }

    /**
     * The environment variable with the snapshots a run records when its experiment does not say: the lab sets it
     * for its runs; on the command line it is unset (none).
     */
    public static final String DEFAULT_SNAPSHOTS_VARIABLE = "OPTLAB_SNAPSHOTS";

    /** Models this large or larger record snapshots only when their experiment asks (a row is 4 bytes a parameter). */
    static final long DEFAULT_SNAPSHOTS_LIMIT = 10_000_000;

    /** The experiment's snapshots; when it does not say, the environment's default for models under the limit. */
    static int snapshots(TrainingExperiment experiment, Model model) {
        if (experiment.snapshots() >= 0) {
            return experiment.snapshots();
        }
        String value = System.getenv(DEFAULT_SNAPSHOTS_VARIABLE);
        if (value == null || model.parameterCount() >= DEFAULT_SNAPSHOTS_LIMIT) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** The model an experiment names, for the data's shape and classes (or targets). */
    public static Model model(TrainingExperiment.ModelSpec spec, Dataset train) {
        long[] shape = java.util.Arrays.stream(train.exampleShape()).asLongStream().toArray();
        boolean classification = train.isClassification();
        int outputs = classification ? train.classCount() : train.targetCount();
        long weights = denseWeights(spec, shape, outputs);
        // Weights, gradients and at least one state buffer, as float32: refused before ND4J tries (and fails in C++).
        // Below 64 MB no machine is asked: the JMX bean costs ~20 ms of a sweep worker's first trial.
        if (weights > 0 && weights * 4 * 3 > (64L << 20) && weights * 4 * 3 > physicalMemory()) {
            throw tooLarge(weights);
        }
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
            throw new ExperimentException("model", e.getMessage() + "; expected a model for examples of shape "
                    + java.util.Arrays.toString(train.exampleShape()));
        } catch (OutOfMemoryError | RuntimeException e) {
            // ND4J reports a failed native allocation as a RuntimeException ("Allocation failed: [std::bad_alloc]").
            if (e instanceof RuntimeException && !String.valueOf(e.getMessage()).contains("lloc")) {
                throw e;
            }
            throw tooLarge(weights);
        }
    }

    /** The machine's memory in bytes (unbounded when the JVM does not say). */
    private static long physicalMemory() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getTotalMemorySize();
        } catch (LinkageError | ClassCastException e) {
            return Long.MAX_VALUE;
        }
    }

    private static ExperimentException tooLarge(long weights) {
        return new ExperimentException("model", "the model does not fit in memory" + (weights > 0
                ? String.format(java.util.Locale.ROOT, " (%,d weights, %.1f GB as float32, before gradients and "
                        + "optimizer state)", weights, weights * 4 / 1e9) : "")
                + "; expected a smaller model");
    }

    /** The weights of a softmax or MLP model (0 for others), counted without building it. */
    private static long denseWeights(TrainingExperiment.ModelSpec spec, long[] shape, int outputs) {
        if (spec.id().equals("cnn")) {
            return 0;
        }
        long in = java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact);
        long weights = 0;
        for (int width : spec.id().equals("mlp") ? spec.hidden() : new int[0]) {
            weights += (in + 1) * width;
            in = width;
        }
        return weights + (in + 1) * outputs;
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
