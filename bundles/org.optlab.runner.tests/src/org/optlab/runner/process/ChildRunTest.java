package org.optlab.runner.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.runner.training.MetricsCsv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Training runs in a child JVM started like the lab starts them: the event protocol, a normal end, a failure, and a
 * kill in the middle that leaves a complete, parsable metrics file.
 */
class ChildRunTest {

    @TempDir
    Path dir;

    /** Collects what a child reports. */
    private static final class Recorder implements ChildRun.Listener {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile int code;
        volatile boolean finished;

        @Override
        public void event(JsonNode event) {
            events.add(event);
        }

        @Override
        public void exited(int exitCode, boolean completed) {
            code = exitCode;
            finished = completed;
            done.countDown();
        }

        long count(String kind) {
            return events.stream().filter(e -> kind.equals(e.path("event").asText())).count();
        }

        void awaitEnd() throws InterruptedException {
            assertTrue(done.await(180, TimeUnit.SECONDS), "the child did not end; events: " + events.size());
        }

        void waitFor(Predicate<Recorder> condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!condition.test(this)) {
                assertTrue(System.nanoTime() < deadline, "timed out; events so far: " + events);
                assertTrue(done.getCount() > 0 || condition.test(this), "the child ended early: " + events);
                Thread.sleep(50);
            }
        }
    }

    private Path experiment(String json) throws Exception {
        Path file = dir.resolve("experiment.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void aChildRunReportsEveryStepAndEvaluationAndFinishes() throws Exception {
        Path file = experiment("""
                {"dataset": {"id": "moons", "n": 200, "test": 100}, "model": {"id": "mlp", "hidden": [8]},
                 "optimizers": [{"id": "adam", "lr": 0.01}], "epochs": 2, "batch_size": 50}
                """);
        Recorder r = new Recorder();
        ChildRun.start(file, dir.resolve("run"), null, Map.of(), r);
        r.awaitEnd();
        assertEquals(0, r.code, "events: " + r.events);
        assertTrue(r.finished);
        assertEquals("started", r.events.get(0).path("event").asText());
        assertEquals(8, r.events.get(0).path("total_steps").asLong());
        assertEquals(8, r.count("step"));
        assertEquals(2, r.count("evaluation"));
        JsonNode last = r.events.get(r.events.size() - 1);
        assertEquals("finished", last.path("event").asText());
        assertEquals("adam", last.path("runs").get(0).path("optimizer").asText());
        assertTrue(Files.exists(dir.resolve("run/summary.json")));
        assertEquals(1 + 8 + 2, Files.readAllLines(dir.resolve("run/metrics.csv")).size());
    }

    @Test
    void aFailingRunSaysWhyAndEndsWithAnError() throws Exception {
        Path file = experiment("""
                {"dataset": {"id": "moons", "noise": -1}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}]}
                """);
        Recorder r = new Recorder();
        ChildRun.start(file, dir.resolve("run"), null, Map.of(), r);
        r.awaitEnd();
        assertNotEquals(0, r.code);
        assertFalse(r.finished);
        JsonNode failed = r.events.get(r.events.size() - 1);
        assertEquals("failed", failed.path("event").asText());
        assertTrue(failed.path("message").asText().contains("field 'dataset.noise'"), failed.toString());
        assertTrue(Files.readString(dir.resolve("run/log.txt")).contains("field 'dataset.noise'"));
    }

    @Test
    void killingTheChildMidRunLeavesCompleteParsableMetrics() throws Exception {
        Path file = experiment("""
                {"dataset": {"id": "spirals", "n": 4000, "test": 500}, "model": {"id": "mlp", "hidden": [64]},
                 "optimizers": [{"id": "adam", "lr": 0.003}], "epochs": 1000, "batch_size": 16, "evaluate_every": 25}
                """);
        Recorder r = new Recorder();
        ChildRun child = ChildRun.start(file, dir.resolve("run"), null, Map.of(), r);
        r.waitFor(rec -> rec.count("evaluation") >= 3);
        child.kill();
        r.awaitEnd();
        assertFalse(r.finished);
        assertNotEquals(0, r.code);
        List<String> lines = Files.readAllLines(dir.resolve("run/metrics.csv"));
        assertEquals("optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds", lines.get(0));
        long evaluations = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(8, f.length, "a whole row: " + line);
            assertEquals("adam", f[0]);
            Long.parseLong(f[2]);
            Double.parseDouble(f[7]);
            if (f[3].isEmpty()) {
                evaluations++;
                Double.parseDouble(f[5]);
            } else {
                Double.parseDouble(f[3]);
            }
        }
        // every evaluation the lab was told about is in the file: rows are written before their events
        assertTrue(evaluations >= r.count("evaluation"), evaluations + " rows, " + r.count("evaluation") + " events");
        assertTrue(evaluations >= 3);
    }

    @Test
    void aSecondRunOnAFolderInUseIsRefusedAndStoppingWritesAStoppedSummary() throws Exception {
        Path file = experiment("""
                {"dataset": {"id": "spirals", "n": 4000, "test": 500}, "model": {"id": "mlp", "hidden": [64]},
                 "optimizers": [{"id": "adam", "lr": 0.003}, {"id": "sgd"}], "epochs": 1000, "batch_size": 16}
                """);
        Recorder first = new Recorder();
        ChildRun running = ChildRun.start(file, dir.resolve("run"), null, Map.of(), first);
        first.waitFor(rec -> rec.count("evaluation") >= 1);
        Recorder second = new Recorder();
        ChildRun.start(file, dir.resolve("run"), null, Map.of(), second);
        second.awaitEnd();
        // its refusal is added to log.txt, after what the first run wrote there, which stays
        List<String> log = Files.readAllLines(dir.resolve("run/log.txt"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("optlab: backend cpu")), String.join("\n", log));
        assertTrue(log.get(log.size() - 1).contains(" is in use by another run ("), String.join("\n", log));
        assertEquals(1, second.code);
        JsonNode refused = second.events.get(second.events.size() - 1);
        assertTrue(refused.path("message").asText().contains(dir.resolve("run") + " is in use by another run (optlab"
                + " run " + file), refused.toString());
        running.stop(); // SIGTERM, as Stop in the lab
        first.awaitEnd();
        assertEquals(1, first.code);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
        assertEquals("stopped", summary.path("status").asText());
        JsonNode adam = summary.path("runs").get(0);
        assertEquals("stopped", adam.path("status").asText());
        assertEquals(1, summary.path("runs").size(), "sgd never started");
        List<MetricsCsv.Row> rows = MetricsCsv.read(dir.resolve("run/metrics.csv"));
        long lastStep = rows.stream().filter(r -> !r.evaluation()).mapToLong(MetricsCsv.Row::step).max().orElse(-1);
        assertEquals(lastStep, adam.path("steps").asLong(), "the summary names the step reached");
        assertTrue(lastStep >= 250, "at least one epoch ran: " + lastStep);
        assertTrue(adam.path("final_test_accuracy").isNumber(), "the last evaluation's numbers: " + adam);
    }

    @Test
    void aFailedRunSaysSoInItsSummary() throws Exception {
        Path file = experiment("""
                {"dataset": {"id": "moons", "noise": -1}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}]}
                """);
        Recorder r = new Recorder();
        ChildRun.start(file, dir.resolve("run"), null, Map.of(), r);
        r.awaitEnd();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
        assertEquals("failed", summary.path("status").asText());
        assertTrue(summary.path("error").asText().contains("field 'dataset.noise'"), summary.toString());
        assertEquals(0, summary.path("runs").size());
    }

    @Test
    void aChildHoldsNoPipeToTheLabAndGoesOnWritingWhenNobodyFollowsIt() throws Exception {
        // 4,000 examples in batches of 16 for 2 epochs: 500 step events, over 64 KiB (a pipe's buffer) of events
        Path file = experiment("""
                {"dataset": {"id": "spirals", "n": 4000, "test": 200}, "model": {"id": "mlp", "hidden": [8]},
                 "optimizers": [{"id": "adam", "lr": 0.01}], "epochs": 2, "batch_size": 16}
                """);
        Recorder r = new Recorder();
        ChildRun child = ChildRun.start(file, dir.resolve("run"), null, Map.of(), r);
        r.waitFor(rec -> rec.count("started") == 1);
        // what ties the child to the lab's process: its stdin, stdout and stderr are files, not pipes
        Path fds = Path.of("/proc", Long.toString(child.pid()), "fd");
        assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(fds.resolve("0")));
        assertEquals(dir.resolve("run").resolve(ChildRun.EVENTS), Files.readSymbolicLink(fds.resolve("1")));
        assertEquals(dir.resolve("run/log.txt"), Files.readSymbolicLink(fds.resolve("2")));
        assertEquals(child.pid(), ChildRun.findRunning(dir.resolve("run")).orElseThrow().pid());
        // the lab goes away (nobody reads any more): the child still runs to its end and writes everything
        child.detach();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (child.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "the child did not end");
            Thread.sleep(100);
        }
        assertTrue(Files.exists(dir.resolve("run/summary.json")), "the child finished its run");
        List<String> events = Files.readAllLines(dir.resolve("run").resolve(ChildRun.EVENTS));
        assertTrue(Files.size(dir.resolve("run").resolve(ChildRun.EVENTS)) > 65536);
        assertEquals(500, events.stream().filter(l -> l.startsWith("{\"event\":\"step\"")).count());
        assertTrue(events.get(events.size() - 1).startsWith("{\"event\":\"finished\""), events.get(events.size() - 1));
        assertEquals(1 + 500 + 2, Files.readAllLines(dir.resolve("run/metrics.csv")).size());
        assertEquals(1, r.done.getCount(), "a detached run tells its listener nothing more");
        assertTrue(ChildRun.findRunning(dir.resolve("run")).isEmpty(), "an ended child is not found running");
    }

    @Test
    void aSecondStartOnTheSameFolderLeavesTheFirstChildsEventsAlone() throws Exception {
        Path file = experiment("""
                {"dataset": {"id": "moons", "n": 200, "test": 100}, "model": {"id": "mlp", "hidden": [8]},
                 "optimizers": [{"id": "adam", "lr": 0.01}], "epochs": 2, "batch_size": 50}
                """);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        ChildRun.start(file, dir.resolve("run"), null, Map.of(), first);
        ChildRun.start(file, dir.resolve("run"), null, Map.of(), second); // (a run store never does this)
        first.awaitEnd();
        second.awaitEnd();
        // whichever child took the folder first ran; the other was refused; each start has its own events file and
        // record, so neither's events were cut or mixed with the other's
        assertTrue(first.finished != second.finished, "one runs, one is refused: " + first.events + second.events);
        Recorder ran = first.finished ? first : second;
        Recorder refused = ran == first ? second : first;
        assertEquals(8, ran.count("step"));
        assertEquals(List.of("failed"), refused.events.stream().map(e -> e.path("event").asText()).toList());
        // (it names the holder when the holder has written its line, which it does right after taking the lock; on a
        // busy machine the second child may start only once the first has ended: then the results refuse it)
        String why = refused.events.get(0).path("message").asText();
        assertTrue(why.contains(" is in use by another run") || why.contains(" already holds the results of a run"),
                refused.events.toString());
        Path ranEvents = dir.resolve("run").resolve(ran == first ? ChildRun.EVENTS : "events-2.jsonl");
        Path refusedEvents = dir.resolve("run").resolve(ran == first ? "events-2.jsonl" : ChildRun.EVENTS);
        assertEquals(1 + 8 + 2 + 1, Files.readAllLines(ranEvents).size());
        assertEquals(1, Files.readAllLines(refusedEvents).size());
        assertTrue(Files.exists(dir.resolve("run/process-2.json")));
    }
}
