package org.optlab.optimizers.internal;

import static org.optlab.optimizers.internal.Terms.beta1;
import static org.optlab.optimizers.internal.Terms.beta2;
import static org.optlab.optimizers.internal.Terms.biasCorrection;
import static org.optlab.optimizers.internal.Terms.ema;
import static org.optlab.optimizers.internal.Terms.emaOfSquare;
import static org.optlab.optimizers.internal.Terms.eps;
import static org.optlab.optimizers.internal.Terms.l2;
import static org.optlab.optimizers.internal.Terms.lr;
import static org.optlab.optimizers.internal.Terms.runningMax;
import static org.optlab.optimizers.internal.Terms.weightDecay;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/**
 * AdaBound and AMSBound (Luo et al. 2019, following the authors' reference code): Adam whose per-coordinate step is
 * clipped to bounds that converge to {@code final_lr}, so it ends as SGD.
 */
final class BoundedFamily {

    private BoundedFamily() {
    }

    private static final Citation LUO = new Citation("L. Luo, Y. Xiong, Y. Liu, X. Sun", 2019,
            "Adaptive Gradient Methods with Dynamic Bound of Learning Rate", "https://arxiv.org/abs/1902.09843");

    abstract static class Base extends BuiltinProvider {
        Base(String id, String name, String summary, boolean amsbound) {
            super(id, name, summary, LUO, lr(1e-3), beta1(0.9), beta2(0.999),
                    HyperParameter.real("final_lr", 0.1, Range.NON_NEGATIVE,
                            "the SGD rate the bounds converge to (scaled by lr / the group's initial lr)"),
                    HyperParameter.real("gamma", 1e-3, Range.POSITIVE, "convergence speed of the bounds"),
                    eps(1e-8), weightDecay(0),
                    HyperParameter.flag("amsbound", amsbound, "use the maximum of past second moments"));
        }

        /**
         * m = beta1 m + (1-beta1) d; v = beta2 v + (1-beta2) d^2 (vmax with amsbound); step = lr sqrt(bc2) / bc1;
         * f = final_lr lr / lr_0; p = p - clamp(step / (sqrt(v) + eps), f (1 - 1/(gamma t + 1)), f (1 + 1/(gamma t)))
         * m.
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = l2(b);
            Expr m = b.state("exp_avg");
            Expr v = b.state("exp_avg_sq");
            ema(b, m, d, b.hyper("beta1"));
            emaOfSquare(b, v, d, b.hyper("beta2"));
            if (h.flag("amsbound")) {
                v = runningMax(b, "max_exp_avg_sq", v);
            }
            Expr lr = b.hyper("lr");
            Expr t = b.step();
            Expr stepSize = lr.times(biasCorrection(b, b.hyper("beta2")).sqrt())
                    .div(biasCorrection(b, b.hyper("beta1")));
            Expr finalLr = b.hyper("final_lr").times(lr).div(h.real("lr"));
            Expr gammaT = b.hyper("gamma").times(t);
            Expr lower = finalLr.times(Expr.constant(1).div(gammaT.plus(1)).complement());
            Expr upper = finalLr.times(Expr.constant(1).div(gammaT).plus(1));
            Expr step = stepSize.div(v.sqrt().plus(b.hyper("eps"))).max(lower).min(upper).times(m);
            Expr p = b.parameter();
            b.assign(p, p.minus(step));
        }
    }

    public static final class AdaBound extends Base {
        public AdaBound() {
            super("adabound", "AdaBound", "Adam with step sizes clipped to bounds that tighten towards final_lr.",
                    false);
        }
    }

    public static final class AmsBound extends Base {
        public AmsBound() {
            super("amsbound", "AMSBound", "AdaBound on the maximum of past second moments (as AMSGrad).", true);
        }
    }
}
