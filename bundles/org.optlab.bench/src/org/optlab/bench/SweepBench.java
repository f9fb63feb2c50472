package org.optlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.Trees;
import org.optlab.runner.sweep.LocalEngine;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.Trial;
import org.optlab.runner.sweep.TrialOutcome;

/**
 * How close a training sweep comes to its ideal: {@code trials} trainings (softmax, one epoch, the embedded
 * Fashion-MNIST subset; SGD over a log grid of learning rates, so that trials differ) run by the local engine on
 * {@code workers} worker processes in a temporary sweep folder, the path {@code optlab sweep} takes. The ideal is the
 * sum of the trials' own seconds (their {@code trial.json}) divided by the workers; the ratio shows what worker
 * start-up, feeding and everything else around the trials cost.
 */
public final class SweepBench {

    /**
     * What was run, its wall-clock time, its ideal, and when the first trial began (what the workers' start took:
     * the rest of the wall time is the trials and the little between them).
     */
    public record Report(int trials, int workers, double wallSeconds, double idealSeconds, double startSeconds) {

        public double ratio() {
            return wallSeconds / idealSeconds;
        }
    }

    private SweepBench() {
    }

    /** The sweep file of the bench: one optimizer, {@code trials} learning rates, the tune phase only. */
    static String sweepFile(int trials, int workers) {
        return String.format(Locale.ROOT, """
                {"name": "bench-sweep",
                 "experiment": {"name": "bench", "dataset": {"id": "fashion-mnist", "subset": "embedded"},
                   "model": {"id": "softmax"}, "epochs": 1, "batch_size": 64},
                 "optimizers": [{"id": "sgd", "search": {"lr": {"log": [1e-3, 1], "points": %d}}}],
                 "objective": {"metric": "final_test_accuracy", "goal": "max"},
                 "tuning": {"seeds": [42]},
                 "engine": {"id": "local", "workers": %d}}""", trials, workers);
    }

    /**
     * Runs the sweep and removes its folder.
     *
     * @throws IOException when the folder cannot be written or a trial did not finish (the bench would be wrong)
     */
    public static Report run(OptimizerRegistry optimizers, DatasetRegistry datasets, int trials, int workers)
            throws IOException {
        if (trials < 1 || workers < 1) {
            throw new IllegalArgumentException("trials and workers must be at least 1, got " + trials + " and "
                    + workers);
        }
        Path directory = Files.createTempDirectory("optlab-bench-sweep");
        try {
            Path file = directory.resolve("sweep.json");
            Files.writeString(file, sweepFile(trials, workers));
            SweepFolder folder = SweepFolder.create(file, directory.resolve("out"), optimizers, datasets.ids());
            List<Trial> todo = folder.pending();
            long startedAt = System.currentTimeMillis(); // the clock of the trials' files
            long start = System.nanoTime();
            LocalEngine.run(folder, todo, workers, 1, null, optimizers, datasets, null, null);
            double wall = (System.nanoTime() - start) / 1e9;
            double sum = 0;
            long firstTrial = Long.MAX_VALUE;
            for (Trial t : todo) {
                firstTrial = Math.min(firstTrial, Files.getLastModifiedTime(folder.trialDirectory(t).resolve(
                        "experiment.json")).toMillis()); // its first file
                TrialOutcome o = folder.outcome(t).orElseThrow(() -> new IOException("trial " + t.index()
                        + " did not end"));
                if (!o.finished()) {
                    throw new IOException("trial " + t.index() + " " + o.status() + (o.error() != null ? ": "
                            + o.error() : ""));
                }
                sum += o.seconds();
            }
            return new Report(todo.size(), workers, wall, sum / workers, Math.max(0, firstTrial - startedAt) / 1e3);
        } catch (org.optlab.runner.experiment.ExperimentException e) {
            throw new IllegalStateException("the bench's own sweep file is wrong: " + e.getMessage(), e);
        } finally {
            Trees.deleteQuietly(directory);
        }
    }
}
