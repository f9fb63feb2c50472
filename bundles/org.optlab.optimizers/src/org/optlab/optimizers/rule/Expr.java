package org.optlab.optimizers.rule;

import java.util.Objects;

/**
 * An expression of an update rule, built with {@link RuleBuilder}. It is either per element (it involves the
 * parameter, its gradient or a state buffer) or a scalar (hyper-parameters at this step, the step count, constants,
 * scalar state, reductions of an earlier phase), computed once per parameter and step. Expressions are immutable
 * trees. A leaf that names a variable (the parameter, a state, a scalar state) reads its current value; an expression
 * built from it means the value it has where the expression is built. The executors evaluate expressions where they
 * are used, so {@link RuleBuilder#build()} rejects a rule that uses an expression after a statement that changed one
 * of its inputs: bind such a value with {@link RuleBuilder#let(String, Expr)} where it is defined.
 */
public final class Expr {

    /** What a leaf or node is. */
    public enum Kind {
        PARAMETER, GRADIENT, STATE, TEMPORARY, HYPER, STEP, CONSTANT, SCALAR_STATE, REDUCTION, OPERATION
    }

    final Kind kind;
    final Op op;
    final Expr a;
    final Expr b;
    final Expr c;
    /** Slot of a STATE, TEMPORARY, SCALAR_STATE or REDUCTION; unused otherwise. */
    final int slot;
    final double constant;
    /** For HYPER: where the value comes from and its name. */
    final HyperSource source;
    final String name;
    final boolean scalar;
    /**
     * Order of creation (process-wide, increasing): an operation's value is the one its inputs have where it is
     * created, which {@link UpdateRule} holds rules to (see {@link RuleBuilder#build()}).
     */
    final long serial = SERIALS.incrementAndGet();

    private static final java.util.concurrent.atomic.AtomicLong SERIALS = new java.util.concurrent.atomic.AtomicLong();

    /** A serial larger than that of every expression created so far: the position of a statement. */
    static long nextSerial() {
        return SERIALS.incrementAndGet();
    }

    private Expr(Kind kind, Op op, Expr a, Expr b, Expr c, int slot, double constant, HyperSource source,
            String name, boolean scalar) {
        this.kind = kind;
        this.op = op;
        this.a = a;
        this.b = b;
        this.c = c;
        this.slot = slot;
        this.constant = constant;
        this.source = source;
        this.name = name;
        this.scalar = scalar;
    }

    static Expr leaf(Kind kind, int slot, String name, boolean scalar) {
        return new Expr(kind, null, null, null, null, slot, 0, null, name, scalar);
    }

    static Expr hyper(HyperSource source, String name) {
        return new Expr(Kind.HYPER, null, null, null, null, -1, 0, source, name, true);
    }

    /** A constant. */
    public static Expr constant(double value) {
        return new Expr(Kind.CONSTANT, null, null, null, null, -1, value, null, null, true);
    }

    private static Expr of(Op op, Expr a, Expr b, Expr c) {
        boolean scalar = a.scalar && (b == null || b.scalar) && (c == null || c.scalar);
        if ((op == Op.POW || op == Op.MOD) && !scalar) {
            throw new IllegalArgumentException(op + " is defined on scalars only");
        }
        return new Expr(Kind.OPERATION, op, a, b, c, -1, 0, null, null, scalar);
    }

    /** {@code condition > 0 ? ifPositive : otherwise}, elementwise or on scalars. */
    public static Expr select(Expr condition, Expr ifPositive, Expr otherwise) {
        return of(Op.SELECT, Objects.requireNonNull(condition), Objects.requireNonNull(ifPositive),
                Objects.requireNonNull(otherwise));
    }

    public Expr plus(Expr other) {
        return of(Op.ADD, this, other, null);
    }

    public Expr plus(double other) {
        return plus(constant(other));
    }

    public Expr minus(Expr other) {
        return of(Op.SUB, this, other, null);
    }

    public Expr minus(double other) {
        return minus(constant(other));
    }

    public Expr times(Expr other) {
        return of(Op.MUL, this, other, null);
    }

    public Expr times(double other) {
        return times(constant(other));
    }

    public Expr div(Expr other) {
        return of(Op.DIV, this, other, null);
    }

    public Expr div(double other) {
        return div(constant(other));
    }

    public Expr max(Expr other) {
        return of(Op.MAX, this, other, null);
    }

    public Expr min(Expr other) {
        return of(Op.MIN, this, other, null);
    }

    /** Scalars only. */
    public Expr pow(Expr exponent) {
        return of(Op.POW, this, exponent, null);
    }

    /** Scalars only. */
    public Expr mod(Expr divisor) {
        return of(Op.MOD, this, divisor, null);
    }

    public Expr neg() {
        return of(Op.NEG, this, null, null);
    }

    public Expr abs() {
        return of(Op.ABS, this, null, null);
    }

    public Expr sqrt() {
        return of(Op.SQRT, this, null, null);
    }

    public Expr sign() {
        return of(Op.SIGN, this, null, null);
    }

    public Expr square() {
        return of(Op.SQUARE, this, null, null);
    }

    /** {@code 1 - this}, the usual complement of a decay rate. */
    public Expr complement() {
        return constant(1).minus(this);
    }

    /** True for a scalar: computed once per parameter and step rather than per element. */
    public boolean isScalar() {
        return scalar;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PARAMETER -> "p";
            case GRADIENT -> "g";
            case STATE, TEMPORARY, SCALAR_STATE, REDUCTION, HYPER -> name;
            case STEP -> "t";
            case CONSTANT -> Double.toString(constant);
            case OPERATION -> switch (op.arity()) {
                case 1 -> op.name().toLowerCase() + "(" + a + ")";
                case 2 -> "(" + a + " " + symbol(op) + " " + b + ")";
                default -> "(" + a + " > 0 ? " + b + " : " + c + ")";
            };
        };
    }

    private static String symbol(Op op) {
        return switch (op) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case POW -> "^";
            case MOD -> "%";
            default -> op.name().toLowerCase();
        };
    }
}
