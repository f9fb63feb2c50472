package org.optlab.optimizers.schedule;

import java.util.Arrays;
import java.util.List;

/**
 * The built-in schedules, each checked when built: a bad argument throws IllegalArgumentException naming the
 * schedule, the argument, its value and the valid range. {@code base} is the rate at step 0 (PyTorch's initial lr).
 */
public final class Schedules {

    private Schedules() {
    }

    /** {@code base} at every step. */
    public static Schedule constant(double base) {
        check("constant", "base", base, base >= 0 && Double.isFinite(base), "[0, inf)");
        return step -> base;
    }

    /** PyTorch StepLR: {@code base * gamma^floor(step / stepSize)}. */
    public static Schedule step(double base, long stepSize, double gamma) {
        checkBase("step", base);
        check("step", "step_size", stepSize, stepSize >= 1, "[1, inf)");
        checkGamma("step", gamma);
        return step -> base * Math.pow(gamma, Math.floorDiv(checkStep(step), stepSize));
    }

    /** PyTorch MultiStepLR: {@code base * gamma^(number of milestones <= step)}; milestones strictly increasing. */
    public static Schedule multiStep(double base, long[] milestones, double gamma) {
        checkBase("multistep", base);
        checkGamma("multistep", gamma);
        long[] sorted = milestones.clone();
        for (int i = 0; i < sorted.length; i++) {
            check("multistep", "milestones", Arrays.toString(milestones),
                    sorted[i] >= 1 && (i == 0 || sorted[i] > sorted[i - 1]), "strictly increasing steps >= 1");
        }
        return step -> {
            long t = checkStep(step);
            int passed = 0;
            while (passed < sorted.length && sorted[passed] <= t) {
                passed++;
            }
            return base * Math.pow(gamma, passed);
        };
    }

    /** PyTorch ExponentialLR: {@code base * gamma^step}. */
    public static Schedule exponential(double base, double gamma) {
        checkBase("exponential", base);
        checkGamma("exponential", gamma);
        return step -> base * Math.pow(gamma, checkStep(step));
    }

    /** PyTorch PolynomialLR: {@code base * (1 - min(step, totalIters) / totalIters)^power}. */
    public static Schedule polynomial(double base, long totalIters, double power) {
        checkBase("polynomial", base);
        check("polynomial", "total_iters", totalIters, totalIters >= 1, "[1, inf)");
        check("polynomial", "power", power, power > 0 && Double.isFinite(power), "(0, inf)");
        return step -> base * Math.pow(1 - (double) Math.min(checkStep(step), totalIters) / totalIters, power);
    }

    /**
     * PyTorch LinearLR: the factor goes linearly from {@code startFactor} to {@code endFactor} over {@code totalIters}
     * steps and stays there: {@code base * (s + (e - s) * min(step, totalIters) / totalIters)}.
     */
    public static Schedule linear(double base, double startFactor, double endFactor, long totalIters) {
        checkBase("linear", base);
        check("linear", "start_factor", startFactor, startFactor > 0 && startFactor <= 1, "(0, 1]");
        check("linear", "end_factor", endFactor, endFactor >= 0 && endFactor <= 1, "[0, 1]");
        check("linear", "total_iters", totalIters, totalIters >= 1, "[1, inf)");
        return step -> base * (startFactor
                + (endFactor - startFactor) * Math.min(checkStep(step), totalIters) / totalIters);
    }

    /** PyTorch CosineAnnealingLR in closed form: {@code etaMin + (base - etaMin) * (1 + cos(pi * step / tMax)) / 2}. */
    public static Schedule cosine(double base, long tMax, double etaMin) {
        checkBase("cosine", base);
        check("cosine", "T_max", tMax, tMax >= 1, "[1, inf)");
        check("cosine", "eta_min", etaMin, etaMin >= 0 && etaMin <= base, "[0, base]");
        return step -> cosineBetween(base, etaMin, (double) checkStep(step) / tMax);
    }

    /**
     * PyTorch CosineAnnealingWarmRestarts (SGDR): cosine from {@code base} to {@code etaMin} over a period that starts
     * at {@code t0} steps and is multiplied by {@code tMult} after each restart.
     */
    public static Schedule cosineWarmRestarts(double base, long t0, long tMult, double etaMin) {
        checkBase("cosine_warm_restarts", base);
        check("cosine_warm_restarts", "T_0", t0, t0 >= 1, "[1, inf)");
        check("cosine_warm_restarts", "T_mult", tMult, tMult >= 1, "[1, inf)");
        check("cosine_warm_restarts", "eta_min", etaMin, etaMin >= 0 && etaMin <= base, "[0, base]");
        return step -> {
            long t = checkStep(step);
            long period = t0;
            long start = 0;
            while (t >= start + period) {
                start += period;
                period *= tMult;
            }
            return cosineBetween(base, etaMin, (double) (t - start) / period);
        };
    }

    /**
     * Linear warm-up, then {@code after} (shifted to start at step 0 when the warm-up ends): during the first
     * {@code warmupSteps} steps the rate is {@code after.at(0) * (s + (1 - s) * step / warmupSteps)}.
     */
    public static Schedule warmup(long warmupSteps, double startFactor, Schedule after) {
        check("warmup", "warmup_steps", warmupSteps, warmupSteps >= 1, "[1, inf)");
        check("warmup", "start_factor", startFactor, startFactor >= 0 && startFactor <= 1, "[0, 1]");
        return step -> {
            long t = checkStep(step);
            if (t < warmupSteps) {
                return after.at(0) * (startFactor + (1 - startFactor) * t / warmupSteps);
            }
            return after.at(t - warmupSteps);
        };
    }

