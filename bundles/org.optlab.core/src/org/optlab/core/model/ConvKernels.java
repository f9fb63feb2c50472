package org.optlab.core.model;

/**
 * The heap loops of {@link Conv2d} for one example {@code e}, on float[] (float32 models) or double[] (float64 models)
 * alike: each loop is written once per element type, the two bodies identical but for the type. Layouts ('c' order): images
 * [n, c, h, w]; the patch matrix [n oh ow, c k k], one row per output position; the products' output [n oh ow, f];
 * the layer's output [n, f, oh, ow].
 */
final class ConvKernels {

    /** The sizes of one pass: batch, channels, filters, kernel, input and output height and width. */
    record Shape(int n, int c, int f, int k, int h, int w, int oh, int ow) {

        int positions() {
            return oh * ow;
        }

        int patchColumns() {
            return c * k * k;
        }
    }

    private ConvKernels() {
    }

    /**
     * Writes example e's rows of the patch matrix from its image. One channel: one row of outputs and in it one patch
     * column (c, ki, kj) at a time (strided writes to rows that stay in the L1 cache measured faster than copying the
     * rows' runs of k pixels); several channels: row by row, c k runs of k pixels each (faster there,
     * docs/benchmarks.md); 5 x 5 kernels row by row with each run of 5 written out (faster than both).
     */
    static void im2col(Object image, Object patches, Shape s, int e) {
        if (image instanceof float[] x) {
            im2col(x, (float[]) patches, s, e);
        } else {
            im2col((double[]) image, (double[]) patches, s, e);
        }
    }

    /** Overwrites example e's image gradient with the sum of its rows of the patch gradient, in a fixed order. */
    static void col2im(Object patchGradient, Object imageGradient, Shape s, int e) {
        if (imageGradient instanceof float[] dx) {
            col2im((float[]) patchGradient, dx, s, e);
        } else {
            col2im((double[]) patchGradient, (double[]) imageGradient, s, e);
        }
    }

    private static void im2col(float[] x, float[] p, Shape s, int e) {
        if (s.k() == 5) {
            im2col5(x, p, s, e);
            return;
        }
        if (s.c() > 1) {
            im2colByRow(x, p, s, e);
            return;
        }
        int plane = s.h() * s.w();
        int q = s.patchColumns();
        int ow = s.ow();
        for (int i = 0; i < s.oh(); i++) { // one row of outputs at a time: its ow patch rows stay in the L1 cache
            int rows = (e * s.positions() + i * ow) * q;
            for (int c = 0; c < s.c(); c++) {
                for (int ki = 0; ki < s.k(); ki++) {
                    int from = (e * s.c() + c) * plane + (i + ki) * s.w();
                    for (int kj = 0; kj < s.k(); kj++) {
                        int dst = rows + (c * s.k() + ki) * s.k() + kj;
                        int src = from + kj;
                        for (int j = 0; j < ow; j++) {
                            p[dst + j * q] = x[src + j];
                        }
                    }
                }
            }
        }
    }

    private static void im2col(double[] x, double[] p, Shape s, int e) {
        if (s.k() == 5) {
            im2col5(x, p, s, e);
            return;
        }
        if (s.c() > 1) {
            im2colByRow(x, p, s, e);
            return;
        }
        int plane = s.h() * s.w();
        int q = s.patchColumns();
        int ow = s.ow();
        for (int i = 0; i < s.oh(); i++) { // one row of outputs at a time: its ow patch rows stay in the L1 cache
            int rows = (e * s.positions() + i * ow) * q;
            for (int c = 0; c < s.c(); c++) {
                for (int ki = 0; ki < s.k(); ki++) {
                    int from = (e * s.c() + c) * plane + (i + ki) * s.w();
                    for (int kj = 0; kj < s.k(); kj++) {
                        int dst = rows + (c * s.k() + ki) * s.k() + kj;
                        int src = from + kj;
                        for (int j = 0; j < ow; j++) {
                            p[dst + j * q] = x[src + j];
                        }
                    }
                }
            }
        }
    }

    /** {@link #im2colByRow} for 5 x 5 kernels (the CNN's), each run of 5 written out. */
    private static void im2col5(float[] x, float[] p, Shape s, int e) {
        int w = s.w();
        int d = e * s.positions() * s.patchColumns();
        for (int i = 0; i < s.oh(); i++) {
            for (int j = 0; j < s.ow(); j++) {
                for (int c = 0; c < s.c(); c++) {
                    int src = ((e * s.c() + c) * s.h() + i) * w + j;
                    for (int ki = 0; ki < 5; ki++, src += w, d += 5) {
                        p[d] = x[src];
                        p[d + 1] = x[src + 1];
                        p[d + 2] = x[src + 2];
                        p[d + 3] = x[src + 3];
                        p[d + 4] = x[src + 4];
                    }
                }
            }
        }
    }

