package org.optlab.optimizers;

/**
 * An interval of valid values for a numeric hyper-parameter, e.g. {@code [0, inf)} or {@code [0, 1)}. NaN is never
 * inside a range.
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {

    /** [0, inf): learning rates, weight decay. */
    public static final Range NON_NEGATIVE = new Range(0, true, Double.POSITIVE_INFINITY, false);
    /** (0, inf): epsilons. */
    public static final Range POSITIVE = new Range(0, false, Double.POSITIVE_INFINITY, false);
    /** [0, 1): momentum coefficients, betas. */
    public static final Range UNIT_HALF_OPEN = new Range(0, true, 1, false);

    public Range {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("invalid range [" + min + ", " + max + "]");
        }
    }

    public boolean contains(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean aboveMin = minInclusive ? value >= min : value > min;
        boolean belowMax = maxInclusive ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    @Override
    public String toString() {
        return (minInclusive ? "[" : "(") + bound(min) + ", " + bound(max) + (maxInclusive ? "]" : ")");
    }

    private static String bound(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
