package org.optlab.optimizers.rule;

/** Where the value of a hyper-parameter at a given step comes from: a constant or a schedule. */
@FunctionalInterface
public interface HyperSource {

    /** The value of hyper-parameter {@code name} at 0-based optimizer step {@code step}. */
    double value(String name, long step);

    /** True when {@code name} follows a schedule, so a rule must not rely on its constant value. */
    default boolean isScheduled(String name) {
        return false;
    }
}
