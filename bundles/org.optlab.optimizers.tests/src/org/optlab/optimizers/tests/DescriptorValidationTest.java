package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.optimizers.Range;

class DescriptorValidationTest {

    private final OptimizerRegistry registry = OptimizerRegistry.fromExtensions();

    @Test
    void theBuiltInSgdIsContributedThroughTheExtensionPoint() {
        assertTrue(registry.descriptors().stream().anyMatch(d -> d.id().equals("sgd")), registry.descriptors()
                .toString());
        // this fragment contributes broken optimizers on purpose (FaultyContributionTest); no built-in is among them
        assertTrue(registry.problems().stream().noneMatch(p -> p.contains(".internal.")), registry.problems()
                .toString());
        var sgd = registry.descriptor("sgd").orElseThrow();
        assertEquals(List.of("lr", "momentum", "dampening", "weight_decay", "nesterov"), sgd.hyperParameters().stream().map(HyperParameter::name).toList());
        assertEquals(1951, sgd.citation().year());
    }

    @Test
    void negativeLearningRateNamesOptimizerParameterValueAndRange() {
        var e = assertThrows(InvalidHyperParameterException.class, () -> registry.create("sgd", Map.of("lr", -0.1)));
        assertEquals("sgd: lr = -0.1 is invalid; expected a number in [0, inf)", e.getMessage());
        assertEquals("lr", e.parameter());
    }

    @Test
    void nanAndWrongTypesAreRejected() {
        assertThrows(InvalidHyperParameterException.class, () -> registry.create("sgd", Map.of("lr", Double.NaN)));
        var e = assertThrows(InvalidHyperParameterException.class, () -> registry.create("sgd", Map.of("lr", "fast")));
        assertTrue(e.getMessage().contains("lr = fast"), e.getMessage());
    }

    @Test
    void unknownHyperParameterListsTheKnownOnes() {
        var e = assertThrows(InvalidHyperParameterException.class,
                () -> registry.create("sgd", Map.of("betas", 0.9)));
        assertEquals("sgd: betas = 0.9 is invalid; expected one of the known hyper-parameters "
                + "[lr, momentum, dampening, weight_decay, nesterov]",
                e.getMessage());
    }

    @Test
    void unknownOptimizerListsTheKnownIds() {
        var e = assertThrows(IllegalArgumentException.class, () -> registry.create("adamm", Map.of()));
        assertTrue(e.getMessage().startsWith("unknown optimizer 'adamm'; known: ["), e.getMessage());
    }

    @Test
    void rangesIncludeAndExcludeTheirBounds() {
        assertTrue(Range.UNIT_HALF_OPEN.contains(0));
        assertFalse(Range.UNIT_HALF_OPEN.contains(1));
        assertFalse(Range.POSITIVE.contains(0));
        assertTrue(Range.POSITIVE.contains(Double.MIN_VALUE));
        assertFalse(Range.NON_NEGATIVE.contains(Double.POSITIVE_INFINITY));
        assertEquals("[0, 1)", Range.UNIT_HALF_OPEN.toString());
        assertEquals("(0, inf)", Range.POSITIVE.toString());
    }

    @Test
    void integerAndFlagKinds() {
        HyperParameter k = HyperParameter.integer("k", 5, new Range(1, true, 100, true), "steps between syncs");
        assertEquals(7L, k.validate("lookahead", 7.0));
        assertThrows(InvalidHyperParameterException.class, () -> k.validate("lookahead", 2.5));
        assertThrows(InvalidHyperParameterException.class, () -> k.validate("lookahead", 0));
        HyperParameter flag = HyperParameter.flag("nesterov", false, "Nesterov momentum");
        assertEquals(true, flag.validate("sgd", true));
        var e = assertThrows(InvalidHyperParameterException.class, () -> flag.validate("sgd", 1));
        assertEquals("sgd: nesterov = 1 is invalid; expected true or false", e.getMessage());
        HyperParameter betas = HyperParameter.realList("betas", List.of(0.0, 0.9, 0.99), Range.UNIT_HALF_OPEN,
                "AggMo dampings");
        assertEquals(List.of(0.0, 0.5), betas.validate("aggmo", List.of(0, 0.5)));
        var bad = assertThrows(InvalidHyperParameterException.class, () -> betas.validate("aggmo", List.of(0.5, 1)));
        assertEquals("aggmo: betas = [0.5, 1] is invalid; expected a list of numbers in [0, 1)", bad.getMessage());
        assertThrows(InvalidHyperParameterException.class, () -> betas.validate("aggmo", 0.9));
    }

