package org.optlab.optimizers.schedule;

/**
 * PyTorch ReduceLROnPlateau (relative threshold): after more than {@code patience} evaluations without a relative
 * improvement of at least {@code threshold}, the rate is multiplied by {@code factor} (not below {@code minLr}), then
 * {@code cooldown} evaluations pass before bad ones count again. Unlike {@link Schedule}s it depends on the observed
 * metric, so it is stateful: call {@link #observe(double)} once per evaluation; {@link #at(long)} answers the current
 * rate whatever the step.
 */
public final class ReduceOnPlateau implements Schedule {

    /** Whether lower ({@code MIN}, a loss) or higher ({@code MAX}, an accuracy) metric values are better. */
    public enum Mode {
        MIN, MAX
    }

    /** Changes smaller than this are ignored, as in PyTorch. */
    private static final double EPS = 1e-8;

    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minLr;

    private double rate;
    private double best;
    private int badEvaluations;
    private int cooldownLeft;

    public ReduceOnPlateau(double base, Mode mode, double factor, int patience, double threshold, int cooldown,
            double minLr) {
        Schedules.check("reduce_on_plateau", "base", base, base >= 0 && Double.isFinite(base), "[0, inf)");
        Schedules.check("reduce_on_plateau", "factor", factor, factor >= 0 && factor < 1, "[0, 1)");
        Schedules.check("reduce_on_plateau", "patience", patience, patience >= 0, "[0, inf)");
        Schedules.check("reduce_on_plateau", "threshold", threshold, threshold >= 0 && threshold < 1, "[0, 1)");
        Schedules.check("reduce_on_plateau", "cooldown", cooldown, cooldown >= 0, "[0, inf)");
        Schedules.check("reduce_on_plateau", "min_lr", minLr, minLr >= 0 && minLr <= base, "[0, base]");
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.rate = base;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private ReduceOnPlateau(ReduceOnPlateau other) {
        this.mode = other.mode;
        this.factor = other.factor;
        this.patience = other.patience;
        this.threshold = other.threshold;
        this.cooldown = other.cooldown;
        this.minLr = other.minLr;
        this.rate = other.rate;
        this.best = other.best;
        this.badEvaluations = other.badEvaluations;
        this.cooldownLeft = other.cooldownLeft;
    }

    /** PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4, cooldown 0, min_lr 0. */
    public static ReduceOnPlateau withDefaults(double base) {
        return new ReduceOnPlateau(base, Mode.MIN, 0.1, 10, 1e-4, 0, 0);
    }

    /** Records one evaluation of the metric and returns the rate to use from now on. */
    public double observe(double metric) {
        if (isBetter(metric)) {
            best = metric;
            badEvaluations = 0;
        } else {
            badEvaluations++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEvaluations = 0;
        }
        if (badEvaluations > patience) {
            double reduced = Math.max(rate * factor, minLr);
            if (rate - reduced > EPS) {
                rate = reduced;
            }
            cooldownLeft = cooldown;
            badEvaluations = 0;
        }
        return rate;
    }

    /** A copy with the same settings and the same state (rate, best metric, counts), stepping on independently. */
    @Override
    public ReduceOnPlateau copy() {
        return new ReduceOnPlateau(this);
    }

    /** The current rate. */
    public double rate() {
        return rate;
    }

    /** The current rate: this schedule moves with observations, not with steps. */
    @Override
    public double at(long step) {
        return rate;
    }

    private boolean isBetter(double metric) {
        return mode == Mode.MIN ? metric < best * (1 - threshold) : metric > best * (1 + threshold);
    }
}
