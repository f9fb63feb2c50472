package org.optlab.core.model;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2 x 2 max pooling with stride 2 (an odd last row or column is dropped, as in torch.nn.MaxPool2d(2)). Pooling only
 * moves values, so it runs on Java arrays of the model's own type, kept from batch to batch, split by example over
 * {@link Workers}; the position of each maximum (the first of equal ones) is kept for the backward pass, which routes
 * each gradient to it.
 */
public final class MaxPool implements Layer {

    private final DataType type;
    private final Buffers buffers;
    private final HeapCopies copies = new HeapCopies();
    private int[] argmax = new int[0];
    private Object x;
    private Object y;

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
        int length = n * c * oh * ow;
        y = HeapCopies.array(type, length, y);
        if (argmax.length != length) {
            argmax = new int[length];
        }
        Object in = x;
        Object out = y;
        int[] best = argmax;
        Workers.forEach(n, e -> pool(in, out, best, e * c, (e + 1) * c, h, w));
        INDArray output = buffers.get("output", n, c, oh, ow);
        copies.putNative(output, y);
        return output;
    }

    /** Pools the planes [from, to) of h x w, writing each maximum and its position (the first of equal ones). */
    private static void pool(Object in, Object out, int[] best, int from, int to, int h, int w) {
        if (in instanceof float[] x) {
            pool(x, (float[]) out, best, from, to, h, w);
        } else {
            pool((double[]) in, (double[]) out, best, from, to, h, w);
        }
    }

    private static void pool(float[] x, float[] y, int[] best, int from, int to, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        int o = from * oh * ow;
        for (int plane = from; plane < to; plane++) {
            for (int i = 0; i < oh; i++) {
                int k = plane * h * w + 2 * i * w;
                for (int j = 0; j < ow; j++, k += 2) {
                    int m = x[k + 1] > x[k] ? k + 1 : k;
                    m = x[k + w] > x[m] ? k + w : m;
                    m = x[k + w + 1] > x[m] ? k + w + 1 : m;
                    y[o] = x[m];
                    best[o++] = m;
                }
            }
        }
    }

    private static void pool(double[] x, double[] y, int[] best, int from, int to, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        int o = from * oh * ow;
        for (int plane = from; plane < to; plane++) {
            for (int i = 0; i < oh; i++) {
                int k = plane * h * w + 2 * i * w;
                for (int j = 0; j < ow; j++, k += 2) {
                    int m = x[k + 1] > x[k] ? k + 1 : k;
                    m = x[k + w] > x[m] ? k + w : m;
                    m = x[k + w + 1] > x[m] ? k + w + 1 : m;
                    y[o] = x[m];
                    best[o++] = m;
                }
            }
        }
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        // the output's array takes the gradient, the input's the input gradient
        y = copies.readNative(outputGradient, y);
        x = HeapCopies.array(type, (int) input.length(), x);
        if (x instanceof float[] dx) {
            float[] g = (float[]) y;
            Arrays.fill(dx, 0f);
            for (int o = 0; o < g.length; o++) {
                dx[argmax[o]] += g[o];
            }
        } else {
            double[] dx = (double[]) x;
            double[] g = (double[]) y;
            Arrays.fill(dx, 0d);
            for (int o = 0; o < g.length; o++) {
                dx[argmax[o]] += g[o];
            }
        }
        INDArray result = buffers.get("dx", input.shape());
        copies.putNative(result, x);
        return result;
    }
}
