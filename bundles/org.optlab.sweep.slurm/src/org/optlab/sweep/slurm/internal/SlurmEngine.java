package org.optlab.sweep.slurm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.process.ChildRun;
import org.optlab.runner.sweep.SweepEngine;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.Trial;
import org.optlab.runner.sweep.TrialOutcome;

/**
 * The {@code slurm} engine: Slurm schedules, OptLab's own command runs the trials. It writes the trials' chunks and
 * {@code DIR/slurm/sweep.sbatch}, submits it as one array ({@code sbatch --parsable}), records the job in
 * {@code DIR/slurm/jobs.json}, then follows {@code squeue} and the trials' {@code trial.json} files. The trials of a
 * task that ended without them (failed, cancelled, out of time or memory) go out again in a new array, up to
 * {@code retries} times; after that they are failed with Slurm's reason. Detached, it submits a {@code continue} job
 * that depends on the arrays and runs {@code optlab sweep --out DIR --resume --detach} on the cluster, so that the
 * sweep goes through its phases and writes its report with nobody logged in.
 */
public final class SlurmEngine implements SweepEngine {

    static final String FOLDER = "slurm";

    /** Folders a machine keeps to itself: a sweep there is seen by the nodes only if the cluster is this machine. */
    private static final List<String> LOCAL_FOLDERS = List.of("/tmp", "/var/tmp", "/dev/shm", "/run");

    private static final long POLL_MILLIS = 2000;

    private final Slurm slurm;
    private final String user;

    /** Created by the extension registry: Slurm's commands on the PATH. */
    public SlurmEngine() {
        this(Slurm.fromEnvironment(), System.getProperty("user.name"));
    }

    SlurmEngine(Slurm slurm, String user) {
        this.slurm = slurm;
        this.user = user;
    }

    @Override
    public void run(SweepFolder folder, List<Trial> trials, Settings settings, Progress progress,
            IProgressMonitor monitor) throws IOException {
        IProgressMonitor m = monitor == null ? new NullProgressMonitor() : monitor;
        SlurmOptions options = SlurmOptions.parse(settings.options(), settings.threads());
        if (slurm.find("sbatch").isEmpty()) {
            throw new IOException("the slurm engine needs Slurm's sbatch; this machine has none");
        }
        Path directory = folder.directory().toAbsolutePath().normalize();
        if (directory.toString().matches(".*[%\\\\].*")) { // Slurm reads both in the log names of #SBATCH --output
            throw new IOException("the slurm engine cannot use " + directory + ": Slurm takes '%' and '\\' in a "
                    + "job's output path for its own patterns; choose a folder without them");
        }
        checkShared(directory);
        Path home = Files.createDirectories(directory.resolve(FOLDER).resolve(BatchScripts.LOGS)).getParent();
        SlurmJobs jobs = SlurmJobs.read(home);
        String optlab = optlabCommand(options, home);
        while (true) {
            // the queue first, then the files: a task that leaves the queue in between has written its trials
            List<Slurm.Entry> queue = ours(jobs, slurm.queue(user));
            Set<String> active = queue.stream().map(e -> e.task() < 0 ? e.job() : e.job() + "_" + e.task())
                    .collect(Collectors.toSet());
            Set<String> activeJobs = queue.stream().map(Slurm.Entry::job).collect(Collectors.toSet());
            List<Trial> resubmit = new ArrayList<>();
            int done = 0, failed = 0;
            for (Trial t : trials) {
                Optional<TrialOutcome> outcome = folder.outcome(t);
                if (outcome.isPresent()) {
                    done++;
                    failed += outcome.get().status().equals(TrialOutcome.FAILED) ? 1 : 0;
                    continue;
                }
                Optional<SlurmJobs.Placement> last = jobs.last(t.index());
                if (last.isPresent() && (active.contains(last.get().id()) || pendingArray(last.get(), activeJobs,
                        active))) {
                    continue; // its task is queued or running
                }
                if (last.isEmpty() || jobs.attempts(t.index()) <= options.retries()) {
                    Optional<String> unseen = last.isPresent() ? unseen(last.get(), home) : Optional.empty();
                    if (unseen.isPresent()) { // every task would fail the same way
                        slurm.cancel(List.copyOf(activeJobs));
                        throw new IOException(unseen.get());
                    }
                    resubmit.add(t);
                } else {
                    fail(folder, t, last.get(), jobs.attempts(t.index()), home);
                    done++;
                    failed++;
                }
            }
            if (!resubmit.isEmpty()) {
                if (m.isCanceled()) {
                    throw cancelled(jobs, activeJobs);
                }
                activeJobs.add(submit(folder, resubmit, options, jobs, home, optlab));
            }
            int running = (int) queue.stream().filter(e -> e.task() >= 0 && e.running()).count();
            progress.update(done, running, failed, trials.size());
            if (done == trials.size()) {
                return;
            }
            if (options.detach()) {
                submitContinuation(folder, options, jobs, home, optlab, activeJobs);
                return;
            }
            if (!resubmit.isEmpty()) {
                continue; // look at the queue with the new array in it
            }
            for (long waited = 0; waited < POLL_MILLIS; waited += 100) {
                if (m.isCanceled()) {
                    throw cancelled(jobs, activeJobs);
                }
                sleep(100);
            }
        }
    }

