package org.optlab.optimizers.internal;

import static org.optlab.optimizers.internal.Terms.addcdiv;
import static org.optlab.optimizers.internal.Terms.beta1;
import static org.optlab.optimizers.internal.Terms.beta2;
import static org.optlab.optimizers.internal.Terms.biasCorrection;
import static org.optlab.optimizers.internal.Terms.decoupledDecay;
import static org.optlab.optimizers.internal.Terms.decoupledWeightDecay;
import static org.optlab.optimizers.internal.Terms.emaOfSquare;
import static org.optlab.optimizers.internal.Terms.eps;
import static org.optlab.optimizers.internal.Terms.l2;
import static org.optlab.optimizers.internal.Terms.lerp;
import static org.optlab.optimizers.internal.Terms.lr;
import static org.optlab.optimizers.internal.Terms.runningMax;
import static org.optlab.optimizers.internal.Terms.weightDecay;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/** Adam and its direct relatives, with torch.optim's defaults and operation order. */
final class AdamFamily {

    private AdamFamily() {
    }

    static final Citation KINGMA_BA = new Citation("D. P. Kingma, J. Ba", 2015,
            "Adam: A Method for Stochastic Optimization", "https://arxiv.org/abs/1412.6980");

    /** The gradient used by the moments: g with L2 decay, or g after decoupled decay was applied to p. */
    static Expr decayedGradient(RuleBuilder b, HyperParameters h, String decoupledFlag) {
        if (h.flag(decoupledFlag)) {
            decoupledDecay(b);
            return b.gradient();
        }
        return l2(b);
    }

    /** Adam, AdamW and AMSGrad share one rule; the ids differ in defaults. */
    abstract static class AdamBase extends BuiltinProvider {
        AdamBase(String id, String name, String summary, Citation citation, double weightDecay, boolean decoupled,
                boolean amsgrad) {
            super(id, name, summary, citation, lr(1e-3), beta1(0.9), beta2(0.999), eps(1e-8),
                    decoupled ? decoupledWeightDecay(weightDecay) : weightDecay(weightDecay),
                    HyperParameter.flag("amsgrad", amsgrad,
                            "use the maximum of past second moments (Reddi et al.)"),
                    HyperParameter.flag("decoupled_weight_decay", decoupled,
                            "apply weight decay to the weights directly, as AdamW, rather than to the gradient"));
        }

