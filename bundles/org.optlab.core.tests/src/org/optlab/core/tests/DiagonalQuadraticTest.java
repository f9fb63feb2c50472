package org.optlab.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;
import org.optlab.core.objective.DiagonalQuadratic;

class DiagonalQuadraticTest {

    private final DiagonalQuadratic f = new DiagonalQuadratic(1, 10);

    @Test
    void valueAndGradientByHand() {
        // f(3, -2) = 0.5 * (1 * 9 + 10 * 4) = 24.5; grad = (1 * 3, 10 * -2) = (3, -20)
        INDArray w = Nd4j.createFromArray(3.0, -2.0);
        INDArray g = Nd4j.zeros(DataType.DOUBLE, 2);
        assertEquals(24.5, f.valueAndGradient(w, g), 0);
        assertArrayEquals(new double[] { 3, -20 }, g.toDoubleVector(), 0);
        assertEquals(24.5, f.value(w), 0);
    }

    @Test
    void gradientAgreesWithCentralFiniteDifferences() {
        DiagonalQuadratic q = new DiagonalQuadratic(0.5, 2, 7.25);
        double[] point = { 0.3, -1.7, 2.2 };
        INDArray g = Nd4j.zeros(DataType.DOUBLE, 3);
        q.valueAndGradient(Nd4j.createFromArray(point), g);
        double h = 1e-5;
        for (int i = 0; i < point.length; i++) {
            double[] plus = point.clone();
            double[] minus = point.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (q.value(Nd4j.createFromArray(plus)) - q.value(Nd4j.createFromArray(minus))) / (2 * h);
            assertEquals(numeric, g.getDouble(i), 1e-8, "coordinate " + i);
        }
    }

    @Test
    void gradientInFloat32() {
        INDArray w = Nd4j.createFromArray(1.0f, 1.0f);
        INDArray g = Nd4j.zeros(DataType.FLOAT, 2);
        f.valueAndGradient(w, g);
        assertArrayEquals(new float[] { 1, 10 }, g.toFloatVector(), 0);
    }

    @Test
    void rejectsPointsOfTheWrongDimension() {
        var e = assertThrows(IllegalArgumentException.class, () -> f.value(Nd4j.createFromArray(1.0, 2.0, 3.0)));
        assertTrue(e.getMessage().contains("dimension 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DiagonalQuadratic(1, Double.NaN));
    }

    @Test
    void nameShowsTheCurvatures() {
        assertEquals("0.5 w^T diag(1, 10) w", f.name());
        assertEquals(2, f.dimension());
    }

    @Test
    void parameterRejectsAMismatchedGradient() {
        INDArray value = Nd4j.zeros(DataType.DOUBLE, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Parameter("w", value, Nd4j.zeros(DataType.DOUBLE, 4)));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
        Parameter p = new Parameter("w", value);
        assertArrayEquals(value.shape(), p.gradient().shape());
        assertEquals(3, p.length());
    }
}
