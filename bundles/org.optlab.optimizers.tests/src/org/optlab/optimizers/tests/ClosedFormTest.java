package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.VectorParameter;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.ParamGroup;
import org.optlab.optimizers.schedule.Schedules;
import org.optlab.optimizers.tests.Cases.Case;
import org.optlab.optimizers.conformance.Runs;
import org.optlab.optimizers.conformance.Storage;

/** Results known in closed form, and equivalent formulations that must agree exactly. */
class ClosedFormTest {

    @Test
    void adamsFirstStepMovesEachCoordinateByLrTimesTheSignOfItsGradient() {
        // m1 = (1-b1) g, v1 = (1-b2) g^2, so m1 / bc1 = g and sqrt(v1) / sqrt(bc2) = |g|: the step is
        // lr * g / (|g| + eps) = lr * sign(g) up to eps / |g|.
        double[] g = Runs.gradients(1, 50, 21)[0];
        for (Storage storage : Storage.values()) {
            double[] start = Runs.start(50, 22);
            double[] after = Runs.run(Cases.REGISTRY.create("adam", Map.of("lr", 0.01)), start,
                    new double[][] { g }, storage);
            for (int i = 0; i < g.length; i++) {
                // The exact step is lr * g / (|g| + eps), off lr * sign(g) by at most lr * eps / |g|.
                double tolerance = storage == Storage.ND4J_FLOAT ? 1e-6 : 0.01 * 1e-8 / Math.abs(g[i]) + 1e-15;
                assertEquals(start[i] - 0.01 * Math.signum(g[i]), after[i], tolerance, storage + " coordinate " + i);
            }
        }
    }

    @Test
    void amsgradIdEqualsAdamWithTheAmsgradFlag() {
        double[] start = Runs.start(300, 23);
        double[][] gradients = Runs.gradients(100, 300, 24);
        double[] byId = Runs.run(Cases.REGISTRY.create("amsgrad", Map.of()), start, gradients, Storage.VECTOR);
        double[] byFlag = Runs.run(Cases.REGISTRY.create("adam", Map.of("amsgrad", true)), start, gradients,
                Storage.VECTOR);
        assertArrayEquals(byId, byFlag, 0);
    }

    @Test
    void lookaheadWithAlphaOneEqualsItsInnerOptimizer() {
        // slow + 1 * (p - slow) = p: synchronizing with alpha = 1 keeps the fast weights.
        double[] start = Runs.start(200, 25);
        double[][] gradients = Runs.gradients(50, 200, 26);
        for (String inner : List.of("adam", "momentum", "rprop")) {
            double[] wrapped = Runs.run(Cases.REGISTRY.create("lookahead",
                    Map.of("alpha", 1.0, "k", 3, "inner", inner)), start, gradients, Storage.VECTOR);
            double[] plain = Runs.run(Cases.REGISTRY.create(inner, Map.of()), start, gradients, Storage.VECTOR);
            for (int i = 0; i < plain.length; i++) {
                assertEquals(plain[i], wrapped[i], 1e-15 * Math.max(1, Math.abs(plain[i])), inner + " at " + i);
            }
        }
    }

    @Test
    void parameterGroupsFollowTheirOwnLearningRates() {
        // GD on f = 0.5 a w^2 (gradient a w): w_t = (1 - lr a)^t w_0 in each group with its own lr.
        Optimizer sgd = Cases.REGISTRY.create("sgd", Map.of("lr", 0.1));
        VectorParameter slow = VectorParameter.of("slow", 1.0);
        VectorParameter fast = VectorParameter.of("fast", 1.0);
        sgd.addParamGroup(List.of(slow));
        sgd.addParamGroup(List.of(fast), Map.of("lr", 0.3));
        for (int t = 1; t <= 20; t++) {
            slow.gradient()[0] = 2 * slow.value()[0];
            fast.gradient()[0] = 2 * fast.value()[0];
            sgd.step();
            assertEquals(Math.pow(1 - 0.1 * 2, t), slow.value()[0], 1e-15);
            assertEquals(Math.pow(1 - 0.3 * 2, t), fast.value()[0], 1e-15);
        }
    }

    @Test
    void aScheduledLearningRateIsReadAtEachStep() {
        // lr follows step decay 0.1 * 0.5^floor(t / 5) (t = 0-based step); GD on 0.5 w^2 multiplies w by (1 - lr_t).
        Optimizer sgd = Cases.REGISTRY.create("sgd", Map.of("lr", 0.1));
        VectorParameter w = VectorParameter.of("w", 1.0);
        ParamGroup group = sgd.addParamGroup(List.of(w));
        group.setSchedule("lr", Schedules.descriptor("step").create(0.1, 20, Map.of("step_size", 5, "gamma", 0.5)));
        double expected = 1;
        for (int t = 0; t < 20; t++) {
            w.gradient()[0] = w.value()[0];
            sgd.step();
            expected *= 1 - 0.1 * Math.pow(0.5, t / 5);
            assertEquals(expected, w.value()[0], 1e-15, "step " + t);
        }
    }

    @Test
    void scheduledWeightDecayIsAppliedEvenWhenItsConstantIsZero() {
        // SGD leaves weight decay out of its rule when it is 0, unless a schedule drives it.
        Optimizer sgd = Cases.REGISTRY.create("sgd", Map.of("lr", 0.1));
        VectorParameter w = VectorParameter.of("w", 1.0);
        sgd.addParamGroup(List.of(w)).setSchedule("weight_decay", step -> 1.0);
        sgd.step(); // g = 0, so only the decay acts: w = 1 - 0.1 * 1 * 1
        assertEquals(0.9, w.value()[0], 1e-16);
    }

    @Test
    void everyOptimizerWithItsDefaultsReachesTheMinimumOfAConvexQuadratic() {
        // f = 0.5 w^T diag(1, 2) w, minimum 0, from (1, 1); 30,000 steps on the vector path. (On diag(1, 10),
        // Adadelta with its defaults, lr 1 and rho 0.9, drifts away along the stiff axis: w2 = -0.084 after 30,000
        // steps and -0.27 after 300,000, in this implementation and in an independent Python one alike.)
        for (Case c : Cases.all().subList(0, Cases.IDS.size())) {
            Optimizer optimizer = Cases.create(c, ExecutionPath.AUTO);
            VectorParameter w = VectorParameter.of("w", 1, 1);
            optimizer.addParamGroup(List.of(w));
            for (int t = 0; t < 30_000; t++) {
                w.gradient()[0] = w.value()[0];
                w.gradient()[1] = 2 * w.value()[1];
                optimizer.step();
            }
            double distance = Math.hypot(w.value()[0], w.value()[1]);
            assertEquals(0, distance, 1e-2, c + " ended at " + w.value()[0] + ", " + w.value()[1]);
        }
    }
}
