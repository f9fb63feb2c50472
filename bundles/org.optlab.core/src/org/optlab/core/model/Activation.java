package org.optlab.core.model;

import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An element-wise activation, applied in place: its output is its input array. Its backward pass needs only the
 * output (f' of relu, tanh and sigmoid are functions of f), and overwrites it, which is safe because the layer after it
 * has finished its own backward pass by then. Relu runs on the heap in the model's type (one bulk copy each way costs
 * less than ND4J's ops); tanh and sigmoid, which a Java loop computes slowly, in ND4J.
 */
public final class Activation implements Layer {

    /** The activations by the names experiment files use. */
    public enum Kind {
        RELU, TANH, SIGMOID;

        public static Kind of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown activation '" + name + "'; expected relu, tanh or sigmoid");
            }
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final HeapCopies copies = new HeapCopies();
    private Object values; // float[] or double[], the model's type
    private Object outputs;

    public Activation(Kind kind) {
        this.kind = kind;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    public INDArray forward(INDArray input) {
        return switch (kind) {
            case RELU -> relu(input);
            case TANH -> Transforms.tanh(input, false);
            case SIGMOID -> Transforms.sigmoid(input, false);
        };
    }

    private INDArray relu(INDArray input) {
        values = copies.readNative(input, values);
        RowKernels.relu(values, (int) input.length());
        copies.putNative(input, values);
        return input;
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
        switch (kind) {
            case RELU -> { // relu'(x) = 1 where the output is positive, else 0
                values = copies.readNative(outputGradient, values);
                outputs = copies.readNative(output, outputs);
                RowKernels.reluGradient(values, outputs, (int) output.length());
                copies.putNative(outputGradient, values);
            }
            case TANH -> outputGradient.muli(output.muli(output).rsubi(1)); // 1 - f^2
            case SIGMOID -> {
                outputGradient.muli(output);
                outputGradient.muli(output.rsubi(1)); // f (1 - f)
            }
        }
        return outputGradient;
    }
}
