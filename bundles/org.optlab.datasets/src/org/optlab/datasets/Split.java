package org.optlab.datasets;

import java.util.Arrays;
import java.util.Objects;

/**
 * A training set and a test set of the same kind: the same example shape, the same classes (or the same number of
 * regression targets).
 */
public record Split(Dataset train, Dataset test) {

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        String pair = "train " + train.id() + " and test " + test.id();
        if (!Arrays.equals(train.exampleShape(), test.exampleShape())) {
            throw new IllegalArgumentException(pair + " differ in example shape: "
                    + Arrays.toString(train.exampleShape()) + " vs " + Arrays.toString(test.exampleShape()));
        }
        if (train.isClassification() != test.isClassification() || train.classCount() != test.classCount()) {
            throw new IllegalArgumentException(pair + " differ in kind: " + kind(train) + " vs " + kind(test));
        }
        if (!train.isClassification() && train.size() > 0 && test.size() > 0
                && train.targetCount() != test.targetCount()) {
            throw new IllegalArgumentException(pair + " differ in targets per example: " + train.targetCount()
                    + " vs " + test.targetCount());
        }
    }

    private static String kind(Dataset d) {
        return d.isClassification() ? d.classCount() + " classes" : "regression";
    }
}
