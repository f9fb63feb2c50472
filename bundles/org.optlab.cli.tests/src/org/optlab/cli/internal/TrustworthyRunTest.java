package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.runner.RunFolder;
import org.optlab.runner.training.MetricsCsv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code optlab run} as a run folder's one writer, with a summary that says how the run ended, strict files, and every
 * failure one line with exit code 1.
 */
class TrustworthyRunTest {

    @TempDir
    Path dir;

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    private Path file(String name, String json) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** Exit 1, one line on stderr starting with {@code start}, nothing on stdout. */
    private static void failsWith(Cli.Result r, String start) {
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith(start), "expected '" + start + "', got: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    private static final String SURFACE = """
            {"surface": {"id": "booth"}, "steps": 5, "optimizers": [{"id": "sgd", "lr": 0.01}]}""";
    private static final String TRAINING = """
            {"dataset": {"id": "moons", "n": 200, "test": 100}, "model": {"id": "mlp", "hidden": [8]},
             "optimizers": [%s], "epochs": 1, "batch_size": 50}""";

    @Test
    void aFolderWithResultsIsRefusedUnlessForcedWhichClearsTheOldResults() throws Exception {
        Path out = dir.resolve("out");
        Path training = file("t.json", TRAINING.formatted("{\"id\": \"adam\", \"lr\": 0.01}"));
        assertEquals(0, run("run", training.toString(), "--out", out.toString()).code());
        Path surface = file("s.json", SURFACE);
        Path gif = out.resolve("race.gif");
        failsWith(run("run", surface.toString(), "--out", out.toString()), "optlab: " + out
                + " already holds the results of a run (summary.json, metrics.csv); add --force to replace them");
        Cli.Result forced = run("run", surface.toString(), "--out", out.toString(), "--force", "--gif", gif.toString(),
                "--frames", "2", "--size", "64x64");
        assertEquals(0, forced.code(), forced.err());
        assertFalse(Files.exists(out.resolve("metrics.csv")), "the training run's metrics are gone");
        assertTrue(Files.exists(out.resolve("trajectories.csv")));
        assertEquals("finished", json(out.resolve("summary.json")).path("status").asText());
        assertTrue(Files.exists(gif));
        // the GIF the surface run wrote inside the folder is one of its results: a forced training run removes it
        Cli.Result again = run("run", training.toString(), "--out", out.toString(), "--force");
        assertEquals(0, again.code(), again.err());
        assertFalse(Files.exists(gif), "the old race.gif is cleared with the results it belongs to");
        assertFalse(Files.exists(out.resolve("trajectories.csv")));
    }

    @Test
    void aFolderInUseIsRefusedNamingTheRunThatHoldsIt() throws Exception {
        Path out = dir.resolve("busy");
        try (RunFolder held = RunFolder.open(out, false, "optlab run first.json")) {
            failsWith(run("run", file("s.json", SURFACE).toString(), "--out", out.toString()), "optlab: " + out
                    + " is in use by another run (optlab run first.json, pid " + ProcessHandle.current().pid());
            assertFalse(Files.exists(out.resolve("trajectories.csv")));
        }
        assertEquals(0, run("run", dir.resolve("s.json").toString(), "--out", out.toString()).code());
    }

    @Test
    void aDivergingOptimizerIsFlaggedAndStopsWhileTheOthersGoOn() throws Exception {
        Path out = dir.resolve("out");
        // linear regression (mean squared error): sgd with lr 1e6 multiplies the error by about 1e6 a step
        Cli.Result r = run("run", file("t.json", """
                {"dataset": {"id": "linear", "n": 200, "test": 100}, "model": {"id": "softmax"},
                 "optimizers": [{"id": "sgd", "lr": 1e6}, {"id": "adam", "lr": 0.01}], "epochs": 5, "batch_size": 50}
                """).toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sgd: diverged at step "), r.out());
        JsonNode summary = json(out.resolve("summary.json"));
        assertEquals("finished", summary.path("status").asText());
        JsonNode sgd = summary.path("runs").get(0);
        assertEquals("diverged", sgd.path("status").asText());
        assertTrue(sgd.path("diverged").asBoolean());
        long at = sgd.path("diverged_at_step").asLong();
        assertTrue(at >= 2 && at < 20, sgd.toString());
        assertTrue(sgd.path("final_test_accuracy").isNull());
        JsonNode adam = summary.path("runs").get(1);
        assertEquals("finished", adam.path("status").asText());
        assertEquals(20, adam.path("steps").asLong());
        List<MetricsCsv.Row> rows = MetricsCsv.read(out.resolve("metrics.csv"));
        List<MetricsCsv.Row> sgdRows = rows.stream().filter(row -> row.optimizer().equals("sgd")).toList();
        assertEquals(at, sgdRows.get(sgdRows.size() - 1).step(), "sgd's rows end at the diverged step");
        assertFalse(Double.isFinite(sgdRows.get(sgdRows.size() - 1).trainLoss()));
        assertTrue(Files.readString(out.resolve("metrics.csv")).lines().anyMatch(l -> l.startsWith("sgd,")
                && (l.contains(",NaN,") || l.contains(",Infinity,"))), "a non-finite loss is written as such");
    }

    @Test
    void labelsAreUniqueAndRoundTripThroughMetrics() throws Exception {
        Path out = dir.resolve("out");
        Cli.Result r = run("run", file("t.json", TRAINING.formatted("{\"id\": \"adam\"}, {\"id\": \"adam\", \"lr\": 0.01},"
                + " {\"id\": \"sgd\", \"label\": \"sgd, \\\"fast\\\" – ünïcode\"}")).toString(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> labels = json(out.resolve("summary.json")).findValuesAsText("optimizer");
        assertEquals(List.of("adam", "adam#2", "sgd, \"fast\" – ünïcode"), labels);
        assertEquals(List.of("adam", "adam#2", "sgd, \"fast\" – ünïcode"), MetricsCsv.read(out.resolve("metrics.csv"))
                .stream().map(MetricsCsv.Row::optimizer).distinct().toList());
        failsWith(run("run", file("dup.json", TRAINING.formatted("{\"id\": \"adam\", \"label\": \"a\"}, "
                + "{\"id\": \"sgd\", \"label\": \"a\"}")).toString(), "--out", dir.resolve("o2").toString()),
                "optlab: " + dir.resolve("dup.json") + ": field 'optimizers[1].label': 'a' is the label of "
                        + "optimizers[0] too; expected a label of its own");
    }

    @Test
    void badFilesFailWithOneLineInOneFormat() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"noise\": \"loud\", \"optimizers\": [{\"id\": \"sgd\"}]}",
                "field 'noise': got \"loud\" (a string); expected an object {\"sigma\": ..., \"seed\": ...}");
        cases.put("{\"name\": 5, \"surface\": {\"id\": \"booth\"}, \"optimizers\": [{\"id\": \"sgd\"}]}",
                "field 'name': got 5; expected a string");
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"optimizers\": [{\"id\": \"sgd\"}]} {\"more\": 1}",
                "more after the JSON object, at line 1, column 61; expected the file to end after it");
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"optimizers\": [{\"id\": \"sgd\"}]} trailing",
                "invalid JSON at line 1, column ");
        cases.put("{\"surface\": {\"id\": \"booth\"}, \"optimizers\": [{\"id\": \"sgd\"}]",
                "invalid JSON at line 1, column ");
        cases.put(TRAINING.formatted("{\"id\": \"sgd\"}").replace("\"epochs\"", "\"clip_grad_norm\": 0, \"epochs\""),
                "field 'clip_grad_norm': got 0; expected a number > 0");
        cases.put("{\"surface\": {\"expression\": \"" + "(".repeat(2000) + "x" + ")".repeat(2000)
                + "\"}, \"optimizers\": [{\"id\": \"sgd\"}]}", "field 'surface.expression': formula '");
        cases.put("{\"surface\": {\"expression\": \"" + "-".repeat(20000) + "x\"}, \"optimizers\": [{\"id\": \"sgd\"}]}",
                "field 'surface.expression': formula '");
        cases.put("{\"surface\": {\"expression\": \"x" + "^x".repeat(20000) + "\"}, \"optimizers\": [{\"id\": \"sgd\"}]}",
                "field 'surface.expression': formula '");
        cases.put("[".repeat(5000) + "]".repeat(5000), "nested more than 200 deep; expected a flatter file");
        cases.put("", "the file is empty; expected one JSON object");
        cases.put("[1, 2]", "the file holds a list; expected one JSON object");
        int i = 0;
        for (var c : cases.entrySet()) {
            Path file = file("bad" + i++ + ".json", c.getKey());
            Cli.Result r = run("run", file.toString(), "--out", dir.resolve("o" + i).toString());
            failsWith(r, "optlab: " + file + ": " + c.getValue());
            assertTrue(r.err().length() < 600, "one short line: " + r.err().length());
            assertFalse(r.err().contains("Source") || r.err().contains("code 1") || r.err().contains("jackson")
                    || r.err().contains("`"), "no JSON library internals: " + r.err());
        }
    }

    @Test
    void encodingsAndNonRegularFiles() throws Exception {
        Path bom = dir.resolve("bom.json");
        Files.write(bom, ("\uFEFF" + SURFACE).getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("run", bom.toString(), "--out", dir.resolve("o1").toString()).code(), "a BOM is fine");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"name\": \"caf\u00e9\", \"surface\": {\"id\": \"booth\"}}".getBytes(
                StandardCharsets.ISO_8859_1));
        failsWith(run("run", latin1.toString(), "--out", dir.resolve("o2").toString()), "optlab: " + latin1
                + ": not UTF-8 text: byte 0xE9 at byte offset 13; expected a file saved as UTF-8");
        failsWith(run("run", "/dev/zero", "--out", dir.resolve("o3").toString()),
                "optlab: /dev/zero: not a regular file; expected a .json file");
        failsWith(run("run", dir.toString(), "--out", dir.resolve("o4").toString()),
                "optlab: " + dir + ": not a regular file");
        failsWith(run("run", dir.resolve("missing.json").toString(), "--out", dir.resolve("o5").toString()),
                "optlab: " + dir.resolve("missing.json") + ": no such file");
        failsWith(run("run", bom.toString(), "--out", ""), "optlab: --out is empty; expected the folder for the results");
        failsWith(run("guide", "run", "step-size", "--out", " "),
                "optlab: --out is empty; expected the folder for the results");
        Path notFolder = file("plain.txt", "x");
        failsWith(run("run", bom.toString(), "--out", notFolder.toString()), "optlab: " + notFolder
                + " is a file, not a folder");
    }

    @Test
    void aModelTooLargeForMemorySaysSoInWords() throws Exception {
        Path file = file("big.json", """
                {"dataset": {"id": "moons", "n": 100, "test": 50}, "model": {"id": "mlp", "hidden": [100000, 100000]},
                 "optimizers": [{"id": "sgd"}], "epochs": 1}""");
        Path out = dir.resolve("out");
        failsWith(run("run", file.toString(), "--out", out.toString()), "optlab: " + file
                + ": field 'model': the model does not fit in memory (10,000,600,002 weights, 40.0 GB as float32");
        JsonNode summary = json(out.resolve("summary.json"));
        assertEquals("failed", summary.path("status").asText());
        assertTrue(summary.path("error").asText().contains("does not fit in memory"), summary.toString());
    }

    @Test
    void anErrorOutsideTheCommandsIsStillOneLine() {
        assertEquals("optlab: internal error: the input is nested too deeply to process (stack overflow)",
                OptlabCommand.line(new StackOverflowError()));
        assertTrue(OptlabCommand.line(new OutOfMemoryError("Java heap space")).startsWith(
                "optlab: out of memory (Java heap space); "));
        assertTrue(OptlabCommand.line(new NullPointerException()).startsWith(
                "optlab: internal error: java.lang.NullPointerException"));
    }
}
