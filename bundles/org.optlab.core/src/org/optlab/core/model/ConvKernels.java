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
     * Writes example e's rows of the patch matrix from its image, one patch column (c, ki, kj) at a time: strided
     * writes in long loops measured faster than copying the rows' runs of k pixels.
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
        int plane = s.h() * s.w();
        int q = s.patchColumns();
        int rows = e * s.positions() * q;
        int ow = s.ow();
        for (int c = 0; c < s.c(); c++) {
            for (int ki = 0; ki < s.k(); ki++) {
                for (int kj = 0; kj < s.k(); kj++) {
                    int column = rows + (c * s.k() + ki) * s.k() + kj;
                    int from = (e * s.c() + c) * plane + ki * s.w() + kj;
                    for (int i = 0; i < s.oh(); i++) {
                        int src = from + i * s.w();
                        int dst = column + i * ow * q;
                        for (int j = 0; j < ow; j++) {
                            p[dst + j * q] = x[src + j];
                        }
                    }
                }
            }
        }
    }

    private static void im2col(double[] x, double[] p, Shape s, int e) {
        int plane = s.h() * s.w();
        int q = s.patchColumns();
        int rows = e * s.positions() * q;
        int ow = s.ow();
        for (int c = 0; c < s.c(); c++) {
            for (int ki = 0; ki < s.k(); ki++) {
                for (int kj = 0; kj < s.k(); kj++) {
                    int column = rows + (c * s.k() + ki) * s.k() + kj;
                    int from = (e * s.c() + c) * plane + ki * s.w() + kj;
                    for (int i = 0; i < s.oh(); i++) {
                        int src = from + i * s.w();
                        int dst = column + i * ow * q;
                        for (int j = 0; j < ow; j++) {
                            p[dst + j * q] = x[src + j];
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
        for (int i = 0; i < s.oh(); i++) {
            for (int j = 0; j < s.ow(); j++) {
                for (int c = 0; c < s.c(); c++) {
                    for (int ki = 0; ki < s.k(); ki++) {
                        int to = (e * s.c() + c) * plane + (i + ki) * s.w() + j;
                        for (int kj = 0; kj < s.k(); kj++) {
                            dx[to + kj] += dp[from++];
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
        for (int i = 0; i < s.oh(); i++) {
            for (int j = 0; j < s.ow(); j++) {
                for (int c = 0; c < s.c(); c++) {
                    for (int ki = 0; ki < s.k(); ki++) {
                        int to = (e * s.c() + c) * plane + (i + ki) * s.w() + j;
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
}
