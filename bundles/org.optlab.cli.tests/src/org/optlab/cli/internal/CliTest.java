package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The command line's contract: outputs, exit codes, and errors without stack traces. */
class CliTest {

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void versionNamesTheProductAndItsVersion() {
        Cli.Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s)OptLab 0\\.1\\.0\\.\\S+\\R.*"), r.out());
    }

    @Test
    void helpListsTheCommands() {
        Cli.Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: optlab"), r.out());
        assertTrue(r.out().contains("list"), r.out());
    }

    @Test
    void listOptimizersPrintsOneIdPerLine() {
        Cli.Result r = run("list", "optimizers");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch("sgd"::equals), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.matches("[a-z][a-z0-9_]*")), r.out());
    }

    @Test
    void listOptimizersAsJsonCarriesTheDescriptors() throws Exception {
        Cli.Result r = run("list", "optimizers", "--json");
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
        Cli.Result r = run("list", "schedules");
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
        Cli.Result r = run("frobnicate");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("frobnicate"), r.err());
        assertTrue(r.err().contains("Usage: optlab"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void missingCommandOrThingToListIsAUsageError() {
        assertEquals(2, run().code());
        Cli.Result r = run("list");
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
        Cli.Result r = run("list", "optimizers");
        assertEquals(java.util.List.of("adabelief", "adabound", "adadelta", "adagrad", "adam", "adamax", "adamw", "aggmo",
                "amsbound", "amsgrad", "lamb", "lion", "lookahead", "momentum", "nadam", "nesterov", "qhadam", "qhm",
                "radam", "rmsprop", "rprop", "sgd", "yogi"), r.out().lines().toList());
    }

    @Test
    void benchOptimizersWritesTheJsonContract() throws Exception {
        java.nio.file.Path json = java.nio.file.Files.createTempDirectory("bench").resolve("out/bench.json");
        Cli.Result r = run("bench", "optimizers", "--params", "50000", "--json", json.toString());
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
        Cli.Result r = run("bench", "optimizers", "--params", "0");
        assertEquals(1, r.code());
        assertEquals("optlab: --params must be in [1, 2147483647], got 0", r.err().strip());
    }

    private static java.nio.file.Path experiment(String json) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("exp").resolve("e.json");
        java.nio.file.Files.writeString(file, json);
        return file;
    }

    @Test
    void runWritesTrajectoriesAndSummaryForASurfaceExperiment() throws Exception {
        java.nio.file.Path file = experiment("""
                {"name": "rosenbrock-race",
                 "surface": {"id": "rosenbrock"},
                 "starts": [[1.5, 1.5], [-1.2, 1.0]],
                 "steps": 100,
                 "noise": {"sigma": 0.0, "seed": 1},
                 "optimizers": [{"id": "adam", "lr": 0.001, "beta1": 0.9}, {"id": "nesterov", "lr": 0.0001, "label": "nag"}]}
                """);
        java.nio.file.Path out = file.resolveSibling("out");
        Cli.Result r = run("run", file.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(out.resolve("trajectories.csv"));
        assertEquals("optimizer,start,step,x,y,loss", lines.get(0));
        assertEquals(1 + 2 * 2 * 101, lines.size());
        assertEquals("adam,0,0,1.5,1.5,56.5", lines.get(1)); // (1 - 1.5)^2 + 100 (1.5 - 2.25)^2 = 0.25 + 56.25
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("nag,1,100,")), "labels name the optimizer");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("rosenbrock", summary.get("surface").get("id").asText());
        assertEquals(4, summary.get("runs").size());
        assertFalse(summary.get("runs").get(0).get("diverged").asBoolean());
        assertFalse(java.nio.file.Files.exists(out.resolve("trajectories.csv.part")));
    }

    @Test
    void runOnAOneDimensionalFormulaLeavesYEmpty() throws Exception {
        java.nio.file.Path file = experiment("""
                {"surface": {"expression": "x^2"}, "starts": [[-8]], "steps": 2, "optimizers": [{"id": "sgd", "lr": 0.25}]}
                """);
        java.nio.file.Path out = file.resolveSibling("out");
        assertEquals(0, run("run", file.toString(), "--out", out.toString()).code());
        // x <- x - 0.25 * 2x = x / 2: -8, -4, -2
        assertEquals(java.util.List.of("optimizer,start,step,x,y,loss", "sgd,0,0,-8.0,,64.0", "sgd,0,1,-4.0,,16.0",
                "sgd,0,2,-2.0,,4.0"), java.nio.file.Files.readAllLines(out.resolve("trajectories.csv")));
    }

    @Test
    void badExperimentFilesFailWithOneLineNamingTheField() throws Exception {
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"surface\": {\"id\": \"rosenbrock\"}, \"optimizers\": [{\"id\": \"adam\"}],}",
                "invalid JSON at line 1, column 66: Unexpected character");
        cases.put("{\"surface\": {\"id\": \"rosenbrok\"}, \"optimizers\": [{\"id\": \"adam\"}]}",
                "field 'surface.id': unknown surface 'rosenbrok'; known: [parabola,");
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"optimizers\": [{\"id\": \"adamm\"}]}",
                "field 'optimizers[0].id': unknown optimizer 'adamm'; known: [");
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"starts\": [[1, 2, 3]], \"optimizers\": [{\"id\": \"adam\"}]}",
                "field 'starts[0]': got [1,2,3]; expected a point of 2 numbers for booth");
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"steps\": -1, \"optimizers\": [{\"id\": \"adam\"}]}",
                "field 'steps': got -1; expected a whole number in [0, 10000000]");
        cases.put("{\"surface\": {\"expression\": \"x +* y\"}, \"optimizers\": [{\"id\": \"adam\"}]}",
                "field 'surface.expression': formula 'x +* y', position 4: unexpected '*'");
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"optimizers\": [{\"id\": \"adam\", \"lr\": -1}]}",
                "field 'optimizers[0].lr': adam: lr = -1 is invalid; expected a number in [0, inf)");
        cases.put("{\"surface\": {\"id\": \"rosenbrock\", \"kapa\": 3}, \"optimizers\": [{\"id\": \"adam\"}]}",
                "field 'surface.kapa': unknown field; expected one of [expression, id, kappa]");
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"starts\": [[0, 0], [1, 1], [2, 2]], \"steps\": 9000000, "
                + "\"optimizers\": [{\"id\": \"adam\"}]}", "field 'steps': (steps + 1) x starts x optimizers = 27000003 "
                + "recorded points; at most 20000000 fit in memory");
        for (var c : cases.entrySet()) {
            java.nio.file.Path file = experiment(c.getKey());
            Cli.Result r = run("run", file.toString(), "--out", file.resolveSibling("out").toString());
            assertEquals(1, r.code(), c.getKey());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("optlab: " + file + ": " + c.getValue()), r.err());
        }
    }

    @Test
    void runWritesTheRaceAsAnAnimatedGifWithTheRequestedFrames() throws Exception {
        java.nio.file.Path file = experiment("""
                {"name": "bowl", "surface": {"id": "himmelblau"}, "steps": 40,
                 "optimizers": [{"id": "sgd", "lr": 0.01}, {"id": "adam", "lr": 0.1}]}
                """);
        for (String view : new String[] { "2d", "3d" }) {
            java.nio.file.Path gif = file.resolveSibling("race-" + view + ".gif");
            Cli.Result r = run("run", file.toString(), "--out", file.resolveSibling("out-" + view).toString(), "--gif",
                    gif.toString(), "--view", view, "--frames", "9", "--size", "320x240");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("9 frames, " + view + " view, 320x240 -> " + gif), r.out());
            assertEquals(9, gifFrames(gif)[0]);
            assertEquals(320, gifFrames(gif)[1]);
        }
        // a curve defaults to the 1-D view
        java.nio.file.Path curve = experiment("""
                {"surface": {"id": "wavy_log"}, "steps": 30, "optimizers": [{"id": "adam", "lr": 0.3}]}
                """);
        java.nio.file.Path gif = curve.resolveSibling("curve.gif");
        Cli.Result r = run("run", curve.toString(), "--out", curve.resolveSibling("out").toString(), "--gif", gif.toString(),
                "--frames", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 frames, 1d view, 800x600"), r.out());
        assertEquals(4, gifFrames(gif)[0]);
    }

    @Test
    void badBackendOptionsFailBeforeRunning() throws Exception {
        java.nio.file.Path surface = experiment("""
                {"surface": {"id": "parabola"}, "optimizers": [{"id": "sgd"}]}
                """);
        java.nio.file.Path out = surface.resolveSibling("out");
        Cli.Result r = run("run", surface.toString(), "--out", out.toString(), "--backend", "tpu");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("optlab: --backend must be cpu or gpu, got 'tpu'"), r.err());
        r = run("run", surface.toString(), "--out", out.toString(), "--backend", "cpu");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("optlab: --backend chooses where training runs; "), r.err());
        assertFalse(java.nio.file.Files.exists(out), "nothing is written before the options are checked");
    }

    @Test
    void badGifOptionsFailBeforeRunning() throws Exception {
        java.nio.file.Path curve = experiment("""
                {"surface": {"id": "parabola"}, "optimizers": [{"id": "sgd"}]}
                """);
        java.nio.file.Path out = curve.resolveSibling("out");
        String gif = curve.resolveSibling("x.gif").toString();
        java.util.Map<String[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(new String[] { "--gif", gif, "--view", "3d" }, "--view 3d cannot show parabola, a 1-D curve; use --view 1d");
        cases.put(new String[] { "--gif", gif, "--view", "4d" }, "--view: unknown view '4d'; expected 2d, 3d or 1d");
        cases.put(new String[] { "--gif", gif, "--size", "800by600" }, "--size must be WIDTHxHEIGHT with each side 16 to 4000 pixels");
        cases.put(new String[] { "--gif", gif, "--frames", "0" }, "--frames must be between 1 and 2000, got 0");
        cases.put(new String[] { "--frames", "10" }, "--view, --frames and --size describe the GIF; add --gif FILE");
        for (var c : cases.entrySet()) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", curve.toString(), "--out",
                    out.toString()));
            args.addAll(java.util.List.of(c.getKey()));
            Cli.Result r = run(args.toArray(String[]::new));
            assertEquals(1, r.code(), String.join(" ", args));
            assertTrue(r.err().startsWith("optlab: " + c.getValue()), r.err());
            assertFalse(java.nio.file.Files.exists(out), "nothing is written before the options are checked");
        }
    }

    @Test
    void theExampleExperimentsRun() throws Exception {
        java.nio.file.Path examples = java.nio.file.Path.of("../../docs/examples"); // tests run in the bundle's folder
        java.util.List<java.nio.file.Path> files;
        try (var listing = java.nio.file.Files.list(examples)) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "examples: " + files);
        for (java.nio.file.Path file : files) {
            java.nio.file.Path out = java.nio.file.Files.createTempDirectory("example");
            if (java.nio.file.Files.readString(file).contains("\"dataset\"")) {
                // a training example (gpu-check.json): valid, and it trains when sent to the CPU
                Cli.Result r = run("run", file.toString(), "--out", out.toString(), "--backend", "cpu");
                assertEquals(0, r.code(), file + ": " + r.err());
                assertTrue(r.err().contains("optlab: backend cpu, device "), r.err());
                assertTrue(java.nio.file.Files.size(out.resolve("metrics.csv")) > 1000, file.toString());
                continue;
            }
            Cli.Result r = run("run", file.toString(), "--out", out.toString());
            assertEquals(0, r.code(), file + ": " + r.err());
            assertTrue(java.nio.file.Files.size(out.resolve("trajectories.csv")) > 1000, file.toString());
        }
    }

    /** {frames, width} of a GIF, decoded with the JDK's reader. */
    private static int[] gifFrames(java.nio.file.Path gif) throws Exception {
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return new int[] { reader.getNumImages(true), reader.getWidth(0) };
        } finally {
            reader.dispose();
        }
    }

    @Test
    void listGuidesAndRunOne() throws Exception {
        Cli.Result list = run("list", "guides");
        assertEquals(0, list.code(), list.err());
        assertEquals(10, list.out().strip().lines().count(), list.out());
        assertTrue(list.out().startsWith("step-size  Step size on a quadratic"), list.out());
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("guide");
        Cli.Result guide = run("guide", "run", "step-size", "--out", out.toString());
        assertEquals(0, guide.code(), guide.err());
        assertTrue(guide.out().contains("lr 0.1: the factor is 0.8, the ball slides straight in; after 60 steps it is"
                + " 7.66e-06 from the minimum."), guide.out());
        assertTrue(java.nio.file.Files.exists(out.resolve("1-three-learning-rates-on-the-bowl/trajectories.csv")));
        Cli.Result unknown = run("guide", "run", "step", "--out", out.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("optlab: unknown guide 'step'; known: [step-size, "), unknown.err());
    }
}
