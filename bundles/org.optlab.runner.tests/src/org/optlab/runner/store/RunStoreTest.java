package org.optlab.runner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The run store: runs in child JVMs, their directories, the concurrency limit, stop, delete and recovery. */
class RunStoreTest {

    @TempDir
    Path root;

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static final String QUICK = """
            {"name": "quick moons", "dataset": {"id": "moons", "n": 400, "test": 200},
             "model": {"id": "mlp", "hidden": [16]}, "optimizers": [{"id": "adam", "lr": 0.02}],
             "epochs": 8, "batch_size": 40}
            """;

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void runsFinishOneAtATimeUnderALimitAndAreFoundAgainLater() throws Exception {
        RunStore store = new RunStore(root, 1);
        AtomicInteger mostRunning = new AtomicInteger();
        store.addListener(run -> mostRunning.accumulateAndGet((int) store.runs().stream()
                .filter(r -> r.status() == StoredRun.Status.RUNNING).count(), Math::max));
        List<StoredRun> runs = List.of(store.submit(json(QUICK)), store.submit(json(QUICK)), store.submit(json(QUICK)));
        waitUntil(() -> runs.stream().allMatch(r -> r.status().isDone()), "three runs to end");
        assertEquals(1, mostRunning.get(), "at most one ran at a time");
        for (StoredRun run : runs) {
            assertEquals(StoredRun.Status.FINISHED, run.status(), run.message());
            assertEquals(1.0, run.progress(), 0);
            assertTrue(run.bestTestAccuracy() > 0.8, "accuracy " + run.bestTestAccuracy());
            assertEquals(80, run.series().get("adam").steps.size()); // 10 batches x 8 epochs
            // a lab run records its optimizers' paths (20 snapshots) though its experiment does not ask
            for (String file : new String[] { "experiment.json", "metrics.csv", "summary.json", "log.txt",
                    "snapshots/layout.json", "snapshots/adam.npy" }) {
                assertTrue(Files.exists(run.directory().resolve(file)), file);
            }
            assertTrue(run.id().endsWith("quick_moons") || run.id().matches(".*quick_moons-\\d+"), run.id());
        }
        RunStore later = new RunStore(root, 1);
        assertEquals(3, later.runs().size());
        StoredRun found = later.runs().get(0);
        assertEquals(StoredRun.Status.FINISHED, found.status());
        assertEquals(80, found.series().get("adam").steps.size());
        assertEquals(8, found.series().get("adam").evaluations.size());
        assertEquals(runs.get(0).bestTestAccuracy(), found.bestTestAccuracy(), 1e-12);
    }

