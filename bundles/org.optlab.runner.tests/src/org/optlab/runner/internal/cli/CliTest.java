package org.optlab.runner.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.optlab.optimizers.OptimizerRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The command line's contract: outputs, exit codes, and errors without stack traces. */
class CliTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OptlabCommand.execute(args, new PrintWriter(out), new PrintWriter(err),
                OptimizerRegistry::fromExtensions);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheProductAndItsVersion() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s)OptLab 0\\.1\\.0\\.\\S+\\R.*"), r.out());
    }

    @Test
    void helpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: optlab"), r.out());
        assertTrue(r.out().contains("list"), r.out());
    }

    @Test
    void listOptimizersPrintsOneIdPerLine() {
        Result r = run("list", "optimizers");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch("sgd"::equals), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.matches("[a-z][a-z0-9_]*")), r.out());
    }

    @Test
    void listOptimizersAsJsonCarriesTheDescriptors() throws Exception {
        Result r = run("list", "optimizers", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode array = new ObjectMapper().readTree(r.out());
        JsonNode sgd = null;
        for (JsonNode node : array) {
            if (node.get("id").asText().equals("sgd")) {
                sgd = node;
            }
        }
        assertTrue(sgd != null, r.out());
        assertEquals("SGD", sgd.get("name").asText());
        assertEquals(1951, sgd.get("citation").get("year").asInt());
        JsonNode lr = sgd.get("hyper_parameters").get(0);
        assertEquals("lr", lr.get("name").asText());
        assertEquals("real", lr.get("type").asText());
        assertEquals(0.001, lr.get("default").asDouble(), 0);
        assertEquals("[0, inf)", lr.get("range").asText());
        assertEquals(0, lr.get("min").asDouble(), 0);
        assertTrue(lr.get("max").isNull());
    }

    @Test
    void listSchedulesPrintsTheThirteenIds() throws Exception {
        Result r = run("list", "schedules");
        assertEquals(0, r.code(), r.err());
        assertEquals(java.util.List.of("constant", "step", "multistep", "exponential", "polynomial", "linear", "cosine",
                "cosine_warm_restarts", "warmup", "one_cycle", "cyclic", "reduce_on_plateau", "inverse_sqrt"),
                r.out().lines().toList());
        JsonNode array = new ObjectMapper().readTree(run("list", "schedules", "--json").out());
        assertEquals(13, array.size());
        JsonNode multistep = array.get(2);
        assertEquals("multistep", multistep.get("id").asText());
        JsonNode milestones = multistep.get("hyper_parameters").get(0);
        assertEquals("integer_list", milestones.get("type").asText());
        assertEquals(30, milestones.get("default").get(0).asInt());
        assertEquals("[1, inf)", milestones.get("range").asText());
    }

    @Test
    void unknownCommandPrintsUsageToStderrAndExitsTwo() {
        Result r = run("frobnicate");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("frobnicate"), r.err());
        assertTrue(r.err().contains("Usage: optlab"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void missingCommandOrThingToListIsAUsageError() {
        assertEquals(2, run().code());
        Result r = run("list");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: optlab list"), r.err());
        assertEquals(2, run("list", "planets").code());
    }

    @Test
    void aFailingCommandIsOneLineAndExitCodeOne() {
        StringWriter err = new StringWriter();
        int code = OptlabCommand.execute(new String[] { "list", "optimizers" }, new PrintWriter(new StringWriter()),
                new PrintWriter(err), () -> {
                    throw new IllegalStateException("registry unavailable");
                });
        assertEquals(1, code);
        assertEquals("optlab: registry unavailable", err.toString().strip());
    }

    @Test
    void listOptimizersHasAllTwentyThreeBuiltIns() {
        Result r = run("list", "optimizers");
        assertEquals(java.util.List.of("adabelief", "adabound", "adadelta", "adagrad", "adam", "adamax", "adamw", "aggmo",
                "amsbound", "amsgrad", "lamb", "lion", "lookahead", "momentum", "nadam", "nesterov", "qhadam", "qhm",
                "radam", "rmsprop", "rprop", "sgd", "yogi"), r.out().lines().toList());
    }

    @Test
    void benchOptimizersWritesTheJsonContract() throws Exception {
        java.nio.file.Path json = java.nio.file.Files.createTempDirectory("bench").resolve("out/bench.json");
        Result r = run("bench", "optimizers", "--params", "50000", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        double bandwidth = report.get("bandwidth_gbs").asDouble();
        assertTrue(bandwidth > 1 && bandwidth < 10_000, "bandwidth " + bandwidth);
        java.util.Set<String> optlab = new java.util.TreeSet<>();
        java.util.Set<String> builtin = new java.util.TreeSet<>();
        for (JsonNode row : report.get("results")) {
            double ms = row.get("ms").asDouble();
            double gbs = row.get("gbs").asDouble();
            assertTrue(ms > 0 && gbs > 0, row.toString());
            assertEquals(gbs / bandwidth, row.get("fraction_of_bandwidth").asDouble(), 1e-9, row.toString());
            (row.get("path").asText().equals("optlab") ? optlab : builtin).add(row.get("optimizer").asText());
        }
        assertEquals(23, optlab.size(), optlab.toString());
        assertEquals(java.util.Set.of("adadelta", "adagrad", "adam", "adamax", "amsgrad", "nadam", "nesterov", "rmsprop",
                "sgd"), builtin);
        assertTrue(r.out().contains("adam"), r.out());
    }

    @Test
    void benchRejectsANonPositiveSize() {
        Result r = run("bench", "optimizers", "--params", "0");
        assertEquals(1, r.code());
        assertEquals("optlab: --params must be in [1, 2147483647], got 0", r.err().strip());
    }
}
