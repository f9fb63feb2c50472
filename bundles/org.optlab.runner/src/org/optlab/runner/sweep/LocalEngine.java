package org.optlab.runner.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.Sweep;
import org.optlab.runner.process.ChildRun;
import org.optlab.runner.process.ClassPathLaunch;
import org.optlab.runner.process.ConfigurationSlots;

/**
 * The embedded engine: surface trials in this process on the machine's cores; training trials in worker processes
 * ({@link TrialWorker} on the plain class path of this installation's bundles, or where that cannot be, this
 * installation started again: {@code optlab sweep trials DIR --stdin --threads T}), each taking trial after trial
 * from this process over its stdin, so that a JVM and ND4J start once per worker, not per trial. A worker that
 * dies (a native crash, out of memory) fails the trial it was running, with the reason, and another takes its place.
 * Cancelling the monitor stops the workers; the trials they were running stay unfinished (a resume runs them again).
 */
public final class LocalEngine implements SweepEngine {

    /** A worker's log (its stderr), in its folder under the sweep's {@code .workers}. */
    static final String LOG = "log.txt";

    /** Trials handed to a worker at a time: the one it runs and the next. */
    static final int AHEAD = 2;

    /** The line a worker prints when a trial has ended: {@code ended INDEX STATUS}. */
    public static final String ENDED = "ended";

    /** Created by the extension registry. */
    public LocalEngine() {
    }

    @Override
    public void run(SweepFolder folder, List<Trial> trials, Settings settings, Progress progress,
            IProgressMonitor monitor) throws IOException {
        if (settings.options().path("detach").asBoolean()) {
            throw new IOException("the local engine cannot detach: its workers are this process's children (a "
                    + "cluster engine can, e.g. --engine slurm)");
        }
        List<String> unknown = SweepEngine.unknownOptions(settings.options(), java.util.Set.of("id", "workers",
                "detach"));
        if (!unknown.isEmpty()) {
            throw new IOException("engine." + unknown.get(0) + ": the local engine has no such option (it has "
                    + "workers)");
        }
        run(folder, trials, settings.workers(), settings.threads(), settings.dataDirectory(), settings.optimizers(),
                settings.datasets(), progress, monitor);
    }

