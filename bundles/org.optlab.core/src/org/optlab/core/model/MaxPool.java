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
        Workers.forEach(n, e -> {
            for (int plane = e * c; plane < (e + 1) * c; plane++) {
                int base = plane * h * w;
                int o = plane * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        best[o++] = argmax(in, base + 2 * i * w + 2 * j, w);
                    }
                }
            }
            gather(in, best, out, e * c * oh * ow, (e + 1) * c * oh * ow);
        });
        INDArray output = buffers.get("output", n, c, oh, ow);
        copies.putNative(output, y);
        return output;
    }

    /** The position of the largest of the 2 x 2 block at {@code k} (rows {@code w} apart), the first of equal ones. */
    private static int argmax(Object values, int k, int w) {
        int m = k;
        if (values instanceof float[] a) {
            m = a[k + 1] > a[m] ? k + 1 : m;
            m = a[k + w] > a[m] ? k + w : m;
            return a[k + w + 1] > a[m] ? k + w + 1 : m;
        }
        double[] a = (double[]) values;
        m = a[k + 1] > a[m] ? k + 1 : m;
        m = a[k + w] > a[m] ? k + w : m;
        return a[k + w + 1] > a[m] ? k + w + 1 : m;
    }

    private static void gather(Object from, int[] index, Object to, int start, int end) {
        if (from instanceof float[] a) {
            float[] b = (float[]) to;
            for (int o = start; o < end; o++) {
                b[o] = a[index[o]];
            }
        } else {
            double[] a = (double[]) from;
            double[] b = (double[]) to;
            for (int o = start; o < end; o++) {
                b[o] = a[index[o]];
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