    /** A trial's task was not listed yet because its array is still pending as a whole (no element shown). */
    private static boolean pendingArray(SlurmJobs.Placement p, Set<String> activeJobs, Set<String> active) {
        return activeJobs.contains(p.job().job()) && active.stream().noneMatch(id -> id.startsWith(p.job().job()
                + "_"));
    }

    /** Cancels the sweep's jobs still in the queue, for a stop asked while following them. */
    private OperationCanceledException cancelled(SlurmJobs jobs, Set<String> activeJobs) {
        try {
            slurm.cancel(List.copyOf(activeJobs));
        } catch (IOException e) {
            // the stop goes on: cancel DIR can be asked again
        }
        return new OperationCanceledException();
    }

    /**
     * Submits {@code trials} as one array (chunks of trials_per_task, as many as MaxArraySize allows) and records
     * it; returns the job id.
     */
    private String submit(SweepFolder folder, List<Trial> trials, SlurmOptions options, SlurmJobs jobs, Path home,
            String optlab) throws IOException {
        List<List<Integer>> tasks = chunks(trials.stream().map(Trial::index).toList(), perTask(trials.size(),
                options, folder.sweep().training()), slurm.maxArraySize());
        int n = jobs.jobs().size() + 1;
        Path tasksFile = home.resolve("tasks-" + n + ".txt");
        BatchScripts.writeTasks(tasksFile, tasks);
        Path script = home.resolve(BatchScripts.SWEEP);
        String phase = trials.get(0).phase();
        ResultFiles.writeAtomically(script, out -> out.write(BatchScripts.sweep(folder.sweep().name(),
                folder.directory().toAbsolutePath().normalize(), tasksFile, tasks.size(), trials.size(), phase,
                options, optlab)));
        String job = slurm.submit(script, List.of());
        jobs.add(new SlurmJobs.Job(job, SlurmJobs.TRIALS, phase, now(), BatchScripts.SWEEP, tasks));
        return job;
    }

    /** Submits the job that takes a detached sweep on after {@code after} have ended. */
    private void submitContinuation(SweepFolder folder, SlurmOptions options, SlurmJobs jobs, Path home,
            String optlab, Set<String> after) throws IOException {
        Path script = home.resolve(BatchScripts.CONTINUE);
        ResultFiles.writeAtomically(script, out -> out.write(BatchScripts.continuation(folder.sweep().name(),
                folder.directory().toAbsolutePath().normalize(), options, optlab)));
        Set<String> arrays = new LinkedHashSet<>(after);
        jobs.jobs().stream().filter(j -> j.kind().equals(SlurmJobs.CONTINUE)).forEach(j -> arrays.remove(j.job()));
        List<String> dependency = arrays.isEmpty() ? List.of() : List.of("--dependency=afterany:" + String.join(":",
                arrays));
        String job = slurm.submit(script, dependency);
        jobs.add(new SlurmJobs.Job(job, SlurmJobs.CONTINUE, "", now(), BatchScripts.CONTINUE, List.of()));
    }

    /**
     * Trials per array task: the option, else one per task for training (each is long) and for surfaces (each
     * takes milliseconds) enough that a task's start is shared by many.
     */
    static int perTask(int trials, SlurmOptions options, boolean training) {
        if (options.trialsPerTask() > 0) {
            return options.trialsPerTask();
        }
        if (training) {
            return 1;
        }
        int tasks = Math.max(1, Math.min(trials, options.maxParallel() > 0 ? options.maxParallel() : 16));
        return (trials + tasks - 1) / tasks;
    }

