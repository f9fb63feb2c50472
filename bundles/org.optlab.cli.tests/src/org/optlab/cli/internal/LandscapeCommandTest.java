package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.runner.process.ProgressLine;

/** optlab landscape from a user's side: a run with snapshots, then its slice; bad input in one line. */
class LandscapeCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunWithSnapshotsGetsItsSliceAndMistakesAreOneLine() throws Exception {
        Path file = dir.resolve("moons.json");
        Files.writeString(file, """
                {"name": "moons", "dataset": {"id": "moons", "n": 200, "test": 100},
                 "model": {"id": "mlp", "hidden": [4]}, "optimizers": [{"id": "adam", "lr": 0.02},
                 {"id": "sgd", "lr": 0.1}], "epochs": 2, "batch_size": 50, "snapshots": 4}""");
        Cli.Result run = Cli.run("run", file.toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.exists(dir.resolve("run/experiment.json")), "the run keeps its experiment");
        Cli.Result slice = Cli.run("landscape", dir.resolve("run").toString(), "--out", dir.resolve("out").toString(),
                "--grid", "5", "--examples", "100");
        assertEquals(0, slice.code(), slice.err());
        assertTrue(slice.out().startsWith("5 x 5 points on 100 examples, pca directions explaining"), slice.out());
        assertEquals(1 + 25, Files.readAllLines(dir.resolve("out/landscape.csv")).size());
        // progress on stderr, phase by phase: every line a progress line, the grid's last at 25 of 25 points, the
        // phases in order and the last line the whole slice done
        List<ProgressLine> progress = slice.err().lines().map(l -> ProgressLine.parse(l).orElseThrow(
                () -> new AssertionError("not a progress line: " + l))).toList();
        assertEquals(List.of("snapshots", "directions", "examples", "grid", "paths", "files"), progress.stream().map(
                ProgressLine::phase).distinct().toList());
        List<ProgressLine> grid = progress.stream().filter(p -> p.phase().equals("grid")).toList();
        assertEquals(new ProgressLine("grid", 0, 25), grid.get(0));
        assertEquals(new ProgressLine("grid", 25, 25), grid.get(grid.size() - 1));
        assertEquals(new ProgressLine("files", 1, 1), progress.get(progress.size() - 1));

        // a second landscape into a folder held by the first (its lock, as a running optlab landscape holds it): one
        // line, and the first one's files are left alone; once it lets go, the folder can be used again
        Path out = dir.resolve("out");
        String before = Files.readString(out.resolve("landscape.csv"));
        try (var first = org.optlab.runner.RunFolder.hold(out)) {
            assertTrue(first != null);
            Cli.Result second = Cli.run("landscape", dir.resolve("run").toString(), "--out", out.toString(), "--grid",
                    "3", "--examples", "50");
            assertEquals(1, second.code());
            assertEquals("optlab: " + out + " is in use by another optlab landscape (or sweep, or run); wait for it to "
                    + "end, or choose another folder", second.err().strip());
            assertEquals(before, Files.readString(out.resolve("landscape.csv")));
        }
        Cli.Result again = Cli.run("landscape", dir.resolve("run").toString(), "--out", out.toString(), "--grid", "3",
                "--examples", "50");
        assertEquals(0, again.code(), again.err());
        assertEquals(1 + 9, Files.readAllLines(out.resolve("landscape.csv")).size());

        Cli.Result bad = Cli.run("landscape", dir.resolve("run").toString(), "--out", dir.resolve("x").toString(),
                "--directions", "svd");
        assertEquals(1, bad.code());
        assertEquals("optlab: --directions must be pca or random, got 'svd'", bad.err().strip());
        Cli.Result none = Cli.run("landscape", dir.toString(), "--out", dir.resolve("y").toString());
        assertEquals(1, none.code());
        assertEquals(1, none.err().strip().lines().count(), none.err());
        assertTrue(none.err().contains("is not a training run's folder (no experiment.json)"), none.err());
        assertTrue(!Files.exists(dir.resolve("y")), "a failed slice leaves no folder behind");
    }
}
