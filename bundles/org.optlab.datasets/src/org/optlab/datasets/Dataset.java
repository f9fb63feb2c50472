package org.optlab.datasets;

import java.util.Arrays;
import java.util.Objects;

/**
 * A table of examples held in plain arrays: {@link #size()} examples of shape {@code exampleShape} ({@code {features}}
 * for flat data, {@code {channels, height, width}} for images), their float features row-major in {@code features},
 * and either a class label in {@code [0, classCount)} per example ({@code labels}, {@code classCount > 0}) or
 * {@link #targetCount()} float regression targets per example ({@code targets}, {@code classCount == 0}). The other
 * of {@code labels} / {@code targets} is null. The arrays are owned by the dataset and shared, not copied: do not
 * modify them (equality is therefore identity of the arrays, as for any record holding arrays).
 */
public record Dataset(String id, int[] exampleShape, float[] features, int[] labels, int classCount,
        float[] targets) {

    public Dataset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(exampleShape, "exampleShape");
        Objects.requireNonNull(features, "features");
        exampleShape = exampleShape.clone();
        long featureCount = 1;
        for (int dimension : exampleShape) {
            if (dimension <= 0) {
                throw new IllegalArgumentException(id + ": example shape " + Arrays.toString(exampleShape)
                        + " must have positive dimensions");
            }
            featureCount *= dimension;
        }
        if (exampleShape.length == 0 || featureCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(id + ": example shape " + Arrays.toString(exampleShape)
                    + " is empty or too large");
        }
        if (features.length % featureCount != 0) {
            throw new IllegalArgumentException(id + ": " + features.length + " feature values are not a whole number"
                    + " of examples of shape " + Arrays.toString(exampleShape));
        }
        int size = (int) (features.length / featureCount);
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException(id + ": a dataset has either labels or regression targets, not "
                    + (labels == null ? "neither" : "both"));
        }
        if (labels != null) {
            checkLabels(id, size, labels, classCount);
        } else {
            checkTargets(id, size, targets, classCount);
        }
    }

    /** A classification dataset: one label in {@code [0, classCount)} per example. */
    public static Dataset classification(String id, int[] exampleShape, float[] features, int[] labels,
            int classCount) {
        return new Dataset(id, exampleShape, features, labels, classCount, null);
    }

    /** A regression dataset: {@code targets.length / size} targets per example, row-major. */
    public static Dataset regression(String id, int[] exampleShape, float[] features, float[] targets) {
        return new Dataset(id, exampleShape, features, null, 0, targets);
    }

    private static void checkLabels(String id, int size, int[] labels, int classCount) {
        if (classCount <= 0) {
            throw new IllegalArgumentException(id + ": classCount " + classCount + " must be positive for labels");
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

    private static void checkTargets(String id, int size, float[] targets, int classCount) {
        if (classCount != 0) {
            throw new IllegalArgumentException(id + ": classCount must be 0 for regression targets, got "
                    + classCount);
        }
        if (size == 0 ? targets.length != 0 : targets.length == 0 || targets.length % size != 0) {
            throw new IllegalArgumentException(id + ": " + targets.length
                    + " target values are not a positive whole number per example for " + size + " examples");
        }
    }

    /** A copy: the shape of one example. */
    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    /** The number of examples. */
    public int size() {
        return features.length / featureCount();
    }

    /** The number of float features of one example: the product of the example shape. */
    public int featureCount() {
        int count = 1;
        for (int dimension : exampleShape) {
            count *= dimension;
        }
        return count;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** Regression targets per example: 0 for classification and for an empty regression dataset. */
    public int targetCount() {
        return targets == null || targets.length == 0 ? 0 : targets.length / size();
    }

    /** Feature j of example i. */
    public float feature(int i, int j) {
        return features[i * featureCount() + j];
    }

    /**
     * The examples at {@code indices}, in that order (repeats allowed), as a new dataset with copied arrays: a batch,
     * a bootstrap sample, a stratified part.
     */
    public Dataset subset(int[] indices) {
        int size = size();
        int featureCount = featureCount();
        int targetCount = targetCount();
        float[] x = new float[Math.multiplyExact(indices.length, featureCount)];
        int[] y = labels == null ? null : new int[indices.length];
        float[] t = targets == null ? null : new float[indices.length * targetCount];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(id + ": index " + i + " is outside [0, " + size + ")");
            }
            System.arraycopy(features, i * featureCount, x, k * featureCount, featureCount);
            if (y != null) {
                y[k] = labels[i];
            } else {
                System.arraycopy(targets, i * targetCount, t, k * targetCount, targetCount);
            }
        }
        return new Dataset(id, exampleShape, x, y, classCount, t);
    }

    @Override
    public String toString() {
        return id + " (" + size() + " x " + Arrays.toString(exampleShape)
                + (isClassification() ? ", " + classCount + " classes)" : ", " + targetCount() + " targets)");
    }
}
