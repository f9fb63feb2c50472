package org.optlab.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.core.runtime.OperationCanceledException;
import org.optlab.core.model.Workers;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.sweep.LocalEngine;
import org.optlab.runner.sweep.SweepEngine;
import org.optlab.runner.sweep.SweepEngines;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.SweepReport;
import org.optlab.runner.sweep.Trial;
import org.optlab.runner.sweep.TrialOutcome;
import org.optlab.runner.sweep.TrialRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code optlab sweep FILE --out DIR}: a whole study (every point of each optimizer's search space with the tuning
 * seeds, then each optimizer's best point with every seed), with progress on stderr; again on the same DIR it runs
 * only what has not ended. {@code sweep status DIR}, {@code sweep report DIR}, and the workers' own
 * {@code sweep trials DIR}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a sweep: tune each optimizer's hyper-parameters, then run its best setting over seeds.",
        subcommands = { SweepCommand.Status.class, SweepCommand.Report.class, SweepCommand.Trials.class })
final class SweepCommand implements Runnable {

    @ParentCommand
    OptlabCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the sweep (.json)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "the sweep's folder (again: resume it)")
    String outText;

    @Option(names = "--workers", paramLabel = "N",
            description = "trials side by side (default: the cores divided by --threads)")
    Integer workers;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "threads of each training trial (default: ${DEFAULT-VALUE}); results depend on it only")
    int threads;

    @Option(names = "--engine", paramLabel = "ID", description = "the engine (default: the file's, else local)")
    String engine;

    @Option(names = "--resume", description = "DIR must hold this sweep already: run what has not ended")
    boolean resume;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where full datasets are looked for first")
    Path dataDirectory;

    @Override
    public void run() {
        if (file == null) {
            throw new IllegalStateException("missing the sweep file: optlab sweep FILE --out DIR (or sweep status "
                    + "DIR, sweep report DIR)");
        }
        if (outText == null) {
            throw new IllegalStateException("missing --out DIR: the folder for the sweep's trials and report");
        }
        if (threads < 1) {
            throw new IllegalStateException("--threads must be at least 1, got " + threads);
        }
        if (workers != null && workers < 1) {
            throw new IllegalStateException("--workers must be at least 1, got " + workers);
        }
        Path out = OptlabCommand.folder(outText);
        if (resume && !java.nio.file.Files.exists(out.resolve(SweepFolder.SWEEP))) {
            throw new IllegalStateException("--resume: " + out + " holds no sweep to resume");
        }
        // the engine first: an unknown one is refused before the folder is made
        String id = engine != null ? engine : engineOf(file);
        SweepEngines engines = SweepEngines.fromExtensions();
        SweepEngine chosen = engines.create(id).orElseThrow(() -> new IllegalStateException("unknown engine '" + id
                + "'; known: " + engines.ids()));
        SweepFolder folder;
        try {
            folder = SweepFolder.create(file, out, root.registry(), root.datasets().ids());
        } catch (ExperimentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        int n = workers != null ? workers : folder.sweep().engine().path("workers").asInt(LocalEngine.defaultWorkers(
                threads));
        SweepEngine.Settings settings = new SweepEngine.Settings(folder.sweep().engine(), n, threads, dataDirectory,
                root.registry(), root.datasets());
        PrintWriter err = root.spec.commandLine().getErr();
        Progress progress = new Progress(err, folder.sweep().name(), System.console() != null);
        try (StopSignals stop = new StopSignals()) {
            try {
                for (List<Trial> todo = folder.pending(); !todo.isEmpty(); todo = next(folder)) {
                    progress.phase(todo.get(0).phase(), todo.size());
                    chosen.run(folder, todo, settings, progress, stop.monitor());
                    folder.writeResults();
                }
            } catch (OperationCanceledException e) {
                writeReport(folder);
                throw new IllegalStateException("stopped by " + stop.signal() + "; " + ended(folder) + " of "
                        + folder.trials().size() + " trials done; run the same command again to go on", e);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        progress.done();
        List<SweepReport.Entry> entries = writeReport(folder);
        PrintWriter stdout = root.spec.commandLine().getOut();
        for (SweepReport.Entry e : entries) {
            stdout.println(line(folder, e));
        }
        stdout.println(folder.sweep().name() + " -> " + out.resolve(SweepFolder.RESULTS) + ", " + out.resolve(
                SweepReport.JSON_FILE) + ", " + out.resolve(SweepReport.MARKDOWN_FILE));
        List<TrialOutcome> failed = folder.trials().stream().map(folder::outcome).flatMap(Optional::stream)
                .filter(o -> o.status().equals(TrialOutcome.FAILED)).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + folder.trials().size() + " trials failed (first:"
                    + " trial " + failed.get(0).trial() + ": " + failed.get(0).error() + "); the report covers the "
                    + "rest");
        }
    }

    /** The engine the sweep file names ("local" when it names none, or cannot be read: creating it says why). */
    private static String engineOf(Path file) {
        try {
            return org.optlab.runner.experiment.ExperimentFiles.read(file).path("engine").path("id").asText("local");
        } catch (RuntimeException e) {
            return "local";
        }
    }

    /** The trials still to run: the pending ones, else the seeds phase once the tune phase has ended. */
    private static List<Trial> next(SweepFolder folder) throws IOException {
        List<Trial> pending = folder.pending();
        return pending.isEmpty() ? folder.planSeedsPhase() : pending;
    }

    private static long ended(SweepFolder folder) {
        return folder.trials().stream().filter(t -> folder.outcome(t).isPresent()).count();
    }

    private static List<SweepReport.Entry> writeReport(SweepFolder folder) {
        try {
            return SweepReport.write(folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the report into " + folder.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String line(SweepFolder folder, SweepReport.Entry e) {
        String settings = e.settings().isEmpty() ? "no setting finished" : e.settings().toString().replaceAll(
                "[{}]", "");
        return String.format(Locale.ROOT, "%s: %s; %s %s over %d seed%s%s", e.optimizer(), settings,
                folder.sweep().objective().metric(), Double.isNaN(e.seeds().mean()) ? "-"
                        : String.format(Locale.ROOT, "%.4g", e.seeds().mean()) + (e.seeds().n() > 1 ? " \u00b1 "
                                + String.format(Locale.ROOT, "%.2g", e.seeds().std()) : ""),
                e.seeds().n(), e.seeds().n() == 1 ? "" : "s", e.diverged() > 0 ? ", " + e.diverged() + " diverged"
                        : "");
    }

    /** The progress line: trials done, running and failed of the phase, and the time left at this pace. */
    static final class Progress implements SweepEngine.Progress {
        private final PrintWriter err;
        private final String name;
        private final boolean terminal;
        private String phase = "";
        private long start;
        private long lastPrinted;

        Progress(PrintWriter err, String name, boolean terminal) {
            this.err = err;
            this.name = name;
            this.terminal = terminal;
        }

        void phase(String next, int trials) {
            phase = next;
            start = System.nanoTime();
            if (terminal) {
                err.println();
            }
            err.println("sweep " + name + ": phase " + next + ", " + trials + " trial" + (trials == 1 ? "" : "s"));
            err.flush();
        }

        @Override
        public synchronized void update(int done, int running, int failed, int total) {
            long now = System.nanoTime();
            // a terminal line is redrawn in place; a log gets a line every 5 s at most, and the last one
            if (!terminal && done < total && now - lastPrinted < 5_000_000_000L) {
                return;
            }
            lastPrinted = now;
            double elapsed = (now - start) / 1e9;
            String eta = done == 0 || done == total ? "" : ", ETA " + clock(elapsed / done * (total - done));
            String text = String.format(Locale.ROOT, "%s: %d/%d done, %d running, %d failed%s", phase, done, total,
                    running, failed, eta);
            err.print(terminal ? "\r" + text + "\u001b[K" : text + "\n");
            err.flush();
        }

        void done() {
            if (terminal) {
                err.println();
                err.flush();
            }
        }

        private static String clock(double seconds) {
            long s = Math.round(seconds);
            return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
    }

    /** {@code optlab sweep status DIR}: the trials by phase and status. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Count a sweep's trials by status.")
    static final class Status implements Runnable {
        @ParentCommand
        SweepCommand sweep;

        @Parameters(index = "0", paramLabel = "DIR", description = "the sweep's folder")
        Path directory;

        @Override
        public void run() {
            SweepFolder folder = open(sweep, directory);
            Map<String, Map<String, Integer>> counts = new TreeMap<>();
            for (Trial t : folder.trials()) {
                String status = folder.outcome(t).map(TrialOutcome::status).orElse(SweepFolder.PENDING);
                counts.computeIfAbsent(t.phase(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
            }
            PrintWriter out = sweep.root.spec.commandLine().getOut();
            out.println(folder.sweep().name() + ": " + folder.trials().size() + " trials planned");
            counts.forEach((phase, byStatus) -> out.println("  " + phase + ": " + byStatus.toString().replaceAll(
                    "[{}]", "").replace("=", " ")));
            if (!folder.sweep().seeds().isEmpty() && folder.trials().stream().noneMatch(t -> t.phase().equals(
                    Trial.SEEDS))) {
                out.println("  seeds: planned once the tune phase has ended");
            }
        }
    }

    /** {@code optlab sweep report DIR}: results.csv, report.json and report.md from what is there. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write results.csv, report.json and report.md from the trials that have ended.")
    static final class Report implements Runnable {
        @ParentCommand
        SweepCommand sweep;

        @Parameters(index = "0", paramLabel = "DIR", description = "the sweep's folder")
        Path directory;

        @Override
        public void run() {
            SweepFolder folder = open(sweep, directory);
            List<SweepReport.Entry> entries = writeReport(folder);
            PrintWriter out = sweep.root.spec.commandLine().getOut();
            entries.forEach(e -> out.println(line(folder, e)));
            out.println(folder.sweep().name() + ": " + ended(folder) + " of " + folder.trials().size()
                    + " trials ended -> " + directory.resolve(SweepReport.JSON_FILE));
        }
    }

    /**
     * {@code optlab sweep trials DIR [INDEX...] [--stdin]}: runs trials of a sweep in this process, one after another,
     * and prints {@code ended INDEX STATUS} as each ends. An engine's unit of work: the local engine's workers read
     * indices from stdin; a cluster's tasks get theirs on the command line.
     */
    @Command(name = "trials", hidden = true, mixinStandardHelpOptions = true,
            description = "Run trials of a sweep in this process (the engines' workers).")
    static final class Trials implements Runnable {
        @ParentCommand
        SweepCommand sweep;

        @Parameters(index = "0", paramLabel = "DIR", description = "the sweep's folder")
        Path directory;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "INDEX", description = "the trials to run")
        List<Integer> indices = new ArrayList<>();

        @Option(names = "--stdin", description = "read the trials to run from stdin, one index per line")
        boolean stdin;

        @Option(names = "--threads", paramLabel = "T", defaultValue = "1", description = "threads of each trial")
        int threads;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "where full datasets are looked for first")
        Path dataDirectory;

        @Override
        public void run() {
            SweepFolder folder = open(sweep, directory);
            Workers.setThreads(threads);
            PrintWriter out = sweep.root.spec.commandLine().getOut();
            try (StopSignals stop = new StopSignals()) {
                if (stdin) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null && !stop.monitor().isCanceled();) {
                        if (!line.isBlank()) {
                            runOne(folder, Integer.parseInt(line.trim()), out, stop);
                        }
                    }
                } else {
                    for (int index : indices) {
                        runOne(folder, index, out, stop);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("expected a trial index on stdin, got " + e.getMessage(), e);
            }
        }

        private void runOne(SweepFolder folder, int index, PrintWriter out, StopSignals stop) throws IOException {
            if (index < 0 || index >= folder.trials().size()) {
                throw new IllegalStateException("no trial " + index + " in " + folder.directory() + " (it has "
                        + folder.trials().size() + ")");
            }
            Trial t = folder.trials().get(index);
            TrialOutcome o;
            try {
                o = TrialRunner.run(folder.sweep(), t, folder.trialDirectory(t), sweep.root.registry(),
                        sweep.root.datasets(), dataDirectory, stop.monitor());
            } catch (OperationCanceledException e) {
                throw new IllegalStateException("stopped by " + stop.signal() + " in trial " + index, e);
            }
            out.println(LocalEngine.endedLine(o));
            out.flush();
        }
    }

    private static SweepFolder open(SweepCommand sweep, Path directory) {
        try {
            return SweepFolder.open(directory, sweep.root.registry(), sweep.root.datasets().ids());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
