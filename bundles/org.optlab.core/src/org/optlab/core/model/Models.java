package org.optlab.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The models of the training lab, by the ids experiment files use: {@code softmax} (multinomial logistic regression),
 * {@code mlp} (hidden layers with one activation) and {@code cnn} (conv 5x5 - relu - pool 2 - conv 5x5 - relu - pool 2
 * - dense, LeNet's shape). Classification models end in logits for the softmax cross-entropy; with {@code classes}
 * = 0 they predict {@code targets} real values under the mean squared error.
 */
public final class Models {

    /** Filters of the CNN's two convolutions. */
    static final int CNN_FILTERS_1 = 8;
    static final int CNN_FILTERS_2 = 16;
    static final int CNN_KERNEL = 5;

    private Models() {
    }

    /** Softmax regression: flatten, then one dense layer to the outputs. */
    public static Model softmax(long[] inputShape, int outputs, boolean classification, DataType type) {
        return mlp(inputShape, new int[0], Activation.Kind.RELU, outputs, classification, type);
    }

    /** Flatten, then dense layers of the hidden sizes each followed by the activation, then a dense output layer. */
    public static Model mlp(long[] inputShape, int[] hidden, Activation.Kind activation, int outputs,
            boolean classification, DataType type) {
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden sizes must be positive, got " + Arrays.toString(hidden));
            }
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten());
        int in = (int) new Flatten().outputShape(inputShape)[0];
        for (int i = 0; i < hidden.length; i++) {
            layers.add(new Dense("fc" + (i + 1), in, hidden[i], type));
            layers.add(new Activation(activation));
            in = hidden[i];
        }
        layers.add(new Dense("fc" + (hidden.length + 1), in, outputs, type));
        String sizes = in(inputShape) + "-" + Arrays.stream(hidden).mapToObj(Integer::toString)
                .map(s -> s + "-").collect(Collectors.joining()) + outputs;
        String description = hidden.length == 0 ? "softmax " + sizes : "mlp " + sizes + " " + activation.key();
        return new Model(description, inputShape, layers, loss(classification), type);
    }

    /**
     * conv 5x5 (8) - relu - pool - conv 5x5 (16) - relu - pool - dense, for images [c, h, w] of at least 16 x 16 (built
     * as conv - pool - relu, the same function).
     */
    public static Model cnn(long[] inputShape, int outputs, boolean classification, DataType type) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("the cnn needs images [channels, height, width], got "
                    + Arrays.toString(inputShape));
        }
        List<Layer> layers = new ArrayList<>();
        // each convolution with its pooling and relu fused (Conv2d's poolRelu), as conv - pool - relu: max commutes
        // with relu (a monotone function), so that is the same function with the same gradients as relu then pool
        layers.add(new Conv2d("conv1", (int) inputShape[0], CNN_FILTERS_1, CNN_KERNEL, true, type));
        layers.add(new Conv2d("conv2", CNN_FILTERS_1, CNN_FILTERS_2, CNN_KERNEL, true, type));
        layers.add(new Flatten());
        long[] shape = inputShape;
        for (Layer layer : layers) {
            shape = layer.outputShape(shape);
        }
        layers.add(new Dense("fc", (int) shape[0], outputs, type));
        return new Model("cnn " + Arrays.stream(inputShape).mapToObj(Long::toString).collect(Collectors.joining("x"))
                + " conv" + CNN_FILTERS_1 + "-conv" + CNN_FILTERS_2 + "-" + outputs, inputShape, layers,
                loss(classification), type);
    }

    private static Loss loss(boolean classification) {
        return classification ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MEAN_SQUARED_ERROR;
    }

    private static long in(long[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }
}