    private static void im2colByRow(float[] x, float[] p, Shape s, int e) {
        int k = s.k();
        int d = e * s.positions() * s.patchColumns();
        for (int i = 0; i < s.oh(); i++) {
            for (int j = 0; j < s.ow(); j++) {
                for (int c = 0; c < s.c(); c++) {
                    for (int ki = 0; ki < k; ki++) {
                        int src = ((e * s.c() + c) * s.h() + i + ki) * s.w() + j;
                        for (int kj = 0; kj < k; kj++) {
                            p[d++] = x[src + kj];
                        }
                    }
                }
            }
        }
    }

    private static void col2im(float[] dp, float[] dx, Shape s, int e) {
        int plane = s.h() * s.w();
        java.util.Arrays.fill(dx, e * s.c() * plane, (e + 1) * s.c() * plane, 0f);
        int from = e * s.positions() * s.patchColumns();
        boolean five = s.k() == 5; // the CNN's kernel: each run of 5 written out, measured faster
        for (int i = 0; i < s.oh(); i++) {
            for (int j = 0; j < s.ow(); j++) {
                for (int c = 0; c < s.c(); c++) {
                    for (int ki = 0; ki < s.k(); ki++) {
                        int to = (e * s.c() + c) * plane + (i + ki) * s.w() + j;
                        if (five) {
                            dx[to] += dp[from];
                            dx[to + 1] += dp[from + 1];
                            dx[to + 2] += dp[from + 2];
                            dx[to + 3] += dp[from + 3];
                            dx[to + 4] += dp[from + 4];
                            from += 5;
                            continue;
                        }
                        for (int kj = 0; kj < s.k(); kj++) {
                            dx[to + kj] += dp[from++];
                        }
                    }
                }
            }
        }
    }

    /** {@link #im2colByRow} for 5 x 5 kernels (the CNN's), each run of 5 written out. */
    private static void im2col5(double[] x, double[] p, Shape s, int e) {
        int w = s.w();
        int d = e * s.positions() * s.patchColumns();
        for (int i = 0; i < s.oh(); i++) {
            for (int j = 0; j < s.ow(); j++) {
                for (int c = 0; c < s.c(); c++) {
                    int src = ((e * s.c() + c) * s.h() + i) * w + j;
                    for (int ki = 0; ki < 5; ki++, src += w, d += 5) {
                        p[d] = x[src];
                        p[d + 1] = x[src + 1];
                        p[d + 2] = x[src + 2];
                        p[d + 3] = x[src + 3];
                        p[d + 4] = x[src + 4];
                    }
                }
            }
        }
    }

    private static void im2colByRow(double[] x, double[] p, Shape s, int e) {
        int k = s.k();
        int d = e * s.positions() * s.patchColumns();
        for (int i = 0; i < s.oh(); i++) {
            for (int j = 0; j < s.ow(); j++) {
                for (int c = 0; c < s.c(); c++) {
                    for (int ki = 0; ki < k; ki++) {
                        int src = ((e * s.c() + c) * s.h() + i + ki) * s.w() + j;
                        for (int kj = 0; kj < k; kj++) {
                            p[d++] = x[src + kj];
                        }
                    }
                }
            }
        }
    }

    private static void col2im(double[] dp, double[] dx, Shape s, int e) {
        int plane = s.h() * s.w();
        java.util.Arrays.fill(dx, e * s.c() * plane, (e + 1) * s.c() * plane, 0d);
        int from = e * s.positions() * s.patchColumns();
        boolean five = s.k() == 5; // the CNN's kernel: each run of 5 written out, measured faster
        for (int i = 0; i < s.oh(); i++) {
            for (int j = 0; j < s.ow(); j++) {
                for (int c = 0; c < s.c(); c++) {
                    for (int ki = 0; ki < s.k(); ki++) {
                        int to = (e * s.c() + c) * plane + (i + ki) * s.w() + j;
                        if (five) {
                            dx[to] += dp[from];
                            dx[to + 1] += dp[from + 1];
                            dx[to + 2] += dp[from + 2];
                            dx[to + 3] += dp[from + 3];
                            dx[to + 4] += dp[from + 4];
                            from += 5;
                            continue;
                        }
                        for (int kj = 0; kj < s.k(); kj++) {
                            dx[to + kj] += dp[from++];
                        }
                    }
                }
            }
        }
    }

