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
     * the trials side by side and the threads of each, where datasets are, and the registries.
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
}
