package org.optlab.optimizers.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's update, written once with {@link RuleBuilder} and compiled here into a short program per phase:
 * a list of elementwise instructions over registers (the parameter, the gradient, the state buffers, temporaries,
 * and per-step scalars broadcast to whole registers). The executors in
 * {@code org.optlab.optimizers.internal.exec} run these programs on {@code double[]} vectors, on ND4J CPU buffers in
 * one fused pass, or as ND4J ops that stay on the device.
 */
public final class UpdateRule {

    /** A state buffer: filled with a scalar on creation, or a copy of the parameter. */
    public record StateSpec(String name, Expr initial, boolean copyOfParameter) {
    }

    /** A per-parameter scalar state and its initial value. */
    public record ScalarStateSpec(String name, double initial) {
    }

    /** {@code target <- value}; {@code serial} orders it among the expressions ({@link Expr#nextSerial()}). */
    record Statement(Expr target, Expr value, long serial) {
    }

    static final class PhaseSpec {
        final Expr condition;
        final long conditionSerial;
        final List<Statement> statements = new ArrayList<>();
        final List<Statement> scalarStatements = new ArrayList<>();

        PhaseSpec(Expr condition, long conditionSerial) {
            this.condition = condition;
            this.conditionSerial = conditionSerial;
        }
    }

    /** Instruction code for {@code dst <- a}. */
    public static final int COPY = 100;
    /** Instruction code for {@code reduction[dst] += sum of a^2}. */
    public static final int SUM_OF_SQUARES = 101;
    /** Ints per instruction: code, dst, a, b, c. */
    public static final int WIDTH = 5;

    /** Register of the parameter's values. */
    public static final int PARAMETER = 0;
    /** Register of the gradient. */
    public static final int GRADIENT = 1;
    /** Register of state buffer 0; state i is in register {@code FIRST_STATE + i}. */
    public static final int FIRST_STATE = 2;

    /** A compiled pass over the data. */
    public static final class Phase {
        private final Expr condition;
        /** The condition as a program (null when the phase always runs). */
        private final ScalarProgram conditionProgram;
        /** Each scalar-state update as a program, run in order; its target slot beside it. */
        private final ScalarProgram[] statementPrograms;
        private final int[] statementTargets;
        private final Expr[] scalars;
        private final int firstScalarRegister;
        private final int registers;
        private final int[] code;
        private final boolean[] read;
        private final boolean[] written;

        /** The scalars as one flat program over their distinct nodes (shared subtrees and hyper-parameters once). */
        private final ScalarProgram scalarProgram;

        Phase(Expr condition, List<Statement> scalarStatements, Expr[] scalars, int firstScalarRegister,
                int[] code, boolean[] read, boolean[] written) {
            this.scalarProgram = new ScalarProgram(scalars);
            this.condition = condition;
            this.conditionProgram = condition == null ? null : new ScalarProgram(new Expr[] {condition});
            this.statementPrograms = scalarStatements.stream().map(st -> new ScalarProgram(new Expr[] {st.value()}))
                    .toArray(ScalarProgram[]::new);
            this.statementTargets = scalarStatements.stream().mapToInt(st -> st.target().slot).toArray();
            this.scalars = scalars;
            this.firstScalarRegister = firstScalarRegister;
            this.registers = firstScalarRegister + scalars.length;
            this.code = code;
            this.read = read;
            this.written = written;
        }

        /** The scalar that decides whether the phase runs this step (> 0), or null when it always runs. */
        public Expr condition() {
            return condition;
        }

        /** Whether the phase runs at this step: it has no condition, or its condition is > 0. */
        public boolean runsAt(long step, long optimizerStep, double[] scalarStates, double[] reductions) {
            if (conditionProgram == null) {
                return true;
            }
            double[] value = new double[1];
            conditionProgram.evaluate(step, optimizerStep, scalarStates, reductions, value);
            return value[0] > 0;
        }

        /** Runs the phase's updates of scalar states, in order (before its element instructions). */
        public void updateScalarStates(long step, long optimizerStep, double[] scalarStates, double[] reductions) {
            double[] value = new double[1];
            for (int i = 0; i < statementPrograms.length; i++) {
                statementPrograms[i].evaluate(step, optimizerStep, scalarStates, reductions, value);
                scalarStates[statementTargets[i]] = value[0];
            }
        }

