package org.optlab.optimizers.internal.exec;

import java.util.Arrays;

import org.optlab.core.VectorParameter;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.rule.UpdateRule;

/** Runs rules on {@link VectorParameter}s: plain loops over {@code double[]}, no ND4J call. */
public final class VectorExecutor implements PhaseExecutor {

    public static final VectorExecutor INSTANCE = new VectorExecutor();

    private VectorExecutor() {
    }

    @Override
    public ExecutionPath path() {
        return ExecutionPath.VECTOR;
    }

    @Override
    public void createStates(UpdateRule rule, ParameterState state, double[] initial) {
        double[] value = ((VectorParameter) state.parameter).value();
        Object[] buffers = new Object[initial.length];
        for (int i = 0; i < buffers.length; i++) {
            if (rule.states().get(i).copyOfParameter()) {
                buffers[i] = value.clone();
            } else {
                double[] buffer = new double[value.length];
                Arrays.fill(buffer, initial[i]);
                buffers[i] = buffer;
            }
        }
        state.buffers = buffers;
    }

    @Override
    public void run(UpdateRule.Phase phase, ParameterState state, double[] scalars) {
        VectorParameter parameter = (VectorParameter) state.parameter;
        int n = parameter.value().length;
        double[][] registers = registers(state, phase.registers(), n);
        registers[UpdateRule.PARAMETER] = parameter.value();
        registers[UpdateRule.GRADIENT] = parameter.gradient();
        for (int i = 0; i < state.buffers.length; i++) {
            registers[UpdateRule.FIRST_STATE + i] = (double[]) state.buffers[i];
        }
        for (int k = 0; k < scalars.length; k++) {
            Arrays.fill(registers[phase.firstScalarRegister() + k], 0, n, scalars[k]);
        }
        // Chunked like the fused path, so that sums of squares are added in the same order on both.
        for (int from = 0; from < n; from += FusedCpuExecutor.CHUNK) {
            DoubleKernel.run(phase.code(), registers, from, Math.min(n, from + FusedCpuExecutor.CHUNK),
                    state.reductions);
        }
    }

    private static double[][] registers(ParameterState state, int count, int n) {
        double[][] registers = (double[][]) state.scratch;
        if (registers == null || registers.length < count) {
            double[][] grown = new double[count][];
            for (int r = 0; r < count; r++) {
                grown[r] = registers != null && r < registers.length && registers[r] != null
                        && registers[r].length == n ? registers[r] : new double[n];
            }
            registers = grown;
            state.scratch = registers;
        }
        return registers;
    }
}
