package org.optlab.optimizers.schedule;

/** A learning rate (or any rate) as a pure function of the 0-based optimizer step. */
@FunctionalInterface
public interface Schedule {

    /** The rate at {@code step} (>= 0). */
    double at(long step);
}
