package org.optlab.datasets.internal;

import java.util.Set;
import java.util.SplittableRandom;

import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetRequest;

/**
 * Two interleaving half circles: class 0 is (cos t, sin t), class 1 is (1 - cos t, 0.5 - sin t), t uniform in
 * [0, pi], each coordinate plus N(0, noise^2). Examples alternate between the classes.
 */
public final class Moons extends SyntheticProvider<Moons.Sampler> {

    public static final double DEFAULT_NOISE = 0.1;

    public record Sampler(double noise) implements SyntheticProvider.Sampler {

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public Dataset sample(String id, int size, SplittableRandom random) {
            float[] x = new float[2 * size];
            int[] y = new int[size];
            for (int i = 0; i < size; i++) {
                double t = Math.PI * random.nextDouble();
                y[i] = i % 2;
                double cx = y[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
                double cy = y[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
                x[2 * i] = (float) (cx + noise * normal(random));
                x[2 * i + 1] = (float) (cy + noise * normal(random));
            }
            return Dataset.classification(id, new int[] { 2 }, x, y, 2);
        }
    }

    @Override
    public String id() {
        return "moons";
    }

    @Override
    public String description() {
        return "Two interleaving half circles in 2-D, 2 classes (options n, test, noise)";
    }

    @Override
    protected Set<String> options() {
        return Set.of("noise");
    }

    @Override
    protected Sampler createSampler(DatasetRequest request, SplittableRandom parameters) {
        return new Sampler(request.real("noise", DEFAULT_NOISE, 0, 1e3));
    }
}
