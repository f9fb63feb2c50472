package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.Trainable;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerProvider;
import org.optlab.optimizers.ParamGroup;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.conformance.Storage;
import org.optlab.optimizers.rule.Expr;
import org.optlab.optimizers.rule.RuleBuilder;

/**
 * An expression means the value its inputs have where it is built; a rule that uses it after a statement changed
 * one of its inputs is rejected when it is built, naming the rule and the value, and {@code let} binds it instead.
 */
class RuleReadCheckTest {

    private static final Map<String, Double> VALUES = Map.of("lr", 0.1, "weight_decay", 0.5);

    private static RuleBuilder builder() {
        return new RuleBuilder("stale", (name, step) -> VALUES.get(name), null);
    }

    /** Two half steps with d = g + wd p: the second must not see the moved p (AggMo's and QHM's defect). */
    private static void twoHalfSteps(RuleBuilder b, boolean bind) {
        Expr p = b.parameter();
        Expr decayed = b.gradient().plus(p.times(b.hyper("weight_decay")));
        Expr d = bind ? b.let("d", decayed) : decayed;
        b.assign(p, p.minus(b.hyper("lr").times(d)));
        b.assign(p, p.minus(b.hyper("lr").times(d)));
    }

    @Test
    void aValueReadAfterItsInputChangedIsRejectedNamingRuleAndValue() {
        RuleBuilder b = builder();
        twoHalfSteps(b, false);
        var e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().startsWith("rule 'stale': the value (g + (p * weight_decay))"), e.getMessage());
        assertTrue(e.getMessage().contains("changed 'p'"), e.getMessage());
        assertTrue(e.getMessage().contains("let("), e.getMessage());
    }

    @Test
    void aScalarBuiltBeforeItsScalarStateChangedIsRejected() {
        RuleBuilder b = builder();
        Expr s = b.scalarState("s", 1);
        Expr twice = s.times(2);
        b.assign(s, s.plus(1));
        b.assign(b.parameter(), b.parameter().minus(twice.times(b.gradient())));
        var e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().startsWith("rule 'stale': the value (s * 2.0)"), e.getMessage());
    }

    @Test
    void aScalarStateAssignedAfterAnElementStatementOfItsPhaseIsRejected() {
        // scalar statements run before the element statements of their phase, so p would see the new s
        RuleBuilder b = builder();
        Expr s = b.scalarState("s", 1);
        b.assign(b.parameter(), b.parameter().minus(s.times(b.gradient())));
        b.assign(s, s.plus(1));
        var e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("'s'"), e.getMessage());
    }

    @Test
    void aSumOfSquaresReadInItsOwnPhaseIsRejected() {
        RuleBuilder b = builder();
        Expr norm = b.sumOfSquares("norm", b.gradient());
        b.assign(b.parameter(), b.parameter().minus(norm.times(b.gradient())));
        var e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("before 'norm = sum of g^2' computes it"), e.getMessage());
    }

    @Test
    void aTemporaryReadInAnotherPhaseIsRejected() {
        RuleBuilder b = builder();
        Expr square = b.let("square", b.gradient().times(b.gradient()));
        b.assign(b.state("acc"), square);
        b.nextPhase();
        b.assign(b.parameter(), b.parameter().minus(square));
        var e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("temporary 'square' outside the phase"), e.getMessage());
    }

    /** The same rule with let: d is bound where it is built, on every path. */
    @Test
    void aBoundValueKeepsItsValueOnEveryPath() {
        OptimizerProvider halves = new FaultyOptimizers.Plain() {
            @Override
            String id() {
                return "halves";
            }

            @Override
            public OptimizerDescriptor descriptor() {
                return new OptimizerDescriptor(id(), "Halves", "Two half steps.", FaultyOptimizers.NOBODY,
                        List.of(HyperParameter.real("lr", 0.1, Range.NON_NEGATIVE, "step size"),
                                HyperParameter.real("weight_decay", 0.5, Range.NON_NEGATIVE, "L2")));
            }

            @Override
            public void define(RuleBuilder b, HyperParameters h) {
                twoHalfSteps(b, true);
            }
        };
        // g = 3 always. Step 1: d = 3 + 0.5 * 1 = 3.5, w = 1 - 2 * 0.1 * 3.5 = 0.3.
        // Step 2: d = 3 + 0.5 * 0.3 = 3.15, w = 0.3 - 0.63 = -0.33. (Re-evaluated d would give 0.335 at step 1.)
        double[][] expected = { { 0.3 }, { -0.33 } };
        for (Storage storage : Storage.values()) {
            for (ExecutionPath path : List.of(ExecutionPath.AUTO, ExecutionPath.ND4J_OPS)) {
                Optimizer optimizer = new Optimizer(halves, halves.descriptor().configure(Map.of()), null);
                optimizer.setExecutionPath(path);
                Trainable w = storage.create(new double[] { 1 });
                optimizer.addParamGroup(List.of(w));
                for (double[] step : expected) {
                    storage.setGradient(w, new double[] { 3 });
                    optimizer.step();
                    assertEquals(step[0], storage.values(w)[0], storage == Storage.ND4J_FLOAT ? 1e-6 : 1e-15,
                            storage + " " + path);
                }
            }
        }
    }

    /**
     * The audit: every built-in rule builds under every combination of its flags, with every real hyper-parameter
     * that is 0 by default made positive and every real following a schedule (so that no term is left out), for
     * Lookahead around each of them too.
     */
    @Test
    void everyBuiltInRuleBuildsUnderEveryCombinationOfFlags() {
        List<String> built = new ArrayList<>();
        for (String id : Cases.IDS) {
            OptimizerDescriptor d = Cases.REGISTRY.descriptor(id).orElseThrow();
            List<HyperParameter> flags = d.hyperParameters().stream()
                    .filter(p -> p.kind() == HyperParameter.Kind.BOOLEAN).toList();
            for (int mask = 0; mask < 1 << flags.size(); mask++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int f = 0; f < flags.size(); f++) {
                    values.put(flags.get(f).name(), (mask >> f & 1) == 1);
                }
                if (buildAndStep(id, values)) { // the other values at their defaults (Nesterov needs dampening 0)
                    built.add(id + values);
                }
                for (HyperParameter p : d.hyperParameters()) {
                    if (p.kind() == HyperParameter.Kind.REAL && ((Number) p.defaultValue()).doubleValue() == 0) {
                        values.put(p.name(), 0.1);
                    }
                }
                if (buildAndStep(id, values)) {
                    built.add(id + values);
                }
                if (!id.equals("lookahead")) {
                    Map<String, Object> inner = new LinkedHashMap<>(values);
                    inner.put("id", id);
                    buildAndStep("lookahead", Map.of("inner", inner));
                }
            }
        }
        assertTrue(built.size() > 80, built.toString());
        assertEquals(Cases.IDS.size(), built.stream().map(s -> s.substring(0, s.indexOf('{'))).distinct().count());
    }

    /** False when the combination is invalid (validate rejects it); a rule that cannot be built fails the test. */
    private static boolean buildAndStep(String id, Map<String, Object> values) {
        Optimizer optimizer;
        try {
            optimizer = Cases.REGISTRY.create(id, values);
        } catch (InvalidHyperParameterException e) {
            return false;
        }
        Trainable w = Storage.VECTOR.create(new double[] { 1, -2 });
        ParamGroup group = optimizer.addParamGroup(List.of(w));
        for (HyperParameter p : optimizer.descriptor().hyperParameters()) {
            if (p.kind() == HyperParameter.Kind.REAL) {
                double constant = group.hyperParameters().real(p.name());
                group.setSchedule(p.name(), step -> constant);
            }
        }
        for (int t = 0; t < 3; t++) {
            Storage.VECTOR.setGradient(w, new double[] { 0.5, -1 });
            optimizer.step();
        }
        return true;
    }
}
