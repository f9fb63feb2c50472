package org.optlab.optimizers.internal.exec;

import org.optlab.core.Trainable;

/**
 * What an optimizer keeps for one parameter: its step count, its state buffers ({@code double[]} on the vector path,
 * {@code INDArray} otherwise), scalar states, this step's reductions, and the executor's scratch space.
 */
public final class ParameterState {

    public final Trainable parameter;
    public final PhaseExecutor executor;
    public long step;
    public final double[] scalarStates;
    public final double[] reductions;
    /** One per state of the rule: {@code double[]} or {@code INDArray}; null until the first step. */
    public Object[] buffers;
    /** The executor's per-parameter cache (registers, temporaries); not part of the state dict. */
    Object scratch;

    public ParameterState(Trainable parameter, PhaseExecutor executor, int scalarStates, int reductions) {
        this.parameter = parameter;
        this.executor = executor;
        this.scalarStates = new double[scalarStates];
        this.reductions = new double[reductions];
    }
}