    /** Example e's output [f, oh ow] from its rows of the product [oh ow, f], plus the bias. */
    static void toChannels(Object product, Object output, double[] bias, Shape s, int e) {
        int p = s.positions();
        int f = s.f();
        for (int filter = 0; filter < f; filter++) {
            int to = (e * f + filter) * p;
            int from = e * p * f + filter;
            if (output instanceof float[] y) {
                float[] z = (float[]) product;
                float b = (float) bias[filter];
                for (int q = 0; q < p; q++) {
                    y[to + q] = z[from + q * f] + b;
                }
            } else {
                double[] y = (double[]) output;
                double[] z = (double[]) product;
                double b = bias[filter];
                for (int q = 0; q < p; q++) {
                    y[to + q] = z[from + q * f] + b;
                }
            }
        }
    }

    /**
     * Example e's rows [oh ow, f] of the gradient's product layout from its gradient [f, oh ow]; adds the sums of its
     * gradient per filter (the bias gradient's share of example e) into {@code biasSums[e f + filter]}.
     */
    static void fromChannels(Object gradient, Object product, double[] biasSums, Shape s, int e) {
        int p = s.positions();
        int f = s.f();
        for (int filter = 0; filter < f; filter++) {
            int from = (e * f + filter) * p;
            int to = e * p * f + filter;
            double sum = 0;
            if (gradient instanceof float[] g) {
                float[] z = (float[]) product;
                for (int q = 0; q < p; q++) {
                    z[to + q * f] = g[from + q];
                    sum += g[from + q];
                }
            } else {
                double[] g = (double[]) gradient;
                double[] z = (double[]) product;
                for (int q = 0; q < p; q++) {
                    z[to + q * f] = g[from + q];
                    sum += g[from + q];
                }
            }
            biasSums[e * f + filter] = sum;
        }
    }

    /**
     * Example e's output relu(max over each 2 x 2 block of (z + b)) [f, oh / 2, ow / 2] from its product rows [oh ow,
     * f] (an odd last row or column dropped): bias, pooling and relu in one pass over the product, with the same float
     * operations as {@link #toChannels}, {@link MaxPool} and relu one after the other, so the same bits.
     */
    static void poolRelu(Object product, Object output, double[] bias, Shape s, int e) {
        if (output instanceof float[] y) {
            poolRelu((float[]) product, y, bias, s, e);
        } else {
            poolRelu((double[]) product, (double[]) output, bias, s, e);
        }
    }

    private static void poolRelu(float[] z, float[] y, double[] bias, Shape s, int e) {
        int f = s.f();
        int ph = s.oh() / 2;
        int pw = s.ow() / 2;
        int down = s.ow() * f; // one row of positions further
        for (int filter = 0; filter < f; filter++) {
            float b = (float) bias[filter];
            int o = (e * f + filter) * ph * pw;
            for (int i = 0; i < ph; i++) {
                int r = (e * s.positions() + 2 * i * s.ow()) * f + filter;
                for (int j = 0; j < pw; j++, r += 2 * f) {
                    float m = Math.max(Math.max(z[r] + b, z[r + f] + b), Math.max(z[r + down] + b,
                            z[r + down + f] + b));
                    y[o++] = Math.max(m, 0f);
                }
            }
        }
    }

    private static void poolRelu(double[] z, double[] y, double[] bias, Shape s, int e) {
        int f = s.f();
        int ph = s.oh() / 2;
        int pw = s.ow() / 2;
        int down = s.ow() * f;
        for (int filter = 0; filter < f; filter++) {
            double b = bias[filter];
            int o = (e * f + filter) * ph * pw;
            for (int i = 0; i < ph; i++) {
                int r = (e * s.positions() + 2 * i * s.ow()) * f + filter;
                for (int j = 0; j < pw; j++, r += 2 * f) {
                    double m = Math.max(Math.max(z[r] + b, z[r + f] + b), Math.max(z[r + down] + b,
                            z[r + down + f] + b));
                    y[o++] = Math.max(m, 0d);
                }
            }
        }
    }

    /**
     * The backward pass of {@link #poolRelu} for example e, in place: reads its product rows z (forward's, without
     * the bias) and overwrites them with the gradient of the convolution's output in rows [oh ow, f]. Each pooled
     * gradient where the output is positive goes to the first of its block's values equal to the block's maximum, the
     * others get +0 (bit masks, no branches on the data, as in {@link MaxPool}); an odd last row or column gets 0.
     * Adds example e's bias gradient per filter into {@code biasSums[e f + filter]}.
     */
    static void unpoolRelu(Object product, Object output, Object gradient, double[] bias, double[] biasSums, Shape s,
            int e) {
        if (output instanceof float[] y) {
            unpoolRelu((float[]) product, y, (float[]) gradient, bias, biasSums, s, e);
        } else {
            unpoolRelu((double[]) product, (double[]) output, (double[]) gradient, bias, biasSums, s, e);
        }
    }

