package org.optlab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.OperationCanceledException;
import org.optlab.runner.RunFolder;
import org.optlab.runner.landscape.LandscapeRun;
import org.optlab.runner.process.ProgressLine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code optlab landscape RUN_DIR --out DIR}: the loss on a 2-D slice through a training run's parameters (Li et al.
 * 2018), with the optimizers' paths on it, from the run's snapshots.
 */
@Command(name = "landscape", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The loss on a 2-D slice through a training run's parameters, with the optimizers' paths.")
final class LandscapeCommand implements Runnable {

    @ParentCommand
    OptlabCommand root;

    @Parameters(index = "0", paramLabel = "RUN_DIR",
            description = "a training run's folder with snapshots (an experiment run with \"snapshots\": K)")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the slice's files go")
    String outText;

    @Option(names = "--directions", paramLabel = "pca|random", defaultValue = LandscapeRun.PCA,
            description = "pca: the paths' first two principal directions through their start; random: "
                    + "filter-normalised Gaussian directions through the first optimizer's end (default: "
                    + "${DEFAULT-VALUE})")
    String directions;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "41", description = "points per side (default: "
            + "${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--span", paramLabel = "S", defaultValue = "1.0", description = "the grid covers [-S, S]^2 "
            + "(default: ${DEFAULT-VALUE})")
    double span;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "2000",
            description = "the first N training examples evaluated at each point (default: ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "of the random directions "
            + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where full datasets are looked for first")
    Path dataDirectory;

    @Override
    public void run() {
        Path out = OptlabCommand.folder(outText);
        LandscapeRun.Options options;
        try {
            options = new LandscapeRun.Options(directions, grid, span, examples, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // one optlab landscape at a time writes a folder, with the lock optlab sweep and runs take
        boolean existed = Files.exists(out);
        FileChannel lock;
        try {
            lock = RunFolder.hold(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use " + out + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            throw new IllegalStateException(out + " is in use by another optlab landscape (or sweep, or run); wait "
                    + "for it to end, or choose another folder");
        }
        try (lock) {
            slice(out, options);
        } catch (IOException e) {
            throw new IllegalStateException("cannot let go of " + out + ": " + e.getMessage(), e);
        } finally {
            if (!existed && !Files.exists(out.resolve(LandscapeRun.SUMMARY))) { // failed before writing: leave nothing
                try {
                    Files.deleteIfExists(out.resolve(RunFolder.LOCK));
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // not empty after all: left as it is
                }
            }
        }
    }

    private void slice(Path out, LandscapeRun.Options options) {
        LandscapeRun.Result r;
        Shown shown = new Shown(root.spec.commandLine().getErr(), System.console() != null);
        try (StopSignals stop = new StopSignals()) {
            r = LandscapeRun.run(run, out, options, root.registry(), root.datasets(), dataDirectory, shown, stop
                    .monitor());
        } catch (OperationCanceledException e) {
            shown.end();
            throw new IllegalStateException("stopped; " + out + " may hold part of the slice", e);
        } catch (IOException | IllegalArgumentException e) {
            shown.end();
            throw new IllegalStateException(e.getMessage(), e);
        }
        shown.end();
        PrintWriter stdout = root.spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "%d x %d points on %d examples, %s directions explaining %.1f %% "
                + "and %.1f %% of the paths, %.1f s -> %s", grid, grid, r.examples(), directions, 100 * r.explained()[0],
                100 * r.explained()[1], r.seconds(), out.resolve(LandscapeRun.PNG)));
    }

    /**
     * The slice's progress on stderr as {@link ProgressLine}s (the lab's Landscape job reads them from the command's
     * log): on a terminal one line redrawn in place; otherwise each phase's first and last line, and in between a line
     * a second at most (often enough for the lab's progress bar, few enough for a log).
     */
    static final class Shown implements LandscapeRun.Progress {
        private static final long TERMINAL_NANOS = 100_000_000L, LOG_NANOS = 1_000_000_000L;

        private final PrintWriter err;
        private final boolean terminal;
        private String phase = "";
        private long phaseStart;
        private long lastPrinted;
        private boolean drawn;

        Shown(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void update(String next, long done, long total) {
            long now = System.nanoTime();
            boolean first = !next.equals(phase);
            if (first) {
                phase = next;
                phaseStart = now;
            } else if (done < total && now - lastPrinted < (terminal ? TERMINAL_NANOS : LOG_NANOS)) {
                return;
            }
            lastPrinted = now;
            double elapsed = (now - phaseStart) / 1e9;
            // a time left once a phase has run long enough to tell its pace
            String eta = done == 0 || done == total || elapsed < 1 ? ""
                    : ", ETA " + SweepCommand.Progress.clock(elapsed / done * (total - done));
            String text = new ProgressLine(phase, done, total).format() + eta;
            err.print(terminal ? "\r" + text + "\u001b[K" : text + "\n");
            err.flush();
            drawn = true;
        }

        /** Ends a line redrawn in place, so that what follows starts on a line of its own. */
        void end() {
            if (terminal && drawn) {
                err.println();
                err.flush();
            }
            drawn = false;
        }
    }
}
