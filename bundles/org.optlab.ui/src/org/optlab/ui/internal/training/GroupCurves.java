package org.optlab.ui.internal.training;

import java.util.ArrayList;
import java.util.List;

import org.optlab.runner.store.SeedGroups;
import org.optlab.ui.internal.Messages;

/**
 * What the Training Charts draw for a group of runs over seeds ({@link SeedGroups}): the mean of its members' curves
 * (each smoothed first, so that the band shows how the seeds differ rather than how noisy a step is) with a band
 * around it, thinned to what the plot can show.
 */
public final class GroupCurves {

    /** The band drawn around a group's mean. */
    public enum Band {
        NONE, STD, MIN_MAX;

        /** How the view names it. */
        public String label() {
            return switch (this) {
                case NONE -> Messages.GroupCurves_none;
                case STD -> Messages.GroupCurves_std;
                case MIN_MAX -> Messages.GroupCurves_minMax;
            };
        }
    }

    /** A curve to draw: x, the mean, and the band's edges (null without a band). */
    public record Curve(double[] x, double[] y, double[] low, double[] high) {
    }

    private GroupCurves() {
    }

    /**
     * The group's train loss against step (times {@code xScale}): the members' losses smoothed with {@code smoothing}
     * and averaged step by step. The band is the mean ± the sample std or the min and max over the members; a group
     * of one run has no spread over seeds, so its min–max band is the raw loss's range within each point of the
     * thinned curve (what smoothing and thinning hide), and it has no std band.
     */
    public static Curve loss(SeedGroups.Group group, double xScale, double smoothing, Band band, int points) {
        List<double[][]> curves = new ArrayList<>();
        double[] rawX = null;
        double[] raw = null;
        for (SeedGroups.Member m : group.members()) {
            List<double[]> steps = m.series().steps;
            if (!steps.isEmpty()) {
                rawX = Curves.column(steps, 0, xScale);
                raw = Curves.column(steps, 1, 1);
                curves.add(new double[][] { rawX, Curves.smooth(raw, smoothing) });
            }
        }
        if (curves.isEmpty()) {
            return null;
        }
        if (curves.size() == 1) {
            double[][] line = Curves.downsample(curves.get(0)[0], curves.get(0)[1], points);
            if (band != Band.MIN_MAX) {
                return new Curve(line[0], line[1], null, null);
            }
            double[][] range = Curves.band(rawX, raw, Math.min(points, rawX.length));
            return new Curve(line[0], line[1], range[1], range[2]);
        }
        return thin(SeedGroups.spread(curves), band, points);
    }

    /** The group's test accuracy at each evaluation (x = step times {@code xScale}), mean and band as for the loss. */
    public static Curve accuracy(SeedGroups.Group group, double xScale, Band band, int points) {
        List<double[][]> curves = new ArrayList<>();
        for (SeedGroups.Member m : group.members()) {
            List<double[]> evaluations = new ArrayList<>(m.series().evaluations);
            evaluations.removeIf(v -> Double.isNaN(v[3]));
            if (!evaluations.isEmpty()) {
                curves.add(new double[][] { Curves.column(evaluations, 0, xScale), Curves.column(evaluations, 3, 1) });
            }
        }
        if (curves.isEmpty()) {
            return null;
        }
        return thin(SeedGroups.spread(curves), curves.size() == 1 ? Band.NONE : band, points);
    }

    private static Curve thin(SeedGroups.Spread s, Band band, int points) {
        double[][] mean = Curves.downsample(s.x(), s.mean(), points);
        if (band == Band.NONE) {
            return new Curve(mean[0], mean[1], null, null);
        }
        int n = s.x().length;
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            low[i] = band == Band.STD ? s.mean()[i] - s.std()[i] : s.min()[i];
            high[i] = band == Band.STD ? s.mean()[i] + s.std()[i] : s.max()[i];
        }
        return new Curve(mean[0], mean[1], Curves.downsample(s.x(), low, points)[1], Curves.downsample(s.x(), high,
                points)[1]);
    }
}
