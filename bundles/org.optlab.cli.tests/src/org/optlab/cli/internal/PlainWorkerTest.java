package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.process.ChildRun;
import org.optlab.runner.process.ClassPathLaunch;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.TrialWorker;

/**
 * The plain sweep worker's one line when it stops: one the engine stops the sweep on when every worker would fail
 * alike, one naming the trial when only that trial is at fault (the engine then fails it alone).
 */
class PlainWorkerTest {

    @TempDir
    Path dir;

    /** The worker of a planned one-trial sweep, given {@code folder} and {@code stdin}: its exit code and last line. */
    private String[] runWorker(Path folder, String stdin) throws Exception {
        OptimizerRegistry optimizers = OptimizerRegistry.fromExtensions();
        DatasetRegistry datasets = DatasetRegistry.fromExtensions();
        Path file = dir.resolve("sweep.json");
        Files.writeString(file, """
                {"name": "w", "experiment": {"name": "e", "dataset": {"id": "fashion-mnist", "subset": "embedded"},
                  "model": {"id": "softmax"}, "epochs": 1},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.1]}}],
                 "objective": {"metric": "final_test_loss", "goal": "min"}}""");
        SweepFolder.create(file, dir.resolve("planned"), optimizers, datasets.ids());
        List<Class<?>> providers = TrialWorker.providerClasses(optimizers, datasets);
        assertTrue(TrialWorker.creatable(providers));
        ClassPathLaunch launch = ClassPathLaunch.of(ChildRun.SelfLaunch.current(), TrialWorker.class, providers)
                .orElseThrow();
        ClassPathLaunch.Child child = launch.child(TrialWorker.arguments(folder, 1, null, providers), dir.resolve(
                "worker.args"));
        try {
            Path log = dir.resolve("log.txt");
            Process p = new ProcessBuilder(child.command()).redirectError(log.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the worker ended");
            List<String> said = Files.readAllLines(log).stream().filter(l -> l.startsWith("optlab ")).toList();
            return new String[] { Integer.toString(p.exitValue()), said.isEmpty() ? "" : said.get(said.size() - 1) };
        } finally {
            if (child.slot() != null) {
                child.slot().close();
            }
        }
    }

    @Test
    void aWorkerThatCannotReadItsSweepSaysSoWithTheLineThatStopsTheSweep() throws Exception {
        String[] ended = runWorker(dir.resolve("nowhere"), "0\n");
        assertEquals("1", ended[0]);
        assertEquals("optlab sweep worker: " + dir.resolve("nowhere") + " holds no sweep (no sweep.json)", ended[1]);
    }

    @Test
    void aFaultOfOneTrialNamesTheTrialNotTheWorker() throws Exception {
        // trial 7 does not exist: run() throws after the worker started, as a trial's own bug would
        String[] ended = runWorker(dir.resolve("planned"), "7\n");
        assertEquals("1", ended[0]);
        assertTrue(ended[1].startsWith("optlab sweep worker, trial 7: no trial 7 in "), ended[1]);
        assertFalse(ended[1].startsWith("optlab sweep worker: "), "the engine fails that trial alone: " + ended[1]);
    }
}
