package org.optlab.optimizers.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.optlab.optimizers.HyperParameters;
import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.OptimizerProvider;

/**
 * Writes an optimizer's update once, as statements over the parameter {@code p}, its gradient {@code g}, lazily
 * created state buffers and per-step scalars. Statements run in order for every element; a rule may have several
 * phases (passes over the data), where a later phase can use reductions (sums of squares) of an earlier one and a
 * phase can run only on some steps.
 * <p>
 * Example, plain SGD: {@code b.assign(b.parameter(), b.parameter().minus(b.hyper("lr").times(b.gradient())))}.
 */
public final class RuleBuilder {

    private final String rule;
    private final Shared shared;
    private final HyperSource source;
    private final String prefix;

    /** State common to a builder and the scoped builders it hands to included optimizers. */
    private static final class Shared {
        final Function<String, OptimizerProvider> providers;
        final List<UpdateRule.StateSpec> states = new ArrayList<>();
        final List<UpdateRule.ScalarStateSpec> scalarStates = new ArrayList<>();
        final List<UpdateRule.PhaseSpec> phases = new ArrayList<>();
        int temporaries;
        int reductions;
        final List<String> reductionNames = new ArrayList<>();

        Shared(Function<String, OptimizerProvider> providers) {
            this.providers = providers;
            phases.add(new UpdateRule.PhaseSpec(null, 0));
        }
    }

    /**
     * @param source    the values of hyper-parameters ({@link #hyper(String)}) at each step
     * @param providers resolves an optimizer id for rules that wrap another optimizer (Lookahead); may return null
     */
    public RuleBuilder(HyperSource source, Function<String, OptimizerProvider> providers) {
        this("(unnamed)", source, providers);
    }

    /**
     * @param rule      the optimizer's id, named in errors about the rule
     * @param source    the values of hyper-parameters ({@link #hyper(String)}) at each step
     * @param providers resolves an optimizer id for rules that wrap another optimizer (Lookahead); may return null
     */
    public RuleBuilder(String rule, HyperSource source, Function<String, OptimizerProvider> providers) {
        this(Objects.requireNonNull(rule, "rule"), new Shared(providers), source, "");
    }

    private RuleBuilder(String rule, Shared shared, HyperSource source, String prefix) {
        this.rule = rule;
        this.shared = shared;
        this.source = Objects.requireNonNull(source, "source");
        this.prefix = prefix;
    }

    /** The parameter's values, updated by assigning to this expression. */
    public Expr parameter() {
        return Expr.leaf(Expr.Kind.PARAMETER, -1, "p", false);
    }

    /** The gradient (read-only). */
    public Expr gradient() {
        return Expr.leaf(Expr.Kind.GRADIENT, -1, "g", false);
    }

    /** The 1-based count of steps this parameter has taken, this one included. */
    public Expr step() {
        return Expr.leaf(Expr.Kind.STEP, -1, "t", true);
    }

    /** The value of a real hyper-parameter at this step (a constant or its schedule's value). */
    public Expr hyper(String name) {
        return Expr.hyper(source, name);
    }

    /**
     * True when hyper-parameter {@code name} is 0 and follows no schedule, so a rule may leave out its term (weight
     * decay) and save the work. This is the only way a real's value may shape a rule: the local sweep engine looks
     * at one point per shape to learn whether a sweep's rules sum.
     */
    public boolean isOff(String name) {
        return !source.isScheduled(name) && source.value(name, 0) == 0;
    }

    /** A per-parameter state buffer, created on the parameter's first step filled with zeros. */
    public Expr state(String name) {
        return state(name, Expr.constant(0));
    }

    /** A per-parameter state buffer, created on the parameter's first step filled with a scalar. */
    public Expr state(String name, Expr initial) {
        if (!initial.isScalar()) {
            throw new IllegalArgumentException("state '" + name + "': the initial value must be a scalar");
        }
        return addState(name, initial, false);
    }

    /** A per-parameter state buffer created on the parameter's first step as a copy of the parameter. */
    public Expr stateCopyOfParameter(String name) {
        return addState(name, null, true);
    }

    private Expr addState(String name, Expr initial, boolean copyOfParameter) {
        String qualified = prefix + name;
        if (shared.states.stream().anyMatch(s -> s.name().equals(qualified))) {
            throw new IllegalArgumentException("state '" + qualified + "' is declared twice");
        }
        shared.states.add(new UpdateRule.StateSpec(qualified, initial, copyOfParameter));
        return Expr.leaf(Expr.Kind.STATE, shared.states.size() - 1, qualified, false);
    }

