package org.optlab.datasets;

import java.util.Objects;

/**
 * A labelled dataset: {@code size} examples of {@code featureCount} float features each, stored row-major, and an
 * integer class label in {@code [0, classCount)} per example. The arrays are owned by the dataset; do not modify.
 */
public record Dataset(String id, int size, int featureCount, int classCount, float[] features, int[] labels) {

    public Dataset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (size < 0 || featureCount <= 0 || classCount <= 0) {
            throw new IllegalArgumentException(id + ": size " + size + ", featureCount " + featureCount
                    + " and classCount " + classCount + " must be positive");
        }
        if ((long) size * featureCount != features.length) {
            throw new IllegalArgumentException(id + ": " + features.length + " feature values for " + size + " x "
                    + featureCount);
        }
        if (labels.length != size) {
            throw new IllegalArgumentException(id + ": " + labels.length + " labels for " + size + " examples");
        }
        for (int i = 0; i < size; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException(id + ": label " + labels[i] + " of example " + i
                        + " is outside [0, " + classCount + ")");
            }
        }
    }

    /** Feature j of example i. */
    public float feature(int i, int j) {
        return features[i * featureCount + j];
    }
}
