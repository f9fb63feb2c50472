package org.optlab.runner.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ExperimentDiffTest {

    @Test
    void keepsOnlyTheFieldsThatDifferWithTheirPaths() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var a = json.readTree("""
                {"name": "a", "dataset": {"id": "moons"}, "model": {"id": "mlp", "hidden": [256]},
                 "optimizers": [{"id": "adam", "lr": 0.001}], "epochs": 5}
                """);
        var b = json.readTree("""
                {"name": "b", "dataset": {"id": "moons"}, "model": {"id": "mlp", "hidden": [256, 128]},
                 "optimizers": [{"id": "adam", "lr": 0.01}], "epochs": 5, "seed": 7}
                """);
        List<ExperimentDiff.Difference> d = ExperimentDiff.of(List.of(a, b));
        assertEquals(List.of("name", "model.hidden", "optimizers[0].lr", "seed"),
                d.stream().map(ExperimentDiff.Difference::path).toList());
        assertEquals(List.of("[256]", "[256,128]"), d.get(1).values());
        assertEquals(List.of("0.001", "0.01"), d.get(2).values());
        assertEquals(Arrays.asList(null, "7"), d.get(3).values());
        assertEquals(List.of(), ExperimentDiff.of(List.of(a, a)));
    }
}