    /**
     * PyTorch SequentialLR: {@code schedules.get(i)} runs from {@code milestones[i - 1]} (0 for the first) and each
     * starts again at its own step 0. There is one milestone fewer than schedules, strictly increasing.
     */
    public static Schedule sequential(List<Schedule> schedules, long[] milestones) {
        check("sequential", "milestones", Arrays.toString(milestones), milestones.length == schedules.size() - 1
                && !schedules.isEmpty(), "one fewer than the " + schedules.size() + " schedules");
        for (int i = 0; i < milestones.length; i++) {
            check("sequential", "milestones", Arrays.toString(milestones),
                    milestones[i] >= 1 && (i == 0 || milestones[i] > milestones[i - 1]), "strictly increasing steps >= 1");
        }
        List<Schedule> parts = List.copyOf(schedules);
        long[] bounds = milestones.clone();
        return step -> {
            long t = checkStep(step);
            int i = 0;
            while (i < bounds.length && t >= bounds[i]) {
                i++;
            }
            return parts.get(i).at(i == 0 ? t : t - bounds[i - 1]);
        };
    }

    /**
     * PyTorch OneCycleLR (cosine annealing, two phases): from {@code maxLr / divFactor} up to {@code maxLr} at step
     * {@code pctStart * totalSteps - 1}, then down to {@code maxLr / divFactor / finalDivFactor} at step
     * {@code totalSteps - 1}.
     */
    public static Schedule oneCycle(double maxLr, long totalSteps, double pctStart, double divFactor,
            double finalDivFactor) {
        checkBase("one_cycle", maxLr);
        check("one_cycle", "total_steps", totalSteps, totalSteps >= 2, "[2, inf)");
        check("one_cycle", "pct_start", pctStart, pctStart > 0 && pctStart < 1, "(0, 1)");
        check("one_cycle", "div_factor", divFactor, divFactor >= 1 && Double.isFinite(divFactor), "[1, inf)");
        check("one_cycle", "final_div_factor", finalDivFactor, finalDivFactor >= 1 && Double.isFinite(finalDivFactor),
                "[1, inf)");
        double initial = maxLr / divFactor;
        double last = initial / finalDivFactor;
        double peak = pctStart * totalSteps - 1;
        double end = totalSteps - 1;
        check("one_cycle", "pct_start", pctStart, peak > 0 && peak < end, "a value that puts the peak inside (0, "
                + (long) end + ")");
        return step -> {
            double t = Math.min(checkStep(step), totalSteps - 1);
            return t <= peak ? cosineBetween(initial, maxLr, t / peak)
                    : cosineBetween(maxLr, last, (t - peak) / (end - peak));
        };
    }

    /**
     * PyTorch CyclicLR, mode "triangular": from {@code baseLr} up to {@code maxLr} in {@code stepSizeUp} steps and
     * back down in as many, repeated.
     */
    public static Schedule cyclic(double baseLr, double maxLr, long stepSizeUp) {
        checkBase("cyclic", baseLr);
        check("cyclic", "max_lr", maxLr, maxLr >= baseLr && Double.isFinite(maxLr), "[base_lr, inf)");
        check("cyclic", "step_size_up", stepSizeUp, stepSizeUp >= 1, "[1, inf)");
        return step -> {
            long t = checkStep(step);
            long cycle = 1 + t / (2 * stepSizeUp);
            double x = Math.abs((double) t / stepSizeUp - 2 * cycle + 1);
            return baseLr + (maxLr - baseLr) * Math.max(0, 1 - x);
        };
    }

    /**
     * Inverse square root (Transformer-style): linear warm-up to {@code base} over {@code warmupSteps} steps
     * ({@code base * (step + 1) / warmupSteps}), then {@code base * sqrt(warmupSteps / step)}.
     */
    public static Schedule inverseSqrt(double base, long warmupSteps) {
        checkBase("inverse_sqrt", base);
        check("inverse_sqrt", "warmup_steps", warmupSteps, warmupSteps >= 1, "[1, inf)");
        return step -> {
            long t = checkStep(step);
            return t < warmupSteps ? base * (t + 1) / warmupSteps : base * Math.sqrt((double) warmupSteps / t);
        };
    }

    /** {@code to + (from - to) * (1 + cos(pi * fraction)) / 2}: from at fraction 0, to at fraction 1. */
    static double cosineBetween(double from, double to, double fraction) {
        return to + (from - to) * (1 + Math.cos(Math.PI * fraction)) / 2;
    }

    private static long checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("schedule step must be >= 0, got " + step);
        }
        return step;
    }

    private static void checkBase(String schedule, double base) {
        check(schedule, "base", base, base >= 0 && Double.isFinite(base), "[0, inf)");
    }

    private static void checkGamma(String schedule, double gamma) {
        check(schedule, "gamma", gamma, gamma > 0 && gamma <= 1, "(0, 1]");
    }

    static void check(String schedule, String argument, Object value, boolean valid, String range) {
        if (!valid) {
            throw new IllegalArgumentException(schedule + ": " + argument + " = " + value + " is invalid; expected "
                    + range);
        }
    }
}