    @Test
    void everyKindOfBadValueIsRejectedWithItsExactMessage() {
        Map<String, Map.Entry<Map<String, ?>, String>> cases = new java.util.LinkedHashMap<>();
        cases.put("adam", Map.entry(Map.of("beta1", 1.0), "adam: beta1 = 1.0 is invalid; expected a number in [0, 1)"));
        cases.put("adamw", Map.entry(Map.of("beta2", -0.1),
                "adamw: beta2 = -0.1 is invalid; expected a number in [0, 1)"));
        cases.put("rmsprop", Map.entry(Map.of("eps", 0.0), "rmsprop: eps = 0.0 is invalid; expected a number in (0, inf)"));
        cases.put("adagrad", Map.entry(Map.of("lr", Double.NaN),
                "adagrad: lr = NaN is invalid; expected a number in [0, inf)"));
        cases.put("lion", Map.entry(Map.of("betas", List.of(0.9, 0.99)),
                "lion: betas = [0.9, 0.99] is invalid; expected one of the known hyper-parameters "
                        + "[lr, beta1, beta2, weight_decay]"));
        cases.put("aggmo", Map.entry(Map.of("betas", List.of(0.5, 1.5)),
                "aggmo: betas = [0.5, 1.5] is invalid; expected a list of numbers in [0, 1)"));
        cases.put("nesterov", Map.entry(Map.of("momentum", 0.0), "nesterov: nesterov = true is invalid; expected false "
                + "unless momentum > 0 and dampening = 0 (momentum = 0.0, dampening = 0.0)"));
        cases.put("rprop", Map.entry(Map.of("step_size_min", 1.0, "step_size_max", 0.5),
                "rprop: step_size_max = 0.5 is invalid; expected a number >= step_size_min = 1.0"));
        cases.put("lookahead", Map.entry(Map.of("inner", "adamm"),
                "lookahead: inner = adamm is invalid; expected an optimizer id"));
        cases.put("qhm", Map.entry(Map.of("nu", 1.5), "qhm: nu = 1.5 is invalid; expected a number in [0, 1]"));
        cases.forEach((id, bad) -> {
            var e = assertThrows(InvalidHyperParameterException.class, () -> registry.create(id, bad.getKey()), id);
            assertEquals(bad.getValue(), e.getMessage());
        });
    }

    @Test
    void emptyAggMoBetasAndBadInnerHyperParametersAreRejected() {
        var empty = assertThrows(InvalidHyperParameterException.class,
                () -> registry.create("aggmo", Map.of("betas", List.of())));
        assertEquals("aggmo: betas = [] is invalid; expected a non-empty list of numbers in [0, 1)", empty.getMessage());
        var inner = assertThrows(InvalidHyperParameterException.class,
                () -> registry.create("lookahead", Map.of("inner", Map.of("id", "adam", "lr", -1))));
        assertEquals("lookahead: inner = {id=adam, lr=-1} is invalid; expected valid hyper-parameters for the inner "
                + "optimizer (adam: lr = -1 is invalid; expected a number in [0, inf))", inner.getMessage());
    }

    @Test
    void valuesAreFormattedAsPeopleWriteThem() {
        assertEquals("1e-16", HyperParameter.format(1e-16));
        assertEquals("5e-4", HyperParameter.format(5e-4));
        assertEquals("1.2e-5", HyperParameter.format(1.2e-5));
        assertEquals("0.001", HyperParameter.format(0.001));
        assertEquals("0.9", HyperParameter.format(0.9));
        assertEquals("[0.0, 0.9, 0.99]", HyperParameter.format(List.of(0.0, 0.9, 0.99)));
        assertEquals("true", HyperParameter.format(true));
        assertEquals("5", HyperParameter.format(5L));
    }
}
