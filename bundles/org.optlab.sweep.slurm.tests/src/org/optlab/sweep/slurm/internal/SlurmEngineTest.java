package org.optlab.sweep.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.sweep.SweepEngine;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.Trial;
import org.optlab.runner.sweep.TrialOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine end to end against fake sbatch, squeue, scancel, scontrol and sinfo: a surface sweep of 6 trials (sgd
 * at 3 learning rates, 2 tuning seeds).
 */
class SlurmEngineTest {

    private static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.fromExtensions();
    private static final DatasetRegistry DATASETS = DatasetRegistry.fromExtensions();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "alice";

    @TempDir
    Path root;

    private FakeSlurm fake;
    private SweepFolder folder;
    private final List<int[]> updates = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeSlurm(root);
        folder = sweepFolder(root.resolve("sweep"));
    }

    private SweepFolder sweepFolder(Path directory) throws IOException {
        Path file = root.resolve("bowl.json");
        Files.writeString(file, """
                {"name": "bowl", "experiment": {"name": "bowl", "surface": {"id": "quadratic"},
                  "starts": [[-4, 3]], "steps": 5},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.05, 0.1, 0.2]}}],
                 "objective": {"metric": "final_loss"}, "tuning": {"seeds": [1, 2]}, "seeds": [5]}
                """);
        SweepFolder f = SweepFolder.create(file, directory, OPTIMIZERS, DATASETS.ids());
        assertEquals(6, f.trials().size());
        return f;
    }

    /** Runs the engine on the folder's trials with these options (the optlab command given: no self-launch). */
    private void run(SweepFolder f, String options) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode o = SlurmOptionsTest.object(options);
        o.put("id", "slurm");
        o.put("optlab", "/shared/optlab/optlab");
        new SlurmEngine(fake.slurm(), USER).run(f, f.trials(), new SweepEngine.Settings(o, 1, 1, root.resolve(
                "data"), OPTIMIZERS, DATASETS), (done, running, failed, total) -> updates.add(new int[] { done,
                        running, failed, total }), null);
    }

    private JsonNode jobs(SweepFolder f) throws IOException {
        return JSON.readTree(f.directory().resolve("slurm").resolve(SlurmJobs.FILE).toFile());
    }

    private Path script(SweepFolder f, String name) {
        return f.directory().toAbsolutePath().normalize().resolve("slurm").resolve(name);
    }

    @Test
    void withoutSbatchItSaysSo() throws IOException {
        fake.command("squeue", "");
        IOException e = assertThrows(IOException.class, () -> run(folder, "{}"));
        assertEquals("the slurm engine needs Slurm's sbatch; this machine has none", e.getMessage());
        assertEquals(0, fake.calls("squeue"));
    }

    @Test
    void sbatchsRefusalIsRelayed() throws IOException {
        fake.command("squeue", "").command("sbatch",
                "echo 'sbatch: error: Batch job submission failed: Invalid partition name specified' >&2; exit 1");
        IOException e = assertThrows(IOException.class, () -> run(folder, "{\"partition\": \"nope\"}"));
        assertEquals("sbatch refused the job: sbatch: error: Batch job submission failed: Invalid partition name "
                + "specified", e.getMessage());
        assertEquals(1, fake.calls("sbatch"));
        assertTrue(Files.readString(script(folder, BatchScripts.SWEEP)).contains("#SBATCH --partition=nope\n"));
    }

    @Test
    void anArrayThatRunsAtOnceEndsTheRun() throws IOException {
        // what the array will write: each trial's trial.json, staged in a copy of the folder's layout
        Path stage = root.resolve("stage");
        for (Trial t : folder.trials()) {
            Path dir = stage.resolve(folder.directory().relativize(folder.trialDirectory(t)));
            Files.createDirectories(dir);
            ResultFiles.writeJson(dir.resolve(TrialOutcome.FILE), new TrialOutcome(t.index(), TrialOutcome.FINISHED,
                    0.5 + t.index(), 0.01, null).toJson());
        }
        fake.command("squeue", "").command("sbatch", "cp -R '" + stage + "'/. '" + folder.directory() + "'/\necho "
                + "'4711;cluster'");
        run(folder, "{\"trials_per_task\": 4, \"max_parallel\": 2}");

        assertEquals(1, fake.calls("sbatch"));
        assertEquals(List.of("--parsable", script(folder, BatchScripts.SWEEP).toString()), fake.arguments("sbatch",
                1));
        assertTrue(fake.arguments("squeue", 1).containsAll(List.of("--user", USER)), fake.arguments("squeue", 1)
                .toString());
        JsonNode jobs = jobs(folder).get("jobs");
        assertEquals(1, jobs.size());
        assertEquals("4711", jobs.get(0).get("job").asText());
        assertEquals("trials", jobs.get(0).get("kind").asText());
        assertEquals(Trial.TUNE, jobs.get(0).get("phase").asText());
        assertEquals("[[0,1,2,3],[4,5]]", jobs.get(0).get("tasks").toString());
        String sbatch = Files.readString(script(folder, BatchScripts.SWEEP));
        assertTrue(sbatch.contains("#SBATCH --array=0-1%2\n"), sbatch);
        assertEquals(List.of("0 1 2 3", "4 5"), Files.readAllLines(script(folder, "tasks-1.txt")));
        for (Trial t : folder.trials()) {
            assertEquals(0.5 + t.index(), folder.outcome(t).orElseThrow().objective());
        }
        int[] last = updates.get(updates.size() - 1);
        assertEquals("[6, 0, 0, 6]", java.util.Arrays.toString(last));
    }

    @Test
    void theClustersMaxArraySizeBoundsTheArray() throws IOException {
        fake.command("squeue", "").command("sbatch", "exit 1")
                .command("scontrol", "printf 'MaxArraySize            = 3\\nMaxJobCount = 10000\\n'");
        assertThrows(IOException.class, () -> run(folder, "{\"trials_per_task\": 1}"));
        assertEquals(List.of("show", "config"), fake.arguments("scontrol", 1));
        assertEquals(List.of("0 1", "2 3", "4 5"), Files.readAllLines(script(folder, "tasks-1.txt")));
        assertTrue(Files.readString(script(folder, BatchScripts.SWEEP)).contains("#SBATCH --array=0-2\n"));
    }

    @Test
    void tasksThatEndWithoutTheirTrialsAreRetriedThenFailed() throws IOException {
        fake.command("squeue", "").command("sbatch", "echo $((100 + n))")
                .command("scontrol", "echo 'JobId=1 JobState=CANCELLED Reason=None ExitCode=0:0'");
        run(folder, "{\"retries\": 1, \"trials_per_task\": 4}");

        assertEquals(2, fake.calls("sbatch"), "the first array and one retry");
        JsonNode jobs = jobs(folder).get("jobs");
        assertEquals(List.of("101", "102"), List.of(jobs.get(0).get("job").asText(), jobs.get(1).get("job")
                .asText()));
        assertEquals("[[0,1,2,3],[4,5]]", jobs.get(1).get("tasks").toString(), "the retry carries every trial");
        for (Trial t : folder.trials()) {
            TrialOutcome o = folder.outcome(t).orElseThrow(() -> new AssertionError("trial " + t.index()));
            assertEquals(TrialOutcome.FAILED, o.status());
            String task = "102_" + (t.index() < 4 ? 0 : 1);
            assertEquals("Slurm's array task " + task + " ended CANCELLED before it (2 attempts)", o.error());
        }
        // scontrol was asked about the tasks of the first array (before the retry) and of the second
        List<String> asked = new ArrayList<>();
        for (int n = 1; n <= fake.calls("scontrol"); n++) {
            List<String> a = fake.arguments("scontrol", n);
            asked.add(a.get(a.size() - 1));
        }
        assertTrue(asked.containsAll(List.of("101_0", "101_1", "102_0", "102_1")), asked.toString());
        assertEquals("[6, 0, 6, 6]", java.util.Arrays.toString(updates.get(updates.size() - 1)));
    }

    @Test
    void aFailedTaskKeepsTheLastLineOfItsLog() throws IOException {
        // sbatch "runs" the array: each task ends at once with a log (in the folder's logs, as #SBATCH --output says)
        String logs = script(folder, "logs").toString();
        fake.command("squeue", "").command("sbatch", "id=$((100 + n))\nfor k in 0 1; do printf 'starting\\n"
                + "slurmstepd: error: Detected 1 oom_kill event\\n\\n' > '" + logs + "'/${id}_$k.out; done\necho $id")
                .command("scontrol", "echo 'JobState=OUT_OF_MEMORY Reason=OutOfMemory'");
        run(folder, "{\"retries\": 0, \"trials_per_task\": 4}");
        assertEquals(1, fake.calls("sbatch"));
        TrialOutcome o = folder.outcome(folder.trials().get(5)).orElseThrow();
        assertEquals("Slurm's array task 101_1 ended OUT_OF_MEMORY (OutOfMemory) before it (1 attempt; 101_1.out: "
                + "slurmstepd: error: Detected 1 oom_kill event)", o.error());
    }

    @Test
    void detachedItSubmitsTheTrialsAndAContinueJobThatWaitsForThem() throws IOException {
        fake.command("squeue", "").command("sbatch", "echo $((300 + n))");
        run(folder, "{\"detach\": true, \"partition\": \"gpu\"}");

        assertEquals(2, fake.calls("sbatch"));
        assertEquals(List.of("--parsable", script(folder, BatchScripts.SWEEP).toString()), fake.arguments("sbatch",
                1));
        assertEquals(List.of("--parsable", "--dependency=afterany:301", script(folder, BatchScripts.CONTINUE)
                .toString()), fake.arguments("sbatch", 2));
        JsonNode jobs = jobs(folder).get("jobs");
        assertEquals(2, jobs.size());
        assertEquals("301 trials 302 continue", jobs.get(0).get("job").asText() + " " + jobs.get(0).get("kind")
                .asText() + " " + jobs.get(1).get("job").asText() + " " + jobs.get(1).get("kind").asText());
        String cont = Files.readString(script(folder, BatchScripts.CONTINUE));
        assertTrue(cont.contains("\n/shared/optlab/optlab sweep --out \"$sweep\" --resume --engine slurm --detach "
                + "--threads 1 --partition gpu "), cont);
        assertTrue(cont.contains("#SBATCH --partition=gpu\n"), cont);
        for (Trial t : folder.trials()) {
            assertFalse(folder.outcome(t).isPresent(), "nothing ran");
        }
    }

    @Test
    void aFolderUnderTmpIsRefusedWhenTheClusterHasOtherNodes() throws Exception {
        Path tmp = Files.createTempDirectory(Path.of("/tmp"), "optlab-slurm-test");
        try {
            SweepFolder local = sweepFolder(tmp.resolve("sweep"));
            String host = InetAddress.getLocalHost().getHostName().split("\\.")[0];
            fake.command("squeue", "").command("sbatch", "echo 'sbatch: error: no' >&2; exit 1")
                    .command("sinfo", "printf '" + host + "\\nnode-elsewhere-7\\nnode-elsewhere-7\\n'");
            IOException e = assertThrows(IOException.class, () -> run(local, "{}"));
            assertEquals(tmp.resolve("sweep").toRealPath() + " is under /tmp, which each machine keeps to itself: the "
                    + "cluster's nodes (node-elsewhere-7) cannot see it; put the sweep's folder on a file system they "
                    + "share", e.getMessage());
            assertEquals(0, fake.calls("sbatch"));
            // a cluster that is this machine alone sees it: the engine goes on to sbatch
            fake.command("sinfo", "echo " + host);
            e = assertThrows(IOException.class, () -> run(local, "{}"));
            assertEquals("sbatch refused the job: sbatch: error: no", e.getMessage());
        } finally {
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aTaskThatFailedWithoutALogMeansTheNodesCannotSeeTheFolder() throws IOException {
        fake.command("squeue", "").command("sbatch", "echo $((500 + n))")
                .command("scontrol", "echo 'JobState=FAILED Reason=NonZeroExitCode'");
        IOException e = assertThrows(IOException.class, () -> run(folder, "{\"retries\": 3}"));
        assertEquals(1, fake.calls("sbatch"), "no retry: every task would fail the same way");
        assertTrue(e.getMessage().matches("Slurm's array task 501_0 ended FAILED without writing its log into .*"
                + ": the nodes cannot see the sweep's folder .*; put it on a file system they share"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        for (Trial t : folder.trials()) {
            assertFalse(folder.outcome(t).isPresent(), "not failed: a resume runs them");
        }
    }

    @Test
    void aTaskWhoseNodeSaidItCannotSeeTheFolderStopsTheRun() throws IOException {
        String logs = script(folder, "logs").toString();
        fake.command("squeue", "").command("sbatch", "printf 'optlab: node9, which " + BatchScripts.UNSEEN
                + " /x: it must be on a file system the nodes share\\n' > '" + logs + "'/$((500 + n))_0.out\n"
                + "echo $((500 + n))").command("scontrol", "echo 'JobState=FAILED Reason=NonZeroExitCode'");
        IOException e = assertThrows(IOException.class, () -> run(folder, "{\"trials_per_task\": 6}"));
        assertEquals("Slurm's array task 501_0 ran on node9, which cannot see the sweep folder /x: put it on a file "
                + "system the nodes share", e.getMessage());
        assertEquals(1, fake.calls("sbatch"));
    }

    @Test
    void cancelCancelsTheSweepsJobsInTheQueue() throws IOException {
        Path home = Files.createDirectories(folder.directory().resolve("slurm"));
        SlurmJobs.read(home).add(new SlurmJobs.Job("4242", SlurmJobs.TRIALS, "tune", "2026-11-30T09:00:00Z",
                BatchScripts.SWEEP, List.of(List.of(0, 1, 2), List.of(3, 4, 5))));
        String cancelled = fake.log.resolve("cancelled").toString();
        fake.command("squeue", "if [ ! -f '" + cancelled + "' ]; then printf '4242|0|RUNNING\\n4242|1|PENDING\\n"
                + "999|0|RUNNING\\n'; fi").command("scancel", "touch '" + cancelled + "'");
        SlurmEngine engine = new SlurmEngine(fake.slurm(), USER);

        assertEquals(List.of("slurm: 1 job (4242); in the queue: 1 tasks running, 1 pending"), engine.status(folder));
        assertEquals(List.of("Slurm job 4242"), engine.running(folder), "what another engine must not run twice");
        assertEquals(List.of("slurm: cancelled job 4242 (1 running, 1 waiting)"), engine.cancel(folder));
        assertEquals(1, fake.calls("scancel"));
        assertEquals(List.of("4242"), fake.arguments("scancel", 1), "only the sweep's job, not 999");
        assertEquals(List.of("slurm: 1 job (4242); in the queue: none"), engine.status(folder));
        assertEquals(List.of("slurm: no job of this sweep is in the queue"), engine.cancel(folder));
        assertEquals(1, fake.calls("scancel"));
        assertEquals(List.of(), engine.running(folder));
    }
}