    @Test
    void aStoppedRunKeepsWhatItReportedAndADeletedOneIsGone() throws Exception {
        RunStore store = new RunStore(root, 2);
        StoredRun run = store.submit(json("""
                {"name": "long", "dataset": {"id": "spirals", "n": 4000}, "model": {"id": "mlp", "hidden": [64]},
                 "optimizers": [{"id": "adam"}], "epochs": 1000, "batch_size": 16, "evaluate_every": 50}
                """));
        waitUntil(() -> run.series().getOrDefault("adam", new StoredRun.Series()).evaluations.size() >= 2,
                "two evaluations");
        store.stop(run);
        waitUntil(() -> run.status().isDone(), "the run to stop");
        assertEquals(StoredRun.Status.STOPPED, run.status(), run.message());
        assertTrue(run.progress() > 0 && run.progress() < 1);
        List<String> metrics = Files.readAllLines(run.directory().resolve("metrics.csv"));
        assertTrue(metrics.size() > 100 && metrics.stream().allMatch(l -> l.split(",", -1).length == 8));
        // stopped (SIGTERM), the run wrote its summary before it exited, saying so
        assertEquals("stopped", new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.directory()
                .resolve("summary.json").toFile()).path("status").asText());
        StoredRun found = new RunStore(root, 1).runs().get(0);
        assertEquals(StoredRun.Status.STOPPED, found.status());
        // 4,000 examples in batches of 16: 250 steps per epoch, 1,000 epochs; a stop within the first epoch leaves
        // the total unknown (progress 0), a later one gives steps done / 250,000
        double expected = run.series().get("adam").steps.size() > 250
                ? run.series().get("adam").steps.size() / 250_000.0 : 0;
        assertEquals(expected, found.progress(), 1e-9);
        store.delete(run);
        assertFalse(Files.exists(run.directory()));
        assertTrue(store.runs().isEmpty());
    }

    @Test
    void progressCountsTheStepsOfEveryOptimizer() throws Exception {
        RunStore store = new RunStore(root, 1);
        StoredRun run = store.submit(json("""
                {"name": "two", "dataset": {"id": "spirals", "n": 4000}, "model": {"id": "mlp", "hidden": [64]},
                 "optimizers": [{"id": "sgd", "lr": 0.1}, {"id": "adam"}], "epochs": 2, "batch_size": 400}
                """));
        // 10 steps per epoch, 20 per optimizer: when the first has finished and the second has not begun, half done
        waitUntil(() -> run.series().getOrDefault("sgd", new StoredRun.Series()).steps.size() == 20, "sgd to finish");
        waitUntil(() -> run.status().isDone(), "the run to end");
        assertEquals(StoredRun.Status.FINISHED, run.status());
        StoredRun.Series sgd = run.series().get("sgd");
        assertEquals(20, sgd.totalSteps);
        assertEquals(20, run.series().get("adam").totalSteps);
        assertEquals(1.0, run.progress(), 0);
    }

    @Test
    void aRunThatFailsSaysWhy() throws Exception {
        RunStore store = new RunStore(root, 1);
        StoredRun run = store.submit(json("""
                {"dataset": {"id": "moons", "subset": "full"}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}]}
                """));
        waitUntil(() -> run.status().isDone(), "the run to fail");
        assertEquals(StoredRun.Status.FAILED, run.status());
        assertTrue(run.message().contains("field 'dataset.subset'"), run.message());
    }

    @Test
    void runsFoundOnDiskTakeTheirStatusFromTheirSummaryOrAreKilledWithoutOne() throws Exception {
        String rows = "optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds\n"
                + "\"sgd, fast\",1,1,0.5,,,0.1,0.010\n\"sgd, fast\",1,1,,0.4,0.9,,0.020\n";
        Map<String, String> summaries = new java.util.LinkedHashMap<>();
        summaries.put("a-killed", null);
        summaries.put("b-stopped", "{\"status\": \"stopped\"}");
        summaries.put("c-failed", "{\"status\": \"failed\", \"error\": \"field 'dataset.noise': bad\"}");
        summaries.put("d-finished", "{\"status\": \"finished\"}");
        for (var e : summaries.entrySet()) {
            Path dir = Files.createDirectories(root.resolve(e.getKey()));
            Files.writeString(dir.resolve("experiment.json"), QUICK);
            Files.writeString(dir.resolve("metrics.csv"), rows);
            if (e.getValue() != null) {
                Files.writeString(dir.resolve("summary.json"), e.getValue());
            }
        }
        List<StoredRun> found = new RunStore(root, 1).runs();
        assertEquals(List.of(StoredRun.Status.KILLED, StoredRun.Status.STOPPED, StoredRun.Status.FAILED,
                StoredRun.Status.FINISHED), found.stream().map(StoredRun::status).toList());
        assertTrue(found.get(0).message().startsWith("killed: "), found.get(0).message());
        assertEquals("field 'dataset.noise': bad", found.get(2).message());
        StoredRun.Series series = found.get(3).series().get("sgd, fast");
        assertEquals(1, series.steps.size(), "a quoted label keeps its rows: " + found.get(3).series().keySet());
        assertEquals(0.9, series.evaluations.get(0)[3]);
    }

    @Test
    void aRunAnEarlierLabLeftRunningIsReattachedAndFollowedToItsEnd() throws Exception {
        RunStore lab = new RunStore(root, 1);
        StoredRun left = lab.submit(json("""
                {"name": "left", "dataset": {"id": "spirals", "n": 4000, "test": 200},
                 "model": {"id": "mlp", "hidden": [16]}, "optimizers": [{"id": "adam", "lr": 0.01}],
                 "epochs": 3, "batch_size": 16}
                """));
        waitUntil(() -> left.series().getOrDefault("adam", new StoredRun.Series()).steps.size() >= 20,
                "the run to be under way");
        // the next lab opens the same store while the child still runs
        RunStore next = new RunStore(root, 1);
        StoredRun found = next.runs().get(0);
        assertEquals(StoredRun.Status.RUNNING, found.status(), found.message());
        assertTrue(found.message().startsWith("re-attached"), found.message());
        assertTrue(found.elapsedSeconds() > 0);
        waitUntil(() -> found.status().isDone(), "the re-attached run to end");
        assertEquals(StoredRun.Status.FINISHED, found.status(), found.message());
        // its events were replayed from the first: 250 steps per epoch x 3, as the lab that started it saw them
        assertEquals(750, found.series().get("adam").steps.size());
        assertEquals(750, found.series().get("adam").totalSteps);
        assertEquals(1.0, found.progress(), 0);
        waitUntil(() -> left.status().isDone(), "the first lab's view of it to end");
        assertEquals(left.bestTestAccuracy(), found.bestTestAccuracy(), 0);
        assertEquals(StoredRun.Status.FINISHED, new RunStore(root, 1).runs().get(0).status());
    }

    @Test
    void aReattachedRunStopsAndAReusedPidIsNotTakenForTheRun() throws Exception {
        RunStore lab = new RunStore(root, 1);
        StoredRun left = lab.submit(json("""
                {"name": "long", "dataset": {"id": "spirals", "n": 4000}, "model": {"id": "mlp", "hidden": [64]},
                 "optimizers": [{"id": "adam"}], "epochs": 1000, "batch_size": 16, "evaluate_every": 50}
                """));
        waitUntil(() -> left.series().getOrDefault("adam", new StoredRun.Series()).steps.size() >= 10,
                "the run to be under way");
        long pid = org.optlab.runner.process.ChildRun.findRunning(left.directory()).orElseThrow().pid();
        RunStore next = new RunStore(root, 1);
        StoredRun found = next.runs().get(0);
        assertEquals(StoredRun.Status.RUNNING, found.status());
        next.stop(found);
        waitUntil(() -> found.status().isDone(), "the re-attached run to stop");
        assertEquals(StoredRun.Status.STOPPED, found.status(), found.message());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "its process ended");
        waitUntil(() -> left.status().isDone(), "the first lab's view of it to end");

        // a record naming a live process that started at another time (the pid was reused) is not that run
        Path process = found.directory().resolve(org.optlab.runner.process.ChildRun.PROCESS);
        Files.writeString(process, "{\"pid\": " + ProcessHandle.current().pid() + ", \"start\": 1}");
        StoredRun again = new RunStore(root, 1).runs().get(0);
        assertEquals(StoredRun.Status.STOPPED, again.status(), again.message());
    }
}
