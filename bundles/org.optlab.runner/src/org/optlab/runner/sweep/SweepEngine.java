package org.optlab.runner.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs trials of a sweep: the contract of the {@code org.optlab.runner.engines} extension point. An engine gets
 * trials of a sweep folder and returns once each of them has its {@link TrialOutcome#FILE} (or the monitor was
 * cancelled); it tells how many have ended as they do. A trial is run by OptLab itself ({@link TrialRunner}, or
 * {@code optlab sweep trials DIR INDEX...} in another process), so that every engine gives the same results.
 */
public interface SweepEngine {

    /** What an engine is told as trials start and end: counts over the trials given to it. */
    interface Progress {
        void update(int done, int running, int failed, int total);
    }

    /**
     * What a run of the engine may use: the file's {@code engine} object (with the command line's options put in),
     * the trials side by side and the threads of each, where datasets are, and the registries. Each engine reads the
     * options it knows and refuses any other. {@code "detach": true} asks it to return once the trials are handed
     * over (a cluster's queue) instead of once they have ended; an engine that cannot says so.
     */
    record Settings(ObjectNode options, int workers, int threads, Path dataDirectory, OptimizerRegistry optimizers,
            DatasetRegistry datasets) {
    }

    /**
     * Runs {@code trials} of {@code folder}'s sweep.
     *
     * @throws org.eclipse.core.runtime.OperationCanceledException when the monitor was cancelled (the trials that
     *         were running stay unfinished: a resume runs them again)
     * @throws IOException when the engine cannot run them at all (say why in one line)
     */
    void run(SweepFolder folder, List<Trial> trials, Settings settings, Progress progress, IProgressMonitor monitor)
            throws IOException;

    /**
     * What this engine has going on for {@code folder} that the trials' files do not show (jobs in a cluster's
     * queue), one line each; none by default.
     */
    default List<String> status(SweepFolder folder) throws IOException {
        return List.of();
    }

    /**
     * The trials of {@code folder} this engine still has running or queued elsewhere (a cluster's jobs), one line
     * each; none by default. Another engine must not take the sweep on meanwhile: it would run them twice.
     */
    default List<String> running(SweepFolder folder) throws IOException {
        return List.of();
    }

    /**
     * Stops whatever this engine still runs for {@code folder} elsewhere (a cluster's jobs) and says what it stopped,
     * one line each; none when it has nothing there (by default: an engine whose trials run in the process that
     * started them is stopped by stopping that process).
     */
    default List<String> cancel(SweepFolder folder) throws IOException {
        return List.of();
    }

    /** The option keys of {@code options} that are not among {@code known}, in their order. */
    static List<String> unknownOptions(ObjectNode options, java.util.Set<String> known) {
        List<String> unknown = new java.util.ArrayList<>();
        options.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                unknown.add(k);
            }
        });
        return unknown;
    }
}
