package org.optlab.optimizers.internal;

import static org.optlab.optimizers.internal.Terms.l2;
import static org.optlab.optimizers.internal.Terms.lr;
import static org.optlab.optimizers.internal.Terms.weightDecay;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/**
 * {@code torch.optim.SGD} under three ids that differ only in defaults: {@code sgd} (no momentum), {@code momentum}
 * (heavy ball, 0.9) and {@code nesterov} (Nesterov momentum, 0.9).
 */
final class SgdFamily {

    private SgdFamily() {
    }

    abstract static class Base extends BuiltinProvider {
        Base(String id, String name, String summary, Citation citation, double momentum, boolean nesterov) {
            super(id, name, summary, citation, lr(1e-3),
                    HyperParameter.real("momentum", momentum, Range.NON_NEGATIVE, "momentum factor"),
                    HyperParameter.real("dampening", 0, Range.NON_NEGATIVE,
                            "dampening of the gradient added to the momentum buffer"),
                    weightDecay(0),
                    HyperParameter.flag("nesterov", nesterov, "use Nesterov momentum (Sutskever et al. form)"));
        }

        @Override
        public void validate(HyperParameters h) {
            if (h.flag("nesterov") && (h.real("momentum") <= 0 || h.real("dampening") != 0)) {
                throw new InvalidHyperParameterException(h.ownerId(), "nesterov", true,
                        "false unless momentum > 0 and dampening = 0 (momentum = " + h.real("momentum")
                                + ", dampening = " + h.real("dampening") + ")");
            }
        }

        /**
         * d = g + wd p; buf = d on step 1, then buf = momentum buf + (1 - dampening) d; d = buf, or d + momentum buf
         * with Nesterov; p = p - lr d.
         */
        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            Expr p = b.parameter();
            Expr d = l2(b);
            if (!b.isOff("momentum")) {
                Expr momentum = b.hyper("momentum");
                Expr later = b.step().minus(1);
                Expr buf = b.state("momentum_buffer");
                Expr keep = Expr.select(later, momentum, Expr.constant(0));
                Expr add = Expr.select(later, b.hyper("dampening").complement(), Expr.constant(1));
                b.assign(buf, buf.times(keep).plus(add.times(d)));
                d = h.flag("nesterov") ? d.plus(momentum.times(buf)) : buf;
            }
            b.assign(p, p.plus(b.hyper("lr").neg().times(d)));
        }
    }

    public static final class Sgd extends Base {
        public Sgd() {
            super("sgd", "SGD", "Steps against the gradient: w <- w - lr * (g + weight_decay * w).",
                    new Citation("H. Robbins, S. Monro", 1951, "A Stochastic Approximation Method",
                            "https://doi.org/10.1214/aoms/1177729586"),
                    0, false);
        }
    }

    public static final class Momentum extends Base {
        public Momentum() {
            super("momentum", "SGD with momentum",
                    "Heavy-ball momentum: a running sum of gradients, decayed by momentum, drives each step.",
                    new Citation("B. T. Polyak", 1964,
                            "Some methods of speeding up the convergence of iteration methods",
                            "https://doi.org/10.1016/0041-5553(64)90137-5"),
                    0.9, false);
        }
    }

    public static final class Nesterov extends Base {
        public Nesterov() {
            super("nesterov", "SGD with Nesterov momentum",
                    "Momentum that looks ahead: each step uses the gradient plus momentum times the new buffer.",
                    new Citation("I. Sutskever, J. Martens, G. Dahl, G. Hinton", 2013,
                            "On the importance of initialization and momentum in deep learning",
                            "https://proceedings.mlr.press/v28/sutskever13.html"),
                    0.9, true);
        }
    }
}
