package org.optlab.core;

import java.util.Objects;

/**
 * A parameter held in plain {@code double[]} arrays: the value, updated in place by optimizers, and the gradient,
 * written by the caller before each step. For small problems (2-D surfaces) that must not pay ND4J's per-call cost.
 */
public record VectorParameter(String name, double[] value, double[] gradient) implements Trainable {

    public VectorParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gradient, "gradient");
        if (value.length != gradient.length) {
            throw new IllegalArgumentException("parameter '" + name + "': gradient length " + gradient.length
                    + " differs from value length " + value.length);
        }
    }

    /** A parameter starting at a copy of {@code start}, with a zero gradient. */
    public static VectorParameter of(String name, double... start) {
        return new VectorParameter(name, start.clone(), new double[start.length]);
    }

    @Override
    public long length() {
        return value.length;
    }
}
