package org.optlab.optimizers.conformance;

import java.util.List;
import java.util.Random;

import org.optlab.core.Trainable;
import org.optlab.optimizers.Optimizer;

/** Seeded starts and gradient sequences, and a loop that feeds them to an optimizer. */
public final class Runs {

    private Runs() {
    }

    /** Seeded gradients: a random sequence independent of the parameters, one array per step. */
    public static double[][] gradients(int steps, int n, long seed) {
        Random random = new Random(seed);
        double[][] g = new double[steps][n];
        for (double[] step : g) {
            for (int i = 0; i < n; i++) {
                step[i] = random.nextGaussian() * (1 + (i % 7));
            }
        }
        return g;
    }

    /** A seeded standard-normal start. */
    public static double[] start(int n, long seed) {
        Random random = new Random(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = random.nextGaussian();
        }
        return w;
    }

    /** A copy of {@code start} with inf, -inf and NaN at three places (elements 3, 5 and 7). */
    public static double[] withNonFinite(double[] start) {
        double[] w = start.clone();
        w[3] = Double.POSITIVE_INFINITY;
        w[5] = Double.NEGATIVE_INFINITY;
        w[7] = Double.NaN;
        return w;
    }

    /**
     * A copy of {@code gradients} with inf, -inf and NaN in some elements: always (11, 13, 17), and on one step only
     * (19, 23, 29 at step 2), so that state buffers hold them while later gradients are finite again.
     */
    public static double[][] withNonFinite(double[][] gradients) {
        double[][] g = new double[gradients.length][];
        for (int t = 0; t < g.length; t++) {
            g[t] = gradients[t].clone();
            g[t][11] = Double.POSITIVE_INFINITY;
            g[t][13] = Double.NEGATIVE_INFINITY;
            g[t][17] = Double.NaN;
            if (t == Math.min(2, g.length - 1)) {
                g[t][19] = Double.POSITIVE_INFINITY;
                g[t][23] = Double.NEGATIVE_INFINITY;
                g[t][29] = Double.NaN;
            }
        }
        return g;
    }

    /** Runs {@code optimizer} from {@code start} over the gradient sequence on a parameter of the given kind. */
    public static double[] run(Optimizer optimizer, double[] start, double[][] gradients, Storage storage) {
        Trainable p = storage.create(start);
        optimizer.addParamGroup(List.of(p));
        for (double[] g : gradients) {
            storage.setGradient(p, g);
            optimizer.step();
        }
        return storage.values(p);
    }
}
