package org.optlab.core.model;

import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;

/**
 * A 2-D convolution with square kernels, stride 1 and no padding ("valid"), as im2col and one gemm: the patches of
 * every output position become rows of a matrix [batch oh ow, c k k] that multiplies the kernels [out, c k k].
 * Initialized like torch.nn.Conv2d: uniform in [-1/sqrt(c k k), 1/sqrt(c k k)].
 */
public final class Conv2d implements Layer {

    private final int channels;
    private final int filters;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;
    private final Buffers buffers;

    public Conv2d(String name, int channels, int filters, int kernel, DataType type) {
        if (channels < 1 || filters < 1 || kernel < 1) {
            throw new IllegalArgumentException(name + ": channels, filters and kernel must be positive");
        }
        this.channels = channels;
        this.filters = filters;
        this.kernel = kernel;
        this.weight = new Parameter(name + ".weight", Nd4j.zeros(type, filters, (long) channels * kernel * kernel));
        this.bias = new Parameter(name + ".bias", Nd4j.zeros(type, 1, filters));
        this.buffers = new Buffers(type);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3 || inputShape[0] != channels || inputShape[1] < kernel || inputShape[2] < kernel) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " convolution of " + channels
                    + " channels cannot take examples of shape " + java.util.Arrays.toString(inputShape));
        }
        return new long[] { filters, inputShape[1] - kernel + 1, inputShape[2] - kernel + 1 };
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public void initialize(SplittableRandom random) {
        double bound = 1 / Math.sqrt((double) channels * kernel * kernel);
        Init.uniform(weight.value(), random, bound);
        Init.uniform(bias.value(), random, bound);
    }

    @Override
    public INDArray forward(INDArray input) {
        long n = input.size(0);
        long oh = input.size(2) - kernel + 1;
        long ow = input.size(3) - kernel + 1;
        // im2col writes [n, c, k, k, oh, ow] through a permuted view of a 'c' buffer [n, oh, ow, c, k, k], which
        // then reads as the patch matrix [n oh ow, c k k] without a copy.
        INDArray patches = buffers.get("patches", n, oh, ow, channels, kernel, kernel);
        Convolution.im2col(input, kernel, kernel, 1, 1, 0, 0, false, patches.permute(0, 3, 4, 5, 1, 2));
        INDArray rows = patches.reshape('c', n * oh * ow, (long) channels * kernel * kernel);
        INDArray z = buffers.get("z", n * oh * ow, filters);
        Nd4j.gemm(rows, weight.value(), z, false, true, 1.0, 0.0);
        z.addiRowVector(bias.value());
        INDArray output = buffers.get("output", n, filters, oh, ow);
        output.assign(z.reshape('c', n, oh, ow, filters).permute(0, 3, 1, 2));
        return output;
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        long n = input.size(0);
        long oh = output.size(2);
        long ow = output.size(3);
        INDArray g = buffers.get("g", n, oh, ow, filters);
        g.assign(outputGradient.permute(0, 2, 3, 1));
        INDArray gRows = g.reshape('c', n * oh * ow, filters);
        INDArray rows = buffers.get("patches", n, oh, ow, channels, kernel, kernel)
                .reshape('c', n * oh * ow, (long) channels * kernel * kernel);
        Nd4j.gemm(gRows, rows, weight.gradient(), true, false, 1.0, 0.0);
        gRows.sum(bias.gradient().reshape(filters), 0);
        if (!inputGradient) {
            return null;
        }
        INDArray patchGradient = buffers.get("patchGradient", n, oh, ow, channels, kernel, kernel);
        Nd4j.gemm(gRows, weight.value(), patchGradient.reshape('c', n * oh * ow, (long) channels * kernel * kernel),
                false, false, 1.0, 0.0);
        INDArray dx = buffers.get("dx", input.shape());
        Convolution.col2im(patchGradient.permute(0, 3, 4, 5, 1, 2), dx, 1, 1, 0, 0, (int) input.size(2),
                (int) input.size(3), 1, 1);
        return dx;
    }
}
