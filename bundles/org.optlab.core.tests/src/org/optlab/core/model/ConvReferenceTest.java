package org.optlab.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;

/**
 * The fast convolution and pooling against straightforward loops written here (the definitions, in double), on
 * shapes unlike the CNN's: several channels, odd and non-square sizes, batch 1; and training's determinism.
 */
class ConvReferenceTest {

    @AfterEach
    void restoreThreads() {
        Workers.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private static double[] random(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return values;
    }

    private static INDArray array(double[] values, DataType type, long... shape) {
        return Nd4j.createFromArray(values).reshape('c', shape).castTo(type);
    }

    /** y[e, f, i, j] = b[f] + sum over c, ki, kj of w[f, c, ki, kj] x[e, c, i + ki, j + kj]. */
    private static double[] referenceForward(double[] x, double[] w, double[] b, int n, int c, int h, int wd, int f,
            int k) {
        int oh = h - k + 1;
        int ow = wd - k + 1;
        double[] y = new double[n * f * oh * ow];
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < f; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double sum = b[o];
                        for (int ch = 0; ch < c; ch++) {
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    sum += w[((o * c + ch) * k + ki) * k + kj]
                                            * x[((e * c + ch) * h + i + ki) * wd + j + kj];
                                }
                            }
                        }
                        y[((e * f + o) * oh + i) * ow + j] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** The gradients of sum(g y) with respect to w, b and x, from the same definition. */
    private static double[][] referenceBackward(double[] x, double[] w, double[] g, int n, int c, int h, int wd,
            int f, int k) {
        int oh = h - k + 1;
        int ow = wd - k + 1;
        double[] dw = new double[w.length];
        double[] db = new double[f];
        double[] dx = new double[x.length];
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < f; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double gy = g[((e * f + o) * oh + i) * ow + j];
                        db[o] += gy;
                        for (int ch = 0; ch < c; ch++) {
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    int xi = ((e * c + ch) * h + i + ki) * wd + j + kj;
                                    int wi = ((o * c + ch) * k + ki) * k + kj;
                                    dw[wi] += gy * x[xi];
                                    dx[xi] += gy * w[wi];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] { dw, db, dx };
    }

