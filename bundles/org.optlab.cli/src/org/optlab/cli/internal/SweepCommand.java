package org.optlab.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.core.runtime.OperationCanceledException;
import org.optlab.core.model.Workers;
import org.optlab.runner.RunFolder;
import org.optlab.runner.process.ProgressLine;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.sweep.LocalEngine;
import org.optlab.runner.sweep.SweepEngine;
import org.optlab.runner.sweep.SweepEngines;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.SweepReport;
import org.optlab.runner.sweep.Trial;
import org.optlab.runner.sweep.TrialOutcome;
import org.optlab.runner.sweep.TrialWorker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        subcommands = { SweepCommand.Status.class, SweepCommand.Report.class, SweepCommand.Cancel.class,
                SweepCommand.Trials.class })
final class SweepCommand implements Runnable {

    @ParentCommand
    OptlabCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "the sweep (.json); with --resume it may be left out: DIR's own")
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

    @Option(names = "--detach", description = "return once the trials are submitted (engines with a queue: slurm);"
            + " follow with sweep status DIR")
    boolean detach;

    @Option(names = "--partition", paramLabel = "NAME", description = "slurm: the partition")
    String partition;

    @Option(names = "--time", paramLabel = "TIME", description = "slurm: the time limit of each task, e.g. 00:20:00")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "slurm: CPUs of each task (default: --threads)")
    Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "SIZE", description = "slurm: memory of each task, e.g. 4G")
    String mem;

    @Option(names = "--max-parallel", paramLabel = "N", description = "slurm: array tasks running at once")
    Integer maxParallel;

    @Option(names = "--trials-per-task", paramLabel = "N", description = "slurm: trials each array task runs")
    Integer trialsPerTask;

    @Option(names = "--retries", paramLabel = "N",
            description = "slurm: resubmissions of a trial whose task failed, was cancelled or ran out (default: 2)")
    Integer retries;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "slurm: an extra sbatch option, e.g. "
            + "--sbatch-arg=--account=ml (repeatable)")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--optlab", paramLabel = "PATH",
            description = "slurm: OptLab's command on the nodes (default: this installation's)")
    String optlab;

    /** The engine options given on the command line, under the keys of the sweep file's engine object. */
    private ObjectNode engineOptions(ObjectNode fromFile) {
        ObjectNode options = fromFile.deepCopy();
        if (detach) {
            options.put("detach", true);
        }
        putIf(options, "partition", partition);
        putIf(options, "time", time);
        putIf(options, "cpus_per_task", cpusPerTask);
        putIf(options, "mem", mem);
        putIf(options, "max_parallel", maxParallel);
        putIf(options, "trials_per_task", trialsPerTask);
        putIf(options, "retries", retries);
        putIf(options, "optlab", optlab);
        if (!sbatchArgs.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode args = options.putArray("sbatch_args");
            sbatchArgs.forEach(args::add);
        }
        return options;
    }

    private static void putIf(ObjectNode options, String key, Object value) {
        if (value instanceof Integer i) {
            options.put(key, i);
        } else if (value != null) {
            options.put(key, value.toString());
        }
    }

    @Override
    public void run() {
        if (file == null && !resume) {
            throw new IllegalStateException("missing the sweep file: optlab sweep FILE --out DIR (or sweep status "
                    + "DIR, sweep report DIR, sweep cancel DIR, sweep --out DIR --resume)");
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
        if (resume && !Files.exists(out.resolve(SweepFolder.SWEEP))) {
            throw new IllegalStateException("--resume: " + out + " holds no sweep to resume");
        }
        // the engine first: an unknown one is refused before the folder is made
        String id = engine != null ? engine : engineOf(file != null ? file : out.resolve(SweepFolder.SWEEP));
        SweepEngines engines = SweepEngines.fromExtensions();
        SweepEngine chosen = engines.create(id).orElseThrow(() -> new IllegalStateException("unknown engine '" + id
                + "'; known: " + engines.ids()));
        // one optlab sweep at a time drives a folder
        boolean existed = Files.exists(out);
        java.nio.channels.FileChannel lock;
        try {
            lock = RunFolder.hold(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use " + out + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            if (detach && resume && file == null) { // a detached sweep's continuation while another follows it
                root.spec.commandLine().getOut().println("another optlab sweep follows " + out + "; it goes on");
                return;
            }
            throw new IllegalStateException("another optlab sweep is running in " + out + "; wait for it to end, or "
                    + "stop it first");
        }
        try (lock) {
            run(out, id, chosen);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            if (!existed && !Files.exists(out.resolve(SweepFolder.SWEEP))) { // a bad sweep file: leave nothing
                try {
                    Files.deleteIfExists(out.resolve(RunFolder.LOCK));
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // not empty after all: left as it is
                }
            }
        }
    }

    private void run(Path out, String id, SweepEngine chosen) throws IOException {
        SweepFolder folder;
        try {
            folder = file != null ? SweepFolder.create(file, out, root.registry(), root.datasets().ids())
                    : SweepFolder.open(out, root.registry(), root.datasets().ids());
        } catch (ExperimentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        // another engine's trials still queued or running (a detached sweep on a cluster) would be run twice
        SweepEngines engines = SweepEngines.fromExtensions();
        for (String other : engines.ids()) {
            if (!other.equals(id)) {
                List<String> busy = engines.create(other).orElseThrow().running(folder);
                if (!busy.isEmpty()) {
                    throw new IllegalStateException(out + " still has trials on the " + other + " engine ("
                            + String.join("; ", busy) + "); follow them with --engine " + other + ", or cancel them "
                            + "first: optlab sweep cancel " + out);
                }
            }
        }
        int n = workers != null ? workers : folder.sweep().engine().path("workers").asInt(LocalEngine.defaultWorkers(
                threads));
        ObjectNode options = engineOptions(folder.sweep().engine());
        options.put("id", id);
        SweepEngine.Settings settings = new SweepEngine.Settings(options, n, threads, dataDirectory, root.registry(),
                root.datasets());
        PrintWriter err = root.spec.commandLine().getErr();
        Progress progress = new Progress(err, folder.sweep().name(), System.console() != null);
        try (StopSignals stop = new StopSignals()) {
            try {
                for (List<Trial> todo = folder.next(); !todo.isEmpty(); todo = folder.next()) {
                    progress.phase(todo.get(0).phase(), todo.size());
                    chosen.run(folder, todo, settings, progress, stop.monitor());
                    if (detach && !folder.pending().isEmpty()) {
                        progress.done();
                        folder.writeResults();
                        PrintWriter stdout = root.spec.commandLine().getOut();
                        chosen.status(folder).forEach(stdout::println);
                        stdout.println(folder.sweep().name() + ": submitted; follow it with optlab sweep status " + out
                                + ", stop it with optlab sweep cancel " + out);
                        return;
                    }
                    folder.writeResults();
                }
            } catch (OperationCanceledException e) {
                writeReport(folder);
                throw new IllegalStateException("stopped by " + stop.signal() + "; " + ended(folder) + " of "
                        + folder.trials().size() + " trials done; run the same command again to go on", e);
            }
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

    /**
     * The engine a sweep file (or a sweep folder's sweep.json) names ("local" when it names none, or cannot be read:
     * creating it says why).
     */
    private static String engineOf(Path file) {
        try {
            JsonNode root = org.optlab.runner.experiment.ExperimentFiles.read(file);
            JsonNode sweep = root.has("trials") ? root.path("sweep") : root;
            return sweep.path("engine").path("id").asText("local");
        } catch (RuntimeException e) {
            return "local";
        }
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
            String text = new ProgressLine(phase, done, total).format() + String.format(Locale.ROOT,
                    ", %d running, %d failed%s", running, failed, eta);
            err.print(terminal ? "\r" + text + "\u001b[K" : text + "\n");
            err.flush();
        }

        void done() {
            if (terminal) {
                err.println();
                err.flush();
            }
        }

        /** m:ss, or h:mm:ss from an hour on (shared with the other commands' progress lines). */
        static String clock(double seconds) {
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
            SweepEngines engines = SweepEngines.fromExtensions();
            for (String id : engines.ids()) {
                try {
                    engines.create(id).orElseThrow().status(folder).forEach(out::println);
                } catch (IOException | RuntimeException e) {
                    out.println(id + ": " + e.getMessage());
                }
            }
        }
    }

    /** {@code optlab sweep cancel DIR}: stops what the engines still run for the sweep elsewhere (a cluster). */
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a sweep's jobs on a cluster (what optlab sweep --detach submitted).")
    static final class Cancel implements Runnable {
        @ParentCommand
        SweepCommand sweep;

        @Parameters(index = "0", paramLabel = "DIR", description = "the sweep's folder")
        Path directory;

        @Override
        public void run() {
            SweepFolder folder = open(sweep, directory);
            SweepEngines engines = SweepEngines.fromExtensions();
            List<String> said = new ArrayList<>();
            for (String id : engines.ids()) {
                try {
                    said.addAll(engines.create(id).orElseThrow().cancel(folder));
                } catch (IOException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            PrintWriter out = sweep.root.spec.commandLine().getOut();
            if (said.isEmpty()) {
                out.println(folder.sweep().name() + ": nothing to cancel (no engine runs its trials elsewhere; a "
                        + "sweep running in a terminal stops with Ctrl+C)");
            }
            said.forEach(out::println);
            out.println(folder.sweep().name() + ": " + ended(folder) + " of " + folder.trials().size()
                    + " trials ended; optlab sweep report " + directory + " reports them");
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
            TrialWorker worker;
            try {
                worker = new TrialWorker(directory, sweep.root.registry(), sweep.root.datasets(), dataDirectory);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            Workers.setThreads(threads);
            PrintWriter out = sweep.root.spec.commandLine().getOut();
            try (StopSignals stop = new StopSignals()) {
                if (stdin) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null && !stop.monitor().isCanceled();) {
                        if (!line.isBlank()) {
                            runOne(worker, Integer.parseInt(line.trim()), out, stop);
                        }
                    }
                } else {
                    for (int index : indices) {
                        runOne(worker, index, out, stop);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("expected a trial index on stdin, got " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private static void runOne(TrialWorker worker, int index, PrintWriter out, StopSignals stop)
                throws IOException {
            TrialOutcome o;
            try {
                o = worker.run(index, stop.monitor());
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
