package org.optlab.optimizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;
import org.optlab.core.Trainable;
import org.optlab.core.VectorParameter;
import org.optlab.optimizers.internal.exec.FusedCpuExecutor;
import org.optlab.optimizers.internal.exec.Nd4jOpsExecutor;
import org.optlab.optimizers.internal.exec.ParameterState;
import org.optlab.optimizers.internal.exec.PhaseExecutor;
import org.optlab.optimizers.internal.exec.VectorExecutor;
import org.optlab.optimizers.rule.UpdateRule;

/**
 * An optimizer as in {@code torch.optim}: parameter groups with their own hyper-parameters, per-parameter state
 * created on the parameter's first step, a state dict that round-trips exactly. Every step runs the provider's
 * {@link UpdateRule} on the execution path that fits each parameter's storage.
 */
public final class Optimizer {

    private final OptimizerProvider provider;
    private final HyperParameters defaults;
    private final Function<String, OptimizerProvider> providers;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final Map<Trainable, ParameterState> states = new IdentityHashMap<>();
    private ExecutionPath path = ExecutionPath.AUTO;
    private long steps;

    /**
     * @param defaults  validated hyper-parameters for groups that override nothing
     * @param providers resolves other optimizers' ids (for wrappers such as Lookahead); may be null
     * @throws InvalidHyperParameterException when the values do not fit together or the rule cannot be written
     */
    public Optimizer(OptimizerProvider provider, HyperParameters defaults,
            Function<String, OptimizerProvider> providers) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.providers = providers;
        provider.validate(defaults);
        ParamGroup.buildRule(provider, defaults, (name, step) -> defaults.real(name), providers);
    }

    public OptimizerDescriptor descriptor() {
        return provider.descriptor();
    }

    /** The hyper-parameters of groups that override nothing. */
    public HyperParameters hyperParameters() {
        return defaults;
    }

    /** Adds a group with the default hyper-parameters. */
    public ParamGroup addParamGroup(List<? extends Trainable> params) {
        return addParamGroup(params, Map.of());
    }

    /**
     * Adds a group whose hyper-parameters are the defaults with {@code overrides} applied.
     *
     * @throws InvalidHyperParameterException for a bad value
     * @throws IllegalArgumentException       when a parameter is already in a group
     */
    public ParamGroup addParamGroup(List<? extends Trainable> params, Map<String, ?> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(defaults.asMap());
        merged.putAll(overrides);
        HyperParameters hyperParameters = provider.descriptor().configure(merged);
        provider.validate(hyperParameters);
        for (Trainable p : params) {
            if (states.containsKey(p)) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is already in a group");
            }
        }
        ParamGroup group = new ParamGroup(params, hyperParameters, provider, providers);
        groups.add(group);
        for (Trainable p : params) {
            UpdateRule rule = group.rule();
            states.put(p, new ParameterState(p, executor(p), rule.scalarStates().size(), rule.reductions()));
        }
        return group;
    }

    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /** Forces an execution path (AUTO by default); used to compare paths. */
    public void setExecutionPath(ExecutionPath path) {
        this.path = Objects.requireNonNull(path, "path");
        states.values().forEach(s -> {
            if (s.buffers != null) {
                throw new IllegalStateException("choose the execution path before the first step");
            }
        });
        states.replaceAll((p, s) -> new ParameterState(p, executor(p), s.scalarStates.length, s.reductions.length));
    }

    /** The path that runs {@code parameter}'s updates. */
    public ExecutionPath executionPath(Trainable parameter) {
        ParameterState state = states.get(parameter);
        return state != null ? state.executor.path() : executor(parameter).path();
    }

    /** Number of completed {@link #step()} calls; schedules are read at this 0-based count. */
    public long steps() {
        return steps;
    }

    /**
     * Adds any parameter not yet in a group to the first group (created with the defaults if there is none), then
     * steps every group.
     */
    public void step(List<? extends Trainable> params) {
        List<Trainable> unknown = params.stream().filter(p -> !states.containsKey(p)).map(p -> (Trainable) p)
                .toList();
        if (!unknown.isEmpty()) {
            if (groups.isEmpty()) {
                addParamGroup(unknown);
            } else {
                // Joins the first group: its values, schedules and rule stay (a new group would drop its schedules).
                ParamGroup first = groups.get(0);
                first.addParams(unknown);
                for (Trainable p : unknown) {
                    states.put(p, new ParameterState(p, executor(p), first.rule().scalarStates().size(),
                            first.rule().reductions()));
                }
            }
        }
        step();
    }

    /** One update of every parameter of every group from its current gradient. */
    public void step() {
        for (ParamGroup group : groups) {
            UpdateRule rule = group.rule();
            for (Trainable p : group.params()) {
                update(rule, states.get(p));
            }
        }
        steps++;
    }

    private void update(UpdateRule rule, ParameterState state) {
        if (state.buffers == null) {
            for (int i = 0; i < state.scalarStates.length; i++) {
                state.scalarStates[i] = rule.scalarStates().get(i).initial();
            }
            double[] initial = new double[rule.states().size()];
            rule.initialValues(steps, state.scalarStates, initial);
            state.executor.createStates(rule, state, initial);
        }
        state.step++;
        java.util.Arrays.fill(state.reductions, 0);
        for (UpdateRule.Phase phase : rule.phases()) {
            if (!phase.runsAt(state.step, steps, state.scalarStates, state.reductions)) {
                continue;
            }
            phase.updateScalarStates(state.step, steps, state.scalarStates, state.reductions);
            double[] values = new double[phase.scalarCount()];
            phase.evaluateScalars(state.step, steps, state.scalarStates, state.reductions, values);
            state.executor.run(phase, state, values);
        }
    }

    private PhaseExecutor executor(Trainable parameter) {
        return switch (parameter) {
            case VectorParameter v -> VectorExecutor.INSTANCE;
            case Parameter p -> path != ExecutionPath.ND4J_OPS && Nd4j.getEnvironment().isCPU()
                    && FusedCpuExecutor.supports(p.value()) && FusedCpuExecutor.supports(p.gradient())
                    && p.value().ordering() == p.gradient().ordering() ? FusedCpuExecutor.INSTANCE
                            : Nd4jOpsExecutor.INSTANCE;
        };
    }

    /** A copy of the whole optimizer state (see {@link StateDict}). */
    public StateDict stateDict() {
        List<StateDict.Group> groupStates = new ArrayList<>();
        Map<Integer, StateDict.ParameterState> parameterStates = new LinkedHashMap<>();
        int index = 0;
        for (ParamGroup group : groups) {
            List<Integer> indices = new ArrayList<>();
            for (Trainable p : group.params()) {
                ParameterState state = states.get(p);
                if (state.buffers != null) {
                    parameterStates.put(index, snapshot(group.rule(), state));
                }
                indices.add(index++);
            }
            groupStates.add(new StateDict.Group(group.hyperParameters().asMap(), indices, group.scheduleCopies()));
        }
        return new StateDict(steps, groupStates, parameterStates);
    }

    private static StateDict.ParameterState snapshot(UpdateRule rule, ParameterState state) {
        Map<String, Object> buffers = new LinkedHashMap<>();
        for (int i = 0; i < state.buffers.length; i++) {
            Object buffer = state.buffers[i];
            Object copy = buffer instanceof double[] d ? d.clone()
                    : ((INDArray) buffer).dataType() == DataType.FLOAT ? ((INDArray) buffer).toFloatVector()
                            : ((INDArray) buffer).toDoubleVector();
            buffers.put(rule.states().get(i).name(), copy);
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (int i = 0; i < state.scalarStates.length; i++) {
            scalars.put(rule.scalarStates().get(i).name(), state.scalarStates[i]);
        }
        return new StateDict.ParameterState(state.step, buffers, scalars);
    }

    /**
     * Restores a state dict taken from an optimizer of the same kind whose groups held parameters of the same sizes.
     * Group hyper-parameters and schedules (with their state) are restored too, into the same group objects.
     *
     * @throws IllegalArgumentException when the groups, sizes or state names do not match
     */
    public void loadStateDict(StateDict dict) {
        if (dict.groups().size() != groups.size()) {
            throw new IllegalArgumentException("state dict has " + dict.groups().size() + " groups, optimizer has "
                    + groups.size());
        }
        List<HyperParameters> values = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            StateDict.Group saved = dict.groups().get(g);
            if (saved.params().size() != group.params().size()) {
                throw new IllegalArgumentException("group " + g + " of the state dict has " + saved.params().size()
                        + " parameters, the optimizer's has " + group.params().size());
            }
            HyperParameters hyperParameters = provider.descriptor().configure(saved.hyperParameters());
            provider.validate(hyperParameters);
            values.add(hyperParameters);
        }
        // The groups stay the same objects (callers hold them); they take the dict's values and schedules, and get
        // their own back if the dict does not fit.
        List<HyperParameters> previousValues = groups.stream().map(ParamGroup::hyperParameters).toList();
        List<Map<String, org.optlab.optimizers.schedule.Schedule>> previousSchedules = groups.stream()
                .map(ParamGroup::schedules).toList();
        try {
            for (int g = 0; g < groups.size(); g++) {
                groups.get(g).restore(values.get(g), dict.groups().get(g).schedules());
            }
            loadStates(dict);
        } catch (RuntimeException e) {
            for (int g = 0; g < groups.size(); g++) {
                groups.get(g).restore(previousValues.get(g), previousSchedules.get(g), false);
            }
            throw e;
        }
    }

    private void loadStates(StateDict dict) {
        Map<Trainable, ParameterState> loaded = new IdentityHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            UpdateRule rule = group.rule();
            for (int i = 0; i < group.params().size(); i++) {
                Trainable p = group.params().get(i);
                ParameterState state = new ParameterState(p, executor(p), rule.scalarStates().size(),
                        rule.reductions());
                StateDict.ParameterState saved = dict.state().get(dict.groups().get(g).params().get(i));
                if (saved != null) {
                    restore(rule, state, saved);
                }
                loaded.put(p, state);
            }
        }
        states.clear();
        states.putAll(loaded);
        steps = dict.steps();
    }

    private static void restore(UpdateRule rule, ParameterState state, StateDict.ParameterState saved) {
        state.step = saved.step();
        Object[] buffers = new Object[rule.states().size()];
        for (int i = 0; i < buffers.length; i++) {
            String name = rule.states().get(i).name();
            Object copy = saved.buffers().get(name);
            if (copy == null) {
                throw new IllegalArgumentException("state dict lacks buffer '" + name + "' of " + state.parameter.name());
            }
            int length = copy instanceof float[] f ? f.length : ((double[]) copy).length;
            if (length != state.parameter.length()) {
                throw new IllegalArgumentException("buffer '" + name + "' has " + length + " values, parameter '"
                        + state.parameter.name() + "' has " + state.parameter.length());
            }
            buffers[i] = switch (state.parameter) {
                case VectorParameter v -> ((double[]) copy).clone();
                case Parameter p -> (copy instanceof float[] f ? Nd4j.createFromArray(f.clone())
                        : Nd4j.createFromArray(((double[]) copy).clone())).reshape(p.value().ordering(),
                                p.value().shape()).castTo(p.value().dataType());
            };
        }
        for (int i = 0; i < state.scalarStates.length; i++) {
            state.scalarStates[i] = saved.scalars().getOrDefault(rule.scalarStates().get(i).name(), 0.0);
        }
        state.buffers = buffers;
    }
}
