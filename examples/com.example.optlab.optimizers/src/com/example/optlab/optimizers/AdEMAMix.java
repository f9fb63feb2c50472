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
 * AdEMAMix: Adam's step plus a second, much slower momentum (beta3 near 1, no bias correction) weighted by alpha, so
 * that old gradients keep counting. Optionally alpha and beta3 warm up over t_alpha_beta3 steps. Names, defaults and
 * operation order follow the authors' reference implementation (apple/ml-ademamix).
 */
public final class AdEMAMix implements OptimizerProvider {

    private static final OptimizerDescriptor DESCRIPTOR = new OptimizerDescriptor("ademamix", "AdEMAMix",
            "Adam mixed with a very slow momentum that keeps old gradients in play.",
            new Citation("M. Pagliardini, P. Ablin, D. Grangier", 2024,
                    "The AdEMAMix Optimizer: Better, Faster, Older", "https://arxiv.org/abs/2409.03137"),
            List.of(HyperParameter.real("lr", 1e-3, Range.NON_NEGATIVE, "learning rate"),
                    HyperParameter.real("beta1", 0.9, Range.UNIT_HALF_OPEN, "decay of the fast gradient average"),
                    HyperParameter.real("beta2", 0.999, Range.UNIT_HALF_OPEN, "decay of the squared gradient average"),
                    HyperParameter.real("beta3", 0.9999, Range.UNIT_HALF_OPEN, "decay of the slow gradient average"),
                    HyperParameter.real("alpha", 2.0, Range.NON_NEGATIVE, "weight of the slow average"),
                    HyperParameter.integer("t_alpha_beta3", 0, new Range(0, true, Double.POSITIVE_INFINITY, false),
                            "steps over which alpha and beta3 warm up (0: no warm-up)"),
                    HyperParameter.real("eps", 1e-8, Range.POSITIVE, "added to the denominator"),
                    HyperParameter.real("weight_decay", 0, Range.NON_NEGATIVE, "decoupled weight decay")));

    @Override
    public OptimizerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * m1 = beta1 m1 + (1-beta1) g; nu = beta2 nu + (1-beta2) g^2; m2 = beta3 m2 + (1-beta3) g;
     * p = p - lr ((m1 / bc1 + alpha m2) / (sqrt(nu) / sqrt(bc2) + eps) + wd p).
     */
    @Override
    public void define(RuleBuilder b, HyperParameters h) {
        Expr g = b.gradient();
        Expr t = b.step();
        Expr beta1 = b.hyper("beta1");
        Expr beta2 = b.hyper("beta2");
        Expr alpha = b.hyper("alpha");
        Expr beta3 = b.hyper("beta3");
        long warmup = h.integer("t_alpha_beta3");
        if (warmup > 0) {
            alpha = warmUp(t, warmup, alpha);
            beta3 = warmUpHalfLife(t, warmup, h.real("beta1"), h.real("beta3"), beta3);
        }
        Expr m1 = b.state("exp_avg");
        Expr nu = b.state("exp_avg_sq");
        Expr m2 = b.state("exp_avg_slow");
        b.assign(m1, m1.times(beta1).plus(g.times(beta1.complement())));
        b.assign(nu, nu.times(beta2).plus(g.times(beta2.complement()).times(g)));
        b.assign(m2, m2.times(beta3).plus(g.times(beta3.complement())));
        Expr denom = nu.sqrt().div(Adan.bias(beta2, t).sqrt()).plus(b.hyper("eps"));
        Expr update = m1.div(Adan.bias(beta1, t)).plus(alpha.times(m2)).div(denom);
        Expr p = b.parameter();
        if (!b.isOff("weight_decay")) {
            update = update.plus(p.times(b.hyper("weight_decay")));
        }
        b.assign(p, p.minus(update.times(b.hyper("lr"))));
    }

    /** Linear from 0 to {@code end} over the first {@code steps} steps: the reference's linear_warmup_scheduler. */
    private static Expr warmUp(Expr t, long steps, Expr end) {
        Expr fraction = t.div(steps);
        return Expr.select(Expr.constant(steps).minus(t), fraction.times(end), end);
    }

    /**
     * From beta1 to beta3 linearly in half-life over the first {@code steps} steps, as the reference's
     * linear_hl_warmup_scheduler: f(beta) = ln 0.5 / ln(beta + 1e-8) - 1, beta_t = 0.5^(1 / (f_t + 1)) with f_t
     * between f(beta1) and f(beta3), then {@code after}. The two ends are taken as constants, so beta1 and beta3 cannot
     * follow schedules during a warm-up (afterwards beta3 can).
     */
    private static Expr warmUpHalfLife(Expr t, long steps, double beta1, double beta3, Expr after) {
        double start = halfLife(beta1);
        double end = halfLife(beta3);
        Expr fraction = t.div(steps);
        Expr f = fraction.complement().times(start).plus(fraction.times(end));
        Expr during = Expr.constant(0.5).pow(Expr.constant(1).div(f.plus(1)));
        return Expr.select(Expr.constant(steps).minus(t), during, after);
    }

    private static double halfLife(double beta) {
        return Math.log(0.5) / Math.log(beta + 1e-8) - 1;
    }
}
