package org.optlab.optimizers;

import java.util.List;

import org.optlab.core.Parameter;

/**
 * An optimizer bound to its hyper-parameters. Each {@link #step(List)} reads every parameter's gradient and updates
 * its value in place. Per-parameter state is created lazily on the first step that sees the parameter.
 */
public interface Optimizer {

    OptimizerDescriptor descriptor();

    HyperParameters hyperParameters();

    /** One update of every parameter from its current gradient. */
    void step(List<Parameter> parameters);
}
