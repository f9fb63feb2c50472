package org.optlab.runner.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.training.TrainingRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** optlab landscape's computation on a small run: its files, and that they agree with each other. */
class LandscapeRunTest {

    private static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.fromExtensions();
    private static final DatasetRegistry DATASETS = DatasetRegistry.fromExtensions();
    private static final String EXPERIMENT = """
            {"name": "moons", "dataset": {"id": "moons", "n": 300, "test": 100},
             "model": {"id": "mlp", "hidden": [6], "activation": "tanh"},
             "optimizers": [{"id": "sgd", "lr": 0.2}, {"id": "adam", "lr": 0.02}],
             "epochs": 3, "batch_size": 50, "seed": 5, "snapshots": 6}
            """;

    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void train() throws Exception {
        run = dir.resolve("run");
        JsonNode json = new ObjectMapper().readTree(EXPERIMENT);
        TrainingExperiment e = TrainingExperiment.parse(json, OPTIMIZERS, DATASETS.ids());
        TrainingRun.run(e, OPTIMIZERS, DATASETS, null, run, TrainingRun.Listener.QUIET, null);
        ResultFiles.writeJson(run.resolve("experiment.json"), json);
    }

    @Test
    void progressGoesThroughEveryPhaseInOrderAndTheGridPointByPoint() throws IOException {
        List<String> heard = new java.util.ArrayList<>();
        List<Double> fractions = new java.util.ArrayList<>();
        LandscapeRun.run(run, dir.resolve("told"), new LandscapeRun.Options("random", 4, 1.0, 50, 3), OPTIMIZERS,
                DATASETS, null, (phase, done, total) -> {
                    heard.add(phase + " " + done + "/" + total);
                    fractions.add(LandscapeRun.fraction(phase, done, total));
                }, null);
        // each phase from 0 to its total, in order; the grid's 16 points one by one; 2 paths of 8 snapshots
        List<String> expected = new java.util.ArrayList<>(List.of("snapshots 0/2", "snapshots 1/2", "snapshots 2/2",
                "directions 0/1", "directions 1/1", "examples 0/1", "examples 1/1"));
        for (int k = 0; k <= 16; k++) {
            expected.add("grid " + k + "/16");
        }
        for (int k = 0; k <= 16; k++) {
            expected.add("paths " + k + "/16");
        }
        expected.addAll(List.of("files 0/1", "files 1/1"));
        assertEquals(expected, heard);
        assertEquals(0, fractions.get(0), 0);
        assertEquals(1, fractions.get(fractions.size() - 1), 1e-12);
        for (int k = 1; k < fractions.size(); k++) {
            assertTrue(fractions.get(k) >= fractions.get(k - 1), "the whole never goes back: " + fractions);
        }
        // the grid is most of the work: half of its points are more than 40 % of the whole
        assertTrue(LandscapeRun.fraction("grid", 8, 16) > 0.4 && LandscapeRun.fraction("grid", 0, 16) < 0.1);
        assertEquals(0, LandscapeRun.fraction("tune", 3, 4), 0);
    }

