package org.optlab.runner.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.Sweep;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Which sweeps start their workers with C1 alone, and the JVM arguments that asks for. */
class LocalEngineTest {

    private static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.fromExtensions();
    private static final List<String> DATASETS = DatasetRegistry.fromExtensions().ids();

    private static Sweep sweep(String experiment) throws Exception {
        return Sweep.parse(new ObjectMapper().readTree("""
                {"name": "s", "experiment": %s,
                 "optimizers": [{"id": "adam", "search": {"lr": [0.01, 0.1]}}],
                 "objective": {"metric": "%s"}}""".formatted(experiment, experiment.contains("surface")
                ? "final_loss" : "final_test_accuracy")), Path.of("."), OPTIMIZERS, DATASETS);
    }

    @Test
    void softmaxTrialsOnTheCpuStartQuickAndLargerModelsKeepC2() throws Exception {
        String fmnist = "\"dataset\": {\"id\": \"fashion-mnist\", \"subset\": \"embedded\"}, \"epochs\": 1";
        assertTrue(LocalEngine.quickStart(sweep("{\"name\": \"e\", " + fmnist + ", \"model\": {\"id\": \"softmax\"}}")));
        assertTrue(LocalEngine.quickStart(sweep("{\"name\": \"e\", " + fmnist
                + ", \"model\": {\"id\": \"softmax\"}, \"backend\": \"cpu\"}")));
        assertFalse(LocalEngine.quickStart(sweep("{\"name\": \"e\", " + fmnist
                + ", \"model\": {\"id\": \"softmax\"}, \"backend\": \"gpu\"}")), "the GPU backend");
        assertFalse(LocalEngine.quickStart(sweep("{\"name\": \"e\", " + fmnist
                + ", \"model\": {\"id\": \"mlp\", \"hidden\": [64]}}")));
        assertFalse(LocalEngine.quickStart(sweep("{\"name\": \"e\", " + fmnist + ", \"model\": {\"id\": \"cnn\"}}")));
        assertFalse(LocalEngine.quickStart(sweep("{\"name\": \"e\", \"surface\": {\"id\": \"rosenbrock\"}, "
                + "\"steps\": 10}")), "surface trials run in this process");
    }

    @Test
    void theQuickJitReplacesAnyTierLimitOfThisJvmAndTakesTheSerialCollectorUnlessOneWasChosen() {
        assertEquals(List.of("-Xmx2g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), LocalEngine.quickJit(List.of(
                "-Xmx2g")));
        assertEquals(List.of("-Xmx2g", "-Dx=1", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1"), LocalEngine
                .quickJit(List.of("-Xmx2g", "-XX:TieredStopAtLevel=3", "-Dx=1", "-XX:+UseParallelGC")));
    }
}
