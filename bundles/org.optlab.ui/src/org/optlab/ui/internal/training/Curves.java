package org.optlab.ui.internal.training;

import java.util.List;

/** What live charts do to a series before drawing it: pick a column, smooth it, thin it to what the plot can show. */
public final class Curves {

    private Curves() {
    }

    /** Column {@code index} of the rows, times {@code scale}. */
    public static double[] column(List<double[]> rows, int index, double scale) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[index] * scale;
        }
        return values;
    }

    /**
     * An exponential moving average with TensorBoard's debiasing: s_t = f s_(t-1) + (1 - f) y_t, divided by
     * 1 - f^(t+1), so the first points are not pulled towards 0. f = 0 returns the values unchanged; NaNs are kept.
     */
    public static double[] smooth(double[] values, double factor) {
        if (factor <= 0) {
            return values;
        }
        double[] smoothed = new double[values.length];
        double average = 0;
        double weight = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                smoothed[i] = Double.NaN;
                continue;
            }
            average = factor * average + (1 - factor) * values[i];
            weight = factor * weight + (1 - factor);
            smoothed[i] = average / weight;
        }
        return smoothed;
    }

    /**
     * At most {@code points} points: consecutive buckets of the series replaced by their mean x and mean y (a line
     * with more points than pixels only costs time). Returns {x, y}.
     */
    public static double[][] downsample(double[] x, double[] y, int points) {
        if (x.length <= points) {
            return new double[][] { x, y };
        }
        double[] bx = new double[points];
        double[] by = new double[points];
        for (int b = 0; b < points; b++) {
            int from = (int) ((long) x.length * b / points);
            int to = (int) ((long) x.length * (b + 1) / points);
            double sx = 0;
            double sy = 0;
            for (int i = from; i < to; i++) {
                sx += x[i];
                sy += y[i];
            }
            bx[b] = sx / (to - from);
            by[b] = sy / (to - from);
        }
        return new double[][] { bx, by };
    }

    /**
     * The smallest and largest value of each of {@code points} consecutive buckets (the range a downsampled or
     * smoothed line hides), with the buckets' mean x. Returns {x, min, max}; NaNs are skipped.
     */
    public static double[][] band(double[] x, double[] y, int points) {
        int buckets = Math.min(points, x.length);
        double[] bx = new double[buckets];
        double[] low = new double[buckets];
        double[] high = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) x.length * b / buckets);
            int to = (int) ((long) x.length * (b + 1) / buckets);
            double sx = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                sx += x[i];
                if (!Double.isNaN(y[i])) {
                    lo = Math.min(lo, y[i]);
                    hi = Math.max(hi, y[i]);
                }
            }
            bx[b] = sx / (to - from);
            low[b] = lo == Double.POSITIVE_INFINITY ? Double.NaN : lo;
            high[b] = hi == Double.NEGATIVE_INFINITY ? Double.NaN : hi;
        }
        return new double[][] { bx, low, high };
    }
}
