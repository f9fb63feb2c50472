package org.optlab.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an axis puts its ticks and how it writes numbers: linear ticks at 1, 2 or 5 times a power of ten, log ticks at
 * 1-2-5 in every decade (fewer when space is short), labels in plain decimals while they stay short and in
 * scientific notation otherwise ("2e11", "1.5e-4", "0.01", "250"), and the range an axis shows for its data. Shared
 * by the lab's charts and the headless {@link LineCharts}.
 */
public final class Ticks {

    /** Plain decimals for magnitudes in [1e-3, 1e5); outside, mantissa and exponent. */
    private static final double PLAIN_LOW = 1e-3;
    private static final double PLAIN_HIGH = 1e5;

    private Ticks() {
    }

    /**
     * Ticks in [min, max] at multiples of the smallest step 1, 2 or 5 times a power of ten that gives at most
     * {@code maxCount} of them (at least 2 are asked for).
     */
    public static List<Double> linear(double min, double max, int maxCount) {
        List<Double> ticks = new ArrayList<>();
        if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            return ticks;
        }
        int count = Math.max(2, maxCount);
        double raw = (max - min) / count;
        int exponent = (int) Math.floor(Math.log10(raw));
        double step = Double.NaN;
        for (int e = exponent; Double.isNaN(step); e++) {
            for (int m : new int[] { 1, 2, 5 }) {
                double s = decimal(m, e);
                if (Math.floor(max / s + 1e-9) - Math.ceil(min / s - 1e-9) + 1 <= count) {
                    step = s;
                    break;
                }
            }
        }
        for (long i = (long) Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) {
            ticks.add(clean(i * step, step));
        }
        return ticks;
    }

    /**
     * Ticks in [min, max] (both > 0) for a log axis: 1, 2 and 5 times every power of ten if at most {@code maxCount}
     * fit, else the powers of ten alone, else every second, fifth, tenth... power of ten.
     */
    public static List<Double> log(double min, double max, int maxCount) {
        if (!(min > 0) || !(max > min) || !Double.isFinite(max)) {
            return new ArrayList<>();
        }
        int count = Math.max(2, maxCount);
        int first = (int) Math.floor(Math.log10(min)) - 1;
        int last = (int) Math.ceil(Math.log10(max)) + 1;
        List<Double> dense = new ArrayList<>();
        for (int e = first; e <= last; e++) {
            for (int m : new int[] { 1, 2, 5 }) {
                add(dense, decimal(m, e), min, max);
            }
        }
        if (dense.size() <= count) {
            return dense;
        }
        for (int every : new int[] { 1, 2, 3, 5, 10, 20, 50, 100 }) {
            List<Double> decades = new ArrayList<>();
            for (int e = Math.floorDiv(first, every) * every; e <= last; e += every) {
                add(decades, decimal(1, e), min, max);
            }
            if (decades.size() <= count) {
                return decades;
            }
        }
        return List.of(); // cannot happen for finite doubles (at most ~650 decades)
    }

    private static void add(List<Double> ticks, double v, double min, double max) {
        // a tick exactly at an end counts despite rounding in the range
        if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) {
            ticks.add(v);
        }
    }

    /** m * 10^e as the double nearest to the decimal (so 2e-5 is the same number as the literal 2e-5). */
    private static double decimal(int m, int e) {
        return Double.parseDouble(m + "e" + e);
    }

    /** i * step without the binary noise (0.30000000000000004 becomes 0.3, a near-zero becomes 0). */
    private static double clean(double v, double step) {
        if (Math.abs(v) < Math.abs(step) * 1e-9) {
            return 0;
        }
        return new BigDecimal(v).round(new MathContext(12)).doubleValue();
    }

    /**
     * The labels of an axis' ticks. On a linear axis they share one notation: all scientific when any needs it
     * ("0, 2e-4, 4e-4, 6e-4, 8e-4, 1e-3", not "... 8e-4, 0.001"); on a log axis each is written as it reads best.
     */
    public static List<String> labels(List<Double> ticks, boolean log) {
        boolean scientific = false;
        for (double v : ticks) {
            double magnitude = Math.abs(v);
            scientific |= !log && v != 0 && (magnitude < PLAIN_LOW || magnitude >= PLAIN_HIGH);
        }
        List<String> labels = new ArrayList<>();
        for (double v : ticks) {
            labels.add(scientific ? scientific(v, 3) : format(v));
        }
        return labels;
    }

    /** The value to 3 significant digits, as {@link #format(double, int)} writes it. */
    public static String format(double v) {
        return format(v, 3);
    }

    /**
     * The value to {@code digits} significant digits, trailing zeros dropped: plain decimals for magnitudes in
     * [0.001, 100000) ("0.01", "250", "-1.5"), scientific notation otherwise ("2e11", "1.5e-4"); "0" for zero.
     */
    public static String format(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= PLAIN_LOW && magnitude < PLAIN_HIGH) {
            return rounded.toPlainString();
        }
        return scientific(v, digits);
    }

    /** Mantissa (to {@code digits} significant digits, trailing zeros dropped) and exponent: "2e11"; "0" for zero. */
    private static String scientific(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return format(v, digits);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }

    /**
     * The range an axis shows for data in [min, max]: the data with 5 % to spare on each side (on a log axis, 5 % of
     * the decades), never below zero when the data are not; a single value v gets [0, 1.1 v] (or [1.1 v, 0] when
     * negative; [v / 2, 2 v] on a log axis; [-1, 1] for zero). {@code pad} false gives the data's range as is.
     */
    public static double[] range(double min, double max, boolean log, boolean pad) {
        if (!(min <= max)) {
            return log ? new double[] { 1, 10 } : new double[] { 0, 1 };
        }
        if (min == max) {
            if (log) {
                return new double[] { min / 2, min * 2 };
            }
            if (min == 0) {
                return new double[] { -1, 1 };
            }
            return min > 0 ? new double[] { 0, 1.1 * min } : new double[] { 1.1 * min, 0 };
        }
        if (!pad) {
            return new double[] { min, max };
        }
        if (log) {
            double spare = Math.pow(max / min, 0.05);
            return new double[] { min / spare, max * spare };
        }
        double spare = 0.05 * (max - min);
        double low = min - spare;
        return new double[] { min >= 0 ? Math.max(0, low) : low, max + spare };
    }
}