    /**
     * {@code indices} in consecutive chunks of {@code perTask}; more per task when that many tasks would not fit in
     * one array of {@code maxArraySize}.
     */
    static List<List<Integer>> chunks(List<Integer> indices, int perTask, int maxArraySize) {
        int size = Math.max(perTask, (indices.size() + maxArraySize - 1) / Math.max(1, maxArraySize));
        List<List<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < indices.size(); i += size) {
            tasks.add(List.copyOf(indices.subList(i, Math.min(indices.size(), i + size))));
        }
        return tasks;
    }

    /** Records a trial failed whose tasks ended without it as often as the retries allow. */
    private void fail(SweepFolder folder, Trial t, SlurmJobs.Placement last, int attempts, Path home)
            throws IOException {
        String reason = "Slurm's array task " + last.id() + " ended " + ended(last) + " before it ("
                + attempts + (attempts == 1 ? " attempt" : " attempts") + lastLine(log(home, last)) + ")";
        Files.createDirectories(folder.trialDirectory(t));
        ResultFiles.writeJson(folder.trialDirectory(t).resolve(TrialOutcome.FILE), new TrialOutcome(t.index(),
                TrialOutcome.FAILED, Double.NaN, Double.NaN, reason).toJson());
        folder.outcome(t); // seen: counted as ended from now on
    }

    /** How Slurm says the task ended (JobState, and Reason when it gives one), while it still knows. */
    private String ended(SlurmJobs.Placement p) {
        Map<String, String> job = slurm.job(p.id());
        String state = job.getOrDefault("JobState", "");
        if (state.isEmpty()) {
            return "(Slurm no longer knows how)";
        }
        String reason = job.getOrDefault("Reason", "None");
        return state + (reason.equals("None") ? "" : " (" + reason + ")");
    }

    /**
     * When the task of {@code p} shows that the nodes do not see the sweep's folder (it said so, or it ended without
     * a log in DIR/slurm/logs though Slurm did not cancel it), the one line that says so.
     */
    private Optional<String> unseen(SlurmJobs.Placement p, Path home) {
        Path log = log(home, p);
        if (Files.exists(log)) {
            String said = lastLine(log);
            int node = said.indexOf("optlab: ");
            return said.contains(BatchScripts.UNSEEN) ? Optional.of("Slurm's array task " + p.id() + " ran on "
                    + (node < 0 ? said : said.substring(node + "optlab: ".length())).replaceFirst(
                            " it must be on a file system the nodes share", " put it on a file system the nodes "
                                    + "share")) : Optional.empty();
        }
        String state = slurm.job(p.id()).getOrDefault("JobState", "");
        if (state.isEmpty() || state.startsWith("CANCELLED")) {
            return Optional.empty(); // cancelled before it started, or forgotten: retried
        }
        return Optional.of("Slurm's array task " + p.id() + " ended " + state + " without writing its log into "
                + home.resolve(BatchScripts.LOGS) + ": the nodes cannot see the sweep's folder " + home.getParent()
                + "; put it on a file system they share");
    }

    private static Path log(Path home, SlurmJobs.Placement p) {
        return home.resolve(BatchScripts.LOGS).resolve(p.job().job() + "_" + p.task() + ".out");
    }

    /** "; log: " and the last line of a task's log that says something, or "". */
    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return "; " + log.getFileName() + ": " + lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            // no log
        }
        return "";
    }

    /** The queue entries of the jobs this sweep submitted. */
    private static List<Slurm.Entry> ours(SlurmJobs jobs, List<Slurm.Entry> queue) {
        Set<String> ids = new HashSet<>();
        jobs.jobs().forEach(j -> ids.add(j.job()));
        return queue.stream().filter(e -> ids.contains(e.job())).toList();
    }

    /**
     * Refuses a sweep folder that only this machine has (/tmp and the like) when the cluster has nodes other than
     * this machine: their tasks would not find it.
     */
    private void checkShared(Path directory) throws IOException {
        Optional<String> local = LOCAL_FOLDERS.stream().filter(f -> directory.startsWith(f)).findFirst();
        if (local.isEmpty()) {
            return;
        }
        String host = InetAddress.getLocalHost().getHostName().split("\\.")[0];
        List<String> others = slurm.nodes().stream().filter(n -> !n.split("\\.")[0].equals(host)).toList();
        if (!others.isEmpty()) {
            throw new IOException(directory + " is under " + local.get() + ", which each machine keeps to itself: "
                    + "the cluster's nodes (" + String.join(", ", others.subList(0, Math.min(3, others.size())))
                    + (others.size() > 3 ? ", ..." : "") + ") cannot see it; put the sweep's folder on a file "
                    + "system they share");
        }
    }

    /**
     * OptLab's command on the nodes, quoted for the shell: the option, else this installation's {@code optlab}
     * script, else (bundles run from class folders, as in tests) this JVM's command with a copy of its
     * configuration in DIR/slurm/configuration.
     */
    private static String optlabCommand(SlurmOptions options, Path home) throws IOException {
        if (options.optlab() != null) {
            return BatchScripts.quote(options.optlab());
        }
        ChildRun.SelfLaunch self = ChildRun.SelfLaunch.current();
        Path script = self.install().resolve("optlab");
        if (Files.isExecutable(script)) {
            return BatchScripts.quote(script.toAbsolutePath().toString());
        }
        Path configuration = Files.createDirectories(home.resolve("configuration"));
        return self.command(configuration, List.of()).stream().map(BatchScripts::quote).collect(Collectors
                .joining(" "));
    }

    @Override
    public List<String> status(SweepFolder folder) throws IOException {
        Path home = folder.directory().resolve(FOLDER);
        if (!Files.exists(home.resolve(SlurmJobs.FILE))) {
            return List.of();
        }
        SlurmJobs jobs = SlurmJobs.read(home);
        String ids = jobs.jobs().stream().map(SlurmJobs.Job::job).collect(Collectors.joining(", "));
        if (slurm.find("squeue").isEmpty()) {
            return List.of("slurm: jobs " + ids + " (this machine has no squeue to look at them)");
        }
        List<Slurm.Entry> queue = ours(jobs, slurm.queue(user));
        long running = queue.stream().filter(e -> e.task() >= 0 && e.running()).count();
        long pending = queue.stream().filter(e -> e.task() >= 0 && !e.running()).count();
        Set<String> continuations = new HashSet<>();
        jobs.jobs().stream().filter(j -> j.kind().equals(SlurmJobs.CONTINUE)).forEach(j -> continuations.add(j
                .job()));
        boolean continuing = queue.stream().anyMatch(e -> continuations.contains(e.job()));
        return List.of("slurm: " + jobs.jobs().size() + (jobs.jobs().size() == 1 ? " job" : " jobs") + " (" + ids
                + "); in the queue: " + (queue.isEmpty() ? "none" : running + " tasks running, " + pending
                        + " pending" + (continuing ? ", the job that continues it" : "")));
    }

    @Override
    public List<String> running(SweepFolder folder) throws IOException {
        Path home = folder.directory().resolve(FOLDER);
        if (!Files.exists(home.resolve(SlurmJobs.FILE)) || slurm.find("squeue").isEmpty()) {
            return List.of();
        }
        SlurmJobs jobs = SlurmJobs.read(home);
        List<String> ids = ours(jobs, slurm.queue(user)).stream().map(Slurm.Entry::job).distinct().toList();
        return ids.isEmpty() ? List.of() : List.of("Slurm " + (ids.size() == 1 ? "job " : "jobs ") + String.join(
                ", ", ids));
    }

    @Override
    public List<String> cancel(SweepFolder folder) throws IOException {
        Path home = folder.directory().resolve(FOLDER);
        if (!Files.exists(home.resolve(SlurmJobs.FILE))) {
            return List.of();
        }
        if (slurm.find("scancel").isEmpty()) {
            throw new IOException("the sweep's jobs are Slurm's; this machine has no scancel to cancel them (run "
                    + "optlab sweep cancel on the cluster's login node)");
        }
        SlurmJobs jobs = SlurmJobs.read(home);
        List<Slurm.Entry> queue = ours(jobs, slurm.queue(user));
        List<String> ids = queue.stream().map(Slurm.Entry::job).distinct().toList();
        if (ids.isEmpty()) {
            return List.of("slurm: no job of this sweep is in the queue");
        }
        long running = queue.stream().filter(Slurm.Entry::running).count();
        slurm.cancel(ids);
        // scancel only asks; wait (a little) until the queue has let them go
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && !ours(jobs, slurm.queue(user)).isEmpty()) {
            sleep(250);
        }
        List<Slurm.Entry> left = ours(jobs, slurm.queue(user));
        return List.of("slurm: cancelled " + (ids.size() == 1 ? "job " : "jobs ") + String.join(", ", ids) + " ("
                + running + " running, " + (queue.size() - running) + " waiting)" + (left.isEmpty() ? ""
                        : "; " + left.size() + " still leaving the queue"));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
    }
}
