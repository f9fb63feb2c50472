package org.optlab.runner.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The values a sweep tries for an optimizer's hyper-parameters. Per hyper-parameter: a list of values, a grid
 * {@code {"log": [lo, hi], "points": n}} (evenly spaced exponents: lo * (hi / lo)^(i / (n - 1))) or
 * {@code {"linear": [lo, hi], "points": n}}; or, with a {@code budget} of n points, a range
 * {@code {"loguniform": [lo, hi]}} or {@code {"uniform": [lo, hi]}} (or a list, one value picked) sampled by a
 * Halton sequence (bases 2, 3, 5, ... one per hyper-parameter, in file order, from index 0) shifted by a random offset
 * per dimension drawn from the tuning seed (a Cranley-Patterson rotation): the same seed gives the same points, and the
 * points fill the space more evenly than independent draws (the first b^k points of base b put one point in each of
 * b^k equal intervals, shifted or not).
 */
public final class SearchSpace {

    /** One hyper-parameter's values: a grid ({@code values}) or a range sampled by the budget. */
    sealed interface Axis permits Grid, Range {
    }

    /** Values tried as they are (a list, or the points of a log or linear grid). */
    record Grid(List<Object> values) implements Axis {
    }

    /** A continuous range, sampled uniformly in value or in log value. */
    record Range(double low, double high, boolean log) implements Axis {
        double at(double u) {
            return log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_POINTS = 100_000;
    private static final int[] PRIMES = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53 };

    private final Map<String, Axis> axes;
    private final int budget;

    private SearchSpace(Map<String, Axis> axes, int budget) {
        this.axes = axes;
        this.budget = budget;
    }

    /** The hyper-parameters searched, in file order. */
    public List<String> names() {
        return List.copyOf(axes.keySet());
    }

    /** True for random search (a budget of points), false for a grid. */
    public boolean isRandom() {
        return budget > 0;
    }

    /**
     * Reads {@code search} (an object, or null for no search: one point with nothing set) at {@code field}, with the
     * optimizer's {@code budget} (0: a grid).
     */
    static SearchSpace parse(JsonNode search, String field, int budget) {
        Map<String, Axis> axes = new LinkedHashMap<>();
        if (search != null) {
            if (!search.isObject()) {
                throw ExperimentException.expected(field, search, "an object of hyper-parameter: values");
            }
            if (search.size() > PRIMES.length) {
                throw new ExperimentException(field, "searches " + search.size() + " hyper-parameters; expected at most "
                        + PRIMES.length);
            }
            search.fields().forEachRemaining(e -> axes.put(e.getKey(), axis(e.getValue(), field + "." + e.getKey(),
                    budget > 0)));
        }
        SearchSpace space = new SearchSpace(axes, budget);
        if (budget == 0) {
            long points = 1;
            for (Axis a : axes.values()) {
                points *= ((Grid) a).values().size();
                if (points > MAX_POINTS) {
                    throw new ExperimentException(field, "the grid has more than " + MAX_POINTS
                            + " points; expected fewer (or a \"budget\" for random search)");
                }
            }
        }
        return space;
    }

