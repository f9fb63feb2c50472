package org.optlab.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** [batch, c, h, w] as [batch, c h w]: a view of the same 'c'-ordered buffer, no copy. */
public final class Flatten implements Layer {

    @Override
    public long[] outputShape(long[] inputShape) {
        long n = 1;
        for (long d : inputShape) {
            n *= d;
        }
        return new long[] { n };
    }

    @Override
    public INDArray forward(INDArray input) {
        return input.rank() == 2 ? input : input.reshape('c', input.size(0), input.length() / input.size(0));
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        return inputGradient ? outputGradient.reshape('c', input.shape()) : null;
    }
}
