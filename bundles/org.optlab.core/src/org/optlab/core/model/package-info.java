/**
 * Models for training runs: a {@link org.optlab.core.model.Model} is a stack of {@link org.optlab.core.model.Layer}s
 * with a loss (softmax cross-entropy for classes, mean squared error for targets). Softmax regression, MLPs and a
 * small CNN are built by {@link org.optlab.core.model.Models} with seeded, PyTorch-style initialization.
 * <p>
 * Speed (see platform.md): matrix products go through one {@code Nd4j.gemm} call each with transpose flags, every
 * layer writes into buffers it keeps across batches of the same size, and element-wise work is done in place, so a
 * step allocates no off-heap temporaries. Gradients are checked against central differences in double precision.
 */
package org.optlab.core.model;
