package org.optlab.optimizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Describes one hyper-parameter: its PyTorch-style name, kind, default, valid range and a one-line description.
 * Forms, the command line and validation are generated from this record.
 *
 * @param range the valid values of a number, or of each element of a list; ignored for {@link Kind#BOOLEAN}
 */
public record HyperParameter(String name, Kind kind, Object defaultValue, Range range, String description) {

    /** The value types a hyper-parameter can take. */
    public enum Kind {
        REAL, INTEGER, BOOLEAN, REAL_LIST, INTEGER_LIST,
        /** Another optimizer: its id, or an object with {@code id} and hyper-parameters (Lookahead's inner). */
        OPTIMIZER
    }

    public HyperParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (kind != Kind.BOOLEAN && kind != Kind.OPTIMIZER) {
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

    /** A list of integers, each in {@code range} (e.g. milestones). */
    public static HyperParameter integerList(String name, List<Long> defaultValue, Range range, String description) {
        return new HyperParameter(name, Kind.INTEGER_LIST, List.copyOf(defaultValue), range, description);
    }

    /** A list of reals, each in {@code range} (e.g. AggMo's betas). */
    public static HyperParameter realList(String name, List<Double> defaultValue, Range range, String description) {
        return new HyperParameter(name, Kind.REAL_LIST, List.copyOf(defaultValue), range, description);
    }

    /** Another optimizer, given as an id or as an object with {@code id} and hyper-parameters. */
    public static HyperParameter optimizer(String name, String defaultId, String description) {
        return new HyperParameter(name, Kind.OPTIMIZER, Map.of("id", defaultId), null, description);
    }

    /** A boolean flag. */
    public static HyperParameter flag(String name, boolean defaultValue, String description) {
        return new HyperParameter(name, Kind.BOOLEAN, defaultValue, null, description);
    }

    /**
     * Checks {@code value} against this descriptor and returns it in canonical form (Double, Long, Boolean, or an
     * unmodifiable list of Double or Long).
     *
     * @param ownerId the optimizer or schedule, named in the error message
     * @throws InvalidHyperParameterException naming the owner, this parameter, the value and the valid range
     */
    public Object validate(String ownerId, Object value) {
        Object valid = switch (kind) {
            case BOOLEAN -> value instanceof Boolean b ? b : null;
            case INTEGER -> integer(value);
            case REAL -> real(value);
            case INTEGER_LIST -> list(value, this::integer);
            case REAL_LIST -> list(value, this::real);
            case OPTIMIZER -> optimizerSpec(value);
        };
        if (valid == null) {
            throw new InvalidHyperParameterException(ownerId, name, value, validValues());
        }
        return valid;
    }

    private Long integer(Object value) {
        return value instanceof Number n && isWhole(n) && range.contains(n.doubleValue()) ? n.longValue() : null;
    }

    private Double real(Object value) {
        return value instanceof Number n && range.contains(n.doubleValue()) ? n.doubleValue() : null;
    }

    /** An id or a map with a string {@code id}, as an unmodifiable map with {@code id} first; null otherwise. */
    private static Map<String, Object> optimizerSpec(Object value) {
        if (value instanceof String id && id.matches("[a-z][a-z0-9_]*")) {
            return Map.of("id", id);
        }
        if (value instanceof Map<?, ?> map && map.get("id") instanceof String id && id.matches("[a-z][a-z0-9_]*")
                && map.keySet().stream().allMatch(String.class::isInstance)) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("id", id);
            map.forEach((k, v) -> spec.putIfAbsent((String) k, v));
            return Collections.unmodifiableMap(spec);
        }
        return null;
    }

    /** The list with every element converted, or null when it is not a list or an element is invalid. */
    private static List<Object> list(Object value, Function<Object, Object> element) {
        if (!(value instanceof List<?> given)) {
            return null;
        }
        List<Object> converted = new ArrayList<>(given.size());
        for (Object item : given) {
            Object valid = element.apply(item);
            if (valid == null) {
                return null;
            }
            converted.add(valid);
        }
        return List.copyOf(converted);
    }

    /**
     * A value as people write it: reals in the shortest form that reads back exactly, with a lower-case exponent and
     * no ".0" before it ({@code 1e-16}, {@code 5e-4}, {@code 0.001}), lists element by element, the rest as is.
     */
    public static String format(Object value) {
        if (value instanceof Double d) {
            String text = Double.toString(d);
            int e = text.indexOf('E');
            if (e < 0) {
                return text;
            }
            String mantissa = text.substring(0, e);
            return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa) + "e"
                    + text.substring(e + 1);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(HyperParameter::format).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    /** The valid values in words, e.g. {@code a number in [0, inf)}. */
    public String validValues() {
        return switch (kind) {
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer in " + range;
            case REAL -> "a number in " + range;
            case INTEGER_LIST -> "a list of integers in " + range;
            case REAL_LIST -> "a list of numbers in " + range;
            case OPTIMIZER -> "an optimizer id or an object with \"id\" and hyper-parameters";
        };
    }

    private static boolean isWhole(Number n) {
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }
}
