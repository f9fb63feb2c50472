package org.optlab.datasets;

import org.optlab.datasets.internal.GaussianBlobs;

/** Factory for the built-in datasets. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Two-dimensional Gaussian blobs: {@code classCount} classes with {@code perClass} points each, centred evenly on a
     * circle of radius {@code radius} with unit-free standard deviation {@code sigma}.
     */
    public static DatasetProvider gaussianBlobs(int classCount, int perClass, double radius, double sigma) {
        return new GaussianBlobs(classCount, perClass, radius, sigma);
    }
}
