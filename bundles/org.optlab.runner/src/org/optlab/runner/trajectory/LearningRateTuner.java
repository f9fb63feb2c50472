package org.optlab.runner.trajectory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.optlab.core.surface.Surface;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.OptimizerEntry;

/**
 * Picks each optimizer's learning rate for a fair race: the lr that brings the runs from the given starts closest to
 * a minimum after K steps (mean distance to the nearest known minimum; the mean final loss on surfaces without known
 * minima; a diverged run scores infinity). A log grid over [1e-5, 10] at half-decade steps finds the best decade, then
 * a golden-section search on log10(lr) within half a decade on either side refines it.
 */
public final class LearningRateTuner {

    private static final double LOWEST_EXPONENT = -5;
    private static final double HIGHEST_EXPONENT = 1;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    /** The chosen lr and the score it reached (lower is better). */
    public record Choice(double lr, double score) {
    }

    private LearningRateTuner() {
    }

    /**
     * @return the choice, or empty for an optimizer without an {@code lr} hyper-parameter
     */
    public static java.util.Optional<Choice> tune(Surface surface, List<double[]> starts, int steps, OptimizerEntry entry,
            OptimizerRegistry registry) {
        boolean hasLr = registry.descriptor(entry.id()).flatMap(d -> d.hyperParameter("lr")).isPresent();
        if (!hasLr) {
            return java.util.Optional.empty();
        }
        double bestExponent = LOWEST_EXPONENT;
        double bestScore = Double.POSITIVE_INFINITY;
        for (double e = LOWEST_EXPONENT; e <= HIGHEST_EXPONENT + 1e-9; e += 0.5) {
            double score = score(surface, starts, steps, entry, registry, e);
            if (score < bestScore) {
                bestScore = score;
                bestExponent = e;
            }
        }
        double low = bestExponent - 0.5;
        double high = bestExponent + 0.5;
        double x1 = high - GOLDEN * (high - low);
        double x2 = low + GOLDEN * (high - low);
        double f1 = score(surface, starts, steps, entry, registry, x1);
        double f2 = score(surface, starts, steps, entry, registry, x2);
        for (int i = 0; i < 30; i++) {
            if (f1 <= f2) {
                high = x2;
                x2 = x1;
                f2 = f1;
                x1 = high - GOLDEN * (high - low);
                f1 = score(surface, starts, steps, entry, registry, x1);
            } else {
                low = x1;
                x1 = x2;
                f1 = f2;
                x2 = low + GOLDEN * (high - low);
                f2 = score(surface, starts, steps, entry, registry, x2);
            }
        }
        double refinedExponent = f1 <= f2 ? x1 : x2;
        double refinedScore = Math.min(f1, f2);
        return java.util.Optional.of(refinedScore <= bestScore
                ? new Choice(Math.pow(10, refinedExponent), refinedScore)
                : new Choice(Math.pow(10, bestExponent), bestScore));
    }

    private static double score(Surface surface, List<double[]> starts, int steps, OptimizerEntry entry,
            OptimizerRegistry registry, double exponent) {
        Map<String, Object> hyperParameters = new LinkedHashMap<>(entry.hyperParameters());
        hyperParameters.put("lr", Math.pow(10, exponent));
        List<Trajectory> runs = TrajectoryEngine.run(surface, starts, steps, TrajectoryEngine.Noise.NONE,
                List.of(new OptimizerEntry(entry.label(), entry.id(), hyperParameters)), registry, null);
        double total = 0;
        for (Trajectory t : runs) {
            if (t.diverged()) {
                return Double.POSITIVE_INFINITY;
            }
            OptionalDouble distance = surface.minima().stream().mapToDouble(m -> distance(m, t.last())).min();
            total += distance.isPresent() ? distance.getAsDouble() : t.finalLoss();
        }
        double mean = total / runs.size();
        return Double.isFinite(mean) ? mean : Double.POSITIVE_INFINITY;
    }

    private static double distance(double[] a, double[] b) {
        double squares = 0;
        for (int i = 0; i < a.length; i++) {
            squares += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(squares);
    }
}
