package org.optlab.ui.internal.training;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.guide.Guide;
import org.optlab.runner.guide.GuideRun;
import org.optlab.runner.landscape.LandscapeRun;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.StoredRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.osgi.util.NLS;
import org.optlab.ui.internal.Messages;

/**
 * A guide run in the background: its surface steps here (as the lab runs surfaces), its training steps as runs of
 * the run store, each in a child process like any run (listed in the Runs view, drawn in the charts, stoppable
 * there). Cancelling the job stops the run going and ends the guide; a failed step is reported (Error Log and the
 * user). The text it produced, with how it ended, goes to {@code show} at the end.
 */
public final class GuideJob extends Job {

    public static final Object FAMILY = GuideJob.class;
    private static final long POLL_MS = 100;

    private final Guide guide;
    private final RunStore store;
    private final Path out;
    private final Consumer<String> show;
    private final List<StoredRun> runs = new CopyOnWriteArrayList<>();
    /** The run of each training step, by the step's experiment (the object itself). */
    private final Map<JsonNode, StoredRun> byStep = java.util.Collections.synchronizedMap(
            new java.util.IdentityHashMap<>());

    /**
     * @param out where surface steps write their results (training steps go to the store's folders)
     * @param show told the guide's text when it has ended, on the job's thread
     */
    public GuideJob(Guide guide, RunStore store, Path out, Consumer<String> show) {
        super(NLS.bind(Messages.GuideJob_name, guide.title()));
        this.guide = guide;
        this.store = store;
        this.out = out;
        this.show = show;
        setUser(true);
    }

    /** The store's runs this guide started, in order. */
    public List<StoredRun> runs() {
        return List.copyOf(runs);
    }

    /** The run this guide started for the training step of {@code experiment}, if it did. */
    public java.util.Optional<StoredRun> runOf(JsonNode experiment) {
        return java.util.Optional.ofNullable(byStep.get(experiment));
    }

    /** Where the guide's surface steps and sweeps write their results ({@link GuideRun#stepFolder}). */
    public Path out() {
        return out;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), guide.steps().size());
        StringWriter text = new StringWriter();
        try {
            GuideRun.run(guide, OptimizerRegistry.fromExtensions(), out, new PrintWriter(text),
                    (experiment, suggested) -> train(experiment, monitor), (run, to, options) -> landscape(run, to,
                            options, monitor), monitor::isCanceled);
            show.accept(text.toString());
            return Status.OK_STATUS;
        } catch (CancellationException e) {
            show.accept(text + "\n" + NLS.bind(Messages.GuideJob_cancelled, e.getMessage()));
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            String message = NLS.bind(Messages.GuideJob_failed, guide.title(), e.getMessage());
            show.accept(text + "\n" + message);
            Problems.report(message, e);
            return Status.OK_STATUS; // reported above; an error result would be reported a second time
        } finally {
            monitor.done();
        }
    }

    /**
     * Computes a step's loss landscape as the Landscape view does, {@code optlab landscape} in a child process
     * ({@link LandscapeJob#compute}), its progress as the guide's subtask; cancelling ends the child.
     */
    private static void landscape(Path run, Path out, LandscapeRun.Options options, IProgressMonitor monitor)
            throws IOException {
        // the guide's monitor counts steps: the slice may tell its progress and be cancelled, not begin a task of it
        IProgressMonitor step = new ProgressMonitorWrapper(monitor) {
            @Override
            public void beginTask(String name, int totalWork) {
            }

            @Override
            public void worked(int work) {
            }

            @Override
            public void internalWorked(double work) {
            }

            @Override
            public void done() {
            }
        };
        String error;
        try {
            error = LandscapeJob.compute(new LandscapeJob.Request(run, out, options), step);
        } catch (OperationCanceledException e) {
            throw new CancellationException(NLS.bind(Messages.GuideJob_landscapeStopped, run.getFileName()));
        }
        if (error != null) {
            throw new IOException(NLS.bind(Messages.GuideJob_landscapeFailed, run.getFileName(), error));
        }
    }

    /**
     * The name of a guide's training run, which says which guide it belongs to: the guide's id, then the experiment's
     * own name unless that already starts with the id (the real hill's experiment is named "real-hill" itself).
     */
    static String runName(String guideId, String experimentName) {
        return experimentName.isEmpty() || experimentName.equals(guideId) ? guideId
                : experimentName.startsWith(guideId + "-") ? experimentName : guideId + "-" + experimentName;
    }

    /** Runs a training step as a run of the store and waits for it; cancelling stops it. */
    private Path train(JsonNode experiment, IProgressMonitor monitor) throws IOException {
        ObjectNode named = experiment.deepCopy();
        named.put("name", runName(guide.id(), named.path("name").asText("")));
        StoredRun run = store.submit(named);
        runs.add(run);
        byStep.put(experiment, run);
        while (!run.status().isDone()) {
            if (monitor.isCanceled()) {
                store.stop(run);
                throw new CancellationException(NLS.bind(Messages.GuideJob_runStopped, run.id()));
            }
            monitor.subTask(String.format(Locale.ROOT, "%s: %.0f %%", run.id(), 100 * run.progress()));
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                store.stop(run);
                throw new CancellationException(NLS.bind(Messages.GuideJob_interrupted, run.id()));
            }
        }
        monitor.worked(1);
        return switch (run.status()) {
            case FINISHED -> run.directory();
            case STOPPED, DELETED -> throw new CancellationException(NLS.bind(Messages.GuideJob_runStopped, run.id()));
            default -> throw new IOException(NLS.bind(Messages.GuideJob_runFailed, run.id(), run.message()));
        };
    }
}
