package org.optlab.core;

import java.util.Arrays;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named trainable tensor and the gradient of the loss with respect to it, both held on ND4J buffers of the same
 * shape. Optimizers update {@link #value()} in place from {@link #gradient()}.
 */
public final class Parameter implements Trainable {

    private final String name;
    private final INDArray value;
    private final INDArray gradient;

    /** Creates a parameter over {@code value} with a zero gradient of the same shape and data type. */
    public Parameter(String name, INDArray value) {
        this(name, value, value.ulike());
    }

    public Parameter(String name, INDArray value, INDArray gradient) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        if (!Arrays.equals(value.shape(), gradient.shape())) {
            throw new IllegalArgumentException("parameter '" + name + "': gradient shape "
                    + Arrays.toString(gradient.shape()) + " differs from value shape " + Arrays.toString(value.shape()));
        }
        if (value.dataType() != gradient.dataType()) {
            throw new IllegalArgumentException("parameter '" + name + "': gradient type " + gradient.dataType()
                    + " differs from value type " + value.dataType());
        }
    }

    public String name() {
        return name;
    }

    /** The current value, updated in place by optimizers. */
    public INDArray value() {
        return value;
    }

    /** The gradient of the loss at {@link #value()}, written in place by objectives and models. */
    public INDArray gradient() {
        return gradient;
    }

    /** Number of scalar entries. */
    public long length() {
        return value.length();
    }

    @Override
    public String toString() {
        return "Parameter[" + name + ", shape " + Arrays.toString(value.shape()) + "]";
    }
}
