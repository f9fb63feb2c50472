package org.optlab.ui.internal.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Smoothing, downsampling and bands of chart series against hand-computed values. */
class CurvesTest {

    @Test
    void debiasedEmaStartsAtTheFirstValue() {
        // f = 0.5: s1 = 0.5*4 / 0.5 = 4; s2 = (0.5*2 + 0.5*8) / 0.75 = 6.6667; s3 = (0.5*5 + 0.5*2) / 0.875 = 4
        assertArrayEquals(new double[] { 4, 20.0 / 3, 4 }, Curves.smooth(new double[] { 4, 8, 2 }, 0.5), 1e-12);
        double[] same = { 1, 2 };
        assertSame(same, Curves.smooth(same, 0));
    }

    @Test
    void downsamplingAveragesBucketsAndBandsKeepTheirExtremes() {
        double[] x = { 0, 1, 2, 3, 4, 5 };
        double[] y = { 1, 3, 2, 8, 5, 5 };
        double[][] d = Curves.downsample(x, y, 3);
        assertArrayEquals(new double[] { 0.5, 2.5, 4.5 }, d[0], 1e-12);
        assertArrayEquals(new double[] { 2, 5, 5 }, d[1], 1e-12);
        double[][] b = Curves.band(x, y, 3);
        assertArrayEquals(new double[] { 1, 2, 5 }, b[1], 1e-12);
        assertArrayEquals(new double[] { 3, 8, 5 }, b[2], 1e-12);
        assertEquals(6, Curves.downsample(x, y, 10)[0].length); // fewer points than asked: unchanged
    }
}
