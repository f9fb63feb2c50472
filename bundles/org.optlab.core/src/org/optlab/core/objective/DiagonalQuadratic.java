package org.optlab.core.objective;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * f(w) = 0.5 * w^T diag(a) w, with gradient diag(a) w and its minimum 0 at w = 0. The curvatures a_i must be finite;
 * a ratio max(a)/min(a) far from 1 makes the ill-conditioned valleys where momentum and adaptive methods differ.
 */
public final class DiagonalQuadratic implements Objective {

    private final double[] curvatures;
    private final INDArray curvatureVector;

    public DiagonalQuadratic(double... curvatures) {
        if (curvatures.length == 0) {
            throw new IllegalArgumentException("a quadratic needs at least one curvature");
        }
        for (double a : curvatures) {
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException("curvature must be finite, got " + a);
            }
        }
        this.curvatures = curvatures.clone();
        this.curvatureVector = Nd4j.createFromArray(this.curvatures);
    }

    /** The curvatures a_i (a copy). */
    public double[] curvatures() {
        return curvatures.clone();
    }

    @Override
    public String name() {
        return "0.5 w^T diag(" + Arrays.stream(curvatures).mapToObj(DiagonalQuadratic::format)
                .collect(Collectors.joining(", ")) + ") w";
    }

    @Override
    public int dimension() {
        return curvatures.length;
    }

    @Override
    public double value(INDArray point) {
        checkShape(point);
        double sum = 0;
        for (int i = 0; i < curvatures.length; i++) {
            double w = point.getDouble(i);
            sum += curvatures[i] * w * w;
        }
        return 0.5 * sum;
    }

    @Override
    public double valueAndGradient(INDArray point, INDArray gradient) {
        checkShape(point);
        checkShape(gradient);
        INDArray a = gradient.dataType() == DataType.DOUBLE ? curvatureVector : curvatureVector.castTo(gradient.dataType());
        gradient.assign(point.reshape(a.shape())).muli(a);
        return value(point);
    }

    private void checkShape(INDArray array) {
        if (array.length() != curvatures.length) {
            throw new IllegalArgumentException("expected a point of dimension " + curvatures.length + ", got length "
                    + array.length());
        }
    }

    private static String format(double a) {
        return a == Math.rint(a) && Math.abs(a) < 1e15 ? Long.toString((long) a) : Double.toString(a);
    }
}
