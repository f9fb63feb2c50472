package org.optlab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Training Charts' legend labels: the optimizer, then what differs between the runs shown; never a run id. */
class TrainingChartsLabelsTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void oneRunIsLabelledByItsOptimizersAlone() throws Exception {
        JsonNode run = json("{\"name\": \"a\", \"seed\": 1, \"optimizers\": [{\"id\": \"sgd\"}, {\"id\": \"adam\"}]}");
        assertEquals(List.of(List.of("sgd", "adam")), TrainingChartsView.labels(List.of(run),
                List.of(List.of("sgd", "adam"))));
    }

    @Test
    void runsAreToldApartByTheSettingsThatDiffer() throws Exception {
        JsonNode first = json("""
                {"name": "x", "seed": 1, "optimizers": [{"id": "sgd", "lr": 0.1}, {"id": "adam", "lr": 0.001}]}""");
        JsonNode second = json("""
                {"name": "x", "seed": 2, "optimizers": [{"id": "sgd", "lr": 0.5}, {"id": "adam", "lr": 0.001}]}""");
        List<List<String>> labels = TrainingChartsView.labels(List.of(first, second),
                List.of(List.of("sgd", "adam"), List.of("sgd", "adam")));
        // sgd's own lr differs, and the seed; adam's lr is the same in both, the seed is not
        assertEquals(List.of(List.of("sgd  seed=1, lr=0.1", "adam  seed=1"), List.of("sgd  seed=2, lr=0.5",
                "adam  seed=2")), labels);
    }

    @Test
    void identicalRunsAreNumbered() throws Exception {
        JsonNode run = json("{\"name\": \"x\", \"optimizers\": [{\"id\": \"sgd\", \"label\": \"plain\"}]}");
        assertEquals(List.of(List.of("plain"), List.of("plain #2")), TrainingChartsView.labels(List.of(run, run),
                List.of(List.of("plain"), List.of("plain"))));
    }
}
