package org.optlab.runner.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.optimizers.OptimizerRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Sweep files: search spaces against values worked out by hand, trial experiments, and one line per bad file. */
class SweepTest {

    private static final OptimizerRegistry REGISTRY = OptimizerRegistry.fromExtensions();
    private static final List<String> DATASETS = List.of("blobs", "moons", "fashion-mnist");

    @TempDir
    Path dir;

    private Sweep parse(String text) {
        return Sweep.parse(json(text), dir, REGISTRY, DATASETS);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String SURFACE = """
            {"name": "s", "surface": {"id": "quadratic"}, "starts": [[1, 1]], "steps": 10}""";

    @Test
    void aLogGridSpacesExponentsEvenlyAndKeepsItsEndsExact() {
        // DeepOBS: 36 points from 1e-5 to 1e2, exponents -5, -4.8, ..., 2
        List<Object> grid = SearchSpace.logGrid(1e-5, 100, 36);
        assertEquals(36, grid.size());
        assertEquals(1e-5, grid.get(0));
        assertEquals(100.0, grid.get(35));
        assertEquals(1e-4, (double) grid.get(5), 1e-4 * 1e-15); // a whole exponent lands on its power of ten
        assertEquals(Math.pow(10, -4.8), (double) grid.get(1), 1e-20);
        for (int i = 1; i < 36; i++) {
            assertEquals(0.2, Math.log10((double) grid.get(i)) - Math.log10((double) grid.get(i - 1)), 1e-12);
        }
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), SearchSpace.linearGrid(0, 1, 5));
        assertEquals(List.of(3.0), SearchSpace.linearGrid(3, 7, 1));
    }

    @Test
    void aGridOfTwoAxesIsTheirProductLastVaryingFastest() {
        Sweep sweep = parse("""
                {"experiment": %s, "optimizers": [{"id": "momentum",
                 "search": {"lr": [0.1, 0.2], "momentum": [0.9, 0.99, 0.5]}}]}""".formatted(SURFACE));
        List<Map<String, Object>> points = sweep.optimizers().get(0).space().points(42);
        List<String> seen = new ArrayList<>();
        points.forEach(p -> seen.add(p.get("lr") + "/" + p.get("momentum")));
        assertEquals(List.of("0.1/0.9", "0.1/0.99", "0.1/0.5", "0.2/0.9", "0.2/0.99", "0.2/0.5"), seen);
        assertEquals(List.of("lr", "momentum"), List.copyOf(points.get(0).keySet()));
    }

    @Test
    void haltonPointsAreTheVanDerCorputSequenceShiftedBySeed() {
        // base 2: 1/2, 1/4, 3/4, 1/8; base 3: 1/3, 2/3, 1/9
        assertEquals(0.5, SearchSpace.halton(1, 2));
        assertEquals(0.25, SearchSpace.halton(2, 2));
        assertEquals(0.75, SearchSpace.halton(3, 2));
        assertEquals(0.125, SearchSpace.halton(4, 2));
        assertEquals(1.0 / 3, SearchSpace.halton(1, 3), 1e-15);
        assertEquals(2.0 / 3, SearchSpace.halton(2, 3), 1e-15);
        assertEquals(1.0 / 9, SearchSpace.halton(3, 3), 1e-15);

        Sweep sweep = parse("""
                {"experiment": %s, "optimizers": [{"id": "momentum", "budget": 64,
                 "search": {"lr": {"loguniform": [1e-4, 1]}, "momentum": {"uniform": [0.5, 1]}}}]}""".formatted(
                SURFACE));
        SearchSpace space = sweep.optimizers().get(0).space();
        assertTrue(space.isRandom());
        List<Map<String, Object>> a = space.points(7);
        assertEquals(a, space.points(7), "the same seed gives the same points");
        assertNotEquals(a, space.points(8));
        // shifted by a constant modulo 1, the base-2 coordinates of 64 points still fall one in each 1/64 interval
        boolean[] cells = new boolean[64];
        for (Map<String, Object> p : a) {
            double lr = (double) p.get("lr");
            double momentum = (double) p.get("momentum");
            assertTrue(lr >= 1e-4 && lr <= 1 && momentum >= 0.5 && momentum <= 1, p.toString());
            double u = (Math.log(lr) - Math.log(1e-4)) / (Math.log(1) - Math.log(1e-4));
            cells[Math.min(63, (int) (u * 64))] = true;
        }
        for (int i = 0; i < 64; i++) {
            assertTrue(cells[i], "interval " + i + " of lr's log range is empty");
        }
    }

    @Test
    void aTrialIsTheExperimentWithOneOptimizerAtOnePointAndTheSeed() throws Exception {
        Files.writeString(dir.resolve("base.json"), """
                {"name": "b", "dataset": {"id": "blobs"}, "model": {"id": "softmax"}, "epochs": 2,
                 "optimizers": [{"id": "sgd"}], "seed": 5}""");
        Sweep sweep = parse("""
                {"name": "st", "experiment": {"file": "base.json"},
                 "optimizers": [{"id": "adam", "beta2": 0.99, "search": {"lr": {"points": 3, "log": [1e-3, 1e-1]}}}],
                 "objective": {"metric": "best_test_accuracy"}, "tuning": {"seeds": [3, 4]}, "seeds": [1, 2]}""");
        assertTrue(sweep.training());
        assertEquals(List.of(3L, 4L), sweep.tuningSeeds());
        assertEquals(List.of(1L, 2L), sweep.seeds());
        assertEquals(new Sweep.Objective("best_test_accuracy", true, Double.NaN), sweep.objective());
        assertEquals("local", sweep.engine().get("id").asText());
        Sweep.SweepOptimizer adam = sweep.optimizers().get(0);
        JsonNode trial = sweep.trialExperiment(adam, adam.space().points(3).get(1), 9);
        assertEquals(json("""
                {"name": "b", "dataset": {"id": "blobs"}, "model": {"id": "softmax"}, "epochs": 2, "seed": 9,
                 "optimizers": [{"id": "adam", "label": "adam", "beta2": 0.99, "lr": 0.01}]}""").toString(),
                trial.toString());
    }

    private void bad(String sweep, String message) {
        ExperimentException e = assertThrows(ExperimentException.class, () -> parse(sweep));
        assertEquals(message, e.getMessage());
    }

    /** A sweep of the surface experiment with these optimizers and further fields. */
    private static String surfaceSweep(String optimizers, String more) {
        return "{\"experiment\": " + SURFACE + ", \"optimizers\": " + optimizers + more + "}";
    }

    @Test
    void badSweepFilesNameTheirField() throws Exception {
        String opt = "[{\"id\": \"sgd\", \"search\": {\"lr\": [0.1]}}]";
        bad("[]", "a sweep file holds one JSON object");
        bad(surfaceSweep(opt, ", \"seed\": 1"), "field 'seed': unknown field; expected one of [engine, experiment, "
                + "name, objective, optimizers, seeds, tuning]");
        bad("{\"optimizers\": " + opt + "}", "field 'experiment': missing; expected an experiment object, or "
                + "{\"file\": ...}");
        bad("{\"experiment\": {\"file\": \"nowhere.json\"}, \"optimizers\": " + opt + "}",
                "field 'experiment.file': " + dir.resolve("nowhere.json") + ": no such file");
        bad(surfaceSweep("[]", ""), "field 'optimizers': got []; expected a non-empty list of {\"id\": ..., "
                + "\"search\": {...}, fixed hyper-parameters}");
        bad(surfaceSweep("[{\"id\": \"sgd\", \"search\": {\"lr\": {\"log\": [0, 1], \"points\": 3}}}]", ""),
                "field 'optimizers[0].search.lr.log': got [0,1]; expected [lo, hi] with 0 < lo <= hi");
        bad(surfaceSweep("[{\"id\": \"sgd\", \"search\": {\"lr\": {\"log\": [1e-3, 1]}}}]", ""),
                "field 'optimizers[0].search.lr.points': missing; expected a whole number in [1, 100000]");
        bad(surfaceSweep("[{\"id\": \"sgd\", \"search\": {\"lr\": {\"loguniform\": [1e-3, 1]}}}]", ""),
                "field 'optimizers[0].search.lr.loguniform': a random range needs a \"budget\" (the number of "
                        + "points) on the optimizer; expected one, or a grid {\"log\": [lo, hi], \"points\": n}");
        bad(surfaceSweep("[{\"id\": \"sgd\", \"budget\": 5, \"search\": {\"lr\": {\"log\": [1e-3, 1], "
                + "\"points\": 4}}}]", ""), "field 'optimizers[0].search.lr.log': a grid in a random search (the "
                        + "optimizer has a \"budget\"); expected {\"loguniform\": [lo, hi]} or a list of values");
        bad(surfaceSweep("[{\"id\": \"sgd\", \"search\": {\"lr\": [0.1, -1]}}]", ""),
                "field 'optimizers[0].search.lr': sgd: lr = -1 is invalid; expected a number in [0, inf)");
        bad(surfaceSweep("[{\"id\": \"sgd\", \"lr\": 0.1, \"search\": {\"lr\": [0.1]}}]", ""),
                "field 'optimizers[0].lr': is fixed and searched; expected one of the two");
        bad(surfaceSweep("[{\"id\": \"sgd\"}, {\"id\": \"sgd\"}]", ""), "field 'optimizers[1].id': 'sgd' "
                + "names an earlier optimizer of the sweep too; expected a \"label\" of its own");
        bad(surfaceSweep(opt, ", \"objective\": {\"metric\": \"final_test_accuracy\"}"), "field "
                + "'objective.metric': got \"final_test_accuracy\" (a string); expected for a surface experiment one "
                + "of [distance_to_minimum, final_loss, steps_to]");
        bad(surfaceSweep(opt, ", \"objective\": {\"metric\": \"steps_to\"}"), "field 'objective.tolerance': "
                + "missing; expected a number > 0: steps_to counts the steps until the loss is within it of the "
                + "minimum");
        bad(surfaceSweep(opt, ", \"objective\": {\"metric\": \"final_loss\", \"goal\": \"max\"}"),
                "field 'objective.goal': got \"max\" (a string); expected \"min\": final_loss is minimised");
        bad(surfaceSweep(opt, ", \"seeds\": [1, 2, 1]"), "field 'seeds[2]': seed 1 is listed twice; expected each "
                + "seed once");
        bad(surfaceSweep(opt, ", \"tuning\": {\"seeds\": []}"), "field 'tuning.seeds': got []; expected a list of "
                + "1 to 10000 whole numbers");
        bad("{\"experiment\": {\"name\": \"t\", \"dataset\": {\"id\": \"blobs\"}, \"model\": {\"id\": "
                + "\"nope\"}}, \"optimizers\": " + opt + "}", "field 'experiment.model.id': unknown model 'nope'; "
                        + "known: [softmax, mlp, cnn]");
        bad(surfaceSweep("[{\"id\": \"sgd\", \"search\": {\"lr\": [0.1]}, \"budget\": 0}]", ""),
                "field 'optimizers[0].budget': got 0; expected a whole number in [1, 100000]");
        bad(surfaceSweep("[{\"id\": \"sgd\", \"search\": {\"lr\": {\"grid\": [1, 2]}}}]", ""),
                "field 'optimizers[0].search.lr.grid': unknown kind of search; expected one of [linear, log, "
                        + "loguniform, uniform] or a list of values");
    }
}