    private static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0.1, what + ": values too small to tell anything");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * scale, what + "[" + i + "]");
        }
    }

    private static void checkConvolution(int n, int c, int h, int wd, int f, int k, DataType type, double tolerance) {
        Conv2d conv = new Conv2d("conv", c, f, k, type);
        double[] w = random(f * c * k * k, 1);
        double[] b = random(f, 2);
        double[] x = random(n * c * h * wd, 3);
        int oh = h - k + 1;
        int ow = wd - k + 1;
        double[] g = random(n * f * oh * ow, 4);
        List<Parameter> p = conv.parameters();
        p.get(0).value().assign(array(w, type, f, c * k * k));
        p.get(1).value().assign(array(b, type, 1, f));
        if (type == DataType.FLOAT) { // the reference sees the same float32 inputs
            w = p.get(0).value().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            b = p.get(1).value().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            x = array(x, type, x.length).castTo(DataType.DOUBLE).toDoubleVector();
            g = array(g, type, g.length).castTo(DataType.DOUBLE).toDoubleVector();
        }
        INDArray input = array(x, type, n, c, h, wd);
        String shape = n + "x" + c + "x" + h + "x" + wd + " k" + k + " f" + f + " " + type;
        for (int round = 0; round < 2; round++) { // twice: the kept buffers must not leak between batches
            INDArray y = conv.forward(input);
            assertArrayEquals(new long[] { n, f, oh, ow }, y.shape());
            assertClose(referenceForward(x, w, b, n, c, h, wd, f, k), y.castTo(DataType.DOUBLE).reshape(-1)
                    .toDoubleVector(), tolerance, "forward " + shape);
            INDArray dx = conv.backward(input, y, array(g, type, n, f, oh, ow), true);
            double[][] expected = referenceBackward(x, w, g, n, c, h, wd, f, k);
            assertClose(expected[0], p.get(0).gradient().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(),
                    tolerance, "weight gradient " + shape);
            assertClose(expected[1], p.get(1).gradient().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(),
                    tolerance, "bias gradient " + shape);
            assertClose(expected[2], dx.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), tolerance,
                    "input gradient " + shape);
        }
    }

    @Test
    void convolutionMatchesTheDefinitionInBothPrecisions() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            checkConvolution(1, 3, 9, 7, 4, 3, type, tolerance); // batch 1, odd, non-square
            checkConvolution(5, 2, 8, 11, 3, 5, type, tolerance);
            checkConvolution(2, 1, 6, 6, 2, 1, type, tolerance); // 1x1 kernel
            checkConvolution(3, 8, 12, 12, 16, 5, type, tolerance); // the CNN's second convolution, small
        }
    }

    @Test
    void convolutionGivesTheSameResultsWithOneOrTwoThreads() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            double[][] results = new double[2][];
            for (int threads = 1; threads <= 2; threads++) {
                Workers.setThreads(threads);
                Conv2d conv = new Conv2d("conv", 2, 3, 3, type);
                conv.initialize(new SplittableRandom(5));
                INDArray x = array(random(4 * 2 * 9 * 9, 6), type, 4, 2, 9, 9);
                INDArray y = conv.forward(x);
                INDArray dx = conv.backward(x, y, y.dup(), true);
                results[threads - 1] = Nd4j.concat(0, y.reshape(-1), dx.reshape(-1),
                        conv.parameters().get(0).gradient().reshape(-1)).castTo(DataType.DOUBLE).toDoubleVector();
            }
            assertArrayEquals(results[0], results[1], 0.0, type.toString());
        }
    }

    /** Max of each 2 x 2 block (odd last row and column dropped), the gradient to the first largest. */
    @Test
    void poolingMatchesTheDefinitionOnOddSizes() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            int n = 2;
            int c = 3;
            int h = 7;
            int w = 5;
            double[] x = random(n * c * h * w, 7);
            x[1] = x[0]; // a tie: the first of equal values takes the gradient
            x = array(x, type, x.length).castTo(DataType.DOUBLE).toDoubleVector();
            MaxPool pool = new MaxPool(type);
            INDArray input = array(x, type, n, c, h, w);
            INDArray y = pool.forward(input);
            double[] g = random(n * c * 3 * 2, 8);
            g = array(g, type, g.length).castTo(DataType.DOUBLE).toDoubleVector();
            INDArray dx = pool.backward(input, y, array(g, type, n, c, 3, 2), true);
            double[] expectedY = new double[g.length];
            double[] expectedDx = new double[x.length];
            int o = 0;
            for (int plane = 0; plane < n * c; plane++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 2; j++) {
                        int best = -1;
                        for (int di = 0; di < 2; di++) {
                            for (int dj = 0; dj < 2; dj++) {
                                int at = plane * h * w + (2 * i + di) * w + 2 * j + dj;
                                if (best < 0 || x[at] > x[best]) {
                                    best = at;
                                }
                            }
                        }
                        expectedY[o] = x[best];
                        expectedDx[best] += g[o++];
                    }
                }
            }
            assertArrayEquals(expectedY, y.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 0.0);
            assertArrayEquals(expectedDx, dx.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 0.0);
        }
    }

    @Test
    void poolingThenReluIsReluThenPoolingBitForBit() {
        DataType type = DataType.FLOAT;
        double[] x = random(3 * 4 * 10 * 10, 9);
        double[] g = random(3 * 4 * 5 * 5, 10);
        INDArray[] outputs = new INDArray[2];
        INDArray[] gradients = new INDArray[2];
        for (int order = 0; order < 2; order++) {
            List<Layer> layers = order == 0 ? List.of(new MaxPool(type), new Activation(Activation.Kind.RELU))
                    : List.of(new Activation(Activation.Kind.RELU), new MaxPool(type));
            INDArray[] a = new INDArray[3];
            a[0] = array(x, type, 3, 4, 10, 10);
            for (int i = 0; i < 2; i++) {
                a[i + 1] = layers.get(i).forward(a[i].dup());
            }
            outputs[order] = a[2].dup();
            INDArray grad = array(g, type, 3, 4, 5, 5);
            for (int i = 1; i >= 0; i--) {
                grad = layers.get(i).backward(a[i], a[i + 1], grad, true);
            }
            gradients[order] = grad.dup();
        }
        assertEquals(outputs[0], outputs[1]);
        assertEquals(gradients[0], gradients[1]);
    }

    /** The values of an array as doubles, 'c' order. */
    private static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
    }

    /**
     * Conv2d with poolRelu against a plain Conv2d, MaxPool and relu one after the other: the same output, weight
     * gradient and input gradient bit for bit (the bias gradient to rounding: its sums run in another order), on odd
     * sizes (a last row or column no block covers), with two threads, and with a filter whose outputs all tie.
     */
    @Test
    void fusedPoolingAndReluAreTheLayersOneAfterTheOtherBitForBit() {
        Workers.setThreads(2);
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            for (int[] size : new int[][] { { 3, 2, 9, 8, 4, 3 }, { 4, 8, 12, 12, 16, 5 }, { 1, 1, 6, 7, 2, 2 } }) {
                int n = size[0];
                int c = size[1];
                int h = size[2];
                int wd = size[3];
                int f = size[4];
                int k = size[5];
                int ph = (h - k + 1) / 2;
                int pw = (wd - k + 1) / 2;
                String shape = java.util.Arrays.toString(size) + " " + type;
                Conv2d fused = new Conv2d("conv", c, f, k, true, type);
                Conv2d plain = new Conv2d("conv", c, f, k, type);
                fused.initialize(new SplittableRandom(11));
                double[] w = values(fused.parameters().get(0).value());
                java.util.Arrays.fill(w, 0, c * k * k, 0); // filter 0: every output is its bias, all blocks tie
                fused.parameters().get(0).value().assign(array(w, type, f, c * k * k));
                fused.parameters().get(1).value().putScalar(0, 0.25);
                for (int i = 0; i < 2; i++) {
                    plain.parameters().get(i).value().assign(fused.parameters().get(i).value());
                }
                List<Layer> layers = List.of(plain, new MaxPool(type), new Activation(Activation.Kind.RELU));
                INDArray x = array(random(n * c * h * wd, 12), type, n, c, h, wd);
                INDArray g = array(random(n * f * ph * pw, 13), type, n, f, ph, pw);
                for (int round = 0; round < 2; round++) { // the kept arrays must not leak between batches
                    INDArray y = fused.forward(x);
                    assertArrayEquals(new long[] { n, f, ph, pw }, y.shape(), shape);
                    double[] fusedY = values(y);
                    double[] fusedDx = values(fused.backward(x, y, g.dup(), true));
                    INDArray[] a = new INDArray[4];
                    a[0] = x;
                    for (int i = 0; i < 3; i++) {
                        a[i + 1] = layers.get(i).forward(a[i]);
                    }
                    assertArrayEquals(values(a[3]), fusedY, 0.0, "output " + shape);
                    INDArray grad = g.dup();
                    for (int i = 2; i >= 0; i--) {
                        grad = layers.get(i).backward(a[i], a[i + 1], grad, true);
                    }
                    assertArrayEquals(values(grad), fusedDx, 0.0, "input gradient " + shape);
                    assertArrayEquals(values(plain.parameters().get(0).gradient()),
                            values(fused.parameters().get(0).gradient()), 0.0, "weight gradient " + shape);
                    double[] db = values(plain.parameters().get(1).gradient());
                    assertTrue(db[0] != 0, "the tied filter got no gradient");
                    assertClose(db, values(fused.parameters().get(1).gradient()), 1e-6, "bias gradient " + shape);
                    x = array(random(n * c * h * wd, 14), type, n, c, h, wd);
                }
            }
        }
    }

    /**
     * The CNN with its fused layers against the same network built from separate layers: a seed gives the same
     * parameters (the fused layers draw the random streams of the layers they stand for), the same loss and weight
     * gradients bit for bit, and the same bias gradients to rounding.
     */
    @Test
    void theFusedCnnIsTheCnnOfSeparateLayers() {
        DataType type = DataType.FLOAT;
        long[] shape = { 1, 16, 16 };
        Model fused = Models.cnn(shape, 4, true, type);
        Model separate = new Model("separate", shape, List.of(new Conv2d("conv1", 1, 8, 5, type), new MaxPool(type),
                new Activation(Activation.Kind.RELU), new Conv2d("conv2", 8, 16, 5, type), new MaxPool(type),
                new Activation(Activation.Kind.RELU), new Flatten(), new Dense("fc", 16, 4, type)),
                Loss.SOFTMAX_CROSS_ENTROPY, type);
        fused.initialize(42);
        separate.initialize(42);
        INDArray x = array(random(5 * 256, 15), type, 5, 1, 16, 16);
        INDArray y = Nd4j.zeros(type, 5, 4);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 4, 1f);
        }
        assertEquals(separate.lossAndGradient(x, y).loss(), fused.lossAndGradient(x, y).loss(), 0.0);
        List<Parameter> a = separate.parameters();
        List<Parameter> b = fused.parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            String name = a.get(i).name();
            assertArrayEquals(values(a.get(i).value()), values(b.get(i).value()), 0.0, name);
            if (name.endsWith(".bias") && name.startsWith("conv")) {
                double[] expected = values(a.get(i).gradient());
                double scale = java.util.Arrays.stream(expected).map(Math::abs).max().orElseThrow();
                assertTrue(scale > 0, name + " gradient is zero");
                assertArrayEquals(expected, values(b.get(i).gradient()), 1e-6 * scale, name + " gradient");
            } else {
                assertArrayEquals(values(a.get(i).gradient()), values(b.get(i).gradient()), 0.0, name + " gradient");
            }
        }
    }

    @Test
    void theSameSeedTrainsToTheSameLossesBitForBit() {
        long[] shape = { 1, 16, 16 };
        double[][] losses = new double[2][];
        double[][] weights = new double[2][];
        for (int run = 0; run < 2; run++) {
            Model m = Models.cnn(shape, 4, true, DataType.FLOAT);
            m.initialize(17);
            losses[run] = new double[6];
            for (int step = 0; step < losses[run].length; step++) {
                INDArray x = array(random(8 * 256, 100 + step), DataType.FLOAT, 8, 1, 16, 16);
                INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 4);
                for (int i = 0; i < 8; i++) {
                    y.putScalar(i, (i + step) % 4, 1f);
                }
                losses[run][step] = m.lossAndGradient(x, y).loss();
                for (Parameter p : m.parameters()) {
                    p.value().subi(p.gradient().mul(0.1));
                }
            }
            weights[run] = m.parameters().get(0).value().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        }
        assertArrayEquals(losses[0], losses[1], 0.0);
        assertArrayEquals(weights[0], weights[1], 0.0);
        assertTrue(losses[0][5] != losses[0][0], "the steps changed nothing");
    }
}
