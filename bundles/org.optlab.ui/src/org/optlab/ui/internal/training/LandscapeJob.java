package org.optlab.ui.internal.training;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.optlab.runner.landscape.LandscapeRun;
import org.optlab.runner.process.ChildRun;
import org.optlab.ui.internal.Messages;

/**
 * Computes a run's loss landscape with {@code optlab landscape RUN --out DIR} in a child process, as the lab runs its
 * trainings (ND4J and the evaluation stay out of the lab's process), cancellable from the Progress view; {@code done}
 * hears the folder once the command succeeded, or the command's one-line error.
 */
public final class LandscapeJob extends Job {

    /** What the job is asked to compute. */
    public record Request(Path run, Path out, LandscapeRun.Options options) {
    }

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
        monitor.beginTask(Messages.LandscapeView_job, IProgressMonitor.UNKNOWN);
        Path configuration = null;
        try {
            Files.createDirectories(request.out());
            Path log = request.out().resolve("log.txt");
            configuration = Files.createTempDirectory("optlab-child-configuration");
            LandscapeRun.Options o = request.options();
            List<String> arguments = new ArrayList<>(List.of("landscape", request.run().toString(), "--out", request
                    .out().toString(), "--directions", o.directions(), "--grid", Integer.toString(o.grid()), "--span",
                    String.format(Locale.ROOT, "%s", o.span()), "--examples", Integer.toString(o.examples()),
                    "--seed", Long.toString(o.seed())));
            Process process = new ProcessBuilder(ChildRun.SelfLaunch.current().command(configuration, arguments))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            while (!process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (monitor.isCanceled()) {
                    process.destroy();
                    process.waitFor();
                    done.accept(Messages.LandscapeView_cancelled);
                    return Status.CANCEL_STATUS;
                }
            }
            done.accept(process.exitValue() == 0 ? null : lastError(log));
            return Status.OK_STATUS;
        } catch (IOException e) {
            done.accept(e.getMessage());
            return Status.OK_STATUS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.accept(Messages.LandscapeView_cancelled);
            return Status.CANCEL_STATUS;
        } finally {
            if (configuration != null) {
                SweepRun.deleteTree(configuration);
            }
            monitor.done();
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
