package org.optlab.optimizers;

import java.util.Objects;

/**
 * Describes one hyper-parameter: its PyTorch-style name, kind, default, valid range and a one-line description.
 * Forms, the command line and validation are generated from this record.
 *
 * @param range the valid values for {@link Kind#REAL} and {@link Kind#INTEGER}; ignored for {@link Kind#BOOLEAN}
 */
public record HyperParameter(String name, Kind kind, Object defaultValue, Range range, String description) {

    /** The value types a hyper-parameter can take. */
    public enum Kind {
        REAL, INTEGER, BOOLEAN
    }

    public HyperParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (kind != Kind.BOOLEAN) {
            Objects.requireNonNull(range, "range of " + name);
        }
    }

    /** A real-valued hyper-parameter. */
    public static HyperParameter real(String name, double defaultValue, Range range, String description) {
        return new HyperParameter(name, Kind.REAL, defaultValue, range, description);
    }

    /** An integer hyper-parameter. */
    public static HyperParameter integer(String name, long defaultValue, Range range, String description) {
        return new HyperParameter(name, Kind.INTEGER, defaultValue, range, description);
    }

    /** A boolean flag. */
    public static HyperParameter flag(String name, boolean defaultValue, String description) {
        return new HyperParameter(name, Kind.BOOLEAN, defaultValue, null, description);
    }

    /**
     * Checks {@code value} against this descriptor and returns it in canonical form (Double, Long or Boolean).
     *
     * @param optimizerId named in the error message
     * @throws InvalidHyperParameterException naming the optimizer, this parameter, the value and the valid range
     */
    public Object validate(String optimizerId, Object value) {
        switch (kind) {
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                throw new InvalidHyperParameterException(optimizerId, name, value, "true or false");
            }
            case INTEGER -> {
                if (value instanceof Number n && isWhole(n) && range.contains(n.doubleValue())) {
                    return n.longValue();
                }
                throw new InvalidHyperParameterException(optimizerId, name, value, "an integer in " + range);
            }
            default -> {
                if (value instanceof Number n && range.contains(n.doubleValue())) {
                    return n.doubleValue();
                }
                throw new InvalidHyperParameterException(optimizerId, name, value, "a number in " + range);
            }
        }
    }

    /** The valid values in words, e.g. {@code a number in [0, inf)}. */
    public String validValues() {
        return switch (kind) {
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer in " + range;
            case REAL -> "a number in " + range;
        };
    }

    private static boolean isWhole(Number n) {
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }
}
