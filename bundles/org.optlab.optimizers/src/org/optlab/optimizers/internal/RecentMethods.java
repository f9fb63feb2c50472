package org.optlab.optimizers.internal;

import static org.optlab.optimizers.internal.Terms.addcdiv;
import static org.optlab.optimizers.internal.Terms.beta1;
import static org.optlab.optimizers.internal.Terms.beta2;
import static org.optlab.optimizers.internal.Terms.biasCorrection;
import static org.optlab.optimizers.internal.Terms.decoupledDecay;
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

/** Lion, Yogi, AdaBelief and LAMB, following each paper's algorithm and its authors' reference code. */
final class RecentMethods {

    private RecentMethods() {
    }

    public static final class Lion extends BuiltinProvider {
        public Lion() {
            super("lion", "Lion", "Steps by the sign of an interpolated momentum: every coordinate moves by lr.",
                    new Citation("X. Chen, C. Liang, D. Huang, E. Real, K. Wang, Y. Liu, H. Pham, X. Dong, T. Luong, "
                            + "C.-J. Hsieh, Y. Lu, Q. V. Le", 2023, "Symbolic Discovery of Optimization Algorithms",
                            "https://arxiv.org/abs/2302.06675"),
                    lr(1e-4), beta1(0.9), HyperParameter.real("beta2", 0.99, Range.UNIT_HALF_OPEN,
                            "decay rate of the momentum kept between steps"),
                    Terms.decoupledWeightDecay(0));
        }

