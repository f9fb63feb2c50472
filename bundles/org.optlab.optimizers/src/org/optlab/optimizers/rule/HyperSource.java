package org.optlab.optimizers.rule;

/** Where the value of a hyper-parameter at a given step comes from: a constant or a schedule. */
@FunctionalInterface
public interface HyperSource {

    /** The value of hyper-parameter {@code name} at 0-based optimizer step {@code step}. */
    double value(String name, long step);

    /**
     * A number for {@code name} that {@link #value(int, long)} accepts, looked up once so that per-step reads need no
     * lookup by name; -1 when this source has no such fast path.
     */
    default int indexOf(String name) {
        return -1;
    }

    /** The value of the hyper-parameter {@link #indexOf(String)} numbered {@code index}, at {@code step}. */
    default double value(int index, long step) {
        throw new UnsupportedOperationException("no indexed values");
    }

    /** True when {@code name} follows a schedule, so a rule must not rely on its constant value. */
    default boolean isScheduled(String name) {
        return false;
    }
}
