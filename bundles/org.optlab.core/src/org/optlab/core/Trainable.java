package org.optlab.core;

/**
 * Something an optimizer updates in place: a named vector of values with the gradient of the loss beside it. Two
 * kinds exist: {@link Parameter} on ND4J buffers (models, any backend) and {@link VectorParameter} on plain
 * {@code double[]} arrays (2-D surfaces, where ND4J's per-call cost would dominate).
 */
public sealed interface Trainable permits Parameter, VectorParameter {

    String name();

    /** Number of scalar entries. */
    long length();
}