    private static void unpoolRelu(float[] z, float[] y, float[] g, double[] bias, double[] biasSums, Shape s,
            int e) {
        int f = s.f();
        int ph = s.oh() / 2;
        int pw = s.ow() / 2;
        int down = s.ow() * f;
        zeroUnpooled(z, s, e);
        for (int filter = 0; filter < f; filter++) {
            float b = (float) bias[filter];
            int o = (e * f + filter) * ph * pw;
            double sum = 0;
            for (int i = 0; i < ph; i++) {
                int r = (e * s.positions() + 2 * i * s.ow()) * f + filter;
                for (int j = 0; j < pw; j++, r += 2 * f, o++) {
                    float x0 = z[r] + b;
                    float x1 = z[r + f] + b;
                    float x2 = z[r + down] + b;
                    float x3 = z[r + down + f] + b;
                    float m = Math.max(Math.max(x0, x1), Math.max(x2, x3));
                    int keep = -Float.floatToRawIntBits(y[o]) >> 31; // relu: all ones where the output > 0
                    int bits = Float.floatToRawIntBits(g[o]) & keep;
                    int e0 = -(x0 == m ? 1 : 0);
                    int e1 = -(x1 == m ? 1 : 0) & ~e0;
                    int e2 = -(x2 == m ? 1 : 0) & ~(e0 | e1);
                    int e3 = ~(e0 | e1 | e2);
                    z[r] = Float.intBitsToFloat(bits & e0);
                    z[r + f] = Float.intBitsToFloat(bits & e1);
                    z[r + down] = Float.intBitsToFloat(bits & e2);
                    z[r + down + f] = Float.intBitsToFloat(bits & e3);
                    sum += Float.intBitsToFloat(bits);
                }
            }
            biasSums[e * f + filter] = sum;
        }
    }

    private static void unpoolRelu(double[] z, double[] y, double[] g, double[] bias, double[] biasSums, Shape s,
            int e) {
        int f = s.f();
        int ph = s.oh() / 2;
        int pw = s.ow() / 2;
        int down = s.ow() * f;
        zeroUnpooled(z, s, e);
        for (int filter = 0; filter < f; filter++) {
            double b = bias[filter];
            int o = (e * f + filter) * ph * pw;
            double sum = 0;
            for (int i = 0; i < ph; i++) {
                int r = (e * s.positions() + 2 * i * s.ow()) * f + filter;
                for (int j = 0; j < pw; j++, r += 2 * f, o++) {
                    double x0 = z[r] + b;
                    double x1 = z[r + f] + b;
                    double x2 = z[r + down] + b;
                    double x3 = z[r + down + f] + b;
                    double m = Math.max(Math.max(x0, x1), Math.max(x2, x3));
                    long keep = -Double.doubleToRawLongBits(y[o]) >> 63;
                    long bits = Double.doubleToRawLongBits(g[o]) & keep;
                    long e0 = -(x0 == m ? 1L : 0L);
                    long e1 = -(x1 == m ? 1L : 0L) & ~e0;
                    long e2 = -(x2 == m ? 1L : 0L) & ~(e0 | e1);
                    long e3 = ~(e0 | e1 | e2);
                    z[r] = Double.longBitsToDouble(bits & e0);
                    z[r + f] = Double.longBitsToDouble(bits & e1);
                    z[r + down] = Double.longBitsToDouble(bits & e2);
                    z[r + down + f] = Double.longBitsToDouble(bits & e3);
                    sum += Double.longBitsToDouble(bits);
                }
            }
            biasSums[e * f + filter] = sum;
        }
    }

    /** Zeroes example e's rows of an odd last row of positions and of an odd last column, which no block covers. */
    private static void zeroUnpooled(Object rows, Shape s, int e) {
        int f = s.f();
        int first = e * s.positions() * f;
        if (s.oh() % 2 != 0) {
            int from = first + (s.oh() - 1) * s.ow() * f;
            fill(rows, from, from + s.ow() * f);
        }
        if (s.ow() % 2 != 0) {
            for (int i = 0; i < s.oh(); i++) {
                int from = first + (i * s.ow() + s.ow() - 1) * f;
                fill(rows, from, from + f);
            }
        }
    }

    private static void fill(Object rows, int from, int to) {
        if (rows instanceof float[] v) {
            java.util.Arrays.fill(v, from, to, 0f);
        } else {
            java.util.Arrays.fill((double[]) rows, from, to, 0d);
        }
    }
}
