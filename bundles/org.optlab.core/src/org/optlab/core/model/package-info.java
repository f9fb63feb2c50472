/**
 * Models for training runs: a {@link org.optlab.core.model.Model} is a stack of {@link org.optlab.core.model.Layer}s
 * with a loss (softmax cross-entropy for classes, mean squared error for targets). Softmax regression, MLPs and a
 * small CNN are built by {@link org.optlab.core.model.Models} with seeded, PyTorch-style initialization.
 * <p>
 * Speed (see platform.md and docs/benchmarks.md): matrix products go through {@code Nd4j.gemm} with transpose flags
 * (the convolutions' on blocks of rows side by side, {@link org.optlab.core.model.Products}); the rest (im2col and
 * col2im, layout changes, bias, relu, pooling, the loss) runs on Java arrays of the model's own type with one bulk copy
 * each way, because an ND4J op costs tens of microseconds; every layer keeps its arrays across batches of the same
 * size, so a step allocates no off-heap temporaries. {@link org.optlab.core.model.Workers} holds the threads. Gradients
 * are checked against central differences in double precision, the fast paths against the definitions.
 */
package org.optlab.core.model;
