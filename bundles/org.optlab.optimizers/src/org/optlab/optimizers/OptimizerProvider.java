package org.optlab.optimizers;

import org.optlab.optimizers.rule.RuleBuilder;

/**
 * Contributed through the {@code org.optlab.optimizers} extension point: describes one optimizer and writes its
 * update rule once, with {@link RuleBuilder}. OptLab runs that rule on every execution path (plain double loops,
 * fused passes over ND4J CPU buffers, ND4J ops on the GPU). Implementations need a public no-argument constructor.
 */
public interface OptimizerProvider {

    OptimizerDescriptor descriptor();

    /**
     * Writes the update of one parameter group into {@code rule}. Constant hyper-parameters that shape the rule
     * (flags, lists) come from {@code hyperParameters}; per-step values from {@link RuleBuilder#hyper(String)}, so
     * that they may follow schedules.
     */
    void define(RuleBuilder rule, HyperParameters hyperParameters);

    /**
     * Checks combinations of values that each pass their own range (e.g. Nesterov needs momentum).
     *
     * @throws InvalidHyperParameterException naming the optimizer, the parameter, the value and what is expected
     */
    default void validate(HyperParameters hyperParameters) {
    }
}
