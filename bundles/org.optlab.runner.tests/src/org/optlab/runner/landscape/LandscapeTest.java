package org.optlab.runner.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.model.Model;
import org.optlab.core.model.Models;

/** The slice against the closed form of a loss that is quadratic in the parameters. */
class LandscapeTest {

    @Test
    void theGridIsSymmetricWithExactEnds() {
        double[] c = Landscape.coordinates(5, 1.5);
        assertArrayEquals(new double[] { -1.5, -0.75, 0, 0.75, 1.5 }, c);
        double[] even = Landscape.coordinates(4, 1);
        assertEquals(-1, even[0]);
        assertEquals(1, even[3]);
        assertEquals(-even[1], even[2]);
        assertThrows(IllegalArgumentException.class, () -> Landscape.coordinates(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Landscape.coordinates(3, 0));
    }

    @Test
    void linearRegressionsSliceIsItsClosedFormAtEveryGridPoint() {
        // 3 inputs -> 2 outputs, squared loss: L(W, b) = mean over examples and outputs of (x W + b - t)^2
        int n = 7, in = 3, out = 2;
        Model model = Models.softmax(new long[] { in }, out, false, DataType.DOUBLE);
        model.initialize(1);
        Random r = new Random(4);
        double[][] x = new double[n][in];
        double[][] t = new double[n][out];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < in; k++) {
                x[i][k] = r.nextGaussian();
            }
            for (int o = 0; o < out; o++) {
                t[i][o] = r.nextGaussian();
            }
        }
        int size = in * out + out;
        float[] center = new float[size];
        float[] d0 = new float[size];
        float[] d1 = new float[size];
        for (int k = 0; k < size; k++) {
            center[k] = (float) r.nextGaussian();
            d0[k] = (float) r.nextGaussian();
            d1[k] = (float) r.nextGaussian();
        }
        INDArray xs = Nd4j.create(x);
        INDArray ts = Nd4j.create(t);
        // batches of 3 over 7 examples: 3 + 3 + 1, weighted by their sizes
        Landscape.Slice slice = Landscape.slice(center, d0, d1, 5, 2.0, Landscape.of(model, xs, ts, 3, false),
                new NullProgressMonitor());
        float[] p = new float[size];
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 5; i++) {
                double a = slice.coordinates()[i], b = slice.coordinates()[j];
                Landscape.at(center, d0, d1, a, b, p);
                // the layout: W [in, out] row-major at 0, then b [1, out]
                double sum = 0;
                for (int e = 0; e < n; e++) {
                    for (int o = 0; o < out; o++) {
                        double y = p[in * out + o];
                        for (int k = 0; k < in; k++) {
                            y += x[e][k] * p[k * out + o];
                        }
                        sum += (y - t[e][o]) * (y - t[e][o]);
                    }
                }
                double closed = sum / (n * out);
                assertEquals(closed, slice.loss()[j][i], 1e-9 * Math.max(1, closed), "at a = " + a + ", b = " + b);
                assertTrue(Double.isNaN(slice.accuracy()[j][i]));
            }
        }
        // the exact parameters at (a, b): center + a d0 + b d1, rounded once
        Landscape.at(center, d0, d1, 0, 0, p);
        assertArrayEquals(center, p);
    }

    @Test
    void aCancelledSliceStops() {
        Model model = Models.softmax(new long[] { 2 }, 2, true, DataType.FLOAT);
        INDArray x = Nd4j.create(new float[][] { { 1, 0 }, { 0, 1 } });
        INDArray t = Nd4j.create(new float[][] { { 1, 0 }, { 0, 1 } });
        float[] zero = new float[6];
        float[] d = { 1, 0, 0, 1, 0, 0 };
        float[] e = { 0, 1, 1, 0, 0, 0 };
        NullProgressMonitor monitor = new NullProgressMonitor();
        monitor.setCanceled(true);
        assertThrows(OperationCanceledException.class, () -> Landscape.slice(zero, d, e, 3, 1, Landscape.of(model,
                x, t, 10, true), monitor));
        // a classifier's accuracy: at a = 1 (W = identity) both examples are right
        Landscape.Slice s = Landscape.slice(zero, d, e, 3, 1, Landscape.of(model, x, t, 10, true), null);
        assertEquals(1.0, s.accuracy()[1][2]);
        assertEquals(List.of(3, 3), List.of(s.loss().length, s.loss()[0].length));
    }

    @Test
    void aSliceIsDrawnWithLogSpacedContoursWhateverItsRange() {
        // a known 5 x 5 grid: loss = 0.5 + a^2 + b^2 over [-1, 1]^2, a range of 2 (linear for a surface of the lab)
        double[] c = Landscape.coordinates(5, 1.0);
        double[][] loss = new double[5][5];
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 5; i++) {
                loss[j][i] = 0.5 + c[i] * c[i] + c[j] * c[j];
            }
        }
        org.optlab.plot.SurfaceGrid grid = org.optlab.plot.SurfaceGrid.sample(new SampledSurface("slice", c, loss, "a", "b"),
                40, 40);
        assertTrue(grid.logScale());
        double[] levels = grid.levels(10);
        // differences between levels grow by one ratio (> 1): evenly spaced in log(loss - min + eps)
        double ratio = (levels[2] - levels[1]) / (levels[1] - levels[0]);
        assertTrue(ratio > 1.5, "ratio " + ratio);
        for (int k = 2; k < levels.length; k++) {
            assertTrue(levels[k] > levels[k - 1]);
            assertEquals(ratio, (levels[k] - levels[k - 1]) / (levels[k - 1] - levels[k - 2]), 1e-6);
        }
        assertTrue(levels[0] > 0.5 && levels[9] < 2.5, levels[0] + " .. " + levels[9]);
    }
}
