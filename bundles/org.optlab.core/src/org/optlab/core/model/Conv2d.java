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
 * forward Z = P W^T ([batch oh ow, filters]), the weight gradient dW = G^T P (as (P^T G)^T) and the patch gradient
 * dP = G W, in OpenBLAS on blocks of rows side by side ({@link Products}), and col2im adds dP back into the input's
 * gradient. The layout changes and the bias run on the heap in the model's own precision, split by example over {@link Workers} (every example by one
 * thread in a fixed order, so the thread count changes no bit); every array is kept from batch to batch. This layout
 * measured fastest of the ones tried (docs/benchmarks.md). Initialized like torch.nn.Conv2d: uniform in
 * [-1/sqrt(c k k), 1/sqrt(c k k)].
 * <p>
 * With {@code poolRelu} the layer is conv - 2 x 2 max pooling - relu in one: the bias, pooling and relu are applied
 * while the product's rows are read, and their gradients written straight into the rows the backward products take,
 * the same bits as {@link MaxPool} and {@link Activation} after a plain convolution but without the full-size output
 * in channel layout, its copies to and from ND4J, and two layers' passes over it.
 */
public final class Conv2d implements Layer {

    private final int channels;
    private final int filters;
    private final int kernel;
    private final boolean poolRelu;
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
    private Object pooledGradient;
    private double[] biasValues;
    private double[] biasSums;

    public Conv2d(String name, int channels, int filters, int kernel, DataType type) {
        this(name, channels, filters, kernel, false, type);
    }

    /** With {@code poolRelu}, a convolution followed by 2 x 2 max pooling and relu (see the class comment). */
    public Conv2d(String name, int channels, int filters, int kernel, boolean poolRelu, DataType type) {
        if (channels < 1 || filters < 1 || kernel < 1) {
            throw new IllegalArgumentException(name + ": channels, filters and kernel must be positive");
        }
        this.channels = channels;
        this.filters = filters;
        this.kernel = kernel;
        this.poolRelu = poolRelu;
        this.type = type;
        this.weight = new Parameter(name + ".weight", Nd4j.zeros(type, filters, (long) channels * kernel * kernel));
        this.bias = new Parameter(name + ".bias", Nd4j.zeros(type, 1, filters));
        this.buffers = new Buffers(type);
        this.products = new Products(buffers);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        int least = poolRelu ? kernel + 1 : kernel; // pooling needs an output of at least 2 x 2
        if (inputShape.length != 3 || inputShape[0] != channels || inputShape[1] < least || inputShape[2] < least) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " convolution of " + channels
                    + " channels" + (poolRelu ? " with 2x2 pooling" : "") + " cannot take examples of shape "
                    + java.util.Arrays.toString(inputShape));
        }
        long oh = inputShape[1] - kernel + 1;
        long ow = inputShape[2] - kernel + 1;
        return poolRelu ? new long[] { filters, oh / 2, ow / 2 } : new long[] { filters, oh, ow };
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** With pooling and relu fused, three: the convolution's, the pooling's and the relu's. */
    @Override
    public int randomStreams() {
        return poolRelu ? 3 : 1;
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
        Object zs = product;
        double[] b = biasValues;
        INDArray result;
        if (poolRelu) {
            int ph = s.oh() / 2;
            int pw = s.ow() / 2;
            output = HeapCopies.array(type, s.n() * filters * ph * pw, output);
            Object y = output;
            Workers.forEach(s.n(), e -> ConvKernels.poolRelu(zs, y, b, s, e));
            result = buffers.get("output", s.n(), filters, ph, pw);
        } else {
            output = HeapCopies.array(type, rows * filters, output);
            Object y = output;
            Workers.forEach(s.n(), e -> ConvKernels.toChannels(zs, y, b, s, e));
            result = buffers.get("output", s.n(), filters, s.oh(), s.ow());
        }
        copies.putNative(result, output);
        return result;
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        ConvKernels.Shape s = shape(input);
        int rows = s.n() * s.positions();
        biasSums = biasSums != null && biasSums.length == s.n() * filters ? biasSums : new double[s.n() * filters];
        double[] sums = biasSums;
        Object gz = product;
        if (poolRelu) { // the product's rows, still forward's, become their gradient in place
            pooledGradient = copies.readNative(outputGradient, pooledGradient);
            Object y = this.output;
            Object g = pooledGradient;
            double[] b = biasValues;
            Workers.forEach(s.n(), e -> ConvKernels.unpoolRelu(gz, y, g, b, sums, s, e));
        } else {
            // the output's heap array is free now: it takes the gradient, the product's takes its rows layout
            this.output = copies.readNative(outputGradient, this.output);
            Object g = this.output;
            Workers.forEach(s.n(), e -> ConvKernels.fromChannels(g, gz, sums, s, e));
        }
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
