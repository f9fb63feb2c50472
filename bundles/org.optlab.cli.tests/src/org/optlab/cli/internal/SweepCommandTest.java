package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.sweep.LocalEngine;
import org.optlab.runner.sweep.SweepFolder;
import org.junit.jupiter.api.io.TempDir;

/** {@code optlab sweep}: files, resume, workers that do not change results, one line per failure. */
class SweepCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSurfaceSweepWritesItsFilesAndAResumeRunsNothingTwice() throws Exception {
        Path file = dir.resolve("race.json");
        Files.writeString(file, """
                {"name": "race", "experiment": {"name": "r", "surface": {"id": "rosenbrock"}, "steps": 200},
                 "optimizers": [{"id": "adam", "search": {"lr": {"log": [1e-3, 1], "points": 4}}}],
                 "objective": {"metric": "distance_to_minimum"}, "seeds": [1, 2]}""");
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] { "sweep.json", "results.csv", "report.json", "report.md" }) {
            assertTrue(Files.exists(dir.resolve("out").resolve(f)), f);
        }
        List<String> results = Files.readAllLines(dir.resolve("out").resolve("results.csv"));
        assertEquals("trial,phase,optimizer,seed,status,objective,seconds,lr", results.get(0));
        assertEquals(1 + 4 + 2, results.size());
        assertTrue(r.out().startsWith("adam: lr="), r.out());
        assertTrue(r.err().contains("phase tune, 4 trials") && r.err().contains("phase seeds, 2 trials"), r.err());
        long modified = Files.getLastModifiedTime(dir.resolve("out/trials/0000/trial.json")).toMillis();

        Cli.Result again = Cli.run("sweep", file.toString(), "--out", dir.resolve("out").toString(), "--resume");
        assertEquals(0, again.code(), again.err());
        assertEquals(modified, Files.getLastModifiedTime(dir.resolve("out/trials/0000/trial.json")).toMillis(),
                "a finished trial is not run again");
        assertEquals(Cli.withoutSeconds(dir.resolve("out").resolve("results.csv")).size(), results.size());

        Cli.Result status = Cli.run("sweep", "status", dir.resolve("out").toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("tune: finished 4") && status.out().contains("seeds: finished 2"),
                status.out());
    }

    @Test
    void oneOrTwoWorkersGiveTheSameResults() throws Exception {
        Path file = dir.resolve("blobs.json");
        String json = """
                {"name": "blobs", "experiment": {"name": "b", "dataset": {"id": "blobs"}, "model": {"id": "softmax"},
                  "epochs": 1, "batch_size": 50},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.01, 0.1, 1]}}, {"id": "adam", "search": {"lr": [0.01]}}],
                 "objective": {"metric": "final_train_loss"}, "seeds": [1, 2]}""";
        Cli.Result one = Cli.sweep(file, json, dir.resolve("one"), 1);
        assertEquals(0, one.code(), one.err());
        Cli.Result two = Cli.sweep(file, json, dir.resolve("two"), 2);
        assertEquals(0, two.code(), two.err());
        List<String> a = Cli.withoutSeconds(dir.resolve("one").resolve("results.csv"));
        assertEquals(1 + 4 + 4, a.size());
        assertEquals(a, Cli.withoutSeconds(dir.resolve("two").resolve("results.csv")));
        assertTrue(a.stream().skip(1).allMatch(l -> l.contains(",finished,")), a.toString());
    }

    /** An uncompressed IDX file: magic, dimensions, data. */
    private static void idx(Path file, int magic, int[] dimensions, byte[] data) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        b.putInt(magic);
        for (int d : dimensions) {
            b.putInt(d);
        }
        b.put(data);
        Files.write(file, b.array());
    }

    @Test
    void aPlainWorkerGetsTheSweepsThreadsAndDataFolder() throws Exception {
        // a Fashion-MNIST of 64 + 16 images in --data-dir: the worker must read it, not the embedded 6,000
        Path data = Files.createDirectories(dir.resolve("data/fashion-mnist"));
        byte[] labels = new byte[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        idx(data.resolve("train-images-idx3-ubyte"), 0x803, new int[] { 64, 28, 28 }, new byte[64 * 784]);
        idx(data.resolve("train-labels-idx1-ubyte"), 0x801, new int[] { 64 }, labels);
        idx(data.resolve("t10k-images-idx3-ubyte"), 0x803, new int[] { 16, 28, 28 }, new byte[16 * 784]);
        idx(data.resolve("t10k-labels-idx1-ubyte"), 0x801, new int[] { 16 }, java.util.Arrays.copyOf(labels, 16));
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, """
                {"name": "tiny", "experiment": {"name": "t", "dataset": {"id": "fashion-mnist"},
                  "model": {"id": "softmax"}, "epochs": 1, "batch_size": 32},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.1]}}],
                 "objective": {"metric": "final_test_loss", "goal": "min"}}""");
        Path out = dir.resolve("tiny");
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--workers", "1", "--threads", "2",
                "--data-dir", dir.resolve("data").toString());
        assertEquals(0, r.code(), r.err());
        List<String> steps = Files.readAllLines(out.resolve("trials/0000/metrics.csv"));
        assertEquals(1 + 2 + 1, steps.size(), "64 images in batches of 32, then the test set: " + steps);
        List<String> arguments = Files.readAllLines(out.resolve(".workers/w1/worker.args"));
        String joined = String.join(" ", arguments);
        assertTrue(joined.contains("\"--threads\" \"2\"") && joined.contains("\"--data-dir\" \""
                + dir.resolve("data") + "\""), joined);
    }

    @Test
    void aWorkerKilledMidTrialFailsOnlyThatTrial() throws Exception {
        Path file = dir.resolve("long.json");
        // two trainings of a few seconds each: the worker is killed in the first, another runs the second
        Files.writeString(file, """
                {"name": "long", "experiment": {"name": "l", "dataset": {"id": "spirals", "n": 4000},
                  "model": {"id": "mlp", "hidden": [64]}, "epochs": 30, "batch_size": 16},
                 "optimizers": [{"id": "adam", "lr": 0.001}, {"id": "sgd", "lr": 0.1}],
                 "objective": {"metric": "final_test_accuracy"}}""");
        Path out = dir.resolve("killed");
        var result = new java.util.concurrent.atomic.AtomicReference<Cli.Result>();
        Thread sweep = new Thread(() -> result.set(Cli.run("sweep", file.toString(), "--out", out.toString(),
                "--workers", "1")));
        sweep.start();
        Path progress = out.resolve("trials/0000/metrics.csv");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!(Files.exists(progress) && Files.size(progress) > 2000)) { // trial 0 is training
            assertTrue(System.nanoTime() < deadline, "trial 0 never started");
            Thread.sleep(100);
        }
        // this sweep's worker (workers of earlier tests' sweeps may be kept alive for a few seconds)
        ProcessHandle worker = ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                .contains(out.toString())).findFirst().orElseThrow();
        worker.destroyForcibly();
        sweep.join(180_000);
        Cli.Result r = result.get();
        assertEquals(1, r.code(), r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("optlab: 1 of 2 trials failed (first: trial 0: the worker process died while "
                + "running it (exit code 137"), last);
        var trial0 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("trials/0000/trial.json")
                .toFile());
        assertEquals("failed", trial0.get("status").asText());
        var trial1 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("trials/0001/trial.json")
                .toFile());
        assertEquals("finished", trial1.get("status").asText(), "the next worker ran trial 1");
    }

    @Test
    void aWorkerThatCannotGoOnStopsTheSweepAndLeavesItsTrialsToRun() throws Exception {
        Path file = dir.resolve("stops.json");
        Files.writeString(file, """
                {"name": "stops", "experiment": {"name": "s", "dataset": {"id": "fashion-mnist", "subset": "embedded"},
                  "model": {"id": "softmax"}, "epochs": 1, "batch_size": 256},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.01, 0.1]}}],
                 "objective": {"metric": "final_test_loss", "goal": "min"}}""");
        OptimizerRegistry optimizers = OptimizerRegistry.fromExtensions();
        DatasetRegistry datasets = DatasetRegistry.fromExtensions();
        Path out = dir.resolve("stops");
        SweepFolder folder = SweepFolder.create(file, out, optimizers, datasets.ids());
        // what every worker reads first, damaged after this process read it: each worker would fail the same way
        Path saved = out.resolve("sweep.json");
        String good = Files.readString(saved);
        Files.writeString(saved, "{\"sweep\": ");
        IOException e = assertThrows(IOException.class, () -> LocalEngine.run(folder, folder.pending(), 1, 1, null,
                optimizers, datasets, null, null));
        assertTrue(e.getMessage().startsWith("a sweep worker cannot go on: " + saved), e.getMessage());
        assertTrue(e.getMessage().endsWith("w1/log.txt)") && e.getMessage().lines().count() == 1, e.getMessage());
        assertEquals(2, folder.pending().size(), "no trial counted as run or failed");

        Files.writeString(saved, good); // mended: the same folder runs to its end
        LocalEngine.run(folder, folder.pending(), 1, 1, null, optimizers, datasets, null, null);
        assertTrue(folder.pending().isEmpty());
        assertTrue(Cli.withoutSeconds(out.resolve("trials/0001/metrics.csv")).size() > 3);
    }

    @Test
    void aSweepKilledMidWayAndResumedEqualsOneThatWasNot() throws Exception {
        Path file = dir.resolve("blobs.json");
        Files.writeString(file, """
                {"name": "k", "experiment": {"name": "b", "dataset": {"id": "blobs"}, "model": {"id": "softmax"},
                  "epochs": 2, "batch_size": 10},
                 "optimizers": [{"id": "sgd", "search": {"lr": {"log": [1e-3, 10], "points": 5}}},
                                {"id": "adam", "search": {"lr": [0.001, 0.01, 0.1]}}],
                 "objective": {"metric": "best_test_accuracy"}, "seeds": [1, 2, 3]}""");
        Cli.Result whole = Cli.run("sweep", file.toString(), "--out", dir.resolve("whole").toString());
        assertEquals(0, whole.code(), whole.err());

        // the same sweep in a process of its own, SIGKILLed with its workers once a few trials have ended
        Path out = dir.resolve("killed");
        Path configuration = Files.createTempDirectory("sweep-configuration");
        Process sweep = new ProcessBuilder(org.optlab.runner.process.ChildRun.SelfLaunch.current().command(
                configuration, List.of("sweep", file.toString(), "--out", out.toString(), "--workers", "1")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (ended(out) < 3) {
            assertTrue(sweep.isAlive() && System.nanoTime() < deadline, "the sweep ended or stalled before 3 trials");
            Thread.sleep(20);
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(sweep.descendants().toList());
        sweep.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        sweep.waitFor();
        long before = ended(out);
        assertTrue(before < 11, "killed mid-way: " + before + " of 11 trials had ended");

        Cli.Result resumed = Cli.run("sweep", file.toString(), "--out", out.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Cli.withoutSeconds(dir.resolve("whole").resolve("results.csv")), Cli.withoutSeconds(out.resolve(
                "results.csv")));
        assertEquals(Files.readString(dir.resolve("whole").resolve("report.md")).replaceAll("\\d+\\.\\d+ s", ""),
                Files.readString(out.resolve("report.md")).replaceAll("\\d+\\.\\d+ s", ""));
    }

    @Test
    void aSweepStoppedBetweenItsPhasesResumesFromItsFolderAlone() throws Exception {
        Path file = dir.resolve("between.json");
        Files.writeString(file, """
                {"name": "between", "experiment": {"name": "r", "surface": {"id": "rosenbrock"}, "steps": 100},
                 "optimizers": [{"id": "adam", "search": {"lr": [0.003, 0.03, 0.3]}}],
                 "objective": {"metric": "final_loss"}, "seeds": [1, 2]}""");
        Path out = dir.resolve("between");
        // the tune phase alone, as a sweep stopped right after its last tune trial leaves it
        SweepFolder.create(file, out, OptimizerRegistry.fromExtensions(), List.of());
        Cli.Result tune = Cli.run("sweep", "trials", out.toString(), "0", "1", "2");
        assertEquals(0, tune.code(), tune.err());
        assertEquals(List.of("ended 0 finished", "ended 1 finished", "ended 2 finished"), tune.out().lines().toList());
        long written = Files.getLastModifiedTime(out.resolve("trials/0000/trial.json")).toMillis();
        Cli.Result again = Cli.run("sweep", "trials", out.toString(), "0");
        assertEquals("ended 0 finished", again.out().strip(), "a trial that has ended is not run again");
        assertEquals(written, Files.getLastModifiedTime(out.resolve("trials/0000/trial.json")).toMillis());

        Cli.Result resumed = Cli.run("sweep", "--out", out.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        List<String> rows = Cli.withoutSeconds(out.resolve("results.csv"));
        assertEquals(1 + 3 + 2, rows.size(), rows.toString());
        assertEquals(2, rows.stream().filter(r -> r.contains(",seeds,")).count(), rows.toString());
        Cli.Result whole = Cli.run("sweep", file.toString(), "--out", dir.resolve("whole").toString());
        assertEquals(0, whole.code(), whole.err());
        assertEquals(Cli.withoutSeconds(dir.resolve("whole").resolve("results.csv")), rows);
    }

    @Test
    void oneSweepAtATimeDrivesAFolderAndABadFileLeavesNoFolder() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"experiment\": {\"surface\": {\"id\": \"rosenbrock\"}}, \"optimizers\": []}");
        Cli.Result bad = Cli.run("sweep", file.toString(), "--out", dir.resolve("bad").toString());
        assertEquals(1, bad.code());
        assertTrue(Files.notExists(dir.resolve("bad")), "a bad sweep file leaves no folder behind");
        Path held = Files.createDirectories(dir.resolve("held"));
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(held.resolve(
                org.optlab.runner.RunFolder.LOCK), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = c.lock()) {
            Path good = dir.resolve("good.json");
            Files.writeString(good, """
                    {"name": "g", "experiment": {"name": "r", "surface": {"id": "rosenbrock"}, "steps": 10},
                     "optimizers": [{"id": "adam", "search": {"lr": [0.01]}}], "objective": {"metric": "final_loss"}}""");
            Cli.Result second = Cli.run("sweep", good.toString(), "--out", held.toString());
            assertEquals(1, second.code());
            assertTrue(second.err().contains("another optlab sweep is running in " + held), second.err());
        }
    }

    /** The trials of a sweep folder that have ended (their trial.json written). */
    private static long ended(Path out) throws Exception {
        Path trials = out.resolve("trials");
        if (!Files.isDirectory(trials)) {
            return 0;
        }
        try (var list = Files.list(trials)) {
            return list.filter(t -> Files.exists(t.resolve("trial.json"))).count();
        }
    }

    @Test
    void failuresAreOneLine() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"experiment\": {\"surface\": {\"id\": \"rosenbrock\"}}, \"optimizers\": "
                + "[{\"id\": \"sgd\", \"search\": {\"lr\": {\"log\": [1e-3, 1]}}}]}");
        Cli.Result bad = Cli.run("sweep", file.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, bad.code());
        assertEquals("optlab: " + file + ": field 'optimizers[0].search.lr.points': missing; expected a whole number "
                + "in [1, 100000]", bad.err().strip());
        Cli.Result none = Cli.run("sweep", "status", dir.resolve("nothing").toString());
        assertEquals(1, none.code());
        assertEquals("optlab: " + dir.resolve("nothing") + " holds no sweep (no sweep.json)", none.err().strip());
        Files.writeString(file, "{\"experiment\": {\"surface\": {\"id\": \"rosenbrock\"}}, \"optimizers\": "
                + "[{\"id\": \"sgd\"}], \"engine\": {\"id\": \"cloud\"}}");
        Cli.Result engine = Cli.run("sweep", file.toString(), "--out", dir.resolve("e").toString());
        assertEquals(1, engine.code());
        assertEquals("optlab: unknown engine 'cloud'; known: [local]", engine.err().strip());
        assertTrue(!Files.exists(dir.resolve("e")), "refused before the folder was made");
        Cli.Result resume = Cli.run("sweep", file.toString(), "--out", dir.resolve("new").toString(), "--resume");
        assertEquals("optlab: --resume: " + dir.resolve("new") + " holds no sweep to resume", resume.err().strip());
    }
}
