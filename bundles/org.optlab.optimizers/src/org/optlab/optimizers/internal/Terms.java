package org.optlab.optimizers.internal;

import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/**
 * Pieces shared by several built-in rules, each written once: hyper-parameter descriptors with PyTorch's names,
 * L2 and decoupled weight decay, moving averages in PyTorch's operation order, bias corrections.
 */
final class Terms {

    static final Range UNIT_CLOSED = new Range(0, true, 1, true);

    private Terms() {
    }

    static HyperParameter lr(double defaultValue) {
        return HyperParameter.real("lr", defaultValue, Range.NON_NEGATIVE, "learning rate");
    }

    static HyperParameter weightDecay(double defaultValue) {
        return HyperParameter.real("weight_decay", defaultValue, Range.NON_NEGATIVE,
                "L2 penalty: weight_decay * w is added to the gradient");
    }

    static HyperParameter decoupledWeightDecay(double defaultValue) {
        return HyperParameter.real("weight_decay", defaultValue, Range.NON_NEGATIVE,
                "decoupled weight decay: w is scaled by (1 - lr * weight_decay) before the update");
    }

    static HyperParameter eps(double defaultValue) {
        return HyperParameter.real("eps", defaultValue, Range.POSITIVE,
                "term added to the denominator for numerical stability");
    }

    static HyperParameter beta1(double defaultValue) {
        return HyperParameter.real("beta1", defaultValue, Range.UNIT_HALF_OPEN,
                "decay rate of the running average of the gradient (betas[0] in PyTorch)");
    }

    static HyperParameter beta2(double defaultValue) {
        return HyperParameter.real("beta2", defaultValue, Range.UNIT_HALF_OPEN,
                "decay rate of the running average of the squared gradient (betas[1] in PyTorch)");
    }

    /** The gradient with L2 weight decay added, {@code g + weight_decay * p} (just {@code g} when it is off). */
    static Expr l2(RuleBuilder b) {
        Expr g = b.gradient();
        return b.isOff("weight_decay") ? g : g.plus(b.parameter().times(b.hyper("weight_decay")));
    }

    /** AdamW-style decay, {@code p <- p * (1 - lr * weight_decay)}, written when it is on. */
    static void decoupledDecay(RuleBuilder b) {
        if (!b.isOff("weight_decay")) {
            Expr p = b.parameter();
            b.assign(p, p.times(b.hyper("lr").times(b.hyper("weight_decay")).complement()));
        }
    }

    /** {@code avg <- avg + (1 - beta) * (x - avg)}: PyTorch's {@code lerp_(x, 1 - beta)}. */
    static void lerp(RuleBuilder b, Expr avg, Expr x, Expr beta) {
        b.assign(avg, avg.plus(beta.complement().times(x.minus(avg))));
    }

    /** {@code avg <- avg * beta + (1 - beta) * x}: PyTorch's {@code mul_(beta).add_(x, alpha=1 - beta)}. */
    static void ema(RuleBuilder b, Expr avg, Expr x, Expr beta) {
        b.assign(avg, avg.times(beta).plus(beta.complement().times(x)));
    }

    /** {@code avg <- avg * beta + (1 - beta) * x * x}: PyTorch's {@code mul_(beta).addcmul_(x, x, value=1 - beta)}. */
    static void emaOfSquare(RuleBuilder b, Expr avg, Expr x, Expr beta) {
        b.assign(avg, avg.times(beta).plus(beta.complement().times(x).times(x)));
    }

    /**
     * AMSGrad's device: a state {@code name} that keeps the elementwise maximum of {@code value} over the steps
     * ({@code max <- max(max, value)}); returns it, to be used in place of {@code value}.
     */
    static Expr runningMax(RuleBuilder b, String name, Expr value) {
        Expr max = b.state(name);
        b.assign(max, max.max(value));
        return max;
    }

    /** {@code 1 - beta^t}. */
    static Expr biasCorrection(RuleBuilder b, Expr beta) {
        return beta.pow(b.step()).complement();
    }

    /** {@code p <- p + value * (num / den)}: PyTorch's {@code addcdiv_}. */
    static void addcdiv(RuleBuilder b, Expr value, Expr num, Expr den) {
        Expr p = b.parameter();
        b.assign(p, p.plus(value.times(num.div(den))));
    }
}
