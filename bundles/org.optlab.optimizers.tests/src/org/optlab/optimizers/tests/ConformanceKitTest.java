package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerProvider;
import org.optlab.optimizers.conformance.OptimizerConformance;
import org.optlab.optimizers.rule.RuleBuilder;

/** The plugin conformance kit passes every built-in, and fails optimizers that break what it checks. */
class ConformanceKitTest {

    /** Learning rates at which the slow defaults reach the quadratic's minimum within the kit's 2000 steps. */
    private static final Map<String, Map<String, ?>> CONVERGENCE = Map.of("sgd", Map.of("lr", 0.01), "adagrad",
            Map.of("lr", 0.1), "amsgrad", Map.of("lr", 0.01), "radam", Map.of("lr", 0.01), "qhm",
            Map.of("lr", 0.01), "lookahead", Map.of("inner", Map.of("id", "adam", "lr", 0.01)), "lion",
            Map.of("lr", 1e-3), "lamb", Map.of("lr", 0.01));

    @Test
    void everyBuiltInPassesTheKit() {
        List<String> failures = new ArrayList<>();
        for (String id : Cases.IDS) {
            OptimizerProvider provider = Cases.REGISTRY.provider(id).orElseThrow();
            OptimizerConformance kit = OptimizerConformance.of(provider)
                    .resolving(other -> Cases.REGISTRY.provider(other).orElse(null));
            if (CONVERGENCE.containsKey(id)) {
                kit.convergence(CONVERGENCE.get(id), 2000, 1e-3);
            }
            failures.addAll(kit.failures());
        }
        assertEquals(List.of(), failures);
    }

    /** Plain gradient descent, spoiled by the subclasses below one way each. */
    private static class Descent extends FaultyOptimizers.Plain {
        @Override
        String id() {
            return "descent";
        }
    }

    private static List<String> checksFailed(OptimizerProvider provider) {
        return OptimizerConformance.of(provider).failures().stream().map(f -> f.substring(0, f.indexOf(':')))
                .toList();
    }

    @Test
    void aSoundOptimizerPasses() {
        assertEquals(List.of(), OptimizerConformance.of(new Descent()).failures());
    }

    @Test
    void anOptimizerThatClimbsFailsConvergence() {
        var climbing = new Descent() {
            @Override
            public void define(RuleBuilder b, HyperParameters h) {
                b.assign(b.parameter(), b.parameter().plus(b.hyper("lr").times(b.gradient())));
            }
        };
        assertEquals(List.of("descent convergence"), checksFailed(climbing));
    }

    /** Keeps a count outside the state dict: each new optimizer steps differently, and a restored one too. */
    @Test
    void stateKeptOutsideTheStateDictFailsDeterminismAndTheRoundTrip() {
        var forgetful = new Descent() {
            private int rules;

            @Override
            public void define(RuleBuilder b, HyperParameters h) {
                rules++;
                b.assign(b.parameter(), b.parameter().minus(b.hyper("lr").times(b.gradient()).times(1.0 / rules)));
            }
        };
        List<String> failed = checksFailed(forgetful);
        assertTrue(failed.contains("descent determinism [defaults]"), failed.toString());
        assertTrue(failed.contains("descent state_dict [defaults]"), failed.toString());
    }

    @Test
    void anIncompleteDescriptorFailsTheDescriptorCheck() {
        var undocumented = new Descent() {
            @Override
            public OptimizerDescriptor descriptor() {
                return new OptimizerDescriptor("descent", "Descent", "Plain steps.",
                        new org.optlab.optimizers.Citation("A. Cauchy", 1847, "Méthode générale", "no link"),
                        super.descriptor().hyperParameters());
            }
        };
        List<String> failures = OptimizerConformance.of(undocumented).failures();
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("descent descriptor: the citation's link must be a web address (DOI or arXiv): no link",
                failures.get(0));
    }
}
