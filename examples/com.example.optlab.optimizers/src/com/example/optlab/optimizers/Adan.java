package com.example.optlab.optimizers;

import java.util.List;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerProvider;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/**
 * Adan: Nesterov momentum estimated from the gradient and its difference to the previous gradient, with an adaptive
 * denominator. Names, defaults and operation order follow the authors' PyTorch code (sail-sg/Adan), whose betas are
 * one minus the paper's.
 */
public final class Adan implements OptimizerProvider {

    private static final OptimizerDescriptor DESCRIPTOR = new OptimizerDescriptor("adan", "Adan",
            "Adaptive Nesterov momentum from the gradient and its change since the last step.",
            new Citation("X. Xie, P. Zhou, H. Li, Z. Lin, S. Yan", 2022,
                    "Adan: Adaptive Nesterov Momentum Algorithm for Faster Optimizing Deep Models",
                    "https://arxiv.org/abs/2208.06677"),
            List.of(HyperParameter.real("lr", 1e-3, Range.NON_NEGATIVE, "learning rate"),
                    HyperParameter.real("beta1", 0.98, Range.UNIT_HALF_OPEN, "decay of the gradient's average"),
                    HyperParameter.real("beta2", 0.92, Range.UNIT_HALF_OPEN,
                            "decay of the average gradient difference"),
                    HyperParameter.real("beta3", 0.99, Range.UNIT_HALF_OPEN, "decay of the squared-term average"),
                    HyperParameter.real("eps", 1e-8, Range.POSITIVE, "added to the denominator"),
                    HyperParameter.real("weight_decay", 0, Range.NON_NEGATIVE, "decoupled weight decay"),
                    HyperParameter.flag("no_prox", false, "decay the weights before the step (p (1 - lr wd)) "
                            + "rather than dividing after it by 1 + lr wd (the proximal form)")));

    @Override
    public OptimizerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * diff = g - g_prev (0 on the first step); m = beta1 m + (1-beta1) g; v = beta2 v + (1-beta2) diff;
     * u = g + beta2 diff; n = beta3 n + (1-beta3) u^2;
     * step = (m / bc1 + beta2 v / bc2) / (sqrt(n) / sqrt(bc3) + eps), with bc_i = 1 - beta_i^t;
     * p = (p - lr step) / (1 + lr wd), or with no_prox p = p (1 - lr wd) - lr step.
     */
    @Override
    public void define(RuleBuilder b, HyperParameters h) {
        Expr g = b.gradient();
        Expr t = b.step();
        Expr beta1 = b.hyper("beta1");
        Expr beta2 = b.hyper("beta2");
        Expr beta3 = b.hyper("beta3");
        Expr previous = b.state("pre_grad");
        // The previous gradient starts as this one: times 0 on step 1, times exactly 1 afterwards.
        Expr diff = b.let("diff", g.minus(previous).times(t.minus(1).min(Expr.constant(1))));
        Expr m = b.state("exp_avg");
        Expr v = b.state("exp_avg_diff");
        Expr n = b.state("exp_avg_sq");
        b.assign(m, m.times(beta1).plus(g.times(beta1.complement())));
        b.assign(v, v.times(beta2).plus(diff.times(beta2.complement())));
        Expr u = b.let("u", diff.times(beta2).plus(g));
        b.assign(n, n.times(beta3).plus(u.times(beta3.complement()).times(u)));
        Expr denom = n.sqrt().div(bias(beta3, t).sqrt()).plus(b.hyper("eps"));
        Expr step = m.div(bias(beta1, t)).plus(beta2.times(v).div(bias(beta2, t))).div(denom);
        Expr p = b.parameter();
        Expr lr = b.hyper("lr");
        Expr decay = lr.times(b.hyper("weight_decay"));
        if (h.flag("no_prox")) {
            b.assign(p, p.times(decay.complement()).minus(step.times(lr)));
        } else {
            b.assign(p, p.minus(step.times(lr)).div(decay.plus(1)));
        }
        b.assign(previous, g);
    }

    /** 1 - beta^t. */
    static Expr bias(Expr beta, Expr t) {
        return beta.pow(t).complement();
    }
}
