package org.optlab.datasets.internal;

import java.util.Set;
import java.util.SplittableRandom;

import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetRequest;

/**
 * Gaussian blobs in the plane: class k is centred at radius * (cos(2 pi k / K), sin(2 pi k / K)); each coordinate
 * adds N(0, sigma^2) noise (Box-Muller, both deviates of a pair). Examples are interleaved by class: example i has
 * label i mod K.
 */
public final class GaussianBlobs extends SyntheticProvider<GaussianBlobs.Sampler> {

    public static final int DEFAULT_CLASSES = 3;
    public static final double DEFAULT_RADIUS = 3;
    public static final double DEFAULT_SIGMA = 1;

    public record Sampler(int classCount, double radius, double sigma) implements SyntheticProvider.Sampler {

        /** The centre of class k. */
        public double[] centre(int k) {
            double angle = 2 * Math.PI * k / classCount;
            return new double[] { radius * Math.cos(angle), radius * Math.sin(angle) };
        }

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public Dataset sample(String id, int size, SplittableRandom random) {
            float[] features = new float[size * 2];
            int[] labels = new int[size];
            for (int i = 0; i < size; i++) {
                int k = i % classCount;
                double[] c = centre(k);
                double r = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
                double theta = 2 * Math.PI * random.nextDouble();
                features[2 * i] = (float) (c[0] + sigma * r * Math.cos(theta));
                features[2 * i + 1] = (float) (c[1] + sigma * r * Math.sin(theta));
                labels[i] = k;
            }
            return Dataset.classification(id, new int[] { 2 }, features, labels, classCount);
        }
    }

    @Override
    public String id() {
        return "blobs";
    }

    @Override
    public String description() {
        return "Gaussian blobs on a circle in 2-D, one class per blob (options n, test, classes, radius, sigma)";
    }

    @Override
    protected Set<String> options() {
        return Set.of("classes", "radius", "sigma");
    }

    @Override
    protected Sampler createSampler(DatasetRequest request, SplittableRandom parameters) {
        return new Sampler(request.integer("classes", DEFAULT_CLASSES, 2, 100),
                request.real("radius", DEFAULT_RADIUS, 0, 1e6), request.real("sigma", DEFAULT_SIGMA, 0, 1e6));
    }
}
