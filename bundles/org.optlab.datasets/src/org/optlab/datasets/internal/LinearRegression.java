package org.optlab.datasets.internal;

import java.util.Set;
import java.util.SplittableRandom;

import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetRequest;

/**
 * Linear regression: x ~ N(0, I) with {@code features} components, y = w.x + b + noise * N(0, 1), where the hidden
 * w ~ N(0, I) and b ~ N(0, 1) are drawn from the seed (the same for train and test). One target per example.
 */
public final class LinearRegression extends SyntheticProvider<LinearRegression.Sampler> {

    public static final int DEFAULT_FEATURES = 5;
    public static final double DEFAULT_NOISE = 0.1;

    /** The true model; y is computed from the features as stored (float), so a noise-free fit is exact. */
    public record Sampler(double[] weights, double bias, double noise) implements SyntheticProvider.Sampler {

        @Override
        public int featureCount() {
            return weights.length;
        }

        @Override
        public Dataset sample(String id, int size, SplittableRandom random) {
            int d = weights.length;
            float[] x = new float[size * d];
            float[] y = new float[size];
            for (int i = 0; i < size; i++) {
                double dot = bias;
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = (float) normal(random);
                    dot += weights[j] * x[i * d + j];
                }
                y[i] = (float) (dot + noise * normal(random));
            }
            return Dataset.regression(id, new int[] { d }, x, y);
        }
    }

    @Override
    public String id() {
        return "linear";
    }

    @Override
    public String description() {
        return "Linear regression y = w.x + b + noise with hidden seeded w and b (options n, test, features, noise)";
    }

    @Override
    protected Set<String> options() {
        return Set.of("features", "noise");
    }

    @Override
    protected Sampler createSampler(DatasetRequest request, SplittableRandom parameters) {
        int d = request.integer("features", DEFAULT_FEATURES, 1, 10_000);
        double noise = request.real("noise", DEFAULT_NOISE, 0, 1e6);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = normal(parameters);
        }
        return new Sampler(w, normal(parameters), noise);
    }
}
