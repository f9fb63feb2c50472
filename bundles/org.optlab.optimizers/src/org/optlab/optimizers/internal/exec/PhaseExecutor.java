package org.optlab.optimizers.internal.exec;

import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.rule.UpdateRule;

/** Runs compiled phases of an update rule for one kind of parameter storage. */
public interface PhaseExecutor {

    ExecutionPath path();

    /**
     * Creates the parameter's state buffers: state i filled with {@code initial[i]}, or a copy of the parameter where
     * the rule says so.
     */
    void createStates(UpdateRule rule, ParameterState state, double[] initial);

    /** One pass of {@code phase} over the parameter; {@code scalars} are the phase's scalars at this step. */
    void run(UpdateRule.Phase phase, ParameterState state, double[] scalars);
}
