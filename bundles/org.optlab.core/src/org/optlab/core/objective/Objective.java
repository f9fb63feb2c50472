package org.optlab.core.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A differentiable function f: R^n -> R with an analytic gradient. */
public interface Objective {

    /** Short human-readable name, e.g. {@code 0.5 w^T diag(1, 10) w}. */
    String name();

    /** The dimension n of the points this objective takes. */
    int dimension();

    /** f(point). */
    double value(INDArray point);

    /**
     * Writes the gradient of f at {@code point} into {@code gradient} (same shape, overwritten) and returns f(point).
     */
    double valueAndGradient(INDArray point, INDArray gradient);
}
