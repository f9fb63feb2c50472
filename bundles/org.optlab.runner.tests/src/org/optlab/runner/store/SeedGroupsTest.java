package org.optlab.runner.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.runner.training.MetricsCsv;

/** Runs over seeds: which runs form a group, their labels, and the statistics against values worked out by hand. */
class SeedGroupsTest {

    @TempDir
    Path root;

    /** A finished run on disk: its experiment, and per optimizer the train losses of steps 1, 2, 3, ... */
    private void run(String id, String experiment, String optimizer, double... losses) throws Exception {
        Path dir = Files.createDirectories(root.resolve(id));
        Files.writeString(dir.resolve("experiment.json"), experiment);
        List<String> lines = new ArrayList<>(List.of(MetricsCsv.HEADER));
        for (int i = 0; i < losses.length; i++) {
            lines.add(MetricsCsv.format(new MetricsCsv.Row(optimizer, 1, i + 1, false, losses[i], Double.NaN,
                    Double.NaN, 0.1, i)));
        }
        Files.write(dir.resolve("metrics.csv"), lines);
        Files.writeString(dir.resolve("summary.json"), "{\"status\": \"finished\"}");
    }

    private static String experiment(long seed, int batch) {
        return experiment(seed, batch, 0.1);
    }

    private static String experiment(long seed, int batch, double sgdLr) {
        return """
                {"name": "blobs", "dataset": {"id": "blobs"}, "model": {"id": "softmax"}, "epochs": 1,
                 "batch_size": %d, "seed": %d, "optimizers": [{"id": "sgd", "lr": %s}, {"id": "adam", "lr": 0.01}]}
                """.formatted(batch, seed, sgdLr);
    }

    @Test
    void runsThatDifferOnlyInTheSeedFormOneGroupPerOptimizer() throws Exception {
        run("a", experiment(1, 32), "sgd", 3, 2, 1);
        run("b", experiment(2, 32), "sgd", 5, 4, 3);
        run("c", experiment(3, 32), "sgd", 4, 6, 8);
        run("d", experiment(1, 64), "sgd", 1, 1, 1);
        run("e", experiment(1, 32, 0.05), "sgd", 1, 1, 1);
        List<StoredRun> runs = new RunStore(root, 1).runs();
        List<SeedGroups.Group> groups = SeedGroups.of(runs);
        // sgd and adam of seeds 1-3 at batch 32 (adam's also in e, whose sgd alone has another rate), sgd and adam at
        // batch 64; the experiment's differences name every group, the rate only sgd's (adam's is the same in all)
        assertEquals(List.of("sgd (batch_size=32, lr=0.1)", "adam (batch_size=32)", "sgd (batch_size=64, lr=0.1)",
                "adam (batch_size=64)", "sgd (batch_size=32, lr=0.05)"), groups.stream().map(SeedGroups.Group::label)
                .toList());
        assertEquals(List.of(3, 4, 1, 1, 1), groups.stream().map(SeedGroups.Group::size).toList());
        assertEquals(List.of(1L, 2L, 3L), groups.get(0).seeds());

        List<double[][]> curves = new ArrayList<>();
        for (SeedGroups.Member m : groups.get(0).members()) {
            StoredRun.Series s = m.series();
            curves.add(new double[][] { s.steps.stream().mapToDouble(r -> r[0]).toArray(),
                    s.steps.stream().mapToDouble(r -> r[1]).toArray() });
        }
        SeedGroups.Spread spread = SeedGroups.spread(curves);
        assertArrayEquals(new double[] { 1, 2, 3 }, spread.x());
        assertArrayEquals(new double[] { 4, 4, 4 }, spread.mean(), 1e-12);
        // step 1: 3, 5, 4 -> squares 1 + 1 + 0 over n - 1 = 2 -> 1; step 2: 2, 4, 6 -> (4 + 0 + 4) / 2 = 4 -> 2;
        // step 3: 1, 3, 8 -> (9 + 1 + 16) / 2 = 13
        assertArrayEquals(new double[] { 1, 2, Math.sqrt(13) }, spread.std(), 1e-12);
        assertArrayEquals(new double[] { 3, 2, 1 }, spread.min(), 0);
        assertArrayEquals(new double[] { 5, 6, 8 }, spread.max(), 0);
        assertArrayEquals(new int[] { 3, 3, 3 }, spread.n());
    }

    @Test
    void experimentsOfDifferentNamesAreToldApartByTheirNames() throws Exception {
        run("a", experiment(1, 32), "sgd", 1);
        run("b", experiment(2, 64).replace("blobs", "other"), "sgd", 1);
        assertEquals(List.of("sgd (blobs)", "adam (blobs)", "sgd (other)", "adam (other)"), SeedGroups.of(
                new RunStore(root, 1).runs()).stream().map(SeedGroups.Group::label).toList());
    }

    @Test
    void curvesOfDifferentLengthsAndDivergedValuesCountWhereTheyHaveFiniteValues() {
        SeedGroups.Spread spread = SeedGroups.spread(List.of(new double[][] { { 0, 10, 20 }, { 2, 4, Double.NaN } },
                new double[][] { { 0, 10 }, { 4, Double.POSITIVE_INFINITY } }));
        assertArrayEquals(new double[] { 0, 10, 20 }, spread.x());
        assertArrayEquals(new int[] { 2, 1, 0 }, spread.n());
        assertArrayEquals(new double[] { 3, 4, Double.NaN }, spread.mean(), 0);
        assertArrayEquals(new double[] { Math.sqrt(2), 0, Double.NaN }, spread.std(), 1e-12);
    }

    @Test
    void aSummaryOfScalarsIsTheSampleStatistic() {
        SeedGroups.Summary s = SeedGroups.Summary.of(0.81, 0.83, 0.85, 0.87);
        assertEquals(0.84, s.mean(), 1e-12);
        // deviations -0.03 -0.01 0.01 0.03: squares 0.002 over 3
        assertEquals(Math.sqrt(0.002 / 3), s.std(), 1e-12);
        assertEquals(4, s.n());
        assertEquals(0, SeedGroups.Summary.of(0.5).std(), 0);
        assertEquals(0, SeedGroups.Summary.of().n());
    }
}
