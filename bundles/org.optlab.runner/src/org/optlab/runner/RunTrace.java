package org.optlab.runner;

/**
 * What one optimizer did on one objective: entry t is the state after t steps (entry 0 is the start point).
 *
 * @param losses f(w_t) for t = 0..steps
 * @param points w_t for t = 0..steps
 */
public record RunTrace(String optimizerId, String objective, double[] losses, double[][] points) {

    /** Number of optimizer steps taken (one less than the number of recorded entries). */
    public int steps() {
        return losses.length - 1;
    }

    public double finalLoss() {
        return losses[losses.length - 1];
    }
}
