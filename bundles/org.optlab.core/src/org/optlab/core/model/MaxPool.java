package org.optlab.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2 x 2 max pooling with stride 2 (an odd last row or column is dropped, as in torch.nn.MaxPool2d(2)). Pooling only
 * moves values, so it runs on Java arrays of the model's own type, kept from batch to batch, split by example over
 * {@link Workers}. Both passes are free of branches on the data (a profile showed them mispredicted: pooling with a
 * kept argmax took about as long as all the CNN's products): forward takes the maximum with Math.max; backward routes
 * each gradient to the first of the block's values equal to the maximum, with bit masks.
 */
public final class MaxPool implements Layer {

    private final DataType type;
    private final Buffers buffers;
    private final HeapCopies copies = new HeapCopies();
    private Object x;
    private Object y;
    private Object g;
    private Object dx;

    public MaxPool(DataType type) {
        this.type = type;
        this.buffers = new Buffers(type);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3 || inputShape[1] < 2 || inputShape[2] < 2) {
            throw new IllegalArgumentException("2x2 pooling needs examples of shape [c, h, w] with h, w >= 2, got "
                    + java.util.Arrays.toString(inputShape));
        }
        return new long[] { inputShape[0], inputShape[1] / 2, inputShape[2] / 2 };
    }

    @Override
    public INDArray forward(INDArray input) {
        int n = (int) input.size(0);
        int c = (int) input.size(1);
        int h = (int) input.size(2);
        int w = (int) input.size(3);
        int oh = h / 2;
        int ow = w / 2;
        x = copies.readNative(input, x);
        y = HeapCopies.array(type, n * c * oh * ow, y);
        Object in = x;
        Object out = y;
        Workers.forEach(n, e -> pool(in, out, e * c, (e + 1) * c, h, w));
        INDArray output = buffers.get("output", n, c, oh, ow);
        copies.putNative(output, y);
        return output;
    }

    /** Pools the planes [from, to) of h x w. */
    private static void pool(Object in, Object out, int from, int to, int h, int w) {
        if (in instanceof float[] x) {
            pool(x, (float[]) out, from, to, h, w);
        } else {
            pool((double[]) in, (double[]) out, from, to, h, w);
        }
    }

    private static void pool(float[] x, float[] y, int from, int to, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        int o = from * oh * ow;
        for (int plane = from; plane < to; plane++) {
            for (int i = 0; i < oh; i++) {
                int k = plane * h * w + 2 * i * w;
                for (int j = 0; j < ow; j++, k += 2) {
                    y[o++] = Math.max(Math.max(x[k], x[k + 1]), Math.max(x[k + w], x[k + w + 1]));
                }
            }
        }
    }

    private static void pool(double[] x, double[] y, int from, int to, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        int o = from * oh * ow;
        for (int plane = from; plane < to; plane++) {
            for (int i = 0; i < oh; i++) {
                int k = plane * h * w + 2 * i * w;
                for (int j = 0; j < ow; j++, k += 2) {
                    y[o++] = Math.max(Math.max(x[k], x[k + 1]), Math.max(x[k + w], x[k + w + 1]));
                }
            }
        }
    }

    /**
     * Writes the input gradient of the planes [from, to): each block's gradient to its first value equal to its
     * maximum (the last when none of the first three is), the others 0, selected with bit masks, not branches.
     */
    private static void route(Object in, Object out, Object gradient, Object inputGradient, int from, int to, int h,
            int w) {
        if (in instanceof float[] x) {
            route(x, (float[]) out, (float[]) gradient, (float[]) inputGradient, from, to, h, w);
        } else {
            route((double[]) in, (double[]) out, (double[]) gradient, (double[]) inputGradient, from, to, h, w);
        }
    }

    private static void route(float[] x, float[] y, float[] g, float[] dx, int from, int to, int h, int w) {
        java.util.Arrays.fill(dx, from * h * w, to * h * w, 0f); // an odd last row or column gets none
        int oh = h / 2;
        int ow = w / 2;
        int o = from * oh * ow;
        for (int plane = from; plane < to; plane++) {
            for (int i = 0; i < oh; i++) {
                int k = plane * h * w + 2 * i * w;
                for (int j = 0; j < ow; j++, k += 2, o++) {
                    float m = y[o];
                    float v = g[o];
                    // 0 or -1 masks from non-short-circuit logic: no branches
                    int bits = Float.floatToRawIntBits(v);
                    int e0 = -(x[k] == m ? 1 : 0);
                    int e1 = -(x[k + 1] == m ? 1 : 0) & ~e0;
                    int e2 = -(x[k + w] == m ? 1 : 0) & ~(e0 | e1);
                    int e3 = ~(e0 | e1 | e2);
                    dx[k] = Float.intBitsToFloat(bits & e0);
                    dx[k + 1] = Float.intBitsToFloat(bits & e1);
                    dx[k + w] = Float.intBitsToFloat(bits & e2);
                    dx[k + w + 1] = Float.intBitsToFloat(bits & e3);
                }
            }
        }
    }

    private static void route(double[] x, double[] y, double[] g, double[] dx, int from, int to, int h, int w) {
        java.util.Arrays.fill(dx, from * h * w, to * h * w, 0d); // an odd last row or column gets none
        int oh = h / 2;
        int ow = w / 2;
        int o = from * oh * ow;
        for (int plane = from; plane < to; plane++) {
            for (int i = 0; i < oh; i++) {
                int k = plane * h * w + 2 * i * w;
                for (int j = 0; j < ow; j++, k += 2, o++) {
                    double m = y[o];
                    double v = g[o];
                    long bits = Double.doubleToRawLongBits(v);
                    long e0 = -(x[k] == m ? 1L : 0L);
                    long e1 = -(x[k + 1] == m ? 1L : 0L) & ~e0;
                    long e2 = -(x[k + w] == m ? 1L : 0L) & ~(e0 | e1);
                    long e3 = ~(e0 | e1 | e2);
                    dx[k] = Double.longBitsToDouble(bits & e0);
                    dx[k + 1] = Double.longBitsToDouble(bits & e1);
                    dx[k + w] = Double.longBitsToDouble(bits & e2);
                    dx[k + w + 1] = Double.longBitsToDouble(bits & e3);
                }
            }
        }
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        g = copies.readNative(outputGradient, g);
        dx = HeapCopies.array(type, (int) input.length(), dx);
        int n = (int) input.size(0);
        int c = (int) input.size(1);
        int h = (int) input.size(2);
        int w = (int) input.size(3);
        Object in = x;
        Object out = y;
        Object gradient = g;
        Object result = dx;
        Workers.forEach(n, e -> route(in, out, gradient, result, e * c, (e + 1) * c, h, w));
        INDArray array = buffers.get("dx", input.shape());
        copies.putNative(array, dx);
        return array;
    }
}
