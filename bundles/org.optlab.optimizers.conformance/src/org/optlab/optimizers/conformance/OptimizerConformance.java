package org.optlab.optimizers.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.optlab.core.Trainable;
import org.optlab.core.VectorParameter;
import org.optlab.optimizers.Citation;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerProvider;
import org.optlab.optimizers.StateDict;

/**
 * The checks every optimizer contributed to OptLab should pass, for plugin authors to run in their own tests:
 *
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicTest&gt; conformance() {
 *     return OptimizerConformance.of(new MyOptimizer())
 *             .configuration("with weight decay", Map.of("weight_decay", 0.01))
 *             .convergence(Map.of("lr", 0.05), 500, 1e-6)
 *             .tests();
 * }
 * </pre>
 *
 * The checks: {@link Check#DESCRIPTOR} (the descriptor is complete and its defaults are valid),
 * {@link Check#DETERMINISM} (the same start and gradients give the same result, bit for bit),
 * {@link Check#STATE_DICT} (a restored optimizer continues in lockstep with the original), {@link Check#CONVERGENCE}
 * (it minimizes a quadratic) and {@link Check#PATH_PARITY} (the execution paths agree, also where parameters and
 * gradients hold inf, -inf and NaN). Each configuration (the defaults, those added, and those of
 * {@link #nonDefaultConfigurations}: every hyper-parameter and flag off its default) is checked on every storage
 * kind.
 */
public final class OptimizerConformance {

    /** What the kit checks. */
    public enum Check {
        DESCRIPTOR, DETERMINISM, STATE_DICT, CONVERGENCE, PATH_PARITY
    }

    /** f(w) = 0.5 sum a_i w_i^2 with these curvatures; the start is all ones. */
    private static final double[] CURVATURES = { 1, 10 };

    private final OptimizerProvider provider;
    private final Map<String, Map<String, ?>> configurations = new LinkedHashMap<>();
    private Function<String, OptimizerProvider> others = id -> null;
    private Map<String, ?> convergenceValues = Map.of();
    private int convergenceSteps = 2000;
    private double convergenceReduction = 1e-3;

    private OptimizerConformance(OptimizerProvider provider) {
        this.provider = provider;
        configurations.put("defaults", Map.of());
    }

    public static OptimizerConformance of(OptimizerProvider provider) {
        return new OptimizerConformance(provider);
    }

    /** Adds a configuration (hyper-parameter values over the defaults) that the checks run too. */
    public OptimizerConformance configuration(String label, Map<String, ?> hyperParameters) {
        configurations.put(label, Map.copyOf(hyperParameters));
        return this;
    }

    /** How wrapper optimizers (such as Lookahead) find the optimizers they include by id. */
    public OptimizerConformance resolving(Function<String, OptimizerProvider> otherProviders) {
        this.others = otherProviders;
        return this;
    }

    /**
     * The convergence check: with these values, {@code steps} steps from (1, 1) on f = 0.5 (w1^2 + 10 w2^2) must
     * bring f down to at most {@code reduction} times its start (defaults: the descriptor's values, 2000 steps,
     * 1e-3).
     */
    public OptimizerConformance convergence(Map<String, ?> hyperParameters, int steps, double reduction) {
        this.convergenceValues = Map.copyOf(hyperParameters);
        this.convergenceSteps = steps;
        this.convergenceReduction = reduction;
        return this;
    }

