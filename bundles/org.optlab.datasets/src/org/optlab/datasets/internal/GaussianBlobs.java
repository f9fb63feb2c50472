package org.optlab.datasets.internal;

import java.util.SplittableRandom;

import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetProvider;

/**
 * Gaussian blobs in the plane: class k is centred at radius * (cos(2 pi k / K), sin(2 pi k / K)); each coordinate
 * adds N(0, sigma^2) noise (Box-Muller on a seeded SplittableRandom, so the same seed gives the same points on every
 * JVM). Examples are interleaved by class: example i has label i mod K.
 */
public final class GaussianBlobs implements DatasetProvider {

    private final int classCount;
    private final int perClass;
    private final double radius;
    private final double sigma;

    public GaussianBlobs(int classCount, int perClass, double radius, double sigma) {
        if (classCount < 2 || perClass < 1) {
            throw new IllegalArgumentException("blobs need at least 2 classes and 1 point per class, got "
                    + classCount + " and " + perClass);
        }
        if (!(radius >= 0) || !(sigma >= 0) || Double.isInfinite(radius) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("blobs need a finite radius >= 0 and sigma >= 0, got " + radius
                    + " and " + sigma);
        }
        this.classCount = classCount;
        this.perClass = perClass;
        this.radius = radius;
        this.sigma = sigma;
    }

    @Override
    public String id() {
        return "blobs";
    }

    @Override
    public String description() {
        return classCount + " Gaussian blobs in 2-D, " + perClass + " points each (radius " + radius + ", sigma "
                + sigma + ")";
    }

    /** The centre of class k. */
    public double[] centre(int k) {
        double angle = 2 * Math.PI * k / classCount;
        return new double[] { radius * Math.cos(angle), radius * Math.sin(angle) };
    }

    @Override
    public Dataset load(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = classCount * perClass;
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
        return new Dataset(id(), size, 2, classCount, features, labels);
    }
}
