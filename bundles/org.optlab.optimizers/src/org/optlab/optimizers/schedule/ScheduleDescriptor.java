package org.optlab.optimizers.schedule;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.HyperParameters;

/**
 * What a schedule is and how to build it from an experiment file's {@code "schedule": {"id": ..., ...}}. The rate it
 * starts from ({@code base}) is the optimizer's {@code lr}; parameters that default to 0 steps mean "the run's length".
 */
public record ScheduleDescriptor(String id, String name, String summary, List<HyperParameter> parameters,
        Factory factory) {

    /** Builds the schedule from validated parameters. */
    @FunctionalInterface
    public interface Factory {
        Schedule create(double base, long totalSteps, HyperParameters parameters);
    }

    public ScheduleDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(factory, "factory");
        parameters = List.copyOf(parameters);
        HyperParameters.configure(id, parameters, Map.of()); // the defaults must be valid
    }

    /**
     * Validates {@code given}, fills in defaults and builds the schedule.
     *
     * @param base the rate at step 0 (the optimizer's lr)
     * @param totalSteps the run's length in optimizer steps, for parameters that default to it
     * @throws IllegalArgumentException naming the schedule, the parameter, the value and the valid range
     */
    public Schedule create(double base, long totalSteps, Map<String, ?> given) {
        return factory.create(base, totalSteps, HyperParameters.configure(id, parameters, given));
    }
}
