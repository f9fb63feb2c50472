package org.optlab.optimizers.schedule;

/** A learning rate (or any rate) as a pure function of the 0-based optimizer step. */
@FunctionalInterface
public interface Schedule {

    /** The rate at {@code step} (>= 0). */
    double at(long step);

    /**
     * An independent copy with this schedule's current state, for state dicts. A schedule that is a pure function
     * of the step is immutable and returns itself; a stateful one ({@link ReduceOnPlateau}) must copy its state.
     */
    default Schedule copy() {
        return this;
    }
}
