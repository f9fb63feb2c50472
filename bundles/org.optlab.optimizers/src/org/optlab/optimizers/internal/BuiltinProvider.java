package org.optlab.optimizers.internal;

import java.util.List;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerProvider;

/** A built-in optimizer: its descriptor is fixed at construction. */
abstract class BuiltinProvider implements OptimizerProvider {

    private final OptimizerDescriptor descriptor;

    BuiltinProvider(String id, String name, String summary, Citation citation, HyperParameter... hyperParameters) {
        this.descriptor = new OptimizerDescriptor(id, name, summary, citation, List.of(hyperParameters));
    }

    @Override
    public final OptimizerDescriptor descriptor() {
        return descriptor;
    }
}
