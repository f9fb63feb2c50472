package org.optlab.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.TrainingExperiment.Backend;
import org.optlab.runner.process.ChildRun.SelfLaunch;
import org.optlab.runner.training.Backends;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code optlab run} on the backend the experiment asks for. ND4J reads its backend priorities
 * (BACKEND_PRIORITY_CPU/GPU) once per process from the environment, so when this JVM's would give the other backend,
 * the run is started again in a child JVM with the right ones ({@link Backends#environment}): same command line,
 * stdin/stdout/stderr shared, its exit code returned as this one's, and SIGINT/SIGTERM passed on to it.
 */
final class BackendRelaunch {

    /** Set in the child: it runs with whatever backend it gets (never a second relaunch). */
    static final String MARK = "OPTLAB_RELAUNCHED";
    /** How long a child told to stop (SIGTERM) may take to write what it has before it is killed. */
    private static final long STOP_GRACE_SECONDS = 10;

    /** The relaunched run has ended; its exit code is the command's, and it has said all there is to say. */
    static final class Ended extends RuntimeException implements CommandLine.IExitCodeGenerator {
        private static final long serialVersionUID = 1L;
        private final int code;

        Ended(int code) {
            super("the run in the child JVM exited with code " + code, null, false, false);
            this.code = code;
        }

        @Override
        public int getExitCode() {
            return code;
        }
    }

    private BackendRelaunch() {
    }

    /**
     * Returns when this JVM can run {@code asked}; otherwise runs the command again in a child JVM that can, and
     * throws {@link Ended} with the child's exit code. A GPU that cannot work is reported here, before any relaunch.
     *
     * @param file the experiment, for error messages
     * @param root the root command, whose original arguments the child gets
     */
    static void ifNeeded(Backend asked, Path file, CommandSpec root) {
        Map<String, String> environment = System.getenv();
        if (!needed(asked, environment, Backends.gpuFeatureInstalled())) {
            return;
        }
        try {
            Backends.check(asked);
        } catch (ExperimentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        throw new Ended(relaunch(asked, root.commandLine().getParseResult().originalArgs()));
    }

    /**
     * Whether ND4J in a JVM with this {@code environment} would start another backend than {@code asked}: it takes
     * the available backend of highest priority, CPU 0 and GPU 100 unless the environment says otherwise.
     */
    static boolean needed(Backend asked, Map<String, String> environment, boolean cudaInstalled) {
        if (environment.containsKey(MARK)) {
            return false;
        }
        boolean prefersGpu = priority(environment, "BACKEND_PRIORITY_GPU", 100)
                > priority(environment, "BACKEND_PRIORITY_CPU", 0);
        return asked == Backend.GPU ? !prefersGpu : prefersGpu && cudaInstalled;
    }

    private static int priority(Map<String, String> environment, String name, int otherwise) {
        try {
            return Integer.parseInt(environment.getOrDefault(name, String.valueOf(otherwise)).strip());
        } catch (NumberFormatException e) {
            return otherwise; // as ND4J does with a value it cannot read
        }
    }

    private static int relaunch(Backend asked, List<String> arguments) {
        Path configuration = null;
        try {
            configuration = Files.createTempDirectory("optlab-run-configuration");
            ProcessBuilder builder = new ProcessBuilder(SelfLaunch.current().command(configuration, arguments))
                    .inheritIO();
            builder.environment().putAll(Backends.environment(asked));
            builder.environment().put(MARK, "1");
            Process child = builder.start();
            // SIGINT/SIGTERM end this JVM through its shutdown hooks: stop the child as the signal would, and wait
            // for it, so that it writes its summary ("stopped") before both are gone.
            Thread stopper = new Thread(() -> stop(child), "OptLab relaunched run stopper");
            Runtime.getRuntime().addShutdownHook(stopper);
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs and finds the child gone
            }
            return code;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the run in a JVM for the " + asked.name().toLowerCase()
                    + " backend: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the run went on in a child JVM");
        } finally {
            if (configuration != null) {
                org.optlab.runner.Trees.deleteQuietly(configuration);
            }
        }
    }

    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
        }
    }
}
