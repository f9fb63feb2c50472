package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;
import org.optlab.core.objective.DiagonalQuadratic;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerRegistry;

/** Plain SGD, created through the extension point, against closed forms and hand-derived steps. */
class SgdTest {

    private static Optimizer sgd(Map<String, ?> hyperParameters) {
        return OptimizerRegistry.fromExtensions().create("sgd", hyperParameters);
    }

    @Test
    void gradientDescentOnAQuadraticFollowsTheClosedForm() {
        // f(w) = 0.5 w^T diag(a) w: w_{t+1} = w_t - lr * a * w_t, so w_t = (1 - lr * a)^t w_0 per coordinate.
        double[] a = { 1, 10 };
        double lr = 0.05;
        DiagonalQuadratic f = new DiagonalQuadratic(a);
        Parameter w = new Parameter("w", Nd4j.createFromArray(1.0, 1.0));
        Optimizer opt = sgd(Map.of("lr", lr));
        for (int t = 1; t <= 100; t++) {
            f.valueAndGradient(w.value(), w.gradient());
            opt.step(List.of(w));
            for (int i = 0; i < a.length; i++) {
                double expected = Math.pow(1 - lr * a[i], t);
                assertEquals(expected, w.value().getDouble(i), 1e-15 + 1e-12 * Math.abs(expected),
                        "step " + t + ", coordinate " + i);
            }
        }
    }

    @Test
    void firstThreeStepsWithWeightDecayByHand() {
        // lr 0.1, weight_decay 0.5, f = 0.5 w^T diag(1, 10) w from (1, 1):
        // g = (w1, 10 w2) + 0.5 w, so w1 <- w1 - 0.1 * 1.5 w1 = 0.85 w1; w2 <- w2 - 0.1 * 10.5 w2 = -0.05 w2.
        // step 1: (0.85, -0.05); step 2: (0.7225, 0.0025); step 3: (0.614125, -0.000125)
        DiagonalQuadratic f = new DiagonalQuadratic(1, 10);
        Parameter w = new Parameter("w", Nd4j.createFromArray(1.0, 1.0));
        Optimizer opt = sgd(Map.of("lr", 0.1, "weight_decay", 0.5));
        double[][] expected = { { 0.85, -0.05 }, { 0.7225, 0.0025 }, { 0.614125, -0.000125 } };
        for (double[] e : expected) {
            f.valueAndGradient(w.value(), w.gradient());
            opt.step(List.of(w));
            assertArrayEquals(e, w.value().toDoubleVector(), 1e-15);
        }
    }

    @Test
    void updatesEveryParameterInFloat32() {
        // lr 0.5: w - 0.5 g
        Parameter p = new Parameter("p", Nd4j.createFromArray(2f, 4f), Nd4j.createFromArray(1f, -2f));
        Parameter q = new Parameter("q", Nd4j.createFromArray(new float[][] { { 1f } }),
                Nd4j.createFromArray(new float[][] { { 4f } }));
        sgd(Map.of("lr", 0.5)).step(List.of(p, q));
        assertEquals(DataType.FLOAT, p.value().dataType());
        assertArrayEquals(new float[] { 1.5f, 5f }, p.value().toFloatVector(), 0);
        assertEquals(-1f, q.value().getFloat(0, 0), 0);
    }

    @Test
    void defaultsFollowPyTorch() {
        Optimizer opt = sgd(Map.of());
        assertEquals(1e-3, opt.hyperParameters().real("lr"));
        assertEquals(0.0, opt.hyperParameters().real("weight_decay"));
    }
}
