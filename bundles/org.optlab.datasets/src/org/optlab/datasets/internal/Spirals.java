package org.optlab.datasets.internal;

import java.util.Set;
import java.util.SplittableRandom;

import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetRequest;

/**
 * Interleaved spiral arms, one class per arm: for arm k of K, t uniform in [0, 1], radius t and angle
 * 2 pi k / K + 4 t + noise * N(0, 1) (the noise turns points along their circle, so arms blur into each other).
 * Examples cycle through the classes, so the classes differ in size by at most one.
 */
public final class Spirals extends SyntheticProvider<Spirals.Sampler> {

    public static final int DEFAULT_CLASSES = 3;
    public static final double DEFAULT_NOISE = 0.2;
    /** The angle an arm turns through from the centre to radius 1. */
    private static final double SWEEP = 4;

    public record Sampler(int classCount, double noise) implements SyntheticProvider.Sampler {

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public Dataset sample(String id, int size, SplittableRandom random) {
            float[] x = new float[2 * size];
            int[] y = new int[size];
            for (int i = 0; i < size; i++) {
                y[i] = i % classCount;
                double t = random.nextDouble();
                double angle = 2 * Math.PI * y[i] / classCount + SWEEP * t + noise * normal(random);
                x[2 * i] = (float) (t * Math.cos(angle));
                x[2 * i + 1] = (float) (t * Math.sin(angle));
            }
            return Dataset.classification(id, new int[] { 2 }, x, y, classCount);
        }
    }

    @Override
    public String id() {
        return "spirals";
    }

    @Override
    public String description() {
        return "Interleaved spiral arms in 2-D, one class per arm (options n, test, classes, noise)";
    }

    @Override
    protected Set<String> options() {
        return Set.of("classes", "noise");
    }

    @Override
    protected Sampler createSampler(DatasetRequest request, SplittableRandom parameters) {
        return new Sampler(request.integer("classes", DEFAULT_CLASSES, 2, 100),
                request.real("noise", DEFAULT_NOISE, 0, 1e3));
    }
}