        /** Number of scalars the instructions read; scalar k is broadcast in register {@code firstScalarRegister() + k}. */
        public int scalarCount() {
            return scalars.length;
        }

        /**
         * Writes every scalar of this phase into {@code out} (length {@link #scalarCount()}), computing each distinct
         * node once.
         */
        public void evaluateScalars(long step, long optimizerStep, double[] scalarStates, double[] reductions,
                double[] out) {
            scalarProgram.evaluate(step, optimizerStep, scalarStates, reductions, out);
        }

        public int firstScalarRegister() {
            return firstScalarRegister;
        }

        /** Registers the program uses: parameter, gradient, states, temporaries, then scalars. */
        public int registers() {
            return registers;
        }

        /** The instructions, {@link #WIDTH} ints each: code (an {@link Op} ordinal, COPY or SUM_OF_SQUARES), dst, a, b, c. */
        public int[] code() {
            return code;
        }

        /** Whether register r (parameter, gradient or a state) is read before it is written; must be loaded. */
        public boolean reads(int register) {
            return register < read.length && read[register];
        }

        /** Whether register r (parameter or a state) is written; must be stored back. */
        public boolean writes(int register) {
            return register < written.length && written[register];
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < code.length; i += WIDTH) {
                String name = switch (code[i]) {
                    case COPY -> "copy";
                    case SUM_OF_SQUARES -> "sumsq";
                    default -> Op.values()[code[i]].name().toLowerCase();
                };
                text.append(name).append(' ').append(code[i + 1]).append(" <- ")
                        .append(code[i + 2]).append(' ').append(code[i + 3]).append(' ').append(code[i + 4])
                        .append('\n');
            }
            return text.toString();
        }
    }

    private final List<StateSpec> states;
    private final List<ScalarStateSpec> scalarStates;
    private final List<Phase> phases;
    private final int reductions;
    /** The states' initial values (0 for copies of the parameter, which the executors fill). */
    private final ScalarProgram initialValues;

    UpdateRule(List<StateSpec> states, List<ScalarStateSpec> scalarStates, List<PhaseSpec> phaseSpecs,
            int lets, int reductions) {
        this.states = List.copyOf(states);
        this.scalarStates = List.copyOf(scalarStates);
        this.reductions = reductions;
        List<Phase> compiled = new ArrayList<>();
        for (PhaseSpec spec : phaseSpecs) {
            if (!spec.statements.isEmpty() || !spec.scalarStatements.isEmpty()) {
                compiled.add(new Compiler(this.states.size(), lets).compile(spec));
            }
        }
        this.phases = List.copyOf(compiled);
        this.initialValues = new ScalarProgram(this.states.stream()
                .map(st -> st.initial() == null ? Expr.constant(0) : st.initial()).toArray(Expr[]::new));
    }

    /**
     * Writes the states' initial values into {@code out} (one per state), read at the parameter's first step: step 0
     * of the parameter, {@code optimizerStep} of the optimizer.
     */
    public void initialValues(long optimizerStep, double[] scalarStates, double[] out) {
        initialValues.evaluate(0, optimizerStep, scalarStates, new double[reductions], out);
    }

    public List<StateSpec> states() {
        return states;
    }

    public List<ScalarStateSpec> scalarStates() {
        return scalarStates;
    }

    public List<Phase> phases() {
        return phases;
    }

    /** Number of reduction slots (sums of squares) the phases fill. */
    public int reductions() {
        return reductions;
    }

    /**
     * Bytes of main-memory traffic per element on a step where only the unconditional phases run: every buffer a
     * phase reads counts once, every buffer it writes once more.
     */
    public int trafficBytes(int bytesPerElement) {
        int buffers = 0;
        for (Phase phase : phases) {
            if (phase.condition() != null) {
                continue;
            }
            for (int r = 0; r < FIRST_STATE + states.size(); r++) {
                buffers += (phase.reads(r) ? 1 : 0) + (phase.writes(r) ? 1 : 0);
            }
        }
        return buffers * bytesPerElement;
    }

    /**
     * The one evaluator of scalar expressions. They are flattened into post-order over distinct nodes: identical subtrees (by identity) and
     * hyper-parameters of the same name and source are computed once per evaluation. Both branches of a scalar select
     * are computed (they have no side effects), the chosen one is kept.
     */
    private static final class ScalarProgram {
        private final List<Expr> nodes = new ArrayList<>();
        private final Map<Expr, Integer> index = new IdentityHashMap<>();
        private final Map<HyperSource, Map<String, Integer>> hypers = new IdentityHashMap<>();
        private final int[] a;
        private final int[] b;
        private final int[] c;
        private final int[] outputs;
        /** For HYPER nodes, the source's index of the name ({@link HyperSource#indexOf}), or -1. */
        private final int[] hyperIndex;
        /** The nodes as arrays, read once per node per step: no list, no field chasing through the Expr. */
        private final Expr.Kind[] kinds;
        private final Op[] ops;
        private final double[] constants;
        private final int[] slots;
        private final HyperSource[] sources;

        ScalarProgram(Expr[] scalars) {
            outputs = new int[scalars.length];
            for (int k = 0; k < scalars.length; k++) {
                outputs[k] = add(scalars[k]);
            }
            a = new int[nodes.size()];
            b = new int[nodes.size()];
            c = new int[nodes.size()];
            hyperIndex = new int[nodes.size()];
            kinds = new Expr.Kind[nodes.size()];
            ops = new Op[nodes.size()];
            constants = new double[nodes.size()];
            slots = new int[nodes.size()];
            sources = new HyperSource[nodes.size()];
            for (int i = 0; i < nodes.size(); i++) {
                Expr e = nodes.get(i);
                kinds[i] = e.kind;
                ops[i] = e.op;
                constants[i] = e.constant;
                slots[i] = e.slot;
                sources[i] = e.source;
                hyperIndex[i] = e.kind == Expr.Kind.HYPER ? e.source.indexOf(e.name) : -1;
                if (e.kind == Expr.Kind.OPERATION) {
                    a[i] = index.get(e.a);
                    b[i] = e.b == null ? -1 : index.get(e.b);
                    c[i] = e.c == null ? -1 : index.get(e.c);
                }
            }
        }

        private int add(Expr e) {
            Integer known = index.get(e);
            if (known != null) {
                return known;
            }
            if (e.kind == Expr.Kind.HYPER) {
                Map<String, Integer> byName = hypers.computeIfAbsent(e.source, s -> new java.util.HashMap<>());
                Integer same = byName.get(e.name);
                if (same != null) {
                    index.put(e, same);
                    return same;
                }
            }
            if (e.kind == Expr.Kind.OPERATION) {
                add(e.a);
                if (e.b != null) {
                    add(e.b);
                }
                if (e.c != null) {
                    add(e.c);
                }
            }
            nodes.add(e);
            int i = nodes.size() - 1;
            index.put(e, i);
            if (e.kind == Expr.Kind.HYPER) {
                hypers.get(e.source).put(e.name, i);
            }
            return i;
        }

        void evaluate(long step, long optimizerStep, double[] scalarStates, double[] reductions, double[] out) {
            double[] v = new double[nodes.size()]; // small and short-lived: cheaper than a thread-local cache
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (kinds[i]) {
                    case CONSTANT -> constants[i];
                    case STEP -> step;
                    case HYPER -> hyperIndex[i] >= 0 ? sources[i].value(hyperIndex[i], optimizerStep)
                            : sources[i].value(nodes.get(i).name, optimizerStep);
                    case SCALAR_STATE -> scalarStates[slots[i]];
                    case REDUCTION -> reductions[slots[i]];
                    case OPERATION -> ops[i] == Op.SELECT ? (v[a[i]] > 0 ? v[b[i]] : v[c[i]])
                            : ops[i].apply(v[a[i]], b[i] < 0 ? 0 : v[b[i]], 0);
                    default -> throw new IllegalStateException(nodes.get(i) + " is not a scalar");
                };
            }
            for (int k = 0; k < outputs.length; k++) {
                out[k] = v[outputs[k]];
            }
        }
    }

    /** Turns one phase's statement trees into instructions over registers. */
    private static final class Compiler {
        private final int stateCount;
        private final int firstIntermediate;
        private final List<Integer> code = new ArrayList<>();
        private final Map<Expr, Integer> scalarIndex = new IdentityHashMap<>();
        private final List<Expr> scalars = new ArrayList<>();
        private final boolean[] read;
        private final boolean[] written;
        private int nextIntermediate;
        private int intermediates;

        Compiler(int stateCount, int lets) {
            this.stateCount = stateCount;
            this.firstIntermediate = FIRST_STATE + stateCount + lets;
            this.read = new boolean[FIRST_STATE + stateCount];
            this.written = new boolean[FIRST_STATE + stateCount];
        }

        Phase compile(PhaseSpec spec) {
            for (Statement statement : spec.statements) {
                nextIntermediate = firstIntermediate;
                Map<Expr, Integer> memo = new IdentityHashMap<>();
                int value = operand(statement.value(), memo);
                Expr target = statement.target();
                if (target.kind == Expr.Kind.REDUCTION) {
                    emit(SUM_OF_SQUARES, target.slot, value, 0, 0);
                    continue;
                }
                int dst = register(target);
                int last = code.size() - WIDTH;
                if (value >= firstIntermediate && last >= 0 && code.get(last + 1) == value) {
                    code.set(last + 1, dst);
                } else {
                    emit(COPY, dst, value, 0, 0);
                }
                if (dst < written.length) {
                    written[dst] = true;
                }
            }
            int firstScalar = firstIntermediate + intermediates;
            int[] program = code.stream().mapToInt(Integer::intValue).toArray();
            for (int i = 0; i < program.length; i += WIDTH) {
                for (int k = i + 2; k < i + WIDTH; k++) {
                    if (program[k] < 0) {
                        program[k] = firstScalar + (-1 - program[k]);
                    }
                }
            }
            return new Phase(spec.condition, spec.scalarStatements, scalars.toArray(Expr[]::new), firstScalar,
                    program, read, written);
        }

        private int register(Expr leaf) {
            return switch (leaf.kind) {
                case PARAMETER -> PARAMETER;
                case GRADIENT -> GRADIENT;
                case STATE -> FIRST_STATE + leaf.slot;
                case TEMPORARY -> FIRST_STATE + stateCount + leaf.slot;
                default -> throw new IllegalStateException("not a register: " + leaf);
            };
        }

        /** The register holding {@code e}'s value; scalars as -1 - index until the scalar registers are placed. */
        private int operand(Expr e, Map<Expr, Integer> memo) {
            if (e.scalar) {
                return -1 - scalarIndex.computeIfAbsent(e, s -> {
                    scalars.add(s);
                    return scalars.size() - 1;
                });
            }
            if (e.kind != Expr.Kind.OPERATION) {
                int r = register(e);
                if (r < read.length && !written[r]) {
                    read[r] = true;
                }
                return r;
            }
            Integer known = memo.get(e);
            if (known != null) {
                return known;
            }
            Expr product = fusableProduct(e);
            if (product != null) {
                Expr addend = product == e.a ? e.b : e.a;
                int x = operand(product.a, memo);
                int y = operand(product.b, memo);
                int z = operand(addend, memo);
                int dst = nextIntermediate++;
                intermediates = Math.max(intermediates, nextIntermediate - firstIntermediate);
                emit(Op.MULADD.ordinal(), dst, x, y, z);
                memo.put(e, dst);
                return dst;
            }
            int a = operand(e.a, memo);
            int b = e.b == null ? 0 : operand(e.b, memo);
            int c = e.c == null ? 0 : operand(e.c, memo);
            int dst = nextIntermediate++;
            intermediates = Math.max(intermediates, nextIntermediate - firstIntermediate);
            emit(e.op.ordinal(), dst, a, b, c);
            memo.put(e, dst);
            return dst;
        }

        /**
         * For {@code x * y + z} (or {@code z + x * y}) with an element-wise product, the product node; null otherwise.
         * IEEE addition is commutative, so either order gives the same bits.
         */
        private static Expr fusableProduct(Expr e) {
            if (e.op != Op.ADD) {
                return null;
            }
            if (e.a.kind == Expr.Kind.OPERATION && e.a.op == Op.MUL && !e.a.scalar) {
                return e.a;
            }
            if (e.b.kind == Expr.Kind.OPERATION && e.b.op == Op.MUL && !e.b.scalar) {
                return e.b;
            }
            return null;
        }

        private void emit(int op, int dst, int a, int b, int c) {
            code.addAll(Arrays.asList(op, dst, a, b, c));
        }
    }
}
