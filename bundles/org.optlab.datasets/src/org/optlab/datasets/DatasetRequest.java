package org.optlab.datasets;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to load: the seed of synthetic data, the options of the experiment file's {@code dataset} object (all but
 * {@code id}; values as Jackson reads JSON: String, Integer or Long, Double, Boolean; a null value means the
 * default), and the folder where the user keeps full datasets (nullable; one sub-folder per dataset id, e.g.
 * {@code <defaultDirectory>/mnist}). The helpers read an option and throw {@link DatasetException} naming it and
 * what is valid.
 */
public record DatasetRequest(long seed, Map<String, Object> options, Path defaultDirectory) {

    public DatasetRequest {
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Default options, no datasets folder. */
    public DatasetRequest(long seed) {
        this(seed, Map.of(), null);
    }

    /** Rejects an option not in {@code names} (e.g. a misspelt {@code nosie}). */
    public void checkKnown(Set<String> names) {
        for (String name : options.keySet()) {
            if (!names.contains(name)) {
                throw new DatasetException(name, "unknown option '" + name + "'; known: " + new TreeSet<>(names));
            }
        }
    }

    /** A whole number in {@code [min, max]}; {@code 1e3} counts as whole. */
    public int integer(String name, int defaultValue, int min, int max) {
        Object value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            double x = number.doubleValue();
            if (x == Math.rint(x) && x >= min && x <= max) {
                return (int) x;
            }
        }
        throw invalid(name, value, "an integer in [" + min + ", " + max + "]");
    }

    /** A finite number in {@code [min, max]} (either bound may be infinite). */
    public double real(String name, double defaultValue, double min, double max) {
        Object value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            double x = number.doubleValue();
            if (Double.isFinite(x) && x >= min && x <= max) {
                return x;
            }
        }
        throw invalid(name, value, "a number in " + interval(min, max));
    }

    /** A string, one of {@code allowed} when any are given; {@code defaultValue} (may be null) when absent. */
    public String string(String name, String defaultValue, String... allowed) {
        Object value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof String s && (allowed.length == 0 || Arrays.asList(allowed).contains(s))) {
            return s;
        }
        throw invalid(name, value, allowed.length == 0 ? "a string" : "one of " + Arrays.toString(allowed));
    }

    /** A file-system path given as a non-empty string, relative ones against the working directory. */
    public Optional<Path> path(String name) {
        Object value = options.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Optional.of(Path.of(s));
            } catch (InvalidPathException e) {
                throw new DatasetException(name, name + " = " + quoted(value) + " is not a valid path: "
                        + e.getReason(), e);
            }
        }
        throw invalid(name, value, "a path (a non-empty string)");
    }

    private static DatasetException invalid(String name, Object value, String expected) {
        return new DatasetException(name, name + " = " + quoted(value) + " is invalid; expected " + expected);
    }

    private static String quoted(Object value) {
        return value instanceof String ? '"' + (String) value + '"' : String.valueOf(value);
    }

    /** {@code [0, 1]}, {@code [0, inf)}: infinite bounds are open, as in the optimizers' messages. */
    private static String interval(double min, double max) {
        return (min == Double.NEGATIVE_INFINITY ? "(-inf" : "[" + number(min)) + ", "
                + (max == Double.POSITIVE_INFINITY ? "inf)" : number(max) + "]");
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
