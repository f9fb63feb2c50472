package org.optlab.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.TrainingExperiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Training runs end to end on small data: what they learn, what they write, and that they repeat exactly. */
class TrainingRunTest {

    private static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.fromExtensions();
    private static final DatasetRegistry DATASETS = DatasetRegistry.fromExtensions();

    @TempDir
    Path dir;

    private static TrainingExperiment experiment(String json) throws Exception {
        return TrainingExperiment.parse(new ObjectMapper().readTree(json), OPTIMIZERS, DATASETS.ids());
    }

    private List<TrainingRun.Outcome> run(TrainingExperiment e, Path out) throws Exception {
        return TrainingRun.run(e, OPTIMIZERS, DATASETS, null, out, TrainingRun.Listener.QUIET, null);
    }

    @Test
    void anMlpLearnsTheMoonsAndTheFilesFollowTheContract() throws Exception {
        TrainingExperiment e = experiment("""
                {"name": "moons", "dataset": {"id": "moons", "n": 1000, "test": 500, "noise": 0.1},
                 "model": {"id": "mlp", "hidden": [32], "activation": "tanh"},
                 "optimizers": [{"id": "adam", "lr": 0.01}, {"id": "sgd", "lr": 0.1, "label": "plain sgd"}],
                 "epochs": 20, "batch_size": 50, "seed": 3}
                """);
        List<TrainingRun.Outcome> outcomes = run(e, dir);
        assertEquals(2, outcomes.size());
        assertTrue(outcomes.get(0).finalTestAccuracy() > 0.95, "adam on moons: " + outcomes.get(0));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds", lines.get(0));
        // 20 batches per epoch x 20 epochs = 400 step rows and 20 evaluation rows per optimizer
        assertEquals(1 + 2 * (400 + 20), lines.size());
        String[] step = lines.get(1).split(",", -1);
        assertEquals("adam", step[0]);
        assertEquals("1", step[1]);
        assertEquals("1", step[2]);
        assertTrue(Double.parseDouble(step[3]) > 0);
        assertEquals("", step[4]);
        assertEquals("0.01", step[6]);
        String[] evaluation = lines.get(21).split(",", -1);
        assertEquals("", evaluation[3]);
        assertTrue(Double.parseDouble(evaluation[5]) > 0.5);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("plain sgd,20,400,,")), "the label names the runs");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(2, summary.get("runs").size());
        JsonNode first = summary.get("runs").get(0);
        assertEquals("adam", first.get("optimizer").asText());
        assertEquals(outcomes.get(0).finalTestAccuracy(), first.get("final_test_accuracy").asDouble(), 0);
        assertEquals("cpu", first.get("backend").asText());
        assertEquals(Backends.device(), first.get("device").asText());
        assertTrue(first.has("final_test_loss") && first.has("seconds"));
    }

    @Test
    void theSameSeedGivesTheSameNumbers() throws Exception {
        String json = """
                {"dataset": {"id": "spirals", "n": 600, "test": 300}, "model": {"id": "mlp", "hidden": [16]},
                 "optimizers": [{"id": "adam", "lr": 0.01}], "epochs": 3, "batch_size": 32, "seed": 9}
                """;
        run(experiment(json), dir.resolve("a"));
        run(experiment(json), dir.resolve("b"));
        assertEquals(withoutSeconds(dir.resolve("a/metrics.csv")), withoutSeconds(dir.resolve("b/metrics.csv")));
        run(experiment(json.replace("\"seed\": 9", "\"seed\": 10")), dir.resolve("c"));
        assertTrue(!withoutSeconds(dir.resolve("a/metrics.csv")).equals(withoutSeconds(dir.resolve("c/metrics.csv"))));
    }

    @Test
    void gatheringTheNextBatchOnAnotherThreadChangesNoNumber() throws Exception {
        // a last batch smaller than the others, evaluations within epochs, two optimizers; and the cnn on images
        String mlp = """
                {"dataset": {"id": "spirals", "n": 610, "test": 300}, "model": {"id": "mlp", "hidden": [16]},
                 "optimizers": [{"id": "adam", "lr": 0.01}, {"id": "sgd", "lr": 0.1}], "epochs": 3,
                 "batch_size": 48, "evaluate_every": 5, "seed": 4}
                """;
        String cnn = """
                {"dataset": {"id": "fashion-mnist", "subset": "embedded"}, "model": {"id": "cnn"},
                 "optimizers": [{"id": "adam"}], "epochs": 1, "batch_size": 100, "evaluate_every": 20, "seed": 5}
                """;
        for (String json : List.of(mlp, cnn)) {
            assertTrue(Batches.prefetch);
            run(experiment(json), dir.resolve("prefetched"));
            Batches.prefetch = false;
            try {
                run(experiment(json), dir.resolve("inline"));
            } finally {
                Batches.prefetch = true;
            }
            List<String> prefetched = withoutSeconds(dir.resolve("prefetched/metrics.csv"));
            assertTrue(prefetched.size() > 60, "rows: " + prefetched.size());
            assertEquals(withoutSeconds(dir.resolve("inline/metrics.csv")), prefetched);
            Files.delete(dir.resolve("prefetched/metrics.csv"));
            Files.delete(dir.resolve("inline/metrics.csv"));
        }
    }

    @Test
    void aCosineScheduleDrivesTheRateOfEveryStep() throws Exception {
        // 200 examples in batches of 50: 4 steps per epoch, 3 epochs, T_max = the run (12 steps)
        run(experiment("""
                {"dataset": {"id": "blobs", "n": 200, "test": 100}, "model": {"id": "softmax"},
                 "optimizers": [{"id": "sgd", "lr": 0.4}], "schedule": {"id": "cosine", "eta_min": 0.1},
                 "epochs": 3, "batch_size": 50}
                """), dir);
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv")).stream()
                .filter(l -> !l.split(",", -1)[3].isEmpty() && !l.startsWith("optimizer")).toList();
        assertEquals(12, rows.size());
        for (int t = 0; t < 12; t++) {
            double expected = 0.1 + (0.4 - 0.1) * (1 + Math.cos(Math.PI * t / 12)) / 2;
            assertEquals(expected, Double.parseDouble(rows.get(t).split(",")[6]), 1e-12, "lr at step " + (t + 1));
        }
    }

    @Test
    void clippingScalesTheGradientToTheGivenNorm() throws Exception {
        // one full batch, plain SGD: the step is lr x g x clip / (||g|| + 1e-6), so ||w_1 - w_0|| = lr clip ||g|| /
        // (||g|| + 1e-6) whenever ||g|| exceeds the clip
        TrainingExperiment e = experiment("""
                {"dataset": {"id": "linear", "n": 100, "test": 50, "features": 3}, "model": {"id": "softmax"},
                 "optimizers": [{"id": "sgd", "lr": 0.5}], "epochs": 1, "batch_size": 100}
                """);
        var data = DATASETS.load("linear", new org.optlab.datasets.DatasetRequest(42, e.dataset().options(), null));
        var model = TrainingRun.model(e.model(), data.train());
        assertEquals(4, model.parameterCount()); // a linear model: 3 weights and a bias
        model.initialize(1);
        List<org.nd4j.linalg.api.ndarray.INDArray> before = model.parameters().stream().map(p -> p.value().dup())
                .toList();
        var sgd = OPTIMIZERS.create("sgd", java.util.Map.of("lr", 0.5));
        sgd.addParamGroup(model.parameters());
        double[] norm = new double[1];
        Trainer.train(model, sgd, data, new Trainer.Settings(1, 100, 1, 0.001, 0,
                org.nd4j.linalg.api.buffer.DataType.FLOAT), new Trainer.Listener() {
                    @Override
                    public void stepped(Trainer.StepMetrics metrics) {
                        norm[0] = metrics.gradientNorm();
                    }

                    @Override
                    public void evaluated(Trainer.Evaluation evaluation) {
                    }
                }, null);
        assertTrue(norm[0] > 0.01, "the gradient is larger than the clip: " + norm[0]);
        double moved = 0;
        for (int i = 0; i < before.size(); i++) {
            double d = model.parameters().get(i).value().sub(before.get(i)).norm2Number().doubleValue();
            moved += d * d;
        }
        assertEquals(0.5 * 0.001 * norm[0] / (norm[0] + 1e-6), Math.sqrt(moved), 1e-6); // float32 parameters
    }

    @Test
    void problemsAreReportedAtTheirField() throws Exception {
        assertEquals("field 'model.id': unknown model 'transformer'; known: [softmax, mlp, cnn]",
                assertThrows(ExperimentException.class, () -> experiment("""
                        {"dataset": {"id": "moons"}, "model": {"id": "transformer"}, "optimizers": [{"id": "adam"}]}
                        """)).getMessage());
        assertTrue(assertThrows(ExperimentException.class, () -> experiment("""
                {"dataset": {"id": "mnist2"}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}]}
                """)).getMessage().startsWith("field 'dataset.id': unknown dataset 'mnist2'; known: ["));
        assertEquals("field 'batch_size': got 0; expected a whole number in [1, 1000000]",
                assertThrows(ExperimentException.class, () -> experiment("""
                        {"dataset": {"id": "moons"}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}],
                         "batch_size": 0}
                        """)).getMessage());
        assertEquals("field 'model.hidden[0]': got 0; expected a size in [1, 100000]",
                assertThrows(ExperimentException.class, () -> experiment("""
                        {"dataset": {"id": "moons"}, "model": {"id": "mlp", "hidden": [0]}, "optimizers": [{"id": "adam"}]}
                        """)).getMessage());
        ExperimentException cnn = assertThrows(ExperimentException.class, () -> run(experiment("""
                {"dataset": {"id": "moons"}, "model": {"id": "cnn"}, "optimizers": [{"id": "adam"}]}
                """), dir));
        assertTrue(cnn.getMessage().startsWith("field 'model': the cnn needs images"), cnn.getMessage());
        ExperimentException noise = assertThrows(ExperimentException.class, () -> run(experiment("""
                {"dataset": {"id": "moons", "noise": -1}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}]}
                """), dir));
        assertTrue(noise.getMessage().startsWith("field 'dataset.noise': "), noise.getMessage());
        ExperimentException gpu = assertThrows(ExperimentException.class, () -> run(experiment("""
                {"dataset": {"id": "moons"}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}], "backend": "gpu"}
                """), dir));
        assertTrue(gpu.getMessage().startsWith("field 'backend': \"gpu\" needs OptLab's GPU feature"), gpu.getMessage());
    }

    private static List<String> withoutSeconds(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
