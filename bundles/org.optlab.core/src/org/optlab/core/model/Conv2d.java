package org.optlab.core.model;

import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;

/**
 * A 2-D convolution with square kernels, stride 1 and no padding ("valid"), as three matrix products over the whole
 * batch. The patches form a matrix P [batch oh ow, c k k] (one row per output position), written on the heap; then
 * forward Z = P W^T ([batch oh ow, filters]), the weight gradient dW = G^T P and the patch gradient dP = G W, in
 * OpenBLAS on blocks of rows side by side ({@link Products}), and col2im adds dP back into the input's gradient. The layout changes and
 * the bias run on the heap in the model's own precision, split by example over {@link Workers} (every example by one
 * thread in a fixed order, so the thread count changes no bit); every array is kept from batch to batch. This layout
 * measured fastest of the ones tried (docs/benchmarks.md). Initialized like torch.nn.Conv2d: uniform in
 * [-1/sqrt(c k k), 1/sqrt(c k k)].
 */
public final class Conv2d implements Layer {

    private final int channels;
    private final int filters;
    private final int kernel;
    private final DataType type;
    private final Parameter weight;
    private final Parameter bias;
    private final Buffers buffers;
    private final HeapCopies copies = new HeapCopies();
    private final Products products;
    // heap arrays of the model's type (float[] or double[]), kept from batch to batch
    private Object image;
    private Object patches;
    private Object product;
    private Object output;
    private double[] biasValues;
    private double[] biasSums;

    public Conv2d(String name, int channels, int filters, int kernel, DataType type) {
        if (channels < 1 || filters < 1 || kernel < 1) {
            throw new IllegalArgumentException(name + ": channels, filters and kernel must be positive");
        }
        this.channels = channels;
        this.filters = filters;
        this.kernel = kernel;
        this.type = type;
        this.weight = new Parameter(name + ".weight", Nd4j.zeros(type, filters, (long) channels * kernel * kernel));
        this.bias = new Parameter(name + ".bias", Nd4j.zeros(type, 1, filters));
        this.buffers = new Buffers(type);
        this.products = new Products(buffers);
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

    private ConvKernels.Shape shape(INDArray input) {
        int h = (int) input.size(2);
        int w = (int) input.size(3);
        return new ConvKernels.Shape((int) input.size(0), channels, filters, kernel, h, w, h - kernel + 1,
                w - kernel + 1);
    }

    @Override
    public INDArray forward(INDArray input) {
        ConvKernels.Shape s = shape(input);
        int rows = s.n() * s.positions();
        image = copies.readNative(input, image);
        patches = HeapCopies.array(type, rows * s.patchColumns(), patches);
        Object x = image;
        Object p = patches;
        Workers.forEach(s.n(), e -> ConvKernels.im2col(x, p, s, e));
        INDArray patchMatrix = buffers.get("patches", rows, s.patchColumns());
        copies.putNative(patchMatrix, patches);
        INDArray z = buffers.get("product", rows, filters);
        products.rows(patchMatrix, weight.value(), z, true);
        product = copies.readNative(z, product);
        biasValues = copies.read(bias.value(), biasValues);
        output = HeapCopies.array(type, rows * filters, output);
        Object zs = product;
        Object y = output;
        double[] b = biasValues;
        Workers.forEach(s.n(), e -> ConvKernels.toChannels(zs, y, b, s, e));
        INDArray result = buffers.get("output", s.n(), filters, s.oh(), s.ow());
        copies.putNative(result, output);
        return result;
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        ConvKernels.Shape s = shape(input);
        int rows = s.n() * s.positions();
        // the output's heap array is free now: it takes the gradient, the product's takes its rows layout
        this.output = copies.readNative(outputGradient, this.output);
        biasSums = biasSums != null && biasSums.length == s.n() * filters ? biasSums : new double[s.n() * filters];
        Object g = this.output;
        Object gz = product;
        double[] sums = biasSums;
        Workers.forEach(s.n(), e -> ConvKernels.fromChannels(g, gz, sums, s, e));
        double[] biasGradient = new double[filters];
        for (int e = 0; e < s.n(); e++) { // in example order, whatever the threads
            for (int f = 0; f < filters; f++) {
                biasGradient[f] += sums[e * filters + f];
            }
        }
        copies.put(bias.gradient(), biasGradient);
        INDArray gradientRows = buffers.get("product", rows, filters);
        copies.putNative(gradientRows, product);
        INDArray patchMatrix = buffers.get("patches", rows, s.patchColumns());
        products.sum(gradientRows, patchMatrix, weight.gradient());
        if (!inputGradient) {
            return null;
        }
        INDArray patchGradient = patchMatrix; // the patches are no longer needed
        products.rows(gradientRows, weight.value(), patchGradient, false);
        patches = copies.readNative(patchGradient, patches);
        image = HeapCopies.array(type, (int) input.length(), image);
        Object dp = patches;
        Object dx = image;
        Workers.forEach(s.n(), e -> ConvKernels.col2im(dp, dx, s, e));
        INDArray result = buffers.get("dx", input.shape());
        copies.putNative(result, image);
        return result;
    }
}
