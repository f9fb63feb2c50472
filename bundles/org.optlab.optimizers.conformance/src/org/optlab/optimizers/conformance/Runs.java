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
