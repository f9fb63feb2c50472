package org.optlab.ui.internal.training;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.optlab.runner.process.ChildRun;

/**
 * {@code optlab sweep FILE --out DIR} in a child process of this installation, as training runs are started: its
 * stdout and stderr go to {@code DIR/../<DIR's name>.log} (beside the folder, which the sweep wants empty), stdin is
 * {@code /dev/null}. {@link #stop} sends SIGTERM: the command stops cleanly, and the same file and folder resume later.
 */
public final class SweepRun {

    private final Process process;
    private final Path directory;
    private final Path log;
    private volatile boolean stopped;

    private SweepRun(Process process, Path directory, Path log) {
        this.process = process;
        this.directory = directory;
        this.log = log;
    }

    /** Starts the sweep on the engine its file names; {@code exited} hears the run when its process has ended. */
    public static SweepRun start(Path file, Path directory, Consumer<SweepRun> exited) throws IOException {
        return start(file, directory, null, exited);
    }

    /**
     * Starts the sweep on {@code engine} (null: the one its file names); {@code exited} hears the run when its process
     * has ended (on a thread of its own).
     */
    public static SweepRun start(Path file, Path directory, String engine, Consumer<SweepRun> exited)
            throws IOException {
        Path out = directory.toAbsolutePath();
        Files.createDirectories(out);
        Path log = out.resolveSibling(out.getFileName() + ".log");
        List<String> arguments = new java.util.ArrayList<>(List.of("sweep", file.toAbsolutePath().toString(), "--out",
                out.toString()));
        if (engine != null) {
            arguments.addAll(List.of("--engine", engine));
        }
        Process process = ChildRun.SelfLaunch.current().start(arguments, b -> b.redirectInput(ProcessBuilder.Redirect
                .from(new File("/dev/null"))).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect
                        .appendTo(log.toFile())));
        SweepRun run = new SweepRun(process, out, log);
        process.onExit().thenRun(() -> exited.accept(run));
        return run;
    }

    public Path directory() {
        return directory;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether {@link #stop} ended it. */
    public boolean stopped() {
        return stopped;
    }

    /** The exit code once it has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM: the sweep stops after writing its report; trials that were running run again on a resume. */
    public void stop() {
        stopped = true;
        process.destroy();
    }

    /**
     * Why it failed: the last line the command wrote that starts with "optlab: " (every failure of the command line
     * ends in one such line), or the log's last line.
     */
    public String error() {
        try {
            return failure(log).orElse("exit code " + exitCode());
        } catch (IOException e) {
            return "exit code " + exitCode() + " (" + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * What an optlab command's log says of its failure: its last line that starts with "optlab: " (every failure of
     * the command line ends in one such line), else its last line; empty for an empty log. Shared with the lab's
     * other commands in child processes.
     */
    static java.util.Optional<String> failure(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("optlab: ")) {
                return java.util.Optional.of(lines.get(i));
            }
        }
        return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(lines.get(lines.size() - 1));
    }
}
