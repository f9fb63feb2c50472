package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.VectorParameter;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerRegistry;

/**
 * This fragment's fragment.xml contributes six broken optimizers beside the 23 built-ins: a missing class, a failing
 * constructor, a bad descriptor, a failing step, a class that is no provider and a duplicate id. Each is reported
 * once, naming the plugin, and skipped; every built-in still works.
 */
class FaultyContributionTest {

    private static final String PLUGIN = "org.optlab.optimizers";

    private static long count(List<String> problems, String fragment) {
        return problems.stream().filter(p -> p.contains(fragment)).count();
    }

    @Test
    void eachBrokenContributionIsReportedOnceWithItsPluginAndSkipped() {
        OptimizerRegistry registry = OptimizerRegistry.fromExtensions();
        List<String> problems = registry.problems();
        assertEquals(6, problems.size(), problems.toString());
        problems.forEach(p -> assertTrue(p.startsWith(PLUGIN), "names the plugin: " + p));
        assertEquals(1, count(problems, "NoSuchOptimizer"), problems.toString());
        assertEquals(1, count(problems, "constructor broken on purpose"), problems.toString());
        assertEquals(1, count(problems, "BadDescriptor has a bad descriptor"), problems.toString());
        assertEquals(1, count(problems, "optimizer 'failing_step' (" + FaultyOptimizers.FailingStep.class.getName()
                + ") fails its first step with its defaults: java.lang.ArithmeticException: step broken on purpose"),
                problems.toString());
        assertEquals(1, count(problems, "NotAProvider does not implement"), problems.toString());
        assertEquals(1, count(problems, "optimizer id 'adam' is contributed already by"), problems.toString());

        List<String> ids = registry.descriptors().stream().map(OptimizerDescriptor::id).toList();
        assertEquals(Cases.IDS.stream().sorted().toList(), ids);
        // the built-in adam is the one kept, and it runs
        assertEquals("Adam", registry.descriptor("adam").orElseThrow().name());
        assertEquals(PLUGIN, registry.plugin("adam").orElseThrow());
        Optimizer adam = registry.create("adam", Map.of("lr", 0.1));
        VectorParameter w = VectorParameter.of("w", 1, 1);
        w.gradient()[0] = 1;
        w.gradient()[1] = 10;
        adam.addParamGroup(List.of(w));
        adam.step();
        assertEquals(0.900000001, w.value()[0], 1e-15);
    }

    @Test
    void theRegistryIsReadOnceSoProblemsAreReportedOnce() {
        assertSame(OptimizerRegistry.fromExtensions(), OptimizerRegistry.fromExtensions());
    }

    @Test
    void aRuleThatFailsOnlyForSomeValuesIsReportedWithItsPluginWhenCreated() {
        var picky = new FaultyOptimizers.Plain() {
            @Override
            String id() {
                return "picky";
            }

            @Override
            public void define(org.optlab.optimizers.rule.RuleBuilder b, org.optlab.optimizers.HyperParameters h) {
                if (h.real("lr") > 1) {
                    throw new UnsupportedOperationException("no large steps");
                }
                super.define(b, h);
            }
        };
        OptimizerRegistry registry = new OptimizerRegistry(List.of(picky));
        assertTrue(registry.problems().isEmpty(), registry.problems().toString());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> registry.create("picky", Map.of("lr", 2.0)));
        assertTrue(e.getMessage().startsWith("optimizer 'picky' from " + OptimizerRegistry.DIRECT
                + " cannot write its update rule for"), e.getMessage());
        assertTrue(e.getMessage().endsWith("java.lang.UnsupportedOperationException: no large steps"),
                e.getMessage());
    }

    @Test
    void aRegistryOfAcceptedProvidersTakesNoFirstStep() {
        FaultyOptimizers.FailingStep failing = new FaultyOptimizers.FailingStep();
        OptimizerRegistry probed = new OptimizerRegistry(List.of(failing));
        assertTrue(probed.provider("failing_step").isEmpty());
        assertEquals(1, count(probed.problems(), "fails its first step"), probed.problems().toString());
        // a worker's registry, given what its parent accepted: the step is not taken again, so nothing is reported
        OptimizerRegistry accepted = OptimizerRegistry.ofAccepted(List.of(failing));
        assertSame(failing, accepted.provider("failing_step").orElseThrow());
        assertTrue(accepted.problems().isEmpty(), accepted.problems().toString());
    }
}
