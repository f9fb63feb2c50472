package org.optlab.optimizers.internal;

import java.util.List;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerProvider;
import org.optlab.optimizers.Range;

/** Plain stochastic gradient descent, {@code torch.optim.SGD} without momentum. */
public final class SgdProvider implements OptimizerProvider {

    static final OptimizerDescriptor DESCRIPTOR = new OptimizerDescriptor("sgd", "SGD",
            "Steps against the gradient: w <- w - lr * (g + weight_decay * w).",
            new Citation("H. Robbins, S. Monro", 1951, "A Stochastic Approximation Method",
                    "https://doi.org/10.1214/aoms/1177729586"),
            List.of(HyperParameter.real("lr", 1e-3, Range.NON_NEGATIVE, "learning rate"),
                    HyperParameter.real("weight_decay", 0.0, Range.NON_NEGATIVE,
                            "L2 penalty coefficient added to the gradient")));

    @Override
    public OptimizerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optimizer create(HyperParameters hyperParameters) {
        return new Sgd(hyperParameters);
    }
}
