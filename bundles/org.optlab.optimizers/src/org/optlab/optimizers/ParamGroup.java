package org.optlab.optimizers;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.optlab.core.Trainable;
import org.optlab.optimizers.rule.HyperSource;
import org.optlab.optimizers.rule.RuleBuilder;
import org.optlab.optimizers.rule.UpdateRule;
import org.optlab.optimizers.schedule.Schedule;

/**
 * Parameters that share hyper-parameter values, as in {@code torch.optim}. Any real hyper-parameter may follow a
 * schedule instead of its constant value; the schedule is read at the optimizer's 0-based step count.
 */
public final class ParamGroup implements HyperSource {

    private final List<Trainable> params;
    private HyperParameters hyperParameters;
    private final OptimizerProvider provider;
    private final Function<String, OptimizerProvider> providers;
    /** Real hyper-parameters in descriptor order: their constants, and their schedules (null: constant). */
    private final List<String> realNames;
    private double[] constants;
    private final Schedule[] scheduled;
    private UpdateRule rule;

    ParamGroup(List<? extends Trainable> params, HyperParameters hyperParameters, OptimizerProvider provider,
            Function<String, OptimizerProvider> providers) {
        this.params = new java.util.ArrayList<>(params);
        this.hyperParameters = hyperParameters;
        this.provider = provider;
        this.providers = providers;
        this.realNames = provider.descriptor().hyperParameters().stream()
                .filter(p -> p.kind() == HyperParameter.Kind.REAL).map(HyperParameter::name).toList();
        this.constants = realNames.stream().mapToDouble(hyperParameters::real).toArray();
        this.scheduled = new Schedule[realNames.size()];
        this.rule = buildRule(provider, hyperParameters, this, providers);
    }

    static UpdateRule buildRule(OptimizerProvider provider, HyperParameters hyperParameters, HyperSource source,
            Function<String, OptimizerProvider> providers) {
        RuleBuilder builder = new RuleBuilder(provider.descriptor().id(), source, providers);
        provider.define(builder, hyperParameters);
        return builder.build();
    }

    public List<Trainable> params() {
        return java.util.Collections.unmodifiableList(params);
    }

    /** Adds parameters to this group: its values and schedules stay as they are. */
    void addParams(List<? extends Trainable> more) {
        params.addAll(more);
    }

    /** The schedules its hyper-parameters follow, by name, as copies with their current state. */
    java.util.Map<String, Schedule> scheduleCopies() {
        java.util.Map<String, Schedule> copies = new java.util.LinkedHashMap<>();
        for (int i = 0; i < scheduled.length; i++) {
            if (scheduled[i] != null) {
                copies.put(realNames.get(i), scheduled[i].copy());
            }
        }
        return copies;
    }

    /**
     * Takes the values and schedules of a state dict's group (the schedules as copies, so that the dict can be
     * loaded again).
     *
     * @throws IllegalArgumentException for a schedule of a name that is not a real hyper-parameter
     */
    void restore(HyperParameters values, java.util.Map<String, Schedule> schedules) {
        restore(values, schedules, true);
    }

    /** The schedules themselves (not copies), by name: what {@link #restore} needs to undo a failed load. */
    java.util.Map<String, Schedule> schedules() {
        java.util.Map<String, Schedule> own = new java.util.LinkedHashMap<>();
        for (int i = 0; i < scheduled.length; i++) {
            if (scheduled[i] != null) {
                own.put(realNames.get(i), scheduled[i]);
            }
        }
        return own;
    }

    void restore(HyperParameters values, java.util.Map<String, Schedule> schedules, boolean copy) {
        for (String name : schedules.keySet()) {
            if (!realNames.contains(name)) {
                throw new IllegalArgumentException(provider.descriptor().id() + ": the state dict has a schedule for '"
                        + name + "', which is not a real hyper-parameter");
            }
        }
        hyperParameters = values;
        constants = realNames.stream().mapToDouble(values::real).toArray();
        for (int i = 0; i < scheduled.length; i++) {
            Schedule schedule = schedules.get(realNames.get(i));
            scheduled[i] = schedule == null || !copy ? schedule : schedule.copy();
        }
        rule = buildRule(provider, hyperParameters, this, providers);
    }

    public HyperParameters hyperParameters() {
        return hyperParameters;
    }

    /**
     * Makes real hyper-parameter {@code name} follow {@code schedule} (null: back to its constant value).
     *
     * @throws IllegalArgumentException when the optimizer has no real hyper-parameter of that name
     */
    public void setSchedule(String name, Schedule schedule) {
        int index = realNames.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(provider.descriptor().id() + ": '" + name
                    + "' is not a real hyper-parameter, so it cannot follow a schedule");
        }
        scheduled[index] = schedule;
        // A rule may leave out terms whose constant is 0 (weight decay); with a schedule they must be present.
        rule = buildRule(provider, hyperParameters, this, providers);
    }

    public Optional<Schedule> schedule(String name) {
        int index = realNames.indexOf(name);
        return index < 0 ? Optional.empty() : Optional.ofNullable(scheduled[index]);
    }

    /** True when {@code name} has a schedule (the rule must not assume its constant value). */
    @Override
    public boolean isScheduled(String name) {
        return schedule(name).isPresent();
    }

    @Override
    public double value(String name, long step) {
        int index = realNames.indexOf(name);
        return index >= 0 ? value(index, step) : hyperParameters.real(name);
    }

    @Override
    public int indexOf(String name) {
        return realNames.indexOf(name);
    }

    @Override
    public double value(int index, long step) {
        Schedule schedule = scheduled[index];
        return schedule != null ? schedule.at(step) : constants[index];
    }

    /** The group's compiled update rule. */
    public UpdateRule rule() {
        return rule;
    }
}
