package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.Datasets;
import org.optlab.datasets.internal.GaussianBlobs;

class GaussianBlobsTest {

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        var blobs = Datasets.gaussianBlobs(3, 50, 4, 0.5);
        Dataset a = blobs.load(7);
        Dataset b = blobs.load(7);
        assertArrayEquals(a.features(), b.features());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.features(), blobs.load(8).features()));
    }

    @Test
    void shapeAndLabels() {
        Dataset d = Datasets.gaussianBlobs(4, 25, 3, 0.1).load(1);
        assertEquals(100, d.size());
        assertEquals(2, d.featureCount());
        assertEquals(4, d.classCount());
        for (int k = 0; k < 4; k++) {
            final int label = k;
            assertEquals(25, Arrays.stream(d.labels()).filter(l -> l == label).count());
        }
    }

    @Test
    void classMeansAndSpreadMatchTheirParameters() {
        // 4000 points per class, sigma 0.5: the standard error of a class mean is 0.5 / sqrt(4000) = 0.0079, so
        // 0.04 is five standard errors; the sample standard deviation is within a few percent of sigma.
        int perClass = 4000;
        double sigma = 0.5;
        GaussianBlobs blobs = new GaussianBlobs(3, perClass, 5, sigma);
        Dataset d = blobs.load(42);
        for (int k = 0; k < 3; k++) {
            double[] centre = blobs.centre(k);
            double sx = 0, sy = 0, sxx = 0;
            for (int i = 0; i < d.size(); i++) {
                if (d.labels()[i] == k) {
                    sx += d.feature(i, 0);
                    sy += d.feature(i, 1);
                    sxx += Math.pow(d.feature(i, 0) - centre[0], 2);
                }
            }
            assertEquals(centre[0], sx / perClass, 0.04, "class " + k + " x");
            assertEquals(centre[1], sy / perClass, 0.04, "class " + k + " y");
            assertEquals(sigma, Math.sqrt(sxx / perClass), 0.05 * sigma, "class " + k + " spread");
        }
        // class 0 sits at angle 0: (radius, 0)
        assertArrayEquals(new double[] { 5, 0 }, blobs.centre(0), 1e-12);
    }

    @Test
    void invalidDataIsRejectedWithTheReason() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("bad", 2, 2, 2, new float[4], new int[] { 0, 2 }));
        assertTrue(e.getMessage().contains("label 2 of example 1 is outside [0, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset("bad", 2, 2, 2, new float[3], new int[2]));
        assertThrows(IllegalArgumentException.class, () -> Datasets.gaussianBlobs(1, 10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Datasets.gaussianBlobs(2, 10, 1, Double.NaN));
    }
}
