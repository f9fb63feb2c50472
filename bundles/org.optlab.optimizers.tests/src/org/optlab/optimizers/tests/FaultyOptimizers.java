package org.optlab.optimizers.tests;

import java.util.List;

import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerProvider;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.rule.RuleBuilder;

/** Broken contributions (see fragment.xml): the registry must report each once and skip it. */
final class FaultyOptimizers {

    private FaultyOptimizers() {
    }

    static final Citation NOBODY = new Citation("Nobody", 2026, "A test", "https://example.org");

    /** A sound provider that the faulty ones below spoil in one place each. */
    abstract static class Plain implements OptimizerProvider {
        @Override
        public OptimizerDescriptor descriptor() {
            return new OptimizerDescriptor(id(), "Plain", "Plain steps.", NOBODY,
                    List.of(HyperParameter.real("lr", 0.1, Range.NON_NEGATIVE, "step size")));
        }

        abstract String id();

        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            b.assign(b.parameter(), b.parameter().minus(b.hyper("lr").times(b.gradient())));
        }
    }

    public static final class FailingConstructor extends Plain {
        public FailingConstructor() {
            throw new IllegalStateException("constructor broken on purpose");
        }

        @Override
        String id() {
            return "failing_constructor";
        }
    }

    /** Its default learning rate lies outside the range it declares. */
    public static final class BadDescriptor extends Plain {
        @Override
        public OptimizerDescriptor descriptor() {
            return new OptimizerDescriptor(id(), "Bad", "A default outside its range.", NOBODY,
                    List.of(HyperParameter.real("lr", -1, Range.NON_NEGATIVE, "step size")));
        }

        @Override
        String id() {
            return "bad_descriptor";
        }
    }

    /** Writing its update (the code that makes its step) throws. */
    public static final class FailingStep extends Plain {
        @Override
        String id() {
            return "failing_step";
        }

        @Override
        public void define(RuleBuilder b, HyperParameters h) {
            throw new ArithmeticException("step broken on purpose");
        }
    }

    public static final class NotAProvider {
    }

    /** Takes an id that a built-in has already. */
    public static final class SecondAdam extends Plain {
        @Override
        String id() {
            return "adam";
        }
    }
}
