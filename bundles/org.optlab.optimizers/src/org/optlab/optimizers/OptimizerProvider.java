package org.optlab.optimizers;

/**
 * Contributed through the {@code org.optlab.optimizers} extension point: describes one optimizer and creates
 * instances of it. Implementations need a public no-argument constructor.
 */
public interface OptimizerProvider {

    OptimizerDescriptor descriptor();

    /** Creates an optimizer from hyper-parameters already validated against {@link #descriptor()}. */
    Optimizer create(HyperParameters hyperParameters);
}
