package org.optlab.datasets.internal;

import java.util.Set;
import java.util.SplittableRandom;

import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetRequest;

/**
 * Binary classification by a logistic model: x ~ N(0, I) with {@code features} components, label 1 with probability
 * sigmoid(w.x + b). The hidden w ~ N(0, 4/d I) and b ~ N(0, 1/4) come from the seed, so the logit has a standard
 * deviation near 2: most labels follow the sign of the logit, some do not (the Bayes error is well above 0).
 */
public final class LogisticClassification extends SyntheticProvider<LogisticClassification.Sampler> {

    public static final int DEFAULT_FEATURES = 5;

    public record Sampler(double[] weights, double bias) implements SyntheticProvider.Sampler {

        /** P(label = 1 | features[offset .. offset + d)). */
        public double probability(float[] features, int offset) {
            double logit = bias;
            for (int j = 0; j < weights.length; j++) {
                logit += weights[j] * features[offset + j];
            }
            return 1 / (1 + Math.exp(-logit));
        }

        @Override
        public int featureCount() {
            return weights.length;
        }

        @Override
        public Dataset sample(String id, int size, SplittableRandom random) {
            int d = weights.length;
            float[] x = new float[size * d];
            int[] y = new int[size];
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = (float) normal(random);
                }
                y[i] = random.nextDouble() < probability(x, i * d) ? 1 : 0;
            }
            return Dataset.classification(id, new int[] { d }, x, y, 2);
        }
    }

    @Override
    public String id() {
        return "logistic";
    }

    @Override
    public String description() {
        return "Binary labels drawn with probability sigmoid(w.x + b), hidden seeded w and b (options n, test,"
                + " features)";
    }

    @Override
    protected Set<String> options() {
        return Set.of("features");
    }

    @Override
    protected Sampler createSampler(DatasetRequest request, SplittableRandom parameters) {
        int d = request.integer("features", DEFAULT_FEATURES, 1, 10_000);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = 2 / Math.sqrt(d) * normal(parameters);
        }
        return new Sampler(w, 0.5 * normal(parameters));
    }
}
