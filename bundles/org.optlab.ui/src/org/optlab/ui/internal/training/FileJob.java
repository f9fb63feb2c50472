package org.optlab.ui.internal.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.progress.IProgressConstants;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * Writes a file (an exported picture or animation) in the background, with progress. When done it says where the
 * file went: to {@code done} (e.g. the status line), and in the Progress view, where the finished job stays. A
 * failure is reported to the Error Log and the user.
 */
public final class FileJob extends Job {

    public static final Object FAMILY = FileJob.class;

    /**
     * Writes the file, reporting progress to the monitor (which it may begin with a task); when the monitor is
     * cancelled it throws {@link OperationCanceledException} and leaves no file.
     */
    @FunctionalInterface
    public interface Work {
        void write(IProgressMonitor monitor) throws IOException;
    }

    private final String what;
    private final Path file;
    private final Work work;
    private final Consumer<String> done;

    /**
     * @param what what is written, for the messages ("the frame as PNG")
     * @param done told "Saved ... to FILE (size)" when the file is written, on the job's thread
     */
    public FileJob(String what, Path file, Work work, Consumer<String> done) {
        super(NLS.bind(Messages.FileJob_saving, what, file.getFileName()));
        this.what = what;
        this.file = file;
        this.work = work;
        this.done = done;
        setUser(true);
        setProperty(IProgressConstants.KEEP_PROPERTY, Boolean.TRUE); // the result stays in the Progress view
    }

    /**
     * The name an export proposes: {@code name} (an experiment's) with the extension, e.g. {@code rosenbrock-race.png};
     * characters a file name should not hold become '-', and a blank name gives {@code fallback}.
     */
    public static String fileName(String name, String fallback, String extension) {
        String safe = name.trim().replaceAll("[^\\p{L}\\p{N}._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return (safe.isEmpty() ? fallback : safe) + "." + extension;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            work.write(monitor);
            String message = NLS.bind(Messages.FileJob_saved, new Object[] { what, file,
                    String.format(Locale.ROOT, "%.1f kB", Files.size(file) / 1024.0) });
            done.accept(message);
            return new Status(IStatus.OK, Lab.PLUGIN, message);
        } catch (OperationCanceledException e) {
            return Status.CANCEL_STATUS; // the work left no file behind
        } catch (IOException | RuntimeException e) {
            String message = NLS.bind(Messages.FileJob_cannotSave, new Object[] { what, file, e.getMessage() });
            Problems.report(message, e);
            return new Status(IStatus.CANCEL, Lab.PLUGIN, message); // reported above, not a second time
        } finally {
            monitor.done();
        }
    }
}
