package org.optlab.optimizers;

import java.util.List;
import java.util.Map;

import org.optlab.optimizers.schedule.ReduceOnPlateau;
import org.optlab.optimizers.schedule.Schedule;

/**
 * A snapshot of an optimizer, as {@code torch.optim}'s state dict: its step count, its groups (hyper-parameters and
 * the indices of their parameters, counted across groups in order), and each parameter's state. Buffers are copied
 * in their own precision ({@code float[]} for float32, {@code double[]} otherwise) and schedules with their state,
 * so an optimizer restored from it continues bit for bit like the original.
 */
public record StateDict(long steps, List<Group> groups, Map<Integer, ParameterState> state) {

    public StateDict {
        groups = List.copyOf(groups);
        state = Map.copyOf(state);
    }

    /**
     * A group's hyper-parameter values, the indices of its parameters, and the schedules its hyper-parameters follow
     * (copies with their state, such as {@link ReduceOnPlateau}'s rate and counts; see {@link Schedule#copy()}).
     */
    public record Group(Map<String, Object> hyperParameters, List<Integer> params, Map<String, Schedule> schedules) {

        public Group {
            hyperParameters = Map.copyOf(hyperParameters);
            params = List.copyOf(params);
            schedules = Map.copyOf(schedules);
        }

        /** A group whose hyper-parameters follow no schedule. */
        public Group(Map<String, Object> hyperParameters, List<Integer> params) {
            this(hyperParameters, params, Map.of());
        }
    }

    /** One parameter's step count, state buffers by name ({@code float[]} or {@code double[]}) and scalar states. */
    public record ParameterState(long step, Map<String, Object> buffers, Map<String, Double> scalars) {

        public ParameterState {
            buffers = Map.copyOf(buffers);
            scalars = Map.copyOf(scalars);
        }
    }
}
