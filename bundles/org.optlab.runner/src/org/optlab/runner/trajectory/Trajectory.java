package org.optlab.runner.trajectory;

import org.optlab.runner.OptimizerEntry;

/**
 * The path of one optimizer from one start point: per recorded step t = 0..length()-1 the point, the loss, the
 * gradient norm and the learning rate used for the step from it (NaN for optimizers without {@code lr}). Step 0 is
 * the start. A diverged trajectory ends at the first step whose point or loss is not finite or lies beyond 1e6 times
 * the domain's size.
 */
public record Trajectory(OptimizerEntry optimizer, int start, double[] x, double[] y, double[] loss, double[] gradientNorm,
        double[] lr, int length, boolean diverged) {

    /** The last recorded point (of {@link #length()}). */
    public double[] last() {
        return y == null ? new double[] { x[length - 1] } : new double[] { x[length - 1], y[length - 1] };
    }

    public double finalLoss() {
        return loss[length - 1];
    }
}