    /** Workers that fit the machine: one per {@code threads} cores, at least one. */
    public static int defaultWorkers(int threads) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, threads));
    }

    /**
     * Runs {@code trials} of the folder's sweep and returns when each has ended (or the monitor was cancelled, which
     * throws {@link OperationCanceledException} once the workers are gone).
     *
     * @param workers processes (training) or threads (surfaces) side by side
     * @param threads threads of each training trial (its result depends on them only, not on the workers)
     */
    public static void run(SweepFolder folder, List<Trial> trials, int workers, int threads, Path dataDirectory,
            OptimizerRegistry optimizers, DatasetRegistry datasets, Progress progress, IProgressMonitor monitor)
            throws IOException {
        IProgressMonitor m = monitor == null ? new NullProgressMonitor() : monitor;
        Counter counter = new Counter(trials.size(), progress);
        if (folder.sweep().training()) {
            boolean quick = quickStart(folder.sweep());
            inWorkers(folder, trials, workers, threads, dataDirectory, quick, quick && optimizers != null
                    && !sums(folder.sweep(), optimizers), plainWorkers(folder.sweep(), optimizers, datasets), counter,
                    m);
        } else {
            inProcess(folder, trials, workers, optimizers, datasets, counter, m);
        }
        if (m.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    /** Counts trials as they start and end, and says so. */
    private static final class Counter {
        final int total;
        final Progress progress;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        Counter(int total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        void started() {
            running.incrementAndGet();
            tell();
        }

        void ended(String status) {
            running.decrementAndGet();
            done.incrementAndGet();
            if (status.equals(TrialOutcome.FAILED)) {
                failed.incrementAndGet();
            }
            tell();
        }

        void abandoned() {
            running.decrementAndGet();
            tell();
        }

        synchronized void tell() {
            if (progress != null) {
                progress.update(done.get(), running.get(), failed.get(), total);
            }
        }
    }

    private static void inProcess(SweepFolder folder, List<Trial> trials, int workers, OptimizerRegistry optimizers,
            DatasetRegistry datasets, Counter counter, IProgressMonitor monitor) throws IOException {
        ConcurrentLinkedQueue<Trial> queue = new ConcurrentLinkedQueue<>(trials);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, trials.size())));
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < Math.max(1, Math.min(workers, trials.size())); w++) {
            running.add(pool.submit(() -> {
                for (Trial t; (t = queue.poll()) != null && !monitor.isCanceled();) {
                    counter.started();
                    try {
                        TrialOutcome o = TrialRunner.run(folder.sweep(), t, folder.trialDirectory(t), optimizers,
                                datasets, null, monitor);
                        counter.ended(o.status());
                    } catch (OperationCanceledException e) {
                        counter.abandoned();
                        return null;
                    } catch (IOException | RuntimeException e) {
                        counter.abandoned();
                        throw e;
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            pool.shutdownNow();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new OperationCanceledException();
        }
    }

    private static void inWorkers(SweepFolder folder, List<Trial> trials, int workers, int threads, Path dataDirectory,
            boolean quick, boolean withoutVectorModule, List<Class<?>> providers, Counter counter,
            IProgressMonitor monitor) throws IOException {
        ConcurrentLinkedQueue<Trial> queue = new ConcurrentLinkedQueue<>(trials);
        int count = Math.max(1, Math.min(workers, trials.size()));
        Launch launch = Launch.of(folder.directory(), threads, dataDirectory, quick, withoutVectorModule, providers);
        Path home = Files.createDirectories(folder.directory().resolve(".workers"));
        List<Thread> feeders = new ArrayList<>();
        List<IOException> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < count; w++) {
            Path slot = Files.createDirectories(home.resolve("w" + (w + 1)));
            Thread feeder = new Thread(() -> {
                try {
                    feed(folder, queue, count, slot, launch, counter, monitor);
                } catch (IOException e) {
                    problems.add(e);
                }
            }, "optlab sweep worker " + (w + 1));
            feeder.start();
            feeders.add(feeder);
        }
        for (Thread f : feeders) {
            try {
                f.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                monitor.setCanceled(true);
            }
        }
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    /**
     * Whether the sweep's workers start with the JIT's C1 alone ({@code -XX:TieredStopAtLevel=1}): yes for softmax
     * models on the CPU. Their trials are short (tens of milliseconds on the embedded subset) and their parameters
     * below the length at which the optimizers switch to Vector API loops (32,768), so C2 would spend a second of CPU
     * per worker compiling start-up code and never pay it back; measured, a worker then starts in 1.2 s of CPU instead
     * of 3.2 s and its trials run faster too (docs/benchmarks.md). Larger models keep C2, which their vector and
     * convolution loops need. The choice changes speed only: which loops a parameter runs depends on its length, not
     * on the JIT, and Java's floating point is the same under every compiler, so a trial's bits do not change.
     */
    static boolean quickStart(Sweep sweep) {
        return onCpu(sweep) && sweep.experiment().path("model").path("id").asText().equals("softmax");
    }

    private static boolean onCpu(Sweep sweep) {
        return sweep.training() && !sweep.experiment().path("backend").asText("cpu").equalsIgnoreCase("gpu");
    }

    /**
     * The providers a worker on a plain class path creates ({@link TrialWorker#main}), or null where the sweep's
     * workers start as OSGi children: on the GPU (its backend is a fragment the registry does not name) or where a
     * provider needs the extension registry to be created. A plain worker starts in 0.5 s of CPU instead of 1.2 s
     * ({@link ClassPathLaunch}); its trials run the same code on the same JVM, so their bits do not change.
     */
    static List<Class<?>> plainWorkers(Sweep sweep, OptimizerRegistry optimizers, DatasetRegistry datasets) {
        if (!onCpu(sweep) || optimizers == null || datasets == null) {
            return null;
        }
        List<Class<?>> providers = TrialWorker.providerClasses(optimizers, datasets);
        return TrialWorker.creatable(providers) ? providers : null;
    }

    /**
     * One worker slot: starts a worker and keeps {@link #AHEAD} trials handed to it, so that it starts the next as
     * soon as one ends instead of waiting for this process to answer (a round trip cost 5-10 ms, a small trial 30 ms);
     * replaces it when it dies. Only the trial it was running fails then; the one waiting in its stdin goes back to
     * the queue. A plain worker that ended on its own failure ({@link TrialWorker#FAILED}) is not replaced: its
     * trials go back to the queue and this slot ends with the worker's line, which the next worker would repeat.
     */
    private static void feed(SweepFolder folder, ConcurrentLinkedQueue<Trial> queue, int workers, Path slot,
            Launch launch, Counter counter, IProgressMonitor monitor) throws IOException {
        Kept.Key key = new Kept.Key(folder.directory().toAbsolutePath().normalize(), launch.threads(), launch
                .dataDirectory(), launch.quick());
        Worker worker = Kept.take(key);
        ArrayDeque<Trial> given = new ArrayDeque<>(); // handed to the worker, in the order it runs them
        boolean done = false;
        try {
            while (!monitor.isCanceled()) {
                if (worker != null && given.isEmpty() && !worker.process.isAlive()) { // ended between two trials
                    worker.close();
                    worker = null;
                }
                if (worker == null) {
                    worker = Worker.start(launch, slot);
                }
                // one trial waits behind the running one only while enough are left for the other workers: at the
                // end of a sweep, a worker going idle while another still has two would wait for nothing
                for (Trial t; given.size() < AHEAD && (given.isEmpty() || atLeast(queue, workers))
                        && (t = queue.poll()) != null;) {
                    given.add(t);
                    worker.send(t); // a worker already gone answers nothing: seen below
                }
                Trial t = given.poll();
                if (t == null) {
                    done = true;
                    return;
                }
                counter.started();
                String status = worker.await(t, monitor);
                if (status == null) { // cancelled while it ran: the trial stays unfinished
                    counter.abandoned();
                    return;
                }
                if (status.isEmpty()) { // the worker died under it
                    int code = worker.exitCode();
                    String said = lastLine(worker.log);
                    if (code == 1 && said.startsWith(": " + TrialWorker.FAILED)) {
                        // the worker itself failed (ND4J would not start, the sweep folder cannot be read or written),
                        // as every worker would: its trials stay to be run, and the sweep stops with the reason
                        counter.abandoned();
                        queue.add(t);
                        queue.addAll(given);
                        given.clear();
                        Path log = worker.log;
                        worker.close();
                        if (worker.cacheWritten != null) { // of a run that got no further than this: too few classes
                            ClassPathLaunch.discardCache(worker.cacheWritten);
                        }
                        worker = null;
                        String reason = said.substring(2 + TrialWorker.FAILED.length());
                        throw new IOException("a sweep worker cannot go on: " + reason + " (see " + log + ")");
                    }
                    TrialOutcome failed = new TrialOutcome(t.index(), TrialOutcome.FAILED, Double.NaN, Double.NaN,
                            "the worker process died while running it (exit code " + code + ", see " + worker.log
                                    + said + ")");
                    Files.createDirectories(folder.trialDirectory(t)); // it may have died before making it
                    ResultFiles.writeJson(folder.trialDirectory(t).resolve(TrialOutcome.FILE), failed.toJson());
                    status = TrialOutcome.FAILED;
                    worker.close();
                    worker = null;
                    queue.addAll(given); // never started
                    given.clear();
                }
                counter.ended(status);
            }
        } finally {
            if (worker != null && done && worker.process.isAlive()) {
                Kept.keep(key, worker); // for the sweep's next phase
            } else if (worker != null) {
                worker.close(2);
            }
        }
    }

    /** Whether {@code queue} holds {@code n} trials or more (without counting all of a long one). */
    static boolean atLeast(java.util.Queue<Trial> queue, int n) {
        java.util.Iterator<Trial> it = queue.iterator();
        for (int i = 0; i < n; i++) {
            if (!it.hasNext()) {
                return false;
            }
            it.next();
        }
        return true;
    }

    /**
     * How the workers of one run of the engine start, prepared once: this JVM's launch (C1 alone for quick workers)
     * and, where the sweep's providers allow, the plain class path ({@link ClassPathLaunch}); null when the workers
     * start as OSGi children.
     */
    private record Launch(Path sweep, int threads, Path dataDirectory, boolean quick, ChildRun.SelfLaunch self,
            ClassPathLaunch plain, List<String> plainArguments) {

        static Launch of(Path sweep, int threads, Path dataDirectory, boolean quick, boolean withoutVectorModule,
                List<Class<?>> providers) throws IOException {
            ChildRun.SelfLaunch self = ChildRun.SelfLaunch.current();
            if (quick) {
                self = self.withJvmArguments(quickJit(self.jvmArguments()));
            }
            if (withoutVectorModule) {
                self = self.withJvmArguments(withoutVectorModule(self.jvmArguments()));
            }
            ClassPathLaunch plain = null;
            if (providers != null) {
                try {
                    plain = ClassPathLaunch.of(self, TrialWorker.class, providers).orElse(null);
                } catch (IOException e) { // its jars could not be written (a full disk): OSGi workers need none
                    plain = null;
                }
            }
            return new Launch(sweep, threads, dataDirectory, quick, self, plain, plain != null ? TrialWorker
                    .arguments(sweep, threads, dataDirectory, providers) : null);
        }
    }

    /**
     * Workers kept for {@link #KEPT_SECONDS} after a run of the engine, for the next run on the same sweep with the
     * same settings: the seeds phase follows the tune phase at once, and its workers need not start again (a second
     * or more of CPU each). A worker not taken by then is ended; when this process ends, so do they (their stdin
     * closes).
     */
    static final class Kept {

        /** What a worker was started for: it serves no other sweep, threads, data or JIT. */
        record Key(Path sweep, int threads, Path dataDirectory, boolean quick) {
        }

        private static final Map<Key, ArrayDeque<Worker>> IDLE = new HashMap<>();
        private static final ScheduledExecutorService ENDER = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "optlab sweep kept workers");
            thread.setDaemon(true);
            return thread;
        });

        private Kept() {
        }

        static void keep(Key key, Worker worker) {
            synchronized (IDLE) {
                IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).add(worker);
            }
            ENDER.schedule(() -> {
                if (remove(key, worker)) {
                    worker.close(20); // an idle worker ends at once, or after writing its class-data archive (1-2 s)
                }
            }, KEPT_SECONDS, TimeUnit.SECONDS);
        }

        /** A kept worker for {@code key} that is still alive, or null. */
        static Worker take(Key key) {
            while (true) {
                Worker worker;
                synchronized (IDLE) {
                    ArrayDeque<Worker> idle = IDLE.get(key);
                    worker = idle != null ? idle.poll() : null;
                }
                if (worker == null || worker.process.isAlive()) {
                    return worker;
                }
                worker.close();
            }
        }

        private static boolean remove(Key key, Worker worker) {
            synchronized (IDLE) {
                ArrayDeque<Worker> idle = IDLE.get(key);
                return idle != null && idle.remove(worker);
            }
        }
    }

    /** How long a worker is kept for the next run on its sweep. */
    static final int KEPT_SECONDS = 10;

    /**
     * ": " and the last line of a worker's log that says something, or "": not the JVM's own notes (its warnings,
     * and the class path it "picked up" when it writes a worker's class-data cache at the end), at most 300 characters.
     */
    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("WARNING") && !line.startsWith("Picked up ")) {
                    return ": " + (line.length() > 300 ? line.substring(0, 299) + "\u2026" : line);
                }
            }
        } catch (IOException e) {
            // no log
        }
        return "";
    }

    /** A worker process and the pipe to it. */
    private static final class Worker {
        final Process process;
        /** The configuration area it started in, kept warm for the next worker; null for a throw-away one. */
        final ConfigurationSlots.Slot area;
        /** Where its stderr goes. */
        final Path log;
        /** The AOT cache it writes when it ends, for the later workers of its slot; null for none. */
        final Path cacheWritten;
        final Writer in;
        final BufferedReader out;
        /**
         * Reads the worker's answers. Its own thread: on the common pool (parallelism 1 on two cores) the blocking
         * read of one worker's answer held up the other's, so a worker that had finished waited for its neighbour.
         */
        final ExecutorService reader;

        private Worker(Process process, ConfigurationSlots.Slot area, Path log, Path cacheWritten) {
            this.process = process;
            this.area = area;
            this.log = log;
            this.cacheWritten = cacheWritten;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.reader = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "optlab sweep worker reader, pid " + process.pid());
                thread.setDaemon(true);
                return thread;
            });
        }

        /** Starts a worker as {@code launch} says, with its log in {@code slot}. */
        static Worker start(Launch launch, Path slot) throws IOException {
            ConfigurationSlots.Slot area = null;
            try {
                List<String> command;
                Path cacheWritten = null;
                if (launch.plain() != null) {
                    ClassPathLaunch.Child child = launch.plain().child(launch.plainArguments(), slot.resolve(
                            "worker.args"));
                    area = child.slot();
                    command = child.command();
                    cacheWritten = child.cacheWritten();
                } else {
                    // a configuration area of its own (Equinox's storage manager is not safe for processes that
                    // start at the same moment in one area), kept from sweep to sweep so that workers start warm;
                    // quick workers have an archive of their own: an archive fits one collector
                    ChildRun.SelfLaunch.Child child = launch.self().child(launch.quick() ? "quick-" : "");
                    area = child.area();
                    Path configuration = area != null ? area.directory() : Files.createDirectories(slot.resolve(
                            "configuration"));
                    List<String> arguments = new ArrayList<>(List.of("sweep", "trials", launch.sweep().toString(),
                            "--stdin", "--threads", Integer.toString(launch.threads())));
                    if (launch.dataDirectory() != null) {
                        arguments.addAll(List.of("--data-dir", launch.dataDirectory().toString()));
                    }
                    command = child.command(configuration, arguments);
                }
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(
                        slot.resolve(LOG).toFile()));
                threadsEnvironment(builder.environment(), launch.threads());
                Process process = builder.start();
                if (area != null) {
                    area.holder(process.toHandle());
                    process.onExit().thenRun(area::close); // also when it ends of itself (a crash)
                }
                return new Worker(process, area, slot.resolve(LOG), cacheWritten);
            } catch (IOException | RuntimeException e) {
                if (area != null) {
                    area.close();
                }
                throw e;
            }
        }

        /**
         * OpenMP's and OpenBLAS's threads set to a trial's: ND4J and OpenBLAS start their pools at load, one thread
         * per core, before the worker sets its threads, and the idle ones spin for a while on the core another
         * worker needs. Left alone where the user set them.
         */
        static void threadsEnvironment(Map<String, String> environment, int threads) {
            environment.putIfAbsent("OMP_NUM_THREADS", Integer.toString(threads));
            environment.putIfAbsent("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        }

        /** Hands the worker a trial, which it runs after those it already has. */
        void send(Trial trial) {
            try {
                in.write(trial.index() + "\n");
                in.flush();
            } catch (IOException e) {
                // its stdin is gone: it died, and await says so
            }
        }

        /**
         * Waits for the end of a trial handed to it (the first of those it has not answered): the trial's status, ""
         * when the worker died first, null when the monitor was cancelled (the worker is then stopped).
         */
        String await(Trial trial, IProgressMonitor monitor) {
            java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            for (String line; (line = out.readLine()) != null;) {
                                String[] parts = line.trim().split(" ");
                                if (parts.length == 3 && parts[0].equals(ENDED) && parts[1].equals(Integer.toString(
                                        trial.index()))) {
                                    return parts[2];
                                }
                            }
                        } catch (IOException e) {
                            // the pipe broke: it died
                        }
                        return "";
                    }, reader);
            while (true) {
                try {
                    return answer.get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (monitor.isCanceled()) {
                        close();
                        return null;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    return null;
                } catch (java.util.concurrent.ExecutionException e) {
                    return "";
                }
            }
        }

        int exitCode() {
            try {
                return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /** Ends the worker: its stdin closes (it ends after its trial), then SIGTERM, then SIGKILL. */
        void close() {
            close(2);
        }

        /** Ends the worker, waiting {@code graceSeconds} for it to end by itself before SIGTERM. */
        void close(int graceSeconds) {
            reader.shutdown(); // a read in progress ends when the process does
            try {
                in.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            if (area != null && !process.isAlive()) { // now, for the next worker; one still ending keeps it
                area.close();
            }
        }
    }

    /**
     * {@code arguments} with the JIT stopped at C1 (any other tier limit replaced) and, where no collector was chosen,
     * the serial collector: a quick worker's trial runs on one thread in a small heap, and G1's parallel pauses took
     * the other worker's core (measured: 7 % off the bench's wall time). With it, arrays of a megabyte or more (the
     * dataset's) are made in the old generation, where no young collection copies them again (a worker's 30 trials:
     * 14 % less wall time). Transparent huge pages where the kernel has them ({@link #transparentHugePages}).
     */
    static List<String> quickJit(List<String> arguments) {
        List<String> quick = new ArrayList<>(arguments.stream().filter(a -> !a.startsWith("-XX:TieredStopAtLevel="))
                .toList());
        quick.add("-XX:TieredStopAtLevel=1");
        if (quick.stream().noneMatch(a -> a.startsWith("-XX:+Use") && a.endsWith("GC"))) {
            quick.add("-XX:+UseSerialGC");
            if (quick.stream().noneMatch(a -> a.startsWith("-XX:PretenureSizeThreshold="))) {
                quick.add("-XX:PretenureSizeThreshold=1m");
            }
        }
        if (quick.stream().noneMatch(a -> a.contains("HugePages")) && transparentHugePages()) {
            quick.add("-XX:+UseTransparentHugePages");
        }
        return quick;
    }

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * {@code arguments} without {@code jdk.incubator.vector} among the modules they add, for quick workers of sweeps
     * that do not {@link #sums sum}. With that module the JVM neither archives the module graph nor the lambdas and
     * other call sites it linked in its AOT cache, so a worker spun them again at every start (a worker's start: 0.40
     * -> 0.34 s of CPU without it). A quick worker has little use for it: its generated Vector API loops pay off only
     * once C2 compiles them.
     */
    static List<String> withoutVectorModule(List<String> arguments) {
        List<String> without = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            boolean separate = a.equals("--add-modules") && i + 1 < arguments.size();
            if (!separate && !a.startsWith("--add-modules=")) {
                without.add(a);
                continue;
            }
            String list = separate ? arguments.get(++i) : a.substring("--add-modules=".length());
            String rest = String.join(",", java.util.Arrays.stream(list.split(",")).filter(m -> !m.equals(
                    VECTOR_MODULE)).toList());
            if (!rest.isEmpty()) {
                without.addAll(separate ? List.of("--add-modules", rest) : List.of("--add-modules=" + rest));
            }
        }
        return without;
    }

    /**
     * Whether an optimizer of the sweep, at a point of its space, sums over its parameters (LAMB's norms): its
     * generated Vector API loop adds in another order than the staged interpreter, so only such an optimizer's bits
     * depend on the Vector API (every other rule gives the interpreter's bits, tested in VectorKernelTest). Its
     * workers keep the module, so that its trials have the bits of a worker of any other engine; so do those of a
     * sweep whose optimizers this registry cannot make. A rule's shape depends on a real hyper-parameter only through
     * whether it is 0 ({@code RuleBuilder.isOff}), so points that differ in nonzero reals alone (an lr grid) are
     * looked at once: 100 points cost 8-26 ms before the workers could start.
     */
    static boolean sums(Sweep sweep, OptimizerRegistry registry) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Sweep.SweepOptimizer optimizer : sweep.optimizers()) {
            for (long seed : sweep.tuningSeeds()) {
                for (Map<String, Object> point : optimizer.space().points(seed)) {
                    Map<String, Object> values = new java.util.TreeMap<>(optimizer.fixed());
                    values.putAll(point);
                    StringBuilder shape = new StringBuilder(optimizer.id());
                    values.forEach((name, value) -> shape.append(' ').append(name).append('=').append(
                            value instanceof Double || value instanceof Float ? (((Number) value).doubleValue() == 0
                                    ? "0" : "real") : String.valueOf(value)));
                    if (!seen.add(shape.toString())) {
                        continue;
                    }
                    try {
                        if (registry.create(optimizer.id(), values).addParamGroup(List.of()).rule()
                                .reductions() > 0) {
                            return true;
                        }
                    } catch (RuntimeException e) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the kernel gives huge pages to a JVM that asks ({@code madvise} or {@code always}): a worker's heap then
     * takes one page fault per 2 MB instead of per 4 KB. Half of a quick worker's 41,000 page faults were its heap's;
     * measured, its start took 0.04 s less CPU. Elsewhere the JVM would warn and go on without.
     */
    static boolean transparentHugePages() {
        try {
            String mode = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
            return mode.contains("[madvise]") || mode.contains("[always]");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** For the worker command: the line that says a trial ended. */
    public static String endedLine(TrialOutcome outcome) {
        return ENDED + " " + outcome.trial() + " " + outcome.status();
    }
}