    @Test
    void thePrincipalPlaneHoldsEveryPathWithinTheSpanThroughTheStart() throws IOException {
        Path out = dir.resolve("pca");
        LandscapeRun.Result r = LandscapeRun.run(run, out, new LandscapeRun.Options("pca", 5, 2.0, 200, 1),
                OPTIMIZERS, DATASETS, null, null);
        for (String f : List.of("landscape.csv", "paths.csv", "directions.npy", "center.npy", "summary.json",
                "landscape.png")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertTrue(r.explained()[0] >= r.explained()[1] && r.explained()[0] + r.explained()[1] <= 1 + 1e-9);
        List<String> grid = Files.readAllLines(out.resolve("landscape.csv"));
        assertEquals("a,b,loss,accuracy", grid.get(0));
        assertEquals(1 + 25, grid.size());
        List<String> paths = Files.readAllLines(out.resolve("paths.csv"));
        assertEquals("optimizer,step,a,b,loss,residual", paths.get(0));
        assertEquals(1 + 2 * 8, paths.size(), "start, 6 snapshots and the end for each of the two optimizers");
        // each path starts at the centre (a = b = 0, nothing off the plane) with the loss of the grid's middle point
        String middle = grid.get(1 + 2 * 5 + 2);
        assertTrue(middle.startsWith("0.0,0.0,"), middle);
        double centreLoss = Double.parseDouble(middle.split(",")[2]);
        double extent = 0;
        for (String line : paths.subList(1, paths.size())) {
            String[] f = line.split(",");
            if (f[1].equals("0")) {
                assertEquals(0, Double.parseDouble(f[2]), 0);
                assertEquals(0, Double.parseDouble(f[3]), 0);
                assertEquals(0, Double.parseDouble(f[5]), 1e-6);
                assertEquals(centreLoss, Double.parseDouble(f[4]), 1e-12);
            }
            extent = Math.max(extent, Math.max(Math.abs(Double.parseDouble(f[2])), Math.abs(Double.parseDouble(
                    f[3]))));
        }
        assertEquals(LandscapeRun.PATH_EXTENT * 2.0, extent, 1e-6, "the paths fill 80 % of the span");
        // the directions: [2, n], orthogonal, of one length (both scaled by the same factor)
        Npy.Array d = Npy.read(out.resolve("directions.npy"));
        assertEquals(2, d.shape()[0]);
        float[] d0 = d.row(0), d1 = d.row(1);
        assertEquals(0, Directions.dot(d0, d1) / Directions.dot(d0, d0), 1e-5);
        assertEquals(Directions.dot(d0, d0), Directions.dot(d1, d1), 1e-4 * Directions.dot(d0, d0));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("pca", summary.get("directions").asText());
        assertEquals(200, summary.get("examples").asInt());
        // read back as the lab shows it: the same grid and paths
        LandscapeRun.Loaded loaded = LandscapeRun.read(out);
        assertEquals(centreLoss, loaded.slice().loss()[2][2], 0);
        assertEquals(List.of("sgd", "adam"), List.copyOf(loaded.paths().keySet()));
        assertEquals(8, loaded.paths().get("adam").size());
        assertEquals(Snapshots.readLayout(run.resolve(Snapshots.FOLDER)).steps(), loaded.paths().get("sgd").stream()
                .map(LandscapeRun.PathPoint::step).toList());
        org.optlab.plot.Scene scene = LandscapeRun.scene("t", loaded);
        assertEquals(2, scene.tracks().size());
        // the axes say which direction each is and how much of the paths it shows, as summary.json has it
        org.optlab.plot.AxisTitles axes = (org.optlab.plot.AxisTitles) scene.surface();
        assertEquals(String.format(java.util.Locale.ROOT, "PC 1 (%.1f %% of the paths' variance)", 100
                * r.explained()[0]), axes.xTitle());
        assertEquals(String.format(java.util.Locale.ROOT, "PC 2 (%.1f %% of the paths' variance)", 100
                * r.explained()[1]), axes.yTitle());
    }

    @Test
    void randomDirectionsAreCentredOnTheFirstOptimizersEnd() throws IOException {
        Path out = dir.resolve("random");
        LandscapeRun.run(run, out, new LandscapeRun.Options("random", 3, 1.0, 100, 9), OPTIMIZERS, DATASETS, null,
                null);
        List<String> paths = Files.readAllLines(out.resolve("paths.csv"));
        String sgdEnd = paths.get(8); // the first optimizer's last row
        String[] f = sgdEnd.split(",");
        assertEquals("sgd", f[0]);
        assertEquals(0, Double.parseDouble(f[2]), 1e-9);
        assertEquals(0, Double.parseDouble(f[3]), 1e-9);
        assertEquals(0, Double.parseDouble(f[5]), 1e-5);
        List<String> grid = Files.readAllLines(out.resolve("landscape.csv"));
        assertEquals(Double.parseDouble(grid.get(1 + 4).split(",")[2]), Double.parseDouble(f[4]), 1e-12);
        // the same seed, the same directions
        Path again = dir.resolve("random-again");
        LandscapeRun.run(run, again, new LandscapeRun.Options("random", 3, 1.0, 100, 9), OPTIMIZERS, DATASETS, null,
                null);
        assertEquals(Files.readAllLines(out.resolve("landscape.csv")), Files.readAllLines(again.resolve(
                "landscape.csv")));
    }

    @Test
    void aRunWithoutSnapshotsOrExperimentSaysSoInOneLine() throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        IOException none = assertThrows(IOException.class, () -> LandscapeRun.run(bare, dir.resolve("x"),
                new LandscapeRun.Options("pca", 3, 1, 10, 1), OPTIMIZERS, DATASETS, null, null));
        assertTrue(none.getMessage().contains("no experiment.json"), none.getMessage());
        Files.copy(run.resolve("experiment.json"), bare.resolve("experiment.json"));
        IOException noSnapshots = assertThrows(IOException.class, () -> LandscapeRun.run(bare, dir.resolve("x"),
                new LandscapeRun.Options("pca", 3, 1, 10, 1), OPTIMIZERS, DATASETS, null, null));
        assertTrue(noSnapshots.getMessage().contains("has no snapshots"), noSnapshots.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LandscapeRun.Options("svd", 3, 1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new LandscapeRun.Options("pca", 1, 1, 10, 1));
    }
}
