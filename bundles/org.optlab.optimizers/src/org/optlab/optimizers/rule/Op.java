package org.optlab.optimizers.rule;

/**
 * The elementwise operations an update rule is written with. Each has exactly one meaning, given here on doubles;
 * the executors apply the same IEEE operation in the buffer's precision (Java never contracts a * b + c into a fused
 * multiply-add, so every path rounds the same way).
 */
public enum Op {
    NEG(1), ABS(1), SQRT(1), SIGN(1), SQUARE(1),
    ADD(2), SUB(2), MUL(2), DIV(2), MAX(2), MIN(2),
    /** Scalars only: a to the power b. */
    POW(2),
    /** Scalars only: the floating-point remainder of a / b ({@code %} in Java). */
    MOD(2),
    /** {@code a > 0 ? b : c}. */
    SELECT(3),
    /**
     * {@code a * b + c}, rounded after the product and after the sum (two roundings, not a fused multiply-add):
     * the compiler's fusion of a product and a sum into one pass, with the same result as the two operations.
     */
    MULADD(3);

    private final int arity;

    Op(int arity) {
        this.arity = arity;
    }

    public int arity() {
        return arity;
    }

    /** The operation on doubles; the reference every executor follows. */
    public double apply(double a, double b, double c) {
        return switch (this) {
            case NEG -> -a;
            case ABS -> Math.abs(a);
            case SQRT -> Math.sqrt(a);
            case SIGN -> Math.signum(a);
            case SQUARE -> a * a;
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> Math.pow(a, b);
            case MOD -> a % b;
            case SELECT -> a > 0 ? b : c;
            case MULADD -> a * b + c;
        };
    }
}
