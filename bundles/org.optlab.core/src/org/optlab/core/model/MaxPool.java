package org.optlab.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2 x 2 max pooling with stride 2 (an odd last row or column is dropped, as in torch.nn.MaxPool2d(2)). Pooling only
 * moves values, so it runs on Java arrays: the input is read in bulk as doubles (exact for float32 too) and the
 * position of each maximum is kept for the backward pass, which routes each gradient to it.
 */
public final class MaxPool implements Layer {

    private final Buffers buffers;
    private int[] argmax = new int[0];

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
        double[] x = HeapCopies.read(input);
        double[] y = new double[n * c * oh * ow];
        if (argmax.length != y.length) {
            argmax = new int[y.length];
        }
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            int base = plane * h * w;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int best = base + 2 * i * w + 2 * j;
                    for (int k : new int[] { best + 1, best + w, best + w + 1 }) {
                        if (x[k] > x[best]) {
                            best = k;
                        }
                    }
                    y[o] = x[best];
                    argmax[o++] = best;
                }
            }
        }
        INDArray output = buffers.get("output", n, c, oh, ow);
        HeapCopies.write(output, y);
        return output;
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        double[] g = HeapCopies.read(outputGradient);
        double[] dx = new double[(int) input.length()];
        for (int o = 0; o < g.length; o++) {
            dx[argmax[o]] += g[o];
        }
        INDArray result = buffers.get("dx", input.shape());
        HeapCopies.write(result, dx);
        return result;
    }
}
