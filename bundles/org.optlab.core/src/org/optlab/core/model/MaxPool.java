package org.optlab.core.model;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2 x 2 max pooling with stride 2 (an odd last row or column is dropped, as in torch.nn.MaxPool2d(2)). Pooling only
 * moves values, so it runs on Java arrays kept from batch to batch: the input is read in bulk as doubles (exact for
 * float32 too) and the position of each maximum is kept for the backward pass, which routes each gradient to it.
 * Split by example over {@link Workers}.
 */
public final class MaxPool implements Layer {

    private final Buffers buffers;
    private final HeapCopies copies = new HeapCopies();
    private int[] argmax = new int[0];
    private double[] x;
    private double[] y;
    private double[] g;
    private double[] dx;

    public MaxPool(DataType type) {
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
        x = copies.read(input, x);
        int length = n * c * oh * ow;
        if (y == null || y.length != length) {
            y = new double[length];
            argmax = new int[length];
        }
        double[] in = x;
        double[] out = y;
        int[] best = argmax;
        Workers.forEach(n, e -> {
            for (int plane = e * c; plane < (e + 1) * c; plane++) {
                int base = plane * h * w;
                int o = plane * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int k = base + 2 * i * w + 2 * j;
                        int m = k;
                        if (in[k + 1] > in[m]) {
                            m = k + 1;
                        }
                        if (in[k + w] > in[m]) {
                            m = k + w;
                        }
                        if (in[k + w + 1] > in[m]) {
                            m = k + w + 1;
                        }
                        out[o] = in[m];
                        best[o++] = m;
                    }
                }
            }
        });
        INDArray output = buffers.get("output", n, c, oh, ow);
        copies.put(output, y);
        return output;
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        g = copies.read(outputGradient, g);
        if (dx == null || dx.length != input.length()) {
            dx = new double[(int) input.length()];
        } else {
            Arrays.fill(dx, 0);
        }
        for (int o = 0; o < g.length; o++) {
            dx[argmax[o]] += g[o];
        }
        INDArray result = buffers.get("dx", input.shape());
        copies.put(result, dx);
        return result;
    }
}