        /**
         * m = lerp(m, d, 1-beta1); v = beta2 v + (1-beta2) d^2; (vmax = max(vmax, v) with amsgrad);
         * p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps).
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = decayedGradient(b, h, "decoupled_weight_decay");
            Expr m = b.state("exp_avg");
            Expr v = b.state("exp_avg_sq");
            lerp(b, m, d, b.hyper("beta1"));
            emaOfSquare(b, v, d, b.hyper("beta2"));
            if (h.flag("amsgrad")) {
                v = runningMax(b, "max_exp_avg_sq", v);
            }
            Expr stepSize = b.hyper("lr").div(biasCorrection(b, b.hyper("beta1")));
            Expr denom = v.sqrt().div(biasCorrection(b, b.hyper("beta2")).sqrt()).plus(b.hyper("eps"));
            addcdiv(b, stepSize.neg(), m, denom);
        }
    }

    public static final class Adam extends AdamBase {
        public Adam() {
            super("adam", "Adam", "Steps by bias-corrected running averages of the gradient and its square.",
                    KINGMA_BA, 0, false, false);
        }
    }

    public static final class AdamW extends AdamBase {
        public AdamW() {
            super("adamw", "AdamW", "Adam with weight decay applied to the weights, decoupled from the gradient.",
                    new Citation("I. Loshchilov, F. Hutter", 2019, "Decoupled Weight Decay Regularization",
                            "https://arxiv.org/abs/1711.05101"),
                    1e-2, true, false);
        }
    }

    public static final class AmsGrad extends AdamBase {
        public AmsGrad() {
            super("amsgrad", "AMSGrad", "Adam whose denominator never shrinks: the maximum of past second moments.",
                    new Citation("S. J. Reddi, S. Kale, S. Kumar", 2018, "On the Convergence of Adam and Beyond",
                            "https://openreview.net/forum?id=ryQu7f-RZ"),
                    0, false, true);
        }
    }

    public static final class Adamax extends BuiltinProvider {
        public Adamax() {
            super("adamax", "Adamax", "Adam with the infinity norm: the step is divided by a decayed maximum of |g|.",
                    KINGMA_BA, lr(2e-3), beta1(0.9), beta2(0.999), eps(1e-8), weightDecay(0));
        }

        /** m = lerp(m, d, 1-beta1); u = max(beta2 u, |d| + eps); p = p - lr / (1 - beta1^t) * m / u. */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = l2(b);
            Expr m = b.state("exp_avg");
            Expr u = b.state("exp_inf");
            lerp(b, m, d, b.hyper("beta1"));
            b.assign(u, u.times(b.hyper("beta2")).max(d.abs().plus(b.hyper("eps"))));
            addcdiv(b, b.hyper("lr").div(biasCorrection(b, b.hyper("beta1"))).neg(), m, u);
        }
    }

    public static final class NAdam extends BuiltinProvider {
        public NAdam() {
            super("nadam", "NAdam", "Adam with Nesterov momentum and a warming momentum schedule.",
                    new Citation("T. Dozat", 2016, "Incorporating Nesterov Momentum into Adam",
                            "https://openreview.net/forum?id=OM0jvwB8jIp57ZJjtNEZ"),
                    lr(2e-3), beta1(0.9), beta2(0.999), eps(1e-8), weightDecay(0),
                    HyperParameter.real("momentum_decay", 4e-3, Range.NON_NEGATIVE,
                            "psi: the momentum at step t is beta1 * (1 - 0.5 * 0.96^(t * psi))"),
                    HyperParameter.flag("decoupled_weight_decay", false,
                            "apply weight decay to the weights directly (NAdamW) rather than to the gradient"));
        }

        /**
         * mu_t = beta1 (1 - 0.5 * 0.96^(t psi)); prod = prod * mu_t; m, v as Adam; denom = sqrt(v / bc2) + eps;
         * p = p - lr (1 - mu_t) / (1 - prod) * d / denom - lr mu_(t+1) / (1 - prod mu_(t+1)) * m / denom.
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = decayedGradient(b, h, "decoupled_weight_decay");
            Expr beta1 = b.hyper("beta1");
            Expr psi = b.hyper("momentum_decay");
            Expr t = b.step();
            Expr mu = beta1.times(Expr.constant(0.96).pow(t.times(psi)).times(0.5).complement());
            Expr muNext = beta1.times(Expr.constant(0.96).pow(t.plus(1).times(psi)).times(0.5).complement());
            Expr product = b.scalarState("mu_product", 1.0);
            b.assign(product, product.times(mu));
            Expr m = b.state("exp_avg");
            Expr v = b.state("exp_avg_sq");
            lerp(b, m, d, beta1);
            emaOfSquare(b, v, d, b.hyper("beta2"));
            Expr denom = b.let("denom", v.div(biasCorrection(b, b.hyper("beta2"))).sqrt().plus(b.hyper("eps")));
            Expr lr = b.hyper("lr");
            addcdiv(b, lr.neg().times(mu.complement()).div(product.complement()), d, denom);
            addcdiv(b, lr.neg().times(muNext).div(product.times(muNext).complement()), m, denom);
        }
    }

    public static final class RAdam extends BuiltinProvider {
        public RAdam() {
            super("radam", "RAdam", "Adam with its adaptive step rectified while the variance estimate is unreliable.",
                    new Citation("L. Liu, H. Jiang, P. He, W. Chen, X. Liu, J. Gao, J. Han", 2020,
                            "On the Variance of the Adaptive Learning Rate and Beyond",
                            "https://arxiv.org/abs/1908.03265"),
                    lr(1e-3), beta1(0.9), beta2(0.999), eps(1e-8), weightDecay(0),
                    HyperParameter.flag("decoupled_weight_decay", false,
                            "apply weight decay to the weights directly rather than to the gradient"));
        }

        /**
         * m, v as Adam; m_hat = m / bc1; rho_inf = 2 / (1 - beta2) - 1; rho_t = rho_inf - 2 t beta2^t / bc2. When
         * rho_t > 5: p = p - m_hat lr sqrt(bc2) / (sqrt(v) + eps) * r_t with r_t = sqrt((rho_t - 4)(rho_t - 2) rho_inf
         * / ((rho_inf - 4)(rho_inf - 2) rho_t)); otherwise p = p - m_hat lr (SGD with momentum).
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = decayedGradient(b, h, "decoupled_weight_decay");
            Expr beta2 = b.hyper("beta2");
            Expr t = b.step();
            Expr m = b.state("exp_avg");
            Expr v = b.state("exp_avg_sq");
            lerp(b, m, d, b.hyper("beta1"));
            emaOfSquare(b, v, d, beta2);
            Expr bc2 = biasCorrection(b, beta2);
            Expr mHat = m.div(biasCorrection(b, b.hyper("beta1")));
            Expr rhoInf = Expr.constant(2).div(beta2.complement()).minus(1);
            Expr rhoT = rhoInf.minus(t.times(2).times(beta2.pow(t)).div(bc2));
            Expr rect = rhoT.minus(4).times(rhoT.minus(2)).times(rhoInf)
                    .div(rhoInf.minus(4).times(rhoInf.minus(2)).times(rhoT)).sqrt();
            Expr lr = b.hyper("lr");
            Expr adaptive = bc2.sqrt().div(v.sqrt().plus(b.hyper("eps")));
            Expr update = Expr.select(rhoT.minus(5), mHat.times(lr).times(adaptive).times(rect), mHat.times(lr));
            Expr p = b.parameter();
            b.assign(p, p.minus(update));
        }
    }
}
