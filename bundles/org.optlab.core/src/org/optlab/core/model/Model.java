package org.optlab.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.optlab.core.Parameter;

/**
 * A stack of layers and a loss. {@link #lossAndGradient} runs forward and backward over one batch and leaves the
 * gradient of the batch's mean loss in every parameter's {@link Parameter#gradient()}, ready for an optimizer step.
 * Not thread-safe: the layers reuse their buffers from batch to batch.
 */
public final class Model {

    /** The mean loss over a batch and how many of its examples were classified correctly (0 for regression). */
    public record BatchResult(double loss, int correct, long size) {
    }

    private final String description;
    private final long[] inputShape;
    private final long[] outputShape;
    private final List<Layer> layers;
    private final Loss loss;
    private final DataType type;
    private final List<Parameter> parameters;
    private final INDArray[] activations;
    /** Per layer: whether a layer below it has parameters, so that its input's gradient is needed. */
    private final boolean[] inputGradients;

    Model(String description, long[] inputShape, List<Layer> layers, Loss loss, DataType type) {
        this.description = description;
        this.inputShape = inputShape.clone();
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.type = type;
        long[] shape = inputShape;
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            shape = layer.outputShape(shape);
            all.addAll(layer.parameters());
        }
        this.outputShape = shape;
        this.parameters = List.copyOf(all);
        this.activations = new INDArray[layers.size() + 1];
        this.inputGradients = new boolean[layers.size()];
        for (int i = 1; i < layers.size(); i++) {
            inputGradients[i] = inputGradients[i - 1] || !layers.get(i - 1).parameters().isEmpty();
        }
        Workers.threads(); // its settings (OpenBLAS single-threaded) hold from the first step on
    }

    /** e.g. "mlp 784-256-10 relu". */
    public String description() {
        return description;
    }

    public long[] inputShape() {
        return inputShape.clone();
    }

    /** The number of outputs per example (classes, or regression targets). */
    public long outputs() {
        return outputShape[0];
    }

    public DataType dataType() {
        return type;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** The number of trainable scalars. */
    public long parameterCount() {
        return parameters.stream().mapToLong(Parameter::length).sum();
    }

    /** Draws every parameter's initial value from {@code seed}: the same seed gives the same model. */
    public void initialize(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : layers) {
            layer.initialize(random.split());
            for (int i = 1; i < layer.randomStreams(); i++) {
                random.split(); // the streams of the layers it fuses
            }
        }
    }

    /** The model's outputs (logits or predictions) for a batch [n, input shape...]; owned by the last layer. */
    public INDArray forward(INDArray input) {
        checkInput(input);
        activations[0] = input;
        for (int i = 0; i < layers.size(); i++) {
            activations[i + 1] = layers.get(i).forward(activations[i]);
        }
        return activations[layers.size()];
    }

    /** Forward, loss and backward over one batch; every parameter's gradient is overwritten. */
    public BatchResult lossAndGradient(INDArray input, INDArray targets) {
        INDArray output = forward(input);
        int[] correct = new int[1];
        double value = loss.valueAndGradient(output, targets, correct);
        INDArray gradient = output;
        // down to the lowest layer with parameters: an MLP's first dense layer skips the gradient of the data, a
        // product as large as its forward one
        for (int i = layers.size() - 1; i >= 0 && gradient != null; i--) {
            gradient = layers.get(i).backward(activations[i], activations[i + 1], gradient, inputGradients[i]);
        }
        return new BatchResult(value, correct[0], input.size(0));
    }

    /** The mean loss and the correct predictions over one batch, without gradients. */
    public BatchResult evaluate(INDArray input, INDArray targets) {
        INDArray output = forward(input);
        int[] correct = new int[1];
        double value = loss.valueAndGradient(output, targets, correct);
        return new BatchResult(value, correct[0], input.size(0));
    }

    private void checkInput(INDArray input) {
        long[] shape = input.shape();
        if (shape.length != inputShape.length + 1
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), inputShape)) {
            throw new IllegalArgumentException(description + " takes batches of shape [n, "
                    + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "") + "], got " + Arrays.toString(shape));
        }
        if (input.dataType() != type) {
            throw new IllegalArgumentException(description + " is " + type + ", got a batch of " + input.dataType());
        }
    }

    @Override
    public String toString() {
        return description + " (" + parameterCount() + " parameters)";
    }
}
