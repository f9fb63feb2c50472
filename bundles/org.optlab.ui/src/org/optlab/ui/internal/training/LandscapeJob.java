package org.optlab.ui.internal.training;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.optlab.runner.landscape.LandscapeRun;
import org.optlab.runner.process.ChildRun;
import org.optlab.runner.process.ProgressLine;
import org.optlab.ui.internal.Messages;

/**
 * Computes a run's loss landscape with {@code optlab landscape RUN --out DIR} in a child process, as the lab runs its
 * trainings (ND4J and the evaluation stay out of the lab's process), cancellable from the Progress view, its progress
 * read from the command's progress lines; {@code done} hears the folder once the command succeeded, or the command's
 * one-line error. {@link #compute} is the same, for a caller already in a job of its own (a guide).
 */
public final class LandscapeJob extends Job {

    /** What the job is asked to compute. */
    public record Request(Path run, Path out, LandscapeRun.Options options) {
    }

    /** Work units of the whole slice on a monitor. */
    static final int TICKS = 1000;
    private static final long POLL_MS = 200;

    private final Request request;
    private final Consumer<String> done;

    /** @param done called with null on success, else the command's error line */
    public LandscapeJob(Request request, Consumer<String> done) {
        super(Messages.LandscapeView_job);
        this.request = request;
        this.done = done;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            done.accept(compute(request, monitor));
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            done.accept(Messages.LandscapeView_cancelled);
            return Status.CANCEL_STATUS;
        }
    }

    /**
     * Runs {@code optlab landscape} for {@code request} in a child process and waits for it, {@code monitor} told the
     * progress ({@value #TICKS} units in all); cancelling the monitor ends the child.
     *
     * @return null on success, else the command's one-line error (without its "optlab: ")
     * @throws OperationCanceledException when the monitor was cancelled (the child has ended)
     */
    public static String compute(Request request, IProgressMonitor monitor) {
        monitor.beginTask(Messages.LandscapeView_job, TICKS);
        try {
            Files.createDirectories(request.out());
            Path log = request.out().resolve("log.txt");
            LandscapeRun.Options o = request.options();
            List<String> arguments = new ArrayList<>(List.of("landscape", request.run().toString(), "--out", request
                    .out().toString(), "--directions", o.directions(), "--grid", Integer.toString(o.grid()), "--span",
                    String.format(Locale.ROOT, "%s", o.span()), "--examples", Integer.toString(o.examples()),
                    "--seed", Long.toString(o.seed())));
            Process process = ChildRun.SelfLaunch.current().start(arguments, b -> b.redirectInput(ProcessBuilder
                    .Redirect.from(new File("/dev/null"))).redirectErrorStream(true).redirectOutput(log.toFile()));
            Progress progress = new Progress(log, monitor);
            while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                progress.read();
                if (monitor.isCanceled()) {
                    process.destroy();
                    process.waitFor();
                    throw new OperationCanceledException();
                }
            }
            progress.read();
            return process.exitValue() == 0 ? null : lastError(log);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        } finally {
            monitor.done();
        }
    }

    /**
     * The command's progress lines, read from its log as it grows, as work on a monitor: the share of the whole slice
     * each line tells ({@link LandscapeRun#fraction}), the line itself as the subtask.
     */
    static final class Progress {
        private final Path log;
        private final IProgressMonitor monitor;
        private long offset;
        private int worked;

        Progress(Path log, IProgressMonitor monitor) {
            this.log = log;
            this.monitor = monitor;
        }

        /** Reads the lines the log has gained since the last read (whole lines only). */
        void read() throws IOException {
            if (!Files.exists(log)) {
                return;
            }
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long length = file.length();
                if (length <= offset) {
                    return;
                }
                byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                file.seek(offset);
                file.readFully(bytes);
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
                offset += end;
                new String(bytes, 0, end, StandardCharsets.UTF_8).lines().forEach(this::line);
            }
        }

        /** One line of the log: progress moves the monitor forward (never back); any other line is left alone. */
        void line(String text) {
            ProgressLine.parse(text).ifPresent(p -> {
                monitor.subTask(p.format());
                int reached = (int) Math.round(TICKS * LandscapeRun.fraction(p.phase(), p.done(), p.total()));
                if (reached > worked) {
                    monitor.worked(reached - worked);
                    worked = reached;
                }
            });
        }

        int worked() {
            return worked;
        }
    }

    /** The command's one-line error, without its "optlab: ". */
    private static String lastError(Path log) {
        try {
            return SweepRun.failure(log).map(line -> line.replaceFirst("^optlab: ", "")).orElse("no output");
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
