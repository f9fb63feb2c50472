package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.Trainable;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.StateDict;
import org.optlab.optimizers.tests.Cases.Case;
import org.optlab.optimizers.conformance.Runs;
import org.optlab.optimizers.conformance.Storage;

/** A restored optimizer continues in lockstep with the original, bit for bit, on every storage kind. */
class StateDictTest {

    @Test
    void restoredOptimizerContinuesInLockstep() {
        int n = 2100;
        double[][] gradients = Runs.gradients(30, n, 11);
        for (Storage storage : Storage.values()) {
            for (Case c : Cases.all()) {
                Optimizer original = Cases.create(c, ExecutionPath.AUTO);
                Trainable a = storage.create(Runs.start(n, 10));
                original.addParamGroup(List.of(a));
                for (int t = 0; t < 10; t++) {
                    storage.setGradient(a, gradients[t]);
                    original.step();
                }
                StateDict dict = original.stateDict();
                Optimizer restored = Cases.create(c, ExecutionPath.AUTO);
                Trainable b = storage.create(storage.values(a));
                restored.addParamGroup(List.of(b));
                restored.loadStateDict(dict);
                assertEquals(10, restored.steps());
                for (int t = 10; t < 30; t++) {
                    storage.setGradient(a, gradients[t]);
                    storage.setGradient(b, gradients[t]);
                    original.step();
                    restored.step();
                }
                assertArrayEquals(storage.values(a), storage.values(b), 0, c + " on " + storage);
            }
        }
    }

    @Test
    void stateIsCreatedLazilyAndCopiedInTheBuffersPrecision() {
        Optimizer adam = Cases.REGISTRY.create("adam", Map.of());
        Trainable w = Storage.ND4J_FLOAT.create(new double[] { 1, 2, 3 });
        adam.addParamGroup(List.of(w));
        assertTrue(adam.stateDict().state().isEmpty(), "no state before the first step");
        Storage.ND4J_FLOAT.setGradient(w, new double[] { 1, 1, 1 });
        adam.step();
        StateDict.ParameterState state = adam.stateDict().state().get(0);
        assertEquals(1, state.step());
        assertEquals(java.util.Set.of("exp_avg", "exp_avg_sq"), state.buffers().keySet());
        // exp_avg = 0.1 g after one step, in float32.
        assertArrayEquals(new float[] { 0.1f, 0.1f, 0.1f }, (float[]) state.buffers().get("exp_avg"), 1e-7f);
    }

    @Test
    void mismatchedStateDictIsRejectedWithItsReason() {
        Optimizer adam = Cases.REGISTRY.create("adam", Map.of());
        Trainable w = Storage.VECTOR.create(new double[] { 1, 2, 3 });
        adam.addParamGroup(List.of(w));
        Storage.VECTOR.setGradient(w, new double[] { 1, 1, 1 });
        adam.step();
        Optimizer other = Cases.REGISTRY.create("adam", Map.of());
        other.addParamGroup(List.of(Storage.VECTOR.create(new double[] { 1, 2 })));
        var e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(adam.stateDict()));
        assertEquals("buffer 'exp_avg' has 3 values, parameter 'w' has 2", e.getMessage());
    }
}
