package org.optlab.optimizers.schedule;

import java.util.Arrays;
import java.util.List;

import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.Range;

/**
 * The built-in schedules, each checked when built: a bad argument throws IllegalArgumentException naming the
 * schedule, the argument, its value and the valid range. {@code base} is the rate at step 0 (PyTorch's initial lr).
 */
public final class Schedules {

    private Schedules() {
    }

    private static final Range STEPS = new Range(1, true, Double.POSITIVE_INFINITY, false);
    /** Step counts where 0 means "the whole run". */
    private static final Range STEPS_OR_RUN = new Range(0, true, Double.POSITIVE_INFINITY, false);
    /** Counts of evaluations (patience, cooldown): 0 allowed. */
    private static final Range COUNT = new Range(0, true, Double.POSITIVE_INFINITY, false);
    private static final Range DECAY = new Range(0, false, 1, true);

    private static final List<ScheduleDescriptor> DESCRIPTORS = List.of(
            new ScheduleDescriptor("constant", "Constant", "The optimizer's lr at every step.", List.of(),
                    (base, total, p) -> constant(base)),
            new ScheduleDescriptor("step", "Step decay", "lr * gamma^floor(step / step_size) (PyTorch StepLR).",
                    List.of(HyperParameter.integer("step_size", 30, STEPS, "steps between decays"),
                            HyperParameter.real("gamma", 0.1, DECAY, "multiplicative decay")),
                    (base, total, p) -> step(base, p.integer("step_size"), p.real("gamma"))),
            new ScheduleDescriptor("multistep", "Multi-step decay",
                    "lr * gamma^(milestones passed) (PyTorch MultiStepLR).",
                    List.of(HyperParameter.integerList("milestones", List.of(30L, 80L), STEPS,
                            "steps at which to decay, increasing"),
                            HyperParameter.real("gamma", 0.1, DECAY, "multiplicative decay")),
                    (base, total, p) -> multiStep(base, p.integers("milestones"), p.real("gamma"))),
            new ScheduleDescriptor("exponential", "Exponential decay", "lr * gamma^step (PyTorch ExponentialLR).",
                    List.of(HyperParameter.real("gamma", 0.99, DECAY, "multiplicative decay per step")),
                    (base, total, p) -> exponential(base, p.real("gamma"))),
            new ScheduleDescriptor("polynomial", "Polynomial decay",
                    "lr * (1 - step / total_iters)^power, then 0 (PyTorch PolynomialLR).",
                    List.of(HyperParameter.integer("total_iters", 0, STEPS_OR_RUN, "steps to reach 0 (0: the run)"),
                            HyperParameter.real("power", 1.0, Range.POSITIVE, "exponent")),
                    (base, total, p) -> polynomial(base, orRun(p.integer("total_iters"), total), p.real("power"))),
            new ScheduleDescriptor("linear", "Linear", "Factor from start_factor to end_factor (PyTorch LinearLR).",
                    List.of(HyperParameter.real("start_factor", 1.0 / 3, new Range(0, false, 1, true), "first factor"),
                            HyperParameter.real("end_factor", 1.0, new Range(0, true, 1, true), "last factor"),
                            HyperParameter.integer("total_iters", 5, STEPS, "steps from first to last factor")),
                    (base, total, p) -> linear(base, p.real("start_factor"), p.real("end_factor"),
                            p.integer("total_iters"))),
            new ScheduleDescriptor("cosine", "Cosine annealing",
                    "Half a cosine from lr down to eta_min over T_max steps (PyTorch CosineAnnealingLR).",
                    List.of(HyperParameter.integer("T_max", 0, STEPS_OR_RUN, "steps of the half period (0: the run)"),
                            HyperParameter.real("eta_min", 0.0, Range.NON_NEGATIVE, "lowest rate")),
                    (base, total, p) -> cosine(base, orRun(p.integer("T_max"), total), p.real("eta_min"))),
            new ScheduleDescriptor("cosine_warm_restarts", "Cosine with warm restarts",
                    "Cosine annealing restarted every T_0 * T_mult^i steps (PyTorch CosineAnnealingWarmRestarts, SGDR).",
                    List.of(HyperParameter.integer("T_0", 10, STEPS, "steps of the first period"),
                            HyperParameter.integer("T_mult", 1, STEPS, "period growth factor"),
                            HyperParameter.real("eta_min", 0.0, Range.NON_NEGATIVE, "lowest rate")),
                    (base, total, p) -> cosineWarmRestarts(base, p.integer("T_0"), p.integer("T_mult"),
                            p.real("eta_min"))),
            new ScheduleDescriptor("warmup", "Linear warm-up",
                    "From start_factor * lr up to lr over warmup_steps, then lr.",
                    List.of(HyperParameter.integer("warmup_steps", 5, STEPS, "steps of the warm-up"),
                            HyperParameter.real("start_factor", 0.0, new Range(0, true, 1, true), "first factor")),
                    (base, total, p) -> warmup(p.integer("warmup_steps"), p.real("start_factor"), constant(base))),
            new ScheduleDescriptor("one_cycle", "One cycle",
                    "Up from lr / div_factor to lr, then down to lr / div_factor / final_div_factor (PyTorch OneCycleLR).",
                    List.of(HyperParameter.integer("total_steps", 0, STEPS_OR_RUN, "length of the cycle (0: the run)"),
                            HyperParameter.real("pct_start", 0.3, new Range(0, false, 1, false), "share spent rising"),
                            HyperParameter.real("div_factor", 25.0, new Range(1, true, Double.POSITIVE_INFINITY, false),
                                    "lr / initial rate"),
                            HyperParameter.real("final_div_factor", 1e4,
                                    new Range(1, true, Double.POSITIVE_INFINITY, false), "initial rate / final rate")),
                    (base, total, p) -> oneCycle(base, orRun(p.integer("total_steps"), total), p.real("pct_start"),
                            p.real("div_factor"), p.real("final_div_factor"))),
            new ScheduleDescriptor("cyclic", "Cyclic (triangular)",
                    "Between lr and max_lr and back, step_size_up steps each way (PyTorch CyclicLR, triangular).",
                    List.of(HyperParameter.real("max_lr", 0.01, Range.NON_NEGATIVE, "upper rate (>= lr)"),
                            HyperParameter.integer("step_size_up", 2000, STEPS, "steps from lr to max_lr")),
                    (base, total, p) -> cyclic(base, p.real("max_lr"), p.integer("step_size_up"))),
            new ScheduleDescriptor("reduce_on_plateau", "Reduce on plateau",
                    "lr * factor when the test loss stops improving (PyTorch ReduceLROnPlateau, mode min).",
                    List.of(HyperParameter.real("factor", 0.1, new Range(0, true, 1, false), "decay on a plateau"),
                            HyperParameter.integer("patience", 10, COUNT, "evaluations to wait"),
                            HyperParameter.real("threshold", 1e-4, new Range(0, true, 1, false),
                                    "relative improvement that counts"),
                            HyperParameter.integer("cooldown", 0, COUNT, "evaluations to rest after a decay"),
                            HyperParameter.real("min_lr", 0.0, Range.NON_NEGATIVE, "lowest rate")),
                    (base, total, p) -> new ReduceOnPlateau(base, ReduceOnPlateau.Mode.MIN, p.real("factor"),
                            (int) p.integer("patience"), p.real("threshold"), (int) p.integer("cooldown"),
                            p.real("min_lr"))),
            new ScheduleDescriptor("inverse_sqrt", "Inverse square root",
                    "Linear warm-up to lr, then lr * sqrt(warmup_steps / step) (Transformer-style).",
                    List.of(HyperParameter.integer("warmup_steps", 100, STEPS, "steps of the warm-up")),
                    (base, total, p) -> inverseSqrt(base, p.integer("warmup_steps"))));

    /** The built-in schedules, in the order lists show them. */
    public static List<ScheduleDescriptor> descriptors() {
        return DESCRIPTORS;
    }

    /** The built-in schedule {@code id}, or an IllegalArgumentException listing the known ids. */
    public static ScheduleDescriptor descriptor(String id) {
        return DESCRIPTORS.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown schedule '" + id + "'; known: "
                        + DESCRIPTORS.stream().map(ScheduleDescriptor::id).toList()));
    }

    /** A step count given as 0 means the whole run. */
    private static long orRun(long steps, long totalSteps) {
        return steps == 0 ? totalSteps : steps;
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
