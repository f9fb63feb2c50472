package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker runs trial after trial and keeps what it has read (the embedded Fashion-MNIST subset): a trial that runs
 * after others in the same worker must give what it gives as the first trial of a fresh worker.
 */
class SweepWorkerReuseTest {

    @TempDir
    Path dir;

    /** metrics.csv without its last column, seconds. */
    private static List<String> withoutLastColumn(Path metrics) throws Exception {
        return Files.readAllLines(metrics).stream().map(line -> line.substring(0, line.lastIndexOf(','))).toList();
    }

    @Test
    void embeddedTrialsAreTheSameInAReusedWorkerAndInFreshOnes() throws Exception {
        Path file = dir.resolve("fmnist.json");
        String json = """
                {"name": "fmnist", "experiment": {"name": "f", "dataset": {"id": "fashion-mnist", "subset": "embedded"},
                  "model": {"id": "softmax"}, "epochs": 1, "batch_size": 256},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.01, 0.1]}}],
                 "objective": {"metric": "final_test_loss", "goal": "min"}}""";
        // one worker: the second trial finds the subset already read; two workers: each trial reads it first
        Cli.Result one = Cli.sweep(file, json, dir.resolve("one"), 1);
        assertEquals(0, one.code(), one.err());
        Cli.Result two = Cli.sweep(file, json, dir.resolve("two"), 2);
        assertEquals(0, two.code(), two.err());
        List<String> a = Cli.withoutSeconds(dir.resolve("one").resolve("results.csv"));
        assertEquals(3, a.size(), a.toString());
        assertTrue(a.stream().skip(1).allMatch(l -> l.contains(",finished,")), a.toString());
        assertEquals(a, Cli.withoutSeconds(dir.resolve("two").resolve("results.csv")));
        List<String> steps = withoutLastColumn(dir.resolve("one/trials/0001/metrics.csv"));
        assertTrue(steps.size() > 10, steps.toString());
        assertEquals(steps, withoutLastColumn(dir.resolve("two/trials/0001/metrics.csv")),
                "every step of the reused worker's trial");
    }

    @Test
    void aTrialInAWorkerWithC1AloneGivesTheBitsOfThisJvm() throws Exception {
        // softmax sweeps start their workers with -XX:TieredStopAtLevel=1 on a plain class path; this JVM runs the
        // tests with C2 in OSGi
        Path out = dir.resolve("quick");
        Cli.Result worker = Cli.sweep(dir.resolve("quick.json"), """
                {"name": "quick", "experiment": {"name": "q", "dataset": {"id": "fashion-mnist", "subset": "embedded"},
                  "model": {"id": "softmax"}, "epochs": 1, "batch_size": 128},
                 "optimizers": [{"id": "adam", "search": {"lr": [0.01]}}],
                 "objective": {"metric": "final_test_loss", "goal": "min"}}""", out, 1);
        assertEquals(0, worker.code(), worker.err());
        String log = Files.readString(out.resolve(".workers/w1/log.txt"));
        List<String> inWorker = withoutLastColumn(out.resolve("trials/0000/metrics.csv"));
        assertTrue(inWorker.size() > 10, inWorker.toString());
        // the worker, kept a few seconds after the sweep, ran on a plain class path (no OSGi) with C1 alone
        long pid = Cli.holder(out.resolve("trials/0000"));
        List<String> command = List.of(ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).orElseThrow(
                () -> new AssertionError("the kept worker " + pid + " is gone")));
        assertTrue(command.contains("-XX:TieredStopAtLevel=1"), command.toString());
        String argumentFile = command.get(command.size() - 1); // the class path, main class and arguments
        assertTrue(argumentFile.startsWith("@") && Files.readString(Path.of(argumentFile.substring(1))).contains(
                org.optlab.runner.sweep.TrialWorker.class.getName()), command.toString());

        org.optlab.runner.Trees.delete(out.resolve("trials/0000")); // the trial again, in this process
        Cli.Result here = Cli.run("sweep", "trials", out.toString(), "0");
        assertEquals(0, here.code(), here.err());
        assertEquals(inWorker, withoutLastColumn(out.resolve("trials/0000/metrics.csv")),
                "every step, in a worker with C1 alone and in this JVM (worker log: " + log + ")");
    }

    @Test
    void theSeedsPhaseRunsInTheWorkerOfTheTunePhase() throws Exception {
        Path out = dir.resolve("phases");
        Cli.Result r = Cli.sweep(dir.resolve("phases.json"), """
                {"name": "phases", "experiment": {"name": "p", "dataset": {"id": "blobs"}, "model": {"id": "softmax"},
                  "epochs": 1, "batch_size": 50},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.01, 0.1]}}],
                 "objective": {"metric": "final_train_loss"}, "seeds": [1, 2]}""", out, 1);
        assertEquals(0, r.code(), r.err());
        List<String> results = Cli.withoutSeconds(out.resolve("results.csv"));
        assertEquals(1 + 2 + 2, results.size(), results.toString());
        assertTrue(results.stream().skip(1).allMatch(l -> l.contains(",finished,")), results.toString());
        // each trial's lock file names the process that ran it: one worker, kept from the tune phase for the seeds
        java.util.Set<String> pids = new java.util.TreeSet<>();
        for (int t = 0; t < 4; t++) {
            pids.add(Long.toString(Cli.holder(out.resolve(String.format("trials/%04d", t)))));
        }
        assertEquals(1, pids.size(), "one worker for both phases: " + pids);
        // kept a few seconds for a next run on the sweep, then ended
        long pid = Long.parseLong(pids.iterator().next());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "kept after the sweep");
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(System.nanoTime() < deadline, "the kept worker " + pid + " never ended");
            Thread.sleep(200);
        }
    }
}
