package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.Trainable;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.ParamGroup;
import org.optlab.optimizers.schedule.ReduceOnPlateau;
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

    /**
     * Schedules travel in the state dict, a ReduceOnPlateau with its rate, best metric and counts: an optimizer
     * restored into groups without schedules continues bit for bit, fed the same metrics, for 60 more steps.
     */
    @Test
    void restoredSchedulesIncludingReduceOnPlateauContinueInLockstep() {
        int n = 50;
        double[][] gradients = Runs.gradients(70, n, 12);
        // improves for 5 evaluations, then plateaus: with patience 2 the rate halves every third evaluation
        java.util.function.IntToDoubleFunction metric = t -> t < 5 ? 10 - t : 5 + 0.001 * (t % 2);
        for (Storage storage : Storage.values()) {
            Optimizer original = Cases.REGISTRY.create("momentum", Map.of("lr", 0.01));
            Trainable a = storage.create(Runs.start(n, 13));
            Trainable a2 = storage.create(Runs.start(n, 14));
            ParamGroup first = original.addParamGroup(List.of(a));
            ParamGroup second = original.addParamGroup(List.of(a2), Map.of("weight_decay", 0.01));
            first.setSchedule("lr", new ReduceOnPlateau(0.01, ReduceOnPlateau.Mode.MIN, 0.5, 2, 0, 0, 1e-5));
            second.setSchedule("momentum", step -> 0.9 * (1 - step / 100.0));
            for (int t = 0; t < 10; t++) {
                storage.setGradient(a, gradients[t]);
                storage.setGradient(a2, gradients[t]);
                original.step();
                ((ReduceOnPlateau) first.schedule("lr").orElseThrow()).observe(metric.applyAsDouble(t));
            }
            StateDict dict = original.stateDict();
            Optimizer restored = Cases.REGISTRY.create("momentum", Map.of("lr", 0.01));
            Trainable b = storage.create(storage.values(a));
            Trainable b2 = storage.create(storage.values(a2));
            ParamGroup restoredFirst = restored.addParamGroup(List.of(b));
            restored.addParamGroup(List.of(b2));
            restored.loadStateDict(dict);
            assertSame(restoredFirst, restored.paramGroups().get(0), "groups are restored in place");
            var plateau = (ReduceOnPlateau) first.schedule("lr").orElseThrow();
            var restoredPlateau = (ReduceOnPlateau) restoredFirst.schedule("lr").orElseThrow();
            assertNotSame(plateau, restoredPlateau, "the restored optimizer has its own copy");
            assertEquals(plateau.rate(), restoredPlateau.rate(), 0);
            double rateAtRestore = plateau.rate();
            for (int t = 10; t < 70; t++) {
                storage.setGradient(a, gradients[t]);
                storage.setGradient(a2, gradients[t]);
                storage.setGradient(b, gradients[t]);
                storage.setGradient(b2, gradients[t]);
                original.step();
                restored.step();
                assertEquals(plateau.observe(metric.applyAsDouble(t)), restoredPlateau.observe(metric.applyAsDouble(t)),
                        0, "rate at step " + t);
                assertArrayEquals(storage.values(a), storage.values(b), 0, "group 0, step " + t + " on " + storage);
                assertArrayEquals(storage.values(a2), storage.values(b2), 0, "group 1, step " + t + " on " + storage);
            }
            assertTrue(plateau.rate() < rateAtRestore, "the plateau reduced the rate after the restore");
        }
    }

    /** step(List) adds new parameters to group 0 itself: its schedules stay and apply to them. */
    @Test
    void stepWithNewParametersChangesTheFirstGroupInPlace() {
        Optimizer sgd = Cases.REGISTRY.create("sgd", Map.of("lr", 0.1));
        Trainable w = Storage.VECTOR.create(new double[] { 1 });
        Trainable v = Storage.VECTOR.create(new double[] { 1 });
        ParamGroup group = sgd.addParamGroup(List.of(w));
        group.setSchedule("lr", step -> 0.05);
        Storage.VECTOR.setGradient(w, new double[] { 1 });
        Storage.VECTOR.setGradient(v, new double[] { 2 });
        sgd.step(List.of(w, v));
        assertSame(group, sgd.paramGroups().get(0));
        assertEquals(List.of(w, v), group.params());
        assertTrue(group.schedule("lr").isPresent());
        assertEquals(0.95, Storage.VECTOR.values(w)[0], 0); // 1 - 0.05 * 1
        assertEquals(0.9, Storage.VECTOR.values(v)[0], 0); // 1 - 0.05 * 2, not 1 - 0.1 * 2
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