    /** One dynamic test per check and configuration, named "check [configuration]". */
    public Stream<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        forEachCheck((name, check) -> tests.add(DynamicTest.dynamicTest(name, check::run)));
        return tests.stream();
    }

    /** Runs every check and returns the failures, one line each ("check [configuration]: message"). */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        forEachCheck((name, check) -> {
            try {
                check.run();
            } catch (AssertionError | RuntimeException e) {
                failures.add(name + ": " + e.getMessage());
            }
        });
        return failures;
    }

    private void forEachCheck(java.util.function.BiConsumer<String, Runnable> sink) {
        String id = idForNames();
        sink.accept(id + " " + Check.DESCRIPTOR.name().toLowerCase(), this::checkDescriptor);
        Map<String, Map<String, ?>> all = new LinkedHashMap<>(configurations);
        try {
            nonDefaultConfigurations(provider).forEach(all::putIfAbsent);
        } catch (RuntimeException e) {
            // a broken descriptor: the descriptor check reports it
        }
        all.forEach((label, values) -> {
            // the added non-default configurations run fewer steps of the slow ND4J-ops path
            int paritySteps = configurations.containsKey(label) ? 100 : 10;
            sink.accept(id + " " + name(Check.DETERMINISM, label), () -> checkDeterminism(values));
            sink.accept(id + " " + name(Check.STATE_DICT, label), () -> checkStateDict(values));
            sink.accept(id + " " + name(Check.PATH_PARITY, label), () -> checkPathParity(values, paritySteps));
        });
        sink.accept(id + " " + Check.CONVERGENCE.name().toLowerCase(), this::checkConvergence);
    }

    /**
     * Configurations the kit adds by itself, so that no term of a rule goes unchecked: for each hyper-parameter a
     * value other than its default (a flag flipped, 0 made positive, other numbers halved or moved within their
     * range), one at a time, then all of them together. Those the provider's {@code validate} rejects as a
     * combination (Nesterov without momentum) are left out. Labels read {@code "weight_decay=0.1"}, {@code "all
     * non-default"}.
     */
    public static Map<String, Map<String, ?>> nonDefaultConfigurations(OptimizerProvider provider) {
        OptimizerDescriptor d = provider.descriptor();
        Map<String, Map<String, ?>> result = new LinkedHashMap<>();
        Map<String, Object> together = new LinkedHashMap<>();
        for (HyperParameter p : d.hyperParameters()) {
            Object value = nonDefault(p);
            if (value == null) {
                continue;
            }
            together.put(p.name(), value);
            Map<String, Object> one = Map.of(p.name(), value);
            if (accepts(provider, one)) {
                result.put(p.name() + "=" + HyperParameter.format(value), one);
            }
        }
        if (together.size() > 1 && accepts(provider, together)) {
            result.put("all non-default", together);
        }
        return result;
    }

    private static boolean accepts(OptimizerProvider provider, Map<String, ?> values) {
        try {
            provider.validate(provider.descriptor().configure(values));
            return true;
        } catch (org.optlab.optimizers.InvalidHyperParameterException e) {
            return false;
        }
    }

    /** A value of {@code p} other than its default, inside its range; null when there is none to pick. */
    private static Object nonDefault(HyperParameter p) {
        return switch (p.kind()) {
            case BOOLEAN -> !(Boolean) p.defaultValue();
            case REAL -> nonDefault(((Number) p.defaultValue()).doubleValue(), p.range());
            case INTEGER -> {
                long v = ((Number) p.defaultValue()).longValue();
                yield p.range().contains(v + 1) ? (Object) (v + 1) : p.range().contains(v - 1) ? (Object) (v - 1) : null;
            }
            case REAL_LIST -> {
                List<Double> moved = new ArrayList<>();
                for (Object x : (List<?>) p.defaultValue()) {
                    Double v = nonDefault(((Number) x).doubleValue(), p.range());
                    moved.add(v == null ? ((Number) x).doubleValue() : v);
                }
                yield moved.equals(p.defaultValue()) ? null : moved;
            }
            case INTEGER_LIST, OPTIMIZER -> null;
        };
    }

    private static Double nonDefault(double v, org.optlab.optimizers.Range range) {
        double[] candidates = v == 0 ? new double[] { 0.1, 0.5, 1, 2 }
                : new double[] { v * 0.5, v * 2, v + 0.1, v - 0.1, (range.min() + Math.min(range.max(), 1e6)) / 2 };
        for (double c : candidates) {
            if (c != v && range.contains(c)) {
                return c;
            }
        }
        return null;
    }

    private String idForNames() {
        try {
            return provider.descriptor().id();
        } catch (RuntimeException e) {
            return provider.getClass().getSimpleName();
        }
    }

    private static String name(Check check, String configuration) {
        return check.name().toLowerCase() + " [" + configuration + "]";
    }

    private Optimizer create(Map<String, ?> values, ExecutionPath path) {
        Optimizer optimizer = new Optimizer(provider, provider.descriptor().configure(values), others);
        optimizer.setExecutionPath(path);
        return optimizer;
    }

    private void checkDescriptor() {
        OptimizerDescriptor d = provider.descriptor();
        assertNotNull(d, "descriptor() returned null");
        assertEquals(d, provider.descriptor(), "descriptor() must return the same description each time");
        require(!d.name().isBlank(), "the name is blank");
        require(!d.summary().isBlank() && d.summary().length() <= 160 && !d.summary().contains("\n"),
                "the summary must be one line of at most 160 characters: '" + d.summary() + "'");
        Citation c = d.citation();
        require(!c.authors().isBlank() && !c.title().isBlank(), "the citation needs authors and a title");
        require(c.year() >= 1700 && c.year() <= Year.now().getValue() + 1, "implausible year " + c.year());
        require(c.link().startsWith("https://") || c.link().startsWith("http://"),
                "the citation's link must be a web address (DOI or arXiv): " + c.link());
        for (HyperParameter p : d.hyperParameters()) {
            require(p.name().matches("[a-z][a-z0-9_]*"),
                    "hyper-parameter '" + p.name() + "' should be named as PyTorch does: lower_case");
            require(!p.description().isBlank(), "hyper-parameter '" + p.name() + "' has no description");
        }
        d.hyperParameter("lr").ifPresent(lr -> require(lr.kind() == HyperParameter.Kind.REAL
                && ((Number) lr.defaultValue()).doubleValue() > 0, "lr must be a real number with a positive default"));
        configurations.forEach((label, values) -> assertDoesNotThrow(() -> create(values, ExecutionPath.AUTO),
                "configuration '" + label + "' " + values + " is rejected"));
    }

    private void checkDeterminism(Map<String, ?> values) {
        int n = 301;
        double[] start = Runs.start(n, 21);
        double[][] gradients = Runs.gradients(40, n, 22);
        for (Storage storage : Storage.values()) {
            double[] first = Runs.run(create(values, ExecutionPath.AUTO), start, gradients, storage);
            double[] second = Runs.run(create(values, ExecutionPath.AUTO), start, gradients, storage);
            assertArrayEquals(first, second, 0, "two runs from the same start differ on " + storage);
            assertMovedAndFinite(start, first, storage);
        }
    }

    private static void assertMovedAndFinite(double[] start, double[] end, Storage storage) {
        boolean moved = false;
        for (int i = 0; i < end.length; i++) {
            require(Double.isFinite(end[i]), "element " + i + " is " + end[i] + " on " + storage);
            moved |= end[i] != start[i];
        }
        require(moved, "the parameters did not move on " + storage);
    }

    private void checkStateDict(Map<String, ?> values) {
        int n = 301;
        double[][] gradients = Runs.gradients(30, n, 31);
        for (Storage storage : Storage.values()) {
            Optimizer original = create(values, ExecutionPath.AUTO);
            Trainable a = storage.create(Runs.start(n, 30));
            original.addParamGroup(List.of(a));
            require(original.stateDict().state().isEmpty(), "state exists before the first step");
            for (int t = 0; t < 10; t++) {
                storage.setGradient(a, gradients[t]);
                original.step();
            }
            StateDict dict = original.stateDict();
            Optimizer restored = create(values, ExecutionPath.AUTO);
            Trainable b = storage.create(storage.values(a));
            restored.addParamGroup(List.of(b));
            restored.loadStateDict(dict);
            assertEquals(10, restored.steps(), "the step count was not restored on " + storage);
            for (int t = 10; t < 30; t++) {
                storage.setGradient(a, gradients[t]);
                storage.setGradient(b, gradients[t]);
                original.step();
                restored.step();
            }
            assertArrayEquals(storage.values(a), storage.values(b), 0,
                    "the restored optimizer left lockstep on " + storage + " (state kept outside the state dict?)");
        }
    }

    private void checkConvergence() {
        Optimizer optimizer = create(convergenceValues, ExecutionPath.AUTO);
        VectorParameter w = VectorParameter.of("w", 1, 1);
        optimizer.addParamGroup(List.of(w));
        double start = quadratic(w.value());
        for (int t = 0; t < convergenceSteps; t++) {
            for (int i = 0; i < CURVATURES.length; i++) {
                w.gradient()[i] = CURVATURES[i] * w.value()[i];
            }
            optimizer.step();
        }
        double end = quadratic(w.value());
        if (!(end <= convergenceReduction * start)) {
            fail("after " + convergenceSteps + " steps with " + optimizer.hyperParameters() + " f = " + end
                    + " (started at " + start + "); expected at most " + convergenceReduction * start
                    + ". If the defaults are meant for other problems, give values with convergence(...)");
        }
    }

    /** Fails with just the message (JUnit's assertTrue would append "expected: <true> but was: <false>"). */
    private static void require(boolean condition, String message) {
        if (!condition) {
            fail(message);
        }
    }

    private static double quadratic(double[] w) {
        double f = 0;
        for (int i = 0; i < w.length; i++) {
            f += 0.5 * CURVATURES[i] * w[i] * w[i];
        }
        return f;
    }

    private void checkPathParity(Map<String, ?> values, int steps) {
        int n = 3001; // two of the fused path's chunks, the second partial
        double[] start = Runs.start(n, 41);
        double[][] gradients = Runs.gradients(steps, n, 42);
        double[] vector = Runs.run(create(values, ExecutionPath.AUTO), start, gradients, Storage.VECTOR);
        double[] fused = Runs.run(create(values, ExecutionPath.AUTO), start, gradients, Storage.ND4J_DOUBLE);
        double[] ops = Runs.run(create(values, ExecutionPath.ND4J_OPS), start, gradients, Storage.ND4J_DOUBLE);
        assertArrayEquals(vector, fused, 0, "float64: the fused CPU pass differs from the vector loop");
        assertClose(vector, ops, 1e-12, "float64: ND4J's ops differ from the vector loop");
        double[] fused32 = Runs.run(create(values, ExecutionPath.AUTO), start, gradients, Storage.ND4J_FLOAT);
        double[] ops32 = Runs.run(create(values, ExecutionPath.ND4J_OPS), start, gradients, Storage.ND4J_FLOAT);
        assertClose(ops32, fused32, 1e-4, "float32: the fused CPU pass differs from ND4J's ops");
        // inf, -inf and NaN in the start and in some gradients: every path gives NaN, inf, -inf at the same places
        double[] startNF = Runs.withNonFinite(start);
        double[][] gradientsNF = Runs.withNonFinite(java.util.Arrays.copyOf(gradients, Math.min(steps, 10)));
        double[] vectorNF = Runs.run(create(values, ExecutionPath.AUTO), startNF, gradientsNF, Storage.VECTOR);
        double[] fusedNF = Runs.run(create(values, ExecutionPath.AUTO), startNF, gradientsNF, Storage.ND4J_DOUBLE);
        double[] opsNF = Runs.run(create(values, ExecutionPath.ND4J_OPS), startNF, gradientsNF, Storage.ND4J_DOUBLE);
        assertArrayEquals(vectorNF, fusedNF, 0, "float64 with inf and NaN: the fused CPU pass differs from the vector loop");
        assertClose(vectorNF, opsNF, 1e-12, "float64 with inf and NaN: ND4J's ops differ from the vector loop");
        double[] fused32NF = Runs.run(create(values, ExecutionPath.AUTO), startNF, gradientsNF, Storage.ND4J_FLOAT);
        double[] ops32NF = Runs.run(create(values, ExecutionPath.ND4J_OPS), startNF, gradientsNF, Storage.ND4J_FLOAT);
        assertClose(ops32NF, fused32NF, 1e-4, "float32 with inf and NaN: the fused CPU pass differs from ND4J's ops");
    }

    /**
     * Each element within {@code relative} of the expected one (absolute below magnitude 1); NaN where NaN is
     * expected, and infinities equal.
     */
    public static void assertClose(double[] expected, double[] actual, double relative, String message) {
        assertEquals(expected.length, actual.length, message + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i]) || Double.isNaN(actual[i]) || Double.isInfinite(expected[i])
                    || Double.isInfinite(actual[i])) {
                if (Double.compare(expected[i], actual[i]) != 0) {
                    fail(message + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
                }
                continue;
            }
            double tolerance = relative * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                fail(message + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }
}