    /** A per-parameter scalar (e.g. a running product), starting at {@code initial}. */
    public Expr scalarState(String name, double initial) {
        String qualified = prefix + name;
        shared.scalarStates.add(new UpdateRule.ScalarStateSpec(qualified, initial));
        return Expr.leaf(Expr.Kind.SCALAR_STATE, shared.scalarStates.size() - 1, qualified, true);
    }

    /**
     * A per-element value computed once here, with the values its inputs have here, and reused by later statements
     * of this phase (not kept between steps). Needed where a later statement reads a value after a statement that
     * changes one of its inputs (the L2-decayed gradient after the parameter moved). A scalar, or the gradient (which
     * no statement changes), is returned as is.
     */
    public Expr let(String name, Expr value) {
        if (value.isScalar() || value.kind == Expr.Kind.GRADIENT) {
            return value;
        }
        int slot = shared.temporaries++;
        Expr temporary = Expr.leaf(Expr.Kind.TEMPORARY, slot, prefix + name, false);
        current().statements.add(new UpdateRule.Statement(temporary, value, Expr.nextSerial()));
        return temporary;
    }

    /**
     * {@code target <- value}. The target is the parameter, a state buffer, or a scalar state (then the value must be
     * a scalar; scalar statements of a phase run before its element statements).
     */
    public void assign(Expr target, Expr value) {
        switch (target.kind) {
            case PARAMETER, STATE -> current().statements.add(new UpdateRule.Statement(target, value,
                    Expr.nextSerial()));
            case SCALAR_STATE -> {
                if (!value.isScalar()) {
                    throw new IllegalArgumentException("scalar state '" + target.name + "' needs a scalar value");
                }
                current().scalarStatements.add(new UpdateRule.Statement(target, value, Expr.nextSerial()));
            }
            default -> throw new IllegalArgumentException("cannot assign to " + target);
        }
    }

    /** The sum over elements of {@code value}^2 in this phase, usable as a scalar in later phases. */
    public Expr sumOfSquares(String name, Expr value) {
        int slot = shared.reductions++;
        shared.reductionNames.add(prefix + name);
        Expr reduction = Expr.leaf(Expr.Kind.REDUCTION, slot, prefix + name, true);
        current().statements.add(new UpdateRule.Statement(reduction, value, Expr.nextSerial()));
        return reduction;
    }

    /** Starts a new pass over the data that runs on every step. */
    public void nextPhase() {
        shared.phases.add(new UpdateRule.PhaseSpec(null, 0));
    }

    /** Starts a new pass over the data that runs only on steps where {@code condition} (a scalar) is > 0. */
    public void nextPhase(Expr condition) {
        if (!condition.isScalar()) {
            throw new IllegalArgumentException("a phase condition must be a scalar");
        }
        shared.phases.add(new UpdateRule.PhaseSpec(condition, Expr.nextSerial()));
    }

    /**
     * Writes the rule of another optimizer into this one (its state names prefixed with {@code scope + "."}), with
     * its own constant hyper-parameters. Used by wrappers such as Lookahead.
     *
     * @param spec the optimizer's id under key {@code id} and any hyper-parameters
     * @throws InvalidHyperParameterException when the id is unknown or a hyper-parameter is invalid
     */
    public void include(String ownerId, String parameterName, String scope, Map<String, ?> spec) {
        Object id = spec.get("id");
        OptimizerProvider provider = id instanceof String s && shared.providers != null ? shared.providers.apply(s)
                : null;
        if (provider == null) {
            throw new InvalidHyperParameterException(ownerId, parameterName, id, "an optimizer id");
        }
        Map<String, Object> given = new java.util.LinkedHashMap<>(spec);
        given.remove("id");
        HyperParameters inner;
        try {
            inner = provider.descriptor().configure(given);
            provider.validate(inner);
        } catch (InvalidHyperParameterException e) {
            throw new InvalidHyperParameterException(ownerId, parameterName, spec,
                    "valid hyper-parameters for the inner optimizer (" + e.getMessage() + ")");
        }
        provider.define(new RuleBuilder(rule, shared, (name, step) -> inner.real(name), prefix + scope + "."), inner);
    }

    private UpdateRule.PhaseSpec current() {
        return shared.phases.get(shared.phases.size() - 1);
    }

    /**
     * Compiles what was written into an executable rule.
     *
     * @throws IllegalStateException naming the rule and the value, when a statement uses a value after an earlier
     *                               statement changed one of its inputs (the executors would compute it from the
     *                               changed input), or reads a reduction or a temporary where it has no value
     */
    public UpdateRule build() {
        ReadCheck.check(rule, shared.phases);
        return new UpdateRule(shared.states, shared.scalarStates, shared.phases, shared.temporaries,
                shared.reductions);
    }
}
