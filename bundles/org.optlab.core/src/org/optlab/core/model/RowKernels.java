package org.optlab.core.model;

/**
 * The heap loops of {@link Dense}'s bias and of relu, on the arrays of the model's own type (float[] for float32,
 * double[] for float64; each loop written once per type, the bodies identical but for it), so that a layer copies its
 * values off-heap and back once each way without converting them. Float sums are accumulated in doubles. Results are
 * those of the same arithmetic in doubles rounded to float: a float sum of two floats is the rounded exact sum.
 */
final class RowKernels {

    private RowKernels() {
    }

    /** values[i, j] += bias[j] for a [rows, width] array in 'c' order. */
    static void addBias(Object values, Object bias, int rows, int width) {
        if (values instanceof float[] v) {
            float[] b = (float[]) bias;
            for (int i = 0; i < rows; i++) {
                int row = i * width;
                for (int j = 0; j < width; j++) {
                    v[row + j] += b[j];
                }
            }
        } else {
            double[] v = (double[]) values;
            double[] b = (double[]) bias;
            for (int i = 0; i < rows; i++) {
                int row = i * width;
                for (int j = 0; j < width; j++) {
                    v[row + j] += b[j];
                }
            }
        }
    }

    /** sums[j] = the sum over i of values[i, j], rows in order, in doubles. */
    static void sumRows(Object values, double[] sums, int rows, int width) {
        java.util.Arrays.fill(sums, 0, width, 0);
        if (values instanceof float[] v) {
            for (int i = 0; i < rows; i++) {
                int row = i * width;
                for (int j = 0; j < width; j++) {
                    sums[j] += v[row + j];
                }
            }
        } else {
            double[] v = (double[]) values;
            for (int i = 0; i < rows; i++) {
                int row = i * width;
                for (int j = 0; j < width; j++) {
                    sums[j] += v[row + j];
                }
            }
        }
    }

    /** values = max(values, 0), the first {@code length}. */
    static void relu(Object values, int length) {
        if (values instanceof float[] v) {
            for (int i = 0; i < length; i++) {
                v[i] = Math.max(v[i], 0f);
            }
        } else {
            double[] v = (double[]) values;
            for (int i = 0; i < length; i++) {
                v[i] = Math.max(v[i], 0d);
            }
        }
    }

    /**
     * gradient = gradient where output > 0, else +0, for the output of {@link #relu} (never -0: Math.max(-0, +0) is
     * +0). Without branches on the data: the sign bit of -bits(output) is set exactly when output > 0 (or NaN).
     */
    static void reluGradient(Object gradient, Object output, int length) {
        if (gradient instanceof float[] g) {
            float[] y = (float[]) output;
            for (int i = 0; i < length; i++) {
                int keep = -Float.floatToRawIntBits(y[i]) >> 31;
                g[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & keep);
            }
        } else {
            double[] g = (double[]) gradient;
            double[] y = (double[]) output;
            for (int i = 0; i < length; i++) {
                long keep = -Double.doubleToRawLongBits(y[i]) >> 63;
                g[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & keep);
            }
        }
    }
}
