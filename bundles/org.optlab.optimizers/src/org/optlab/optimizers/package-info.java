/**
 * The optimizer API: an {@link org.optlab.optimizers.OptimizerProvider} contributed through the
 * {@code org.optlab.optimizers} extension point describes an optimizer ({@link org.optlab.optimizers.OptimizerDescriptor}:
 * id, name, summary, citation, hyper-parameter descriptors) and creates it from validated
 * {@link org.optlab.optimizers.HyperParameters}. Forms, the command line and experiment-file validation are all
 * generated from the descriptors, so nothing about a hyper-parameter is written twice.
 * <p>
 * Names and defaults follow PyTorch's {@code torch.optim} ({@code lr}, {@code weight_decay}, ...).
 */
package org.optlab.optimizers;
