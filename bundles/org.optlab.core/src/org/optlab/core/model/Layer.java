package org.optlab.core.model;

import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.optlab.core.Parameter;

/**
 * One stage of a {@link Model}. Arrays are [batch, features] or [batch, channels, height, width] ('c' order). A layer
 * owns the arrays it returns and may reuse them for the next batch of the same size: callers read them before the
 * layer's next call.
 */
public interface Layer {

    /** The shape of one example's output for one example's input shape. */
    long[] outputShape(long[] inputShape);

    /** The trainable parameters (none for activations, pooling and reshaping). */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Sets the parameters to their initial values, drawn from {@code random} (nothing to do without parameters). */
    default void initialize(SplittableRandom random) {
    }

    /**
     * How many layers this one stands for when a model draws each layer's random stream ({@link Model#initialize}):
     * a layer that fuses several takes as many streams, so that a seed gives the same parameters as the separate
     * layers did.
     */
    default int randomStreams() {
        return 1;
    }

    /** The output for a batch. */
    INDArray forward(INDArray input);

    /**
     * Writes the gradient of the loss with respect to every parameter (overwriting) and returns the gradient with
     * respect to the input, or null when {@code inputGradient} is false (no layer below has parameters).
     *
     * @param input the input of the last {@link #forward} call
     * @param output what that call returned
     * @param outputGradient the gradient of the loss with respect to {@code output}; a layer may overwrite it
     */
    INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient);
}
