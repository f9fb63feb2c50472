package org.optlab.core.model;

import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;

/**
 * A fully connected layer y = x W + b with W of shape [in, out] and b of shape [1, out] (torch.nn.Linear with the
 * weight transposed, so that the forward pass is one gemm without a transpose). Initialized like torch.nn.Linear:
 * W and b uniform in [-1/sqrt(in), 1/sqrt(in)]. The products are one gemm each; the bias and its gradient run on the
 * heap (one bulk copy each way costs a few microseconds where an ND4J op costs tens).
 */
public final class Dense implements Layer {

    /** Products of at least this many multiply-adds get OpenBLAS's own threads ({@link #ownBlasThreads}). */
    static final long LARGE_PRODUCT = 4_000_000;

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final Buffers buffers;
    private final HeapCopies copies = new HeapCopies();
    private Object values; // float[] or double[], the model's type
    private Object biasValues;
    private double[] biasSums;

    public Dense(String name, int in, int out, DataType type) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException(name + ": sizes must be positive, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = new Parameter(name + ".weight", Nd4j.zeros(type, in, out));
        this.bias = new Parameter(name + ".bias", Nd4j.zeros(type, 1, out));
        this.buffers = new Buffers(type);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != in) {
            throw new IllegalArgumentException("a dense layer of " + in + " inputs cannot take examples of shape "
                    + java.util.Arrays.toString(inputShape));
        }
        return new long[] { out };
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public void initialize(SplittableRandom random) {
        double bound = 1 / Math.sqrt(in);
        Init.uniform(weight.value(), random, bound);
        Init.uniform(bias.value(), random, bound);
    }

    @Override
    public INDArray forward(INDArray input) {
        ownBlasThreads(input.size(0));
        INDArray y = buffers.get("y", input.size(0), out);
        Nd4j.gemm(input, weight.value(), y, false, false, 1.0, 0.0);
        values = copies.readNative(y, values);
        biasValues = copies.readNative(bias.value(), biasValues);
        RowKernels.addBias(values, biasValues, (int) input.size(0), out);
        copies.putNative(y, values);
        return y;
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        ownBlasThreads(input.size(0));
        Nd4j.gemm(input, outputGradient, weight.gradient(), true, false, 1.0, 0.0);
        values = copies.readNative(outputGradient, values);
        biasSums = biasSums != null ? biasSums : new double[out];
        RowKernels.sumRows(values, biasSums, (int) input.size(0), out);
        copies.put(bias.gradient(), biasSums);
        if (!inputGradient) {
            return null;
        }
        INDArray dx = buffers.get("dx", input.size(0), in);
        Nd4j.gemm(outputGradient, weight.value(), dx, false, true, 1.0, 0.0);
        return dx;
    }

    /**
     * A large product (the MLP's 784 x 256 at batch 128: 25 M multiply-adds) gets OpenBLAS's own threads back where a
     * convolution left it on one (1.26 ms against 1.61 on one thread); a small one (a CNN's classifier: 0.3 M) takes
     * OpenBLAS as it is, so that a CNN's step does not switch it back and forth (each switch costs about 0.1 ms).
     */
    private void ownBlasThreads(long rows) {
        if (rows * in * out >= LARGE_PRODUCT) {
            Workers.multiThreadedBlas();
        }
    }
}
