package org.optlab.core.model;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded initialization: values are drawn in Java from a SplittableRandom, so a seed gives the same model everywhere. */
final class Init {

    private Init() {
    }

    /** Fills {@code a} with values uniform in [-bound, bound), in 'c' order. */
    static void uniform(INDArray a, SplittableRandom random, double bound) {
        double[] values = new double[(int) a.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
        a.assign(Nd4j.createFromArray(values).reshape('c', a.shape()).castTo(a.dataType()));
    }
}
