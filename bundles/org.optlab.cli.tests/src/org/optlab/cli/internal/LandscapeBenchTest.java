package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** optlab bench landscape: its line and its JSON (the speed itself is for docs/benchmarks.md, not for tests). */
class LandscapeBenchTest {

    @TempDir
    Path dir;

    @Test
    void theBenchReportsTheSliceAgainstItsProducts() throws Exception {
        Path json = dir.resolve("b.json");
        Cli.Result r = Cli.run("bench", "landscape", "--grid", "3", "--examples", "64", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("3 x 3 points of the MLP 784-256-10 on 64 examples: "), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, j.get("grid").asInt());
        assertEquals(64, j.get("examples").asInt());
        assertEquals(784 * 256 + 256 + 256 * 10 + 10, j.get("parameters").asLong());
        assertTrue(j.get("seconds").asDouble() > 0 && j.get("floor_s").asDouble() > 0);
        assertEquals(j.get("floor_s").asDouble() / j.get("seconds").asDouble(), j.get("efficiency").asDouble(), 1e-12);
        Cli.Result bad = Cli.run("bench", "landscape", "--grid", "1");
        assertEquals(1, bad.code());
    }
}
