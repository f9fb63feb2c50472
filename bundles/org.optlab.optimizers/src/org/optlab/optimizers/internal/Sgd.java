package org.optlab.optimizers.internal;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerDescriptor;

/** w <- (1 - lr * weight_decay) * w - lr * g, in place on the parameter's buffer (one scal and one axpy). */
final class Sgd implements Optimizer {

    private final HyperParameters hyperParameters;
    private final double lr;
    private final double weightDecay;

    Sgd(HyperParameters hyperParameters) {
        this.hyperParameters = hyperParameters;
        this.lr = hyperParameters.real("lr");
        this.weightDecay = hyperParameters.real("weight_decay");
    }

    @Override
    public OptimizerDescriptor descriptor() {
        return SgdProvider.DESCRIPTOR;
    }

    @Override
    public HyperParameters hyperParameters() {
        return hyperParameters;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            INDArray w = p.value();
            if (weightDecay != 0) {
                w.muli(1 - lr * weightDecay);
            }
            Nd4j.getBlasWrapper().level1().axpy(w.length(), -lr, p.gradient(), w);
        }
    }
}
