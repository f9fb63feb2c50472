package org.optlab.optimizers.internal;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/**
 * Lookahead wraps any optimizer (its rule is included whole): the inner optimizer takes k fast steps, then the
 * slow weights move alpha of the way towards the fast ones and the fast weights restart from there.
 */
public final class Lookahead extends BuiltinProvider {

    public Lookahead() {
        super("lookahead", "Lookahead", "Wraps an optimizer: every k steps, pull back towards slow weights by alpha.",
                new Citation("M. R. Zhang, J. Lucas, G. Hinton, J. Ba", 2019,
                        "Lookahead Optimizer: k steps forward, 1 step back", "https://arxiv.org/abs/1907.08610"),
                HyperParameter.integer("k", 5, new Range(1, true, Double.POSITIVE_INFINITY, false),
                        "fast steps between synchronizations"),
                HyperParameter.real("alpha", 0.5, Terms.UNIT_CLOSED, "slow weights step size"),
                HyperParameter.optimizer("inner", "adam",
                        "the inner optimizer: an id, or an object with id and hyper-parameters"));
    }

    /** The inner rule; then, when t mod k = 0: slow = slow + alpha (p - slow); p = slow. */
    @Override
    public void define(RuleBuilder b, HyperParameters h) {
        b.include(h.ownerId(), "inner", "inner", h.optimizer("inner"));
        Expr t = b.step();
        b.nextPhase(Expr.constant(0.5).minus(t.mod(Expr.constant(h.integer("k")))));
        Expr p = b.parameter();
        Expr slow = b.stateCopyOfParameter("slow_param");
        b.assign(slow, slow.plus(b.hyper("alpha").times(p.minus(slow))));
        b.assign(p, slow);
    }
}
