package org.optlab.runner.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.RunFolder;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.SurfaceExperiment;
import org.optlab.runner.experiment.Sweep;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.experiment.TrajectoryResults;
import org.optlab.runner.training.Trainer;
import org.optlab.runner.training.TrainingRun;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs one trial of a sweep in this process, into its folder: the folder is an ordinary run folder ({@code
 * experiment.json}, {@code summary.json}, {@code metrics.csv} or {@code trajectories.csv}) that the lab opens like any
 * run, and gets {@link TrialOutcome#FILE} last. The objective is measured as the trial runs (training) or from its
 * trajectories (surfaces), so nothing is read back.
 */
public final class TrialRunner {

    private TrialRunner() {
    }

    /**
     * Runs {@code trial} into {@code directory}, replacing what an interrupted earlier attempt left there.
     *
     * @throws OperationCanceledException when the monitor is cancelled (the trial stays unfinished)
     * @throws IOException when the folder cannot be written (a full disk, another process holding it)
     */
    public static TrialOutcome run(Sweep sweep, Trial trial, Path directory, OptimizerRegistry optimizers,
            DatasetRegistry datasets, Path dataDirectory, IProgressMonitor monitor) throws IOException {
        Sweep.SweepOptimizer optimizer = sweep.optimizers().stream().filter(o -> o.label().equals(trial.optimizer()))
                .findFirst().orElseThrow(() -> new IOException("trial " + trial.index() + " names optimizer '"
                        + trial.optimizer() + "', which the sweep does not have"));
        ObjectNode experiment = sweep.trialExperiment(optimizer, trial.settings(), trial.seed());
        long start = System.nanoTime();
        TrialOutcome outcome;
        try (RunFolder folder = RunFolder.open(directory, true, "optlab sweep, trial " + trial.index())) {
            ResultFiles.writeJson(directory.resolve("experiment.json"), experiment);
            try {
                outcome = sweep.training() ? training(sweep, trial, experiment, directory, optimizers, datasets,
                        dataDirectory, monitor, start) : surface(sweep, trial, experiment, directory, optimizers,
                                monitor, start);
            } catch (OperationCanceledException e) {
                throw e;
            } catch (IllegalArgumentException | IllegalStateException | OutOfMemoryError e) { // ExperimentException too
                outcome = new TrialOutcome(trial.index(), TrialOutcome.FAILED, Double.NaN, seconds(start),
                        e.getMessage() != null ? e.getMessage() : e.toString());
            }
            ResultFiles.writeJson(directory.resolve(TrialOutcome.FILE), outcome.toJson());
        }
        return outcome;
    }

    private static TrialOutcome training(Sweep sweep, Trial trial, ObjectNode json, Path directory,
            OptimizerRegistry optimizers, DatasetRegistry datasets, Path dataDirectory, IProgressMonitor monitor,
            long start) throws IOException {
        TrainingExperiment experiment = TrainingExperiment.parse(json, optimizers, datasets.ids());
        TrainingMeasures measures = new TrainingMeasures();
        List<TrainingRun.Outcome> outcomes = TrainingRun.run(experiment, optimizers, datasets, dataDirectory,
                directory, measures, monitor);
        TrainingRun.Outcome o = outcomes.get(0);
        if (o.diverged()) {
            return new TrialOutcome(trial.index(), TrialOutcome.DIVERGED, Double.NaN, seconds(start), null);
        }
        double objective = switch (sweep.objective().metric()) {
            case "final_test_accuracy" -> o.finalTestAccuracy();
            case "best_test_accuracy" -> measures.bestAccuracy;
            case "final_test_loss" -> o.finalTestLoss();
            case "final_train_loss" -> measures.lastEpochLoss();
            default -> throw new IllegalStateException("unknown training objective " + sweep.objective().metric());
        };
        // a loss that overflowed without being flagged (or no evaluation at all) ranks like a divergence
        return Double.isFinite(objective) ? new TrialOutcome(trial.index(), TrialOutcome.FINISHED, objective,
                seconds(start), null) : new TrialOutcome(trial.index(), TrialOutcome.DIVERGED, Double.NaN,
                        seconds(start), null);
    }

    /** The measures a training's files would otherwise have to be read back for. */
    private static final class TrainingMeasures implements TrainingRun.Listener {
        double bestAccuracy = Double.NaN;
        int epoch = -1;
        double epochSum;
        long epochCount;

        @Override
        public void stepped(String optimizer, Trainer.StepMetrics m) {
            if (m.epoch() != epoch) {
                epoch = m.epoch();
                epochSum = 0;
                epochCount = 0;
            }
            epochSum += m.trainLoss();
            epochCount++;
        }

        @Override
        public void evaluated(String optimizer, Trainer.Evaluation e) {
            if (!Double.isNaN(e.testAccuracy()) && !(e.testAccuracy() <= bestAccuracy)) {
                bestAccuracy = e.testAccuracy();
            }
        }

        /** The mean train loss over the steps of the last epoch that ran. */
        double lastEpochLoss() {
            return epochCount == 0 ? Double.NaN : epochSum / epochCount;
        }
    }

    private static TrialOutcome surface(Sweep sweep, Trial trial, ObjectNode json, Path directory,
            OptimizerRegistry optimizers, IProgressMonitor monitor, long start) throws IOException {
        SurfaceExperiment experiment = SurfaceExperiment.parse(json, optimizers);
        List<Trajectory> trajectories = TrajectoryEngine.run(experiment.surface(), experiment.starts(),
                experiment.steps(), experiment.noise(), experiment.optimizers(), optimizers, monitor);
        TrajectoryResults.write(experiment, trajectories, directory, null);
        if (trajectories.stream().anyMatch(Trajectory::diverged)) {
            return new TrialOutcome(trial.index(), TrialOutcome.DIVERGED, Double.NaN, seconds(start), null);
        }
        double sum = 0;
        for (Trajectory t : trajectories) {
            sum += switch (sweep.objective().metric()) {
                case "final_loss" -> t.finalLoss();
                case "distance_to_minimum" -> {
                    Double d = TrajectoryResults.distanceToNearestMinimum(experiment, t.last());
                    if (d == null) {
                        throw new IllegalStateException(experiment.surface().id() + " has no known minimum to measure "
                                + "the distance to; expected the objective final_loss or steps_to");
                    }
                    yield d;
                }
                case "steps_to" -> stepsTo(experiment, t, sweep.objective().tolerance());
                default -> throw new IllegalStateException("unknown surface objective " + sweep.objective().metric());
            };
        }
        return new TrialOutcome(trial.index(), TrialOutcome.FINISHED, sum / trajectories.size(), seconds(start),
                null);
    }

    /**
     * The first step at which the loss is within {@code tolerance} of the surface's lowest known minimum (its value 0
     * where it has no known minimum); the race's length plus one when it never gets there.
     */
    static double stepsTo(SurfaceExperiment experiment, Trajectory t, double tolerance) {
        double lowest = experiment.surface().minima().stream().mapToDouble(m -> experiment.surface().value(m)).min()
                .orElse(0);
        for (int step = 0; step < t.length(); step++) {
            if (t.loss()[step] - lowest <= tolerance) {
                return step;
            }
        }
        return t.length();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
