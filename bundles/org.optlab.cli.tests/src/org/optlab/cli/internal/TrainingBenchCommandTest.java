package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.optimizers.OptimizerRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code optlab bench training}: its JSON contract for both networks, and its refusals. */
class TrainingBenchCommandTest {

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
    void jsonKeepsTheOldFieldsAndAddsTheModelAndTheFloor(@TempDir Path dir) throws Exception {
        for (String model : List.of("cnn", "mlp")) {
            Path file = dir.resolve(model + ".json");
            Result r = run("bench", "training", "--model", model, "--steps", "10", "--threads", "2", "--json",
                    file.toString());
            assertEquals(0, r.code(), r.err());
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            assertEquals(model, json.get("model").asText());
            assertEquals(128, json.get("batch_size").asInt());
            assertEquals(2, json.get("threads").asInt());
            double optlabMs = json.get("optlab_step_ms").asDouble();
            double dl4jMs = json.get("dl4j_step_ms").asDouble();
            double floorMs = json.get("floor_ms").asDouble();
            assertTrue(optlabMs > 0 && dl4jMs > 0 && floorMs > 0, json.toString());
            // the derived fields follow from the step times: examples per second = batch / step time
            assertEquals(128 / (optlabMs / 1000), json.get("optlab_examples_per_s").asDouble(), 1e-6);
            assertEquals(128 / (dl4jMs / 1000), json.get("dl4j_examples_per_s").asDouble(), 1e-6);
            assertEquals(dl4jMs / optlabMs, json.get("ratio").asDouble(), 1e-9);
            assertEquals(optlabMs / floorMs, json.get("optlab_over_floor").asDouble(), 1e-9);
            assertTrue(json.get("network").asText().startsWith(model + " "), json.toString());
            assertTrue(r.out().contains("floor:"), r.out());
        }
    }

    @Test
    void badOptionsAreOneLineAndExitOne() {
        Result model = run("bench", "training", "--model", "resnet");
        assertEquals(1, model.code());
        assertEquals("optlab: --model must be mlp or cnn, got 'resnet'", model.err().strip());
        Result threads = run("bench", "training", "--threads", "0");
        assertEquals(1, threads.code());
        assertEquals("optlab: --threads must be at least 1, got 0", threads.err().strip());
        Result steps = run("bench", "training", "--steps", "0");
        assertEquals(1, steps.code());
        assertEquals("optlab: --steps must be at least 1, got 0", steps.err().strip());
    }
}
