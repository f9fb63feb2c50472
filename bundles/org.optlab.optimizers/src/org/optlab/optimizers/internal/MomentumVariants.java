package org.optlab.optimizers.internal;

import static org.optlab.optimizers.internal.Terms.UNIT_CLOSED;
import static org.optlab.optimizers.internal.Terms.addcdiv;
import static org.optlab.optimizers.internal.Terms.beta1;
import static org.optlab.optimizers.internal.Terms.beta2;
import static org.optlab.optimizers.internal.Terms.ema;
import static org.optlab.optimizers.internal.Terms.eps;
import static org.optlab.optimizers.internal.Terms.l2;
import static org.optlab.optimizers.internal.Terms.lr;
import static org.optlab.optimizers.internal.Terms.weightDecay;

import java.util.List;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/** Momentum with several or mixed averages: AggMo, QHM and QHAdam (following the authors' reference code). */
final class MomentumVariants {

    private MomentumVariants() {
    }

    private static final Citation MA_YARATS = new Citation("J. Ma, D. Yarats", 2019,
            "Quasi-hyperbolic momentum and Adam for deep learning", "https://arxiv.org/abs/1810.06801");

    public static final class AggMo extends BuiltinProvider {
        public AggMo() {
            super("aggmo", "AggMo", "Averages several momentum buffers with different decay rates (passive damping).",
                    new Citation("J. Lucas, S. Sun, R. Zemel, R. Grosse", 2019,
                            "Aggregated Momentum: Stability Through Passive Damping", "https://arxiv.org/abs/1804.00325"),
                    lr(0.1), HyperParameter.realList("betas", List.of(0.0, 0.9, 0.99), Range.UNIT_HALF_OPEN,
                            "decay rates of the momentum buffers, one buffer each"),
                    weightDecay(0));
        }

        /**
         * d = g + wd p from the parameter before the step, then for each beta_i in order: buf_i = beta_i buf_i + d;
         * p = p - lr / K * buf_i.
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            double[] betas = h.reals("betas");
            Expr d = b.let("d_p", l2(b));
            Expr p = b.parameter();
            Expr share = b.hyper("lr").div(betas.length);
            for (int i = 0; i < betas.length; i++) {
                Expr buf = b.state("momentum_buffer_" + i);
                b.assign(buf, buf.times(betas[i]).plus(d));
                b.assign(p, p.minus(share.times(buf)));
            }
        }

        @Override
        public void validate(HyperParameters h) {
            if (h.reals("betas").length == 0) {
                throw new InvalidHyperParameterException(h.ownerId(), "betas", List.of(),
                        "a non-empty list of numbers in " + Range.UNIT_HALF_OPEN);
            }
        }
    }

    public static final class Qhm extends BuiltinProvider {
        public Qhm() {
            super("qhm", "QHM", "Steps by a weighted mix (nu) of the plain gradient and the momentum buffer.",
                    MA_YARATS, lr(1e-3),
                    HyperParameter.real("momentum", 0.999, Range.UNIT_HALF_OPEN, "decay rate of the momentum buffer"),
                    HyperParameter.real("nu", 0.7, UNIT_CLOSED, "weight of the momentum buffer in the step"),
                    weightDecay(0));
        }

        /** d = g + wd p (before the step); buf = beta buf + (1-beta) d; p = p - lr nu buf; p = p - lr (1-nu) d. */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = b.let("d_p", l2(b));
            Expr p = b.parameter();
            Expr lr = b.hyper("lr");
            Expr nu = b.hyper("nu");
            Expr buf = b.state("momentum_buffer");
            ema(b, buf, d, b.hyper("momentum"));
            b.assign(p, p.plus(lr.times(nu).neg().times(buf)));
            b.assign(p, p.plus(lr.times(nu.complement()).neg().times(d)));
        }
    }

    public static final class QhAdam extends BuiltinProvider {
        public QhAdam() {
            super("qhadam", "QHAdam", "Adam whose numerator and denominator mix the averages with the raw gradient.",
                    MA_YARATS, lr(1e-3), beta1(0.9), beta2(0.999),
                    HyperParameter.real("nu1", 0.7, UNIT_CLOSED, "weight of the first-moment average in the step"),
                    HyperParameter.real("nu2", 1.0, UNIT_CLOSED, "weight of the second-moment average in the step"),
                    eps(1e-8), weightDecay(0));
        }

        /**
         * w_i = 1 + beta_i w_i (w_i = sum of beta_i^k, k < t); a_i = 1 - 1 / w_i; m = a1 m + (1-a1) d;
         * v = a2 v + (1-a2) d^2; p = p - lr (nu1 m + (1-nu1) d) / (sqrt(nu2 v + (1-nu2) d^2) + eps).
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = l2(b);
            Expr w1 = b.scalarState("beta1_weight", 0);
            Expr w2 = b.scalarState("beta2_weight", 0);
            b.assign(w1, b.hyper("beta1").times(w1).plus(1));
            b.assign(w2, b.hyper("beta2").times(w2).plus(1));
            Expr a1 = Expr.constant(1).div(w1).complement();
            Expr a2 = Expr.constant(1).div(w2).complement();
            Expr m = b.state("exp_avg");
            Expr v = b.state("exp_avg_sq");
            Expr square = b.let("d_squared", d.times(d));
            ema(b, m, d, a1);
            ema(b, v, square, a2);
            Expr nu1 = b.hyper("nu1");
            Expr nu2 = b.hyper("nu2");
            Expr average = m.times(nu1).plus(nu1.complement().times(d));
            Expr rms = v.times(nu2).plus(nu2.complement().times(square)).sqrt().plus(b.hyper("eps"));
            addcdiv(b, b.hyper("lr").neg(), average, rms);
        }
    }
}
