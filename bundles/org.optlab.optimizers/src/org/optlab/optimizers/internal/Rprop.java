package org.optlab.optimizers.internal;

import static org.optlab.optimizers.internal.Terms.lr;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/** {@code torch.optim.Rprop}: per-coordinate step sizes that grow while the gradient keeps its sign. */
public final class Rprop extends BuiltinProvider {

    public Rprop() {
        super("rprop", "Rprop", "Moves each coordinate by its own step size, grown or shrunk by the gradient's sign.",
                new Citation("M. Riedmiller, H. Braun", 1993,
                        "A direct adaptive method for faster backpropagation learning: the RPROP algorithm",
                        "https://doi.org/10.1109/ICNN.1993.298623"),
                lr(1e-2), HyperParameter.real("eta_minus", 0.5, new Range(0, false, 1, false),
                        "factor that shrinks a step size when the gradient changes sign (etas[0] in PyTorch)"),
                HyperParameter.real("eta_plus", 1.2, new Range(1, false, Double.POSITIVE_INFINITY, false),
                        "factor that grows a step size while the sign holds (etas[1] in PyTorch)"),
                HyperParameter.real("step_size_min", 1e-6, Range.NON_NEGATIVE,
                        "smallest step size (step_sizes[0] in PyTorch)"),
                HyperParameter.real("step_size_max", 50, Range.NON_NEGATIVE,
                        "largest step size (step_sizes[1] in PyTorch)"));
    }

    @Override
    public void validate(HyperParameters h) {
        if (h.real("step_size_max") < h.real("step_size_min")) {
            throw new InvalidHyperParameterException(h.ownerId(), "step_size_max", h.real("step_size_max"),
                    "a number >= step_size_min = " + h.real("step_size_min"));
        }
    }

    /**
     * s = g prev; step = clamp(step * (eta_plus if s > 0, eta_minus if s < 0, else 1), min, max); g' = 0 where s < 0,
     * else g; p = p - sign(g') step; prev = g'. Step sizes start at lr.
     */
    @Override
    public void define(RuleBuilder b, HyperParameters h) {
        Expr p = b.parameter();
        Expr g = b.gradient();
        Expr prev = b.state("prev");
        Expr stepSize = b.state("step_size", b.hyper("lr"));
        Expr s = b.let("agreement", g.times(prev));
        Expr factor = Expr.select(s, b.hyper("eta_plus"), Expr.select(s.neg(), b.hyper("eta_minus"), Expr.constant(1)));
        b.assign(stepSize, stepSize.times(factor).max(b.hyper("step_size_min")).min(b.hyper("step_size_max")));
        Expr kept = b.let("kept_gradient", Expr.select(s.neg(), Expr.constant(0), g));
        b.assign(p, p.plus(Expr.constant(-1).times(kept.sign()).times(stepSize)));
        b.assign(prev, kept);
    }
}