        /** p = p (1 - lr wd); p = p - lr sign(beta1 m + (1-beta1) g); m = beta2 m + (1-beta2) g. */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            decoupledDecay(b);
            Expr p = b.parameter();
            Expr g = b.gradient();
            Expr m = b.state("exp_avg");
            Expr beta1 = b.hyper("beta1");
            Expr direction = m.times(beta1).plus(beta1.complement().times(g)).sign();
            b.assign(p, p.plus(b.hyper("lr").neg().times(direction)));
            ema(b, m, g, b.hyper("beta2"));
        }
    }

    public static final class Yogi extends BuiltinProvider {
        public Yogi() {
            super("yogi", "Yogi", "Adam whose second moment moves additively, by sign(v - g^2) g^2, never by leaps.",
                    new Citation("M. Zaheer, S. Reddi, D. Sachan, S. Kale, S. Kumar", 2018,
                            "Adaptive Methods for Nonconvex Optimization",
                            "https://papers.nips.cc/paper/8186-adaptive-methods-for-nonconvex-optimization"),
                    lr(1e-2), beta1(0.9), beta2(0.999), eps(1e-3),
                    HyperParameter.real("initial_accumulator_value", 1e-6, Range.NON_NEGATIVE,
                            "starting value of the second moment v"),
                    weightDecay(0));
        }

        /**
         * m = beta1 m + (1-beta1) d; v = v - (1-beta2) sign(v - d^2) d^2;
         * p = p - lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps).
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = l2(b);
            Expr m = b.state("exp_avg");
            Expr v = b.state("exp_avg_sq", b.hyper("initial_accumulator_value"));
            ema(b, m, d, b.hyper("beta1"));
            Expr square = b.let("d_squared", d.times(d));
            b.assign(v, v.plus(b.hyper("beta2").complement().neg().times(v.minus(square).sign()).times(square)));
            Expr denom = v.sqrt().div(biasCorrection(b, b.hyper("beta2")).sqrt()).plus(b.hyper("eps"));
            addcdiv(b, b.hyper("lr").div(biasCorrection(b, b.hyper("beta1"))).neg(), m, denom);
        }
    }

    public static final class AdaBelief extends BuiltinProvider {
        public AdaBelief() {
            super("adabelief", "AdaBelief", "Adam whose denominator tracks the variance of g around its average.",
                    new Citation("J. Zhuang, T. Tang, Y. Ding, S. Tatikonda, N. Dvornek, X. Papademetris, J. Duncan",
                            2020, "AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients",
                            "https://arxiv.org/abs/2010.07468"),
                    lr(1e-3), beta1(0.9), beta2(0.999), eps(1e-16), weightDecay(0),
                    HyperParameter.flag("decoupled_weight_decay", true,
                            "apply weight decay to the weights directly (the authors' weight_decouple)"),
                    HyperParameter.flag("amsgrad", false, "use the maximum of past variances"));
        }

        /**
         * m = beta1 m + (1-beta1) d; s = beta2 s + (1-beta2) (d - m)^2 + eps (smax with amsgrad);
         * p = p - lr / bc1 * m / (sqrt(s) / sqrt(bc2) + eps).
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = AdamFamily.decayedGradient(b, h, "decoupled_weight_decay");
            Expr m = b.state("exp_avg");
            Expr s = b.state("exp_avg_var");
            Expr eps = b.hyper("eps");
            ema(b, m, d, b.hyper("beta1"));
            Expr residual = b.let("residual", d.minus(m));
            Expr beta2 = b.hyper("beta2");
            b.assign(s, s.times(beta2).plus(beta2.complement().times(residual).times(residual)).plus(eps));
            if (h.flag("amsgrad")) {
                s = runningMax(b, "max_exp_avg_var", s);
            }
            Expr denom = s.sqrt().div(biasCorrection(b, beta2).sqrt()).plus(eps);
            addcdiv(b, b.hyper("lr").div(biasCorrection(b, b.hyper("beta1"))).neg(), m, denom);
        }
    }

    public static final class Lamb extends BuiltinProvider {
        public Lamb() {
            super("lamb", "LAMB", "Adam's step (plus weight decay) rescaled per tensor by ||w|| / ||step||.",
                    new Citation("Y. You, J. Li, S. Reddi, J. Hseu, S. Kumar, S. Bhojanapalli, X. Song, J. Demmel, "
                            + "K. Keutzer, C.-J. Hsieh", 2020,
                            "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes",
                            "https://arxiv.org/abs/1904.00962"),
                    lr(1e-3), beta1(0.9), beta2(0.999), eps(1e-6),
                    HyperParameter.real("weight_decay", 0, Range.NON_NEGATIVE,
                            "weight_decay * w is added to the Adam step before the trust ratio"),
                    HyperParameter.flag("debias", true, "bias-correct the moments, as the paper's Algorithm 2"));
        }

        /**
         * Pass 1: m, v as Adam; r = m_hat / (sqrt(v_hat) + eps) + wd p; sums of squares of p and r. Pass 2:
         * trust = ||p|| / ||r|| (1 when either is 0); p = p - lr trust r.
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr p = b.parameter();
            Expr g = b.gradient();
            Expr m = b.state("exp_avg");
            Expr v = b.state("exp_avg_sq");
            ema(b, m, g, b.hyper("beta1"));
            emaOfSquare(b, v, g, b.hyper("beta2"));
            Expr mHat = h.flag("debias") ? m.div(biasCorrection(b, b.hyper("beta1"))) : m;
            Expr vHat = h.flag("debias") ? v.div(biasCorrection(b, b.hyper("beta2"))) : v;
            Expr r = mHat.div(vHat.sqrt().plus(b.hyper("eps")));
            if (!b.isOff("weight_decay")) {
                r = r.plus(b.hyper("weight_decay").times(p));
            }
            Expr weightNorm = b.sumOfSquares("weight_norm_sq", p).sqrt();
            Expr stepNorm = b.sumOfSquares("step_norm_sq", r).sqrt();
            b.nextPhase();
            Expr one = Expr.constant(1);
            Expr trust = Expr.select(weightNorm, Expr.select(stepNorm, weightNorm.div(stepNorm), one), one);
            b.assign(p, p.plus(b.hyper("lr").times(trust).neg().times(r)));
        }
    }
}
