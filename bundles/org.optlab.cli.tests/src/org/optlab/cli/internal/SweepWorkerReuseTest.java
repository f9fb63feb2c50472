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

    /** results.csv without the seconds column, the one value that may differ between runs. */
    private static List<String> withoutSeconds(Path results) throws Exception {
        return Files.readAllLines(results).stream().map(line -> {
            List<String> f = org.optlab.runner.experiment.Csv.fields(line);
            return String.join(",", f.subList(0, 6)) + "," + String.join(",", f.subList(7, f.size()));
        }).toList();
    }

    /** metrics.csv without its last column, seconds. */
    private static List<String> withoutLastColumn(Path metrics) throws Exception {
        return Files.readAllLines(metrics).stream().map(line -> line.substring(0, line.lastIndexOf(','))).toList();
    }

    @Test
    void embeddedTrialsAreTheSameInAReusedWorkerAndInFreshOnes() throws Exception {
        Path file = dir.resolve("fmnist.json");
        Files.writeString(file, """
                {"name": "fmnist", "experiment": {"name": "f", "dataset": {"id": "fashion-mnist", "subset": "embedded"},
                  "model": {"id": "softmax"}, "epochs": 1, "batch_size": 256},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.01, 0.1]}}],
                 "objective": {"metric": "final_test_loss", "goal": "min"}}""");
        // one worker: the second trial finds the subset already read; two workers: each trial reads it first
        Cli.Result one = Cli.run("sweep", file.toString(), "--out", dir.resolve("one").toString(), "--workers", "1");
        assertEquals(0, one.code(), one.err());
        Cli.Result two = Cli.run("sweep", file.toString(), "--out", dir.resolve("two").toString(), "--workers", "2");
        assertEquals(0, two.code(), two.err());
        List<String> a = withoutSeconds(dir.resolve("one").resolve("results.csv"));
        assertEquals(3, a.size(), a.toString());
        assertTrue(a.stream().skip(1).allMatch(l -> l.contains(",finished,")), a.toString());
        assertEquals(a, withoutSeconds(dir.resolve("two").resolve("results.csv")));
        List<String> steps = withoutLastColumn(dir.resolve("one/trials/0001/metrics.csv"));
        assertTrue(steps.size() > 10, steps.toString());
        assertEquals(steps, withoutLastColumn(dir.resolve("two/trials/0001/metrics.csv")),
                "every step of the reused worker's trial");
    }

    @Test
    void aTrialInAWorkerWithC1AloneGivesTheBitsOfThisJvm() throws Exception {
        // softmax sweeps start their workers with -XX:TieredStopAtLevel=1 on a plain class path; this JVM runs the
        // tests with C2 in OSGi
        Path file = dir.resolve("quick.json");
        Files.writeString(file, """
                {"name": "quick", "experiment": {"name": "q", "dataset": {"id": "fashion-mnist", "subset": "embedded"},
                  "model": {"id": "softmax"}, "epochs": 1, "batch_size": 128},
                 "optimizers": [{"id": "adam", "search": {"lr": [0.01]}}],
                 "objective": {"metric": "final_test_loss", "goal": "min"}}""");
        Path out = dir.resolve("quick");
        Cli.Result worker = Cli.run("sweep", file.toString(), "--out", out.toString(), "--workers", "1");
        assertEquals(0, worker.code(), worker.err());
        String log = Files.readString(out.resolve(".workers/w1/log.txt"));
        List<String> inWorker = withoutLastColumn(out.resolve("trials/0000/metrics.csv"));
        assertTrue(inWorker.size() > 10, inWorker.toString());
        // the worker, kept a few seconds after the sweep, ran on a plain class path (no OSGi) with C1 alone
        long pid = Long.parseLong(Files.readString(out.resolve("trials/0000/.optlab.lock")).replaceAll(
                ".*pid (\\d+).*", "$1").strip());
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
        Path file = dir.resolve("phases.json");
        Files.writeString(file, """
                {"name": "phases", "experiment": {"name": "p", "dataset": {"id": "blobs"}, "model": {"id": "softmax"},
                  "epochs": 1, "batch_size": 50},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.01, 0.1]}}],
                 "objective": {"metric": "final_train_loss"}, "seeds": [1, 2]}""");
        Path out = dir.resolve("phases");
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--workers", "1");
        assertEquals(0, r.code(), r.err());
        List<String> results = withoutSeconds(out.resolve("results.csv"));
        assertEquals(1 + 2 + 2, results.size(), results.toString());
        assertTrue(results.stream().skip(1).allMatch(l -> l.contains(",finished,")), results.toString());
        // each trial's lock file names the process that ran it: one worker, kept from the tune phase for the seeds
        java.util.Set<String> pids = new java.util.TreeSet<>();
        for (int t = 0; t < 4; t++) {
            String holder = Files.readString(out.resolve(String.format("trials/%04d/.optlab.lock", t)));
            pids.add(holder.replaceAll(".*pid (\\d+).*", "$1").strip());
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
