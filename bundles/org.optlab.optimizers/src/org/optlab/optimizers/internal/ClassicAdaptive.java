package org.optlab.optimizers.internal;

import static org.optlab.optimizers.internal.Terms.UNIT_CLOSED;
import static org.optlab.optimizers.internal.Terms.addcdiv;
import static org.optlab.optimizers.internal.Terms.emaOfSquare;
import static org.optlab.optimizers.internal.Terms.eps;
import static org.optlab.optimizers.internal.Terms.l2;
import static org.optlab.optimizers.internal.Terms.lerp;
import static org.optlab.optimizers.internal.Terms.lr;
import static org.optlab.optimizers.internal.Terms.weightDecay;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/** Per-coordinate step sizes from squared-gradient statistics: Adagrad, RMSprop, Adadelta (as in torch.optim). */
final class ClassicAdaptive {

    private ClassicAdaptive() {
    }

    public static final class Adagrad extends BuiltinProvider {
        public Adagrad() {
            super("adagrad", "Adagrad", "Divides each coordinate's step by the root of its summed squared gradients.",
                    new Citation("J. Duchi, E. Hazan, Y. Singer", 2011,
                            "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization",
                            "https://jmlr.org/papers/v12/duchi11a.html"),
                    lr(1e-2), HyperParameter.real("lr_decay", 0, Range.NON_NEGATIVE,
                            "the rate becomes lr / (1 + (t - 1) * lr_decay)"),
                    weightDecay(0), HyperParameter.real("initial_accumulator_value", 0, Range.NON_NEGATIVE,
                            "starting value of the sum of squared gradients"),
                    eps(1e-10));
        }

        /** clr = lr / (1 + (t-1) lr_decay); sum = sum + d d; p = p - clr d / (sqrt(sum) + eps). */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr d = l2(b);
            Expr clr = b.hyper("lr").div(b.step().minus(1).times(b.hyper("lr_decay")).plus(1));
            Expr sum = b.state("sum", b.hyper("initial_accumulator_value"));
            b.assign(sum, sum.plus(d.times(d)));
            addcdiv(b, clr.neg(), d, sum.sqrt().plus(b.hyper("eps")));
        }
    }

    public static final class RmsProp extends BuiltinProvider {
        public RmsProp() {
            super("rmsprop", "RMSprop", "Divides the step by a running root-mean-square of recent gradients.",
                    new Citation("G. Hinton, N. Srivastava, K. Swersky", 2012,
                            "Neural Networks for Machine Learning, Lecture 6e",
                            "https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf"),
                    lr(1e-2), HyperParameter.real("alpha", 0.99, UNIT_CLOSED, "smoothing constant"), eps(1e-8),
                    weightDecay(0), HyperParameter.real("momentum", 0, Range.NON_NEGATIVE, "momentum factor"),
                    HyperParameter.flag("centered", false,
                            "normalize by an estimate of the gradient's variance instead of its second moment"));
        }

        /**
         * sq = alpha sq + (1-alpha) d^2; avg = sqrt(sq - ga^2) + eps with ga the running mean of d when centered,
         * else sqrt(sq) + eps; then buf = momentum buf + d / avg and p = p - lr buf, or p = p - lr d / avg.
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr p = b.parameter();
            Expr d = l2(b);
            Expr alpha = b.hyper("alpha");
            Expr sq = b.state("square_avg");
            emaOfSquare(b, sq, d, alpha);
            Expr avg;
            if (h.flag("centered")) {
                Expr ga = b.state("grad_avg");
                lerp(b, ga, d, alpha);
                avg = sq.plus(Expr.constant(-1).times(ga).times(ga)).sqrt();
            } else {
                avg = sq.sqrt();
            }
            avg = b.let("avg", avg.plus(b.hyper("eps")));
            Expr lr = b.hyper("lr");
            if (!b.isOff("momentum")) {
                Expr buf = b.state("momentum_buffer");
                b.assign(buf, buf.times(b.hyper("momentum")).plus(d.div(avg)));
                b.assign(p, p.plus(lr.neg().times(buf)));
            } else {
                addcdiv(b, lr.neg(), d, avg);
            }
        }
    }

    public static final class Adadelta extends BuiltinProvider {
        public Adadelta() {
            super("adadelta", "Adadelta",
                    "Scales each step by the ratio of running RMS of past updates to running RMS of gradients.",
                    new Citation("M. D. Zeiler", 2012, "ADADELTA: An Adaptive Learning Rate Method",
                            "https://arxiv.org/abs/1212.5701"),
                    lr(1.0), HyperParameter.real("rho", 0.9, UNIT_CLOSED,
                            "decay rate of the running averages of squared gradients and updates"),
                    eps(1e-6), weightDecay(0));
        }

        /**
         * sq = rho sq + (1-rho) d^2; delta = sqrt(acc + eps) / sqrt(sq + eps) * d; acc = rho acc + (1-rho) delta^2;
         * p = p - lr delta.
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr p = b.parameter();
            Expr d = l2(b);
            Expr rho = b.hyper("rho");
            Expr eps = b.hyper("eps");
            Expr sq = b.state("square_avg");
            Expr acc = b.state("acc_delta");
            emaOfSquare(b, sq, d, rho);
            Expr delta = b.let("delta", acc.plus(eps).sqrt().div(sq.plus(eps).sqrt()).times(d));
            emaOfSquare(b, acc, delta, rho);
            b.assign(p, p.plus(b.hyper("lr").neg().times(delta)));
        }
    }
}
