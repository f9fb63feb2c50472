package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.Split;

class DatasetTest {

    /** Three examples of shape {2}: example i is (10 i, 10 i + 1). */
    private static final float[] FEATURES = { 0, 1, 10, 11, 20, 21 };

    @Test
    void classificationShapeAndAccess() {
        Dataset d = Dataset.classification("c", new int[] { 2 }, FEATURES, new int[] { 0, 2, 1 }, 3);
        assertEquals(3, d.size());
        assertEquals(2, d.featureCount());
        assertTrue(d.isClassification());
        assertEquals(0, d.targetCount());
        assertEquals(21f, d.feature(2, 1));
        assertEquals("c (3 x [2], 3 classes)", d.toString());
    }

    @Test
    void imagesHaveTheProductOfTheirShapeAsFeatures() {
        Dataset d = Dataset.classification("img", new int[] { 3, 2, 2 }, new float[24], new int[2], 1);
        assertEquals(12, d.featureCount());
        assertEquals(2, d.size());
        int[] shape = d.exampleShape();
        shape[0] = 99; // a copy: the dataset keeps its shape
        assertArrayEquals(new int[] { 3, 2, 2 }, d.exampleShape());
    }

    @Test
    void regressionHasTargetsPerExample() {
        Dataset d = Dataset.regression("r", new int[] { 2 }, FEATURES, new float[] { 1, 2, 3, 4, 5, 6 });
        assertFalse(d.isClassification());
        assertEquals(0, d.classCount());
        assertEquals(2, d.targetCount());
        Dataset sub = d.subset(new int[] { 2, 0 });
        assertArrayEquals(new float[] { 20, 21, 0, 1 }, sub.features());
        assertArrayEquals(new float[] { 5, 6, 1, 2 }, sub.targets());
    }

    @Test
    void subsetCopiesTheChosenExamplesInOrder() {
        Dataset d = Dataset.classification("c", new int[] { 2 }, FEATURES, new int[] { 0, 2, 1 }, 3);
        Dataset sub = d.subset(new int[] { 1, 1, 0 });
        assertArrayEquals(new float[] { 10, 11, 10, 11, 0, 1 }, sub.features());
        assertArrayEquals(new int[] { 2, 2, 0 }, sub.labels());
        assertEquals(3, sub.classCount());
        assertEquals(0, d.subset(new int[0]).size());
        var e = assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] { 3 }));
        assertEquals("c: index 3 is outside [0, 3)", e.getMessage());
    }

    @Test
    void invalidDataIsRejectedWithTheReason() {
        assertEquals("bad: label 2 of example 1 is outside [0, 2)", assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", new int[] { 2 }, new float[4], new int[] { 0, 2 }, 2))
                .getMessage());
        assertEquals("bad: 3 feature values are not a whole number of examples of shape [2]",
                assertThrows(IllegalArgumentException.class,
                        () -> Dataset.classification("bad", new int[] { 2 }, new float[3], new int[2], 2))
                        .getMessage());
        assertEquals("bad: 3 labels for 2 examples", assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", new int[] { 2 }, new float[4], new int[3], 2)).getMessage());
        assertEquals("bad: example shape [1, 0, 28] must have positive dimensions",
                assertThrows(IllegalArgumentException.class,
                        () -> Dataset.classification("bad", new int[] { 1, 0, 28 }, new float[0], new int[0], 2))
                        .getMessage());
        assertEquals("bad: a dataset has either labels or regression targets, not both",
                assertThrows(IllegalArgumentException.class,
                        () -> new Dataset("bad", new int[] { 2 }, new float[4], new int[2], 2, new float[2]))
                        .getMessage());
        assertEquals("bad: classCount must be 0 for regression targets, got 2",
                assertThrows(IllegalArgumentException.class,
                        () -> new Dataset("bad", new int[] { 2 }, new float[4], null, 2, new float[2])).getMessage());
        assertEquals("bad: 3 target values are not a positive whole number per example for 2 examples",
                assertThrows(IllegalArgumentException.class,
                        () -> Dataset.regression("bad", new int[] { 2 }, new float[4], new float[3])).getMessage());
    }

    @Test
    void aSplitNeedsTheSameKindOfData() {
        Dataset train = Dataset.classification("a/train", new int[] { 2 }, FEATURES, new int[3], 3);
        Dataset test = Dataset.classification("a/test", new int[] { 2 }, new float[2], new int[1], 3);
        assertEquals(test, new Split(train, test).test());
        assertEquals("train a/train and test b differ in example shape: [2] vs [1]",
                assertThrows(IllegalArgumentException.class, () -> new Split(train,
                        Dataset.classification("b", new int[] { 1 }, new float[1], new int[1], 3))).getMessage());
        assertEquals("train a/train and test b differ in kind: 3 classes vs 4 classes",
                assertThrows(IllegalArgumentException.class, () -> new Split(train,
                        Dataset.classification("b", new int[] { 2 }, new float[2], new int[1], 4))).getMessage());
        assertEquals("train a/train and test b differ in kind: 3 classes vs regression",
                assertThrows(IllegalArgumentException.class, () -> new Split(train,
                        Dataset.regression("b", new int[] { 2 }, new float[2], new float[1]))).getMessage());
        Dataset oneTarget = Dataset.regression("r", new int[] { 2 }, new float[2], new float[1]);
        assertEquals("train r and test s differ in targets per example: 1 vs 2",
                assertThrows(IllegalArgumentException.class, () -> new Split(oneTarget,
                        Dataset.regression("s", new int[] { 2 }, new float[2], new float[2]))).getMessage());
    }
}
