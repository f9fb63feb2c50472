package org.optlab.runner.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.model.Model;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.landscape.Landscape;
import org.optlab.runner.landscape.Npy;
import org.optlab.runner.landscape.Snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** "snapshots": K in a training experiment: each optimizer's parameters along its path, in snapshots/. */
class SnapshotRecordingTest {

    private static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.fromExtensions();
    private static final DatasetRegistry DATASETS = DatasetRegistry.fromExtensions();

    @TempDir
    Path dir;

    @Test
    void eachOptimizersPathIsRecordedAndItsLastRowIsTheTrainedModel() throws Exception {
        TrainingExperiment e = TrainingExperiment.parse(new ObjectMapper().readTree("""
                {"name": "moons", "dataset": {"id": "moons", "n": 200, "test": 100},
                 "model": {"id": "mlp", "hidden": [8], "activation": "tanh"},
                 "optimizers": [{"id": "adam", "lr": 0.01}, {"id": "sgd", "lr": 0.1, "label": "plain sgd"}],
                 "epochs": 2, "batch_size": 50, "seed": 3, "snapshots": 3}
                """), OPTIMIZERS, DATASETS.ids());
        TrainingRun.run(e, OPTIMIZERS, DATASETS, null, dir, TrainingRun.Listener.QUIET, null);
        Path folder = dir.resolve(Snapshots.FOLDER);
        Snapshots.Layout layout = Snapshots.readLayout(folder);
        // 4 batches x 2 epochs = 8 steps: the start, 3 spread evenly, the end
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L), layout.steps());
        Npy.Array adam = Npy.read(folder.resolve("adam.npy"));
        Npy.Array sgd = Npy.read(folder.resolve("plain_sgd.npy"));
        assertArrayEquals(new int[] { 5, (int) layout.size() }, adam.shape());
        assertArrayEquals(new int[] { 5, (int) layout.size() }, sgd.shape());
        assertArrayEquals(adam.row(0), sgd.row(0), "one shared start: the same seed");
        assertFalse(Arrays.equals(adam.row(1), adam.row(0)), "the path moves");
        assertFalse(Arrays.equals(adam.row(4), sgd.row(4)), "and each optimizer goes its own way");

        // the last row is the trained model: evaluated on the test set it gives the run's final test loss
        Split data = DATASETS.load("moons", new DatasetRequest(3, Map.of("n", 200, "test", 100), null));
        Model model = TrainingRun.model(e.model(), data.train());
        INDArray[] test = examples(data.test());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        for (int r = 0; r < 2; r++) {
            float[] last = (r == 0 ? adam : sgd).row(4);
            double[] v = Landscape.of(model, test[0], test[1], 1000, true).at(last);
            JsonNode run = summary.get("runs").get(r);
            assertEquals(run.get("final_test_loss").asDouble(), v[0], 1e-6 * Math.max(1, v[0]), run.toString());
            assertEquals(run.get("final_test_accuracy").asDouble(), v[1], 1e-12, run.toString());
        }
    }

    @Test
    void withoutSnapshotsNothingIsWritten() throws Exception {
        TrainingExperiment e = TrainingExperiment.parse(new ObjectMapper().readTree("""
                {"dataset": {"id": "moons", "n": 100, "test": 50}, "model": {"id": "softmax"},
                 "optimizers": [{"id": "sgd", "lr": 0.1}], "epochs": 1, "batch_size": 50}
                """), OPTIMIZERS, DATASETS.ids());
        assertEquals(-1, e.snapshots(), "not said: the default of where it runs");
        assertEquals(0, TrainingRun.snapshots(e, TrainingRun.model(e.model(), DATASETS.load("moons", new DatasetRequest(42,
                Map.of("n", 100, "test", 50), null)).train())), "none on the command line (no " + TrainingRun
                        .DEFAULT_SNAPSHOTS_VARIABLE + ")");
        TrainingRun.run(e, OPTIMIZERS, DATASETS, null, dir, TrainingRun.Listener.QUIET, null);
        assertFalse(Files.exists(dir.resolve(Snapshots.FOLDER)));
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }

    /** A dataset's examples and one-hot targets as arrays of the model's float32. */
    private static INDArray[] examples(Dataset d) {
        int n = d.size(), f = d.featureCount(), k = d.classCount();
        float[] onehot = new float[n * k];
        for (int i = 0; i < n; i++) {
            onehot[i * k + d.labels()[i]] = 1;
        }
        return new INDArray[] { Nd4j.create(d.features(), new long[] { n, f }, 'c'), Nd4j.create(onehot,
                new long[] { n, k }, 'c') };
    }
}