    private static Axis axis(JsonNode node, String field, boolean random) {
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw ExperimentException.expected(field, node, "a non-empty list of values");
            }
            List<Object> values = new ArrayList<>();
            node.forEach(v -> {
                if (!v.isValueNode() || v.isNull()) {
                    throw ExperimentException.expected(field, node, "a list of numbers, strings or booleans");
                }
                values.add(JSON.convertValue(v, Object.class));
            });
            return new Grid(values);
        }
        if (!node.isObject() || node.size() == 0) {
            throw ExperimentException.expected(field, node, "a list of values, {\"log\": [lo, hi], \"points\": n}, "
                    + "{\"linear\": [lo, hi], \"points\": n}, {\"loguniform\": [lo, hi]} or {\"uniform\": [lo, hi]}");
        }
        // the kind is whichever known key is there, wherever it stands ({"points": 5, "log": [...]} as well)
        String kind = java.util.stream.Stream.of("log", "linear", "loguniform", "uniform").filter(node::has)
                .findFirst().orElse(node.fieldNames().next());
        switch (kind) {
            case "log", "linear" -> {
                if (random) {
                    throw new ExperimentException(field + "." + kind, "a grid in a random search (the optimizer has "
                            + "a \"budget\"); expected {\"" + (kind.equals("log") ? "loguniform" : "uniform")
                            + "\": [lo, hi]} or a list of values");
                }
                ExperimentFields.checkKnown(node, field + ".", java.util.Set.of(kind, "points"));
                double[] bounds = bounds(node.get(kind), field + "." + kind, kind.equals("log"));
                int points = (int) ExperimentFields.wholeNumber(node, "points", field + ".points", -1, 1, MAX_POINTS);
                if (points < 0) {
                    throw ExperimentException.expected(field + ".points", null, "a whole number in [1, " + MAX_POINTS
                            + "]");
                }
                return new Grid(kind.equals("log") ? logGrid(bounds[0], bounds[1], points)
                        : linearGrid(bounds[0], bounds[1], points));
            }
            case "loguniform", "uniform" -> {
                if (!random) {
                    throw new ExperimentException(field + "." + kind, "a random range needs a \"budget\" (the number "
                            + "of points) on the optimizer; expected one, or a grid {\"" + (kind.equals("loguniform")
                                    ? "log" : "linear") + "\": [lo, hi], \"points\": n}");
                }
                ExperimentFields.checkKnown(node, field + ".", java.util.Set.of(kind));
                double[] bounds = bounds(node.get(kind), field + "." + kind, kind.equals("loguniform"));
                return new Range(bounds[0], bounds[1], kind.equals("loguniform"));
            }
            default -> throw new ExperimentException(field + "." + kind, "unknown kind of search; expected one of "
                    + "[linear, log, loguniform, uniform] or a list of values");
        }
    }

    private static double[] bounds(JsonNode node, String field, boolean log) {
        String expected = log ? "[lo, hi] with 0 < lo <= hi" : "[lo, hi] with lo <= hi";
        if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
            throw ExperimentException.expected(field, node, expected);
        }
        double lo = node.get(0).asDouble();
        double hi = node.get(1).asDouble();
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo <= hi) || log && !(lo > 0)) {
            throw ExperimentException.expected(field, node, expected);
        }
        return new double[] { lo, hi };
    }

    /** n points with evenly spaced base-10 exponents from lo to hi (both included; lo alone for n = 1). */
    static List<Object> logGrid(double lo, double hi, int n) {
        List<Object> values = new ArrayList<>(n);
        double a = Math.log10(lo);
        double b = Math.log10(hi);
        for (int i = 0; i < n; i++) {
            // the ends exactly as written; between them 10^(a + i (b - a) / (n - 1)), exact at whole exponents
            values.add(i == 0 ? lo : i == n - 1 ? hi : Math.pow(10, a + i * (b - a) / (n - 1)));
        }
        return values;
    }

    /** n evenly spaced points from lo to hi (both included; lo alone for n = 1). */
    static List<Object> linearGrid(double lo, double hi, int n) {
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(i == 0 ? lo : i == n - 1 ? hi : lo + i * (hi - lo) / (n - 1));
        }
        return values;
    }

    /**
     * Every point of the space, in order: for a grid, the product of the axes with the last hyper-parameter varying
     * fastest (so a grid in one hyper-parameter is its values in order); for random search, the budget's points of the
     * shifted Halton sequence seeded by {@code seed}. Each point maps hyper-parameter names to values.
     */
    public List<Map<String, Object>> points(long seed) {
        List<String> names = names();
        List<Map<String, Object>> points = new ArrayList<>();
        if (budget > 0) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] shift = new double[names.size()];
            for (int d = 0; d < shift.length; d++) {
                shift[d] = random.nextDouble();
            }
            for (int i = 0; i < budget; i++) {
                Map<String, Object> point = new LinkedHashMap<>();
                for (int d = 0; d < names.size(); d++) {
                    double u = halton(i, PRIMES[d]) + shift[d];
                    u -= Math.floor(u);
                    Axis axis = axes.get(names.get(d));
                    point.put(names.get(d), axis instanceof Range r ? r.at(u)
                            : ((Grid) axis).values().get(Math.min(((Grid) axis).values().size() - 1,
                                    (int) (u * ((Grid) axis).values().size()))));
                }
                points.add(point);
            }
            return points;
        }
        int total = 1;
        for (String name : names) {
            total *= ((Grid) axes.get(name)).values().size();
        }
        for (int i = 0; i < total; i++) {
            Map<String, Object> point = new LinkedHashMap<>();
            int rest = i;
            for (int d = names.size() - 1; d >= 0; d--) {
                List<Object> values = ((Grid) axes.get(names.get(d))).values();
                point.put(names.get(d), values.get(rest % values.size()));
                rest /= values.size();
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            names.forEach(n -> ordered.put(n, point.get(n)));
            points.add(ordered);
        }
        return points;
    }

    /** The i-th element (from 0) of the van der Corput sequence in {@code base}: i's digits mirrored after the point. */
    static double halton(int i, int base) {
        double value = 0;
        double fraction = 1.0 / base;
        for (int rest = i; rest > 0; rest /= base) {
            value += (rest % base) * fraction;
            fraction /= base;
        }
        return value;
    }
}
