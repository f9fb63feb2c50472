package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;
import org.optlab.datasets.internal.GaussianBlobs;

class GaussianBlobsTest {

    private final GaussianBlobs blobs = new GaussianBlobs();

    private static DatasetRequest request(long seed, Map<String, Object> options) {
        return new DatasetRequest(seed, options, null);
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        Map<String, Object> options = Map.of("classes", 3, "n", 150, "radius", 4, "sigma", 0.5);
        Dataset a = blobs.load(request(7, options)).train();
        Dataset b = blobs.load(request(7, options)).train();
        assertArrayEquals(a.features(), b.features());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.features(), blobs.load(request(8, options)).train().features()));
    }

    @Test
    void shapeAndLabels() {
        Split split = blobs.load(request(1, Map.of("classes", 4, "n", 100, "test", 40, "radius", 3, "sigma", 0.1)));
        Dataset d = split.train();
        assertEquals(100, d.size());
        assertEquals(40, split.test().size());
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
        // five standard errors are 0.04; the sample standard deviation is within a few percent of sigma.
        int perClass = 4000;
        double sigma = 0.5;
        DatasetRequest request = request(42,
                Map.of("classes", 3, "n", 3 * perClass, "test", 3 * perClass, "radius", 5, "sigma", sigma));
        GaussianBlobs.Sampler sampler = blobs.sampler(request);
        for (Dataset d : new Dataset[] { blobs.load(request).train(), blobs.load(request).test() }) {
            int count = perClass;
            for (int k = 0; k < 3; k++) {
                double[] centre = sampler.centre(k);
                double sx = 0, sy = 0, sxx = 0;
                for (int i = 0; i < d.size(); i++) {
                    if (d.labels()[i] == k) {
                        sx += d.feature(i, 0);
                        sy += d.feature(i, 1);
                        sxx += Math.pow(d.feature(i, 0) - centre[0], 2);
                    }
                }
                double tolerance = 5 * sigma / Math.sqrt(count);
                assertEquals(centre[0], sx / count, tolerance, d.id() + " class " + k + " x");
                assertEquals(centre[1], sy / count, tolerance, d.id() + " class " + k + " y");
                assertEquals(sigma, Math.sqrt(sxx / count), 0.05 * sigma + tolerance, d.id() + " class " + k
                        + " spread");
            }
        }
        // class 0 sits at angle 0: (radius, 0)
        assertArrayEquals(new double[] { 5, 0 }, sampler.centre(0), 1e-12);
    }

    @Test
    void invalidOptionsAreRejectedWithTheOptionNamed() {
        var e = assertThrows(DatasetException.class, () -> blobs.load(request(1, Map.of("classes", 1))));
        assertEquals("classes", e.field());
        assertEquals("classes = 1 is invalid; expected an integer in [2, 100]", e.getMessage());
        e = assertThrows(DatasetException.class, () -> blobs.load(request(1, Map.of("sigma", Double.NaN))));
        assertEquals("sigma", e.field());
        assertEquals("sigma = NaN is invalid; expected a number in [0, 1000000]", e.getMessage());
    }
}
