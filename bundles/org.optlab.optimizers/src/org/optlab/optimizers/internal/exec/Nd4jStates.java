package org.optlab.optimizers.internal.exec;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.optlab.core.Parameter;
import org.optlab.optimizers.rule.UpdateRule;

/** State creation shared by the executors whose buffers are ND4J arrays: same shape and type as the parameter. */
abstract class Nd4jStates implements PhaseExecutor {

    @Override
    public void createStates(UpdateRule rule, ParameterState state, double[] initial) {
        INDArray value = ((Parameter) state.parameter).value();
        Object[] buffers = new Object[initial.length];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = rule.states().get(i).copyOfParameter() ? value.dup('c')
                    : value.ulike().assign(initial[i]);
        }
        state.buffers = buffers;
        state.scratch = null;
    }
}
