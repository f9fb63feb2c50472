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
        return sweep(experiment, "{\"id\": \"adam\", \"search\": {\"lr\": [0.01, 0.1]}}");
    }

    private static Sweep sweep(String experiment, String optimizers) throws Exception {
        return Sweep.parse(new ObjectMapper().readTree("""
                {"name": "s", "experiment": %s,
                 "optimizers": [%s],
                 "objective": {"metric": "%s"}}""".formatted(experiment, optimizers, experiment.contains("surface")
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
        List<String> hugePages = LocalEngine.transparentHugePages() ? List.of("-XX:+UseTransparentHugePages")
                : List.of();
        List<String> expected = new java.util.ArrayList<>(List.of("-Xmx2g", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:PretenureSizeThreshold=1m"));
        expected.addAll(hugePages);
        assertEquals(expected, LocalEngine.quickJit(List.of("-Xmx2g")));
        expected = new java.util.ArrayList<>(List.of("-Xmx2g", "-Dx=1", "-XX:+UseParallelGC",
                "-XX:TieredStopAtLevel=1"));
        expected.addAll(hugePages);
        assertEquals(expected, LocalEngine.quickJit(List.of("-Xmx2g", "-XX:TieredStopAtLevel=3", "-Dx=1",
                "-XX:+UseParallelGC")));
        // the user's own choices about huge pages and pretenuring stay
        assertEquals(List.of("-XX:-UseTransparentHugePages", "-XX:PretenureSizeThreshold=4m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), LocalEngine.quickJit(List.of(
                        "-XX:-UseTransparentHugePages", "-XX:PretenureSizeThreshold=4m")));
    }

    @Test
    void onlyOptimizersThatSumKeepTheVectorModuleOfQuickWorkers() throws Exception {
        String softmax = "{\"name\": \"e\", \"dataset\": {\"id\": \"fashion-mnist\", \"subset\": \"embedded\"}, "
                + "\"model\": {\"id\": \"softmax\"}}";
        assertFalse(LocalEngine.sums(sweep(softmax), OPTIMIZERS));
        assertFalse(LocalEngine.sums(sweep(softmax, "{\"id\": \"sgd\", \"momentum\": 0.9, \"search\": "
                + "{\"lr\": {\"log\": [0.001, 1], \"points\": 4}}}"), OPTIMIZERS));
        assertTrue(LocalEngine.sums(sweep(softmax, "{\"id\": \"sgd\"}, {\"id\": \"lamb\", \"search\": "
                + "{\"lr\": [0.01]}}"), OPTIMIZERS), "LAMB's norms");
        // an inner optimizer that sums, searched at one point of a Lookahead's space
        assertTrue(LocalEngine.sums(sweep(softmax, "{\"id\": \"lookahead\", \"search\": {\"inner\": "
                + "[\"adam\", \"lamb\"]}}"), OPTIMIZERS));
        assertFalse(LocalEngine.sums(sweep(softmax, "{\"id\": \"lookahead\", \"search\": {\"inner\": "
                + "[\"adam\", \"sgd\"]}}"), OPTIMIZERS));
    }

    @Test
    void aQuickWorkerGoesWithoutTheVectorModuleAndKeepsTheOthers() {
        assertEquals(List.of("-Xmx2g", "-Dy=2"), LocalEngine.withoutVectorModule(List.of("-Xmx2g", "--add-modules",
                "jdk.incubator.vector", "-Dy=2")));
        assertEquals(List.of("--add-modules", "java.sql,jdk.jfr", "--add-modules=java.xml"), LocalEngine
                .withoutVectorModule(List.of("--add-modules", "java.sql,jdk.incubator.vector,jdk.jfr",
                        "--add-modules=jdk.incubator.vector,java.xml")));
        assertEquals(List.of("-Dz=3"), LocalEngine.withoutVectorModule(List.of("--add-modules=jdk.incubator.vector",
                "-Dz=3")));
        // a module the JVM must have stays, and so does an option left without its value
        assertEquals(List.of("--add-modules", "jdk.incubator.vectorx", "--add-modules"), LocalEngine
                .withoutVectorModule(List.of("--add-modules", "jdk.incubator.vectorx", "--add-modules")));
    }

    /** A dataset provider that the extension registry could make only through a factory. */
    public static final class NeedsArguments implements org.optlab.datasets.DatasetProvider {
        public NeedsArguments(int unused) {
        }

        @Override
        public String id() {
            return "needs-arguments";
        }

        @Override
        public String description() {
            return "made only with an argument";
        }

        @Override
        public org.optlab.datasets.Split load(org.optlab.datasets.DatasetRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void cpuTrainingWorkersRunOnAPlainClassPathWhenEveryProviderCanBeMadeByName() throws Exception {
        String fmnist = "\"dataset\": {\"id\": \"fashion-mnist\", \"subset\": \"embedded\"}, \"epochs\": 1";
        DatasetRegistry datasets = DatasetRegistry.fromExtensions();
        List<Class<?>> providers = LocalEngine.plainWorkers(sweep("{\"name\": \"e\", " + fmnist
                + ", \"model\": {\"id\": \"mlp\", \"hidden\": [64]}}"), OPTIMIZERS, datasets);
        assertTrue(providers != null && providers.contains(OPTIMIZERS.provider("adam").orElseThrow().getClass())
                && providers.contains(datasets.byId("fashion-mnist").orElseThrow().getClass()), String.valueOf(
                        providers));
        assertEquals(null, LocalEngine.plainWorkers(sweep("{\"name\": \"e\", " + fmnist
                + ", \"model\": {\"id\": \"softmax\"}, \"backend\": \"gpu\"}"), OPTIMIZERS, datasets),
                "the GPU backend is a fragment no provider names");
        assertTrue(TrialWorker.creatable(List.of(datasets.byId("moons").orElseThrow().getClass())));
        assertFalse(TrialWorker.creatable(List.of(NeedsArguments.class)));
        // public, made without arguments, from the ND4J bundle, whose activator points ND4J at its class loader
        Class<?> backend = Class.forName("org.nd4j.linalg.cpu.nativecpu.CpuBackend", false,
                org.nd4j.linalg.factory.Nd4j.class.getClassLoader());
        assertTrue(java.lang.reflect.Modifier.isPublic(backend.getConstructor().getModifiers()));
        assertFalse(TrialWorker.creatable(List.of(backend)), "its bundle has an activator");
    }

    @Test
    void aQueueHoldsAtLeastNTrialsCountedNoFurther() {
        java.util.Queue<Trial> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
        assertTrue(LocalEngine.atLeast(queue, 0));
        assertFalse(LocalEngine.atLeast(queue, 1));
        for (int i = 0; i < 3; i++) {
            queue.add(new Trial(i, "tune", "sgd", i, 42, java.util.Map.of("lr", 0.1)));
        }
        assertTrue(LocalEngine.atLeast(queue, 2));
        assertTrue(LocalEngine.atLeast(queue, 3));
        assertFalse(LocalEngine.atLeast(queue, 4));
    }
}
