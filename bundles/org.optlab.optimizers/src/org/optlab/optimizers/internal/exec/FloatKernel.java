package org.optlab.optimizers.internal.exec;

import static org.optlab.optimizers.rule.UpdateRule.COPY;
import static org.optlab.optimizers.rule.UpdateRule.SUM_OF_SQUARES;
import static org.optlab.optimizers.rule.UpdateRule.WIDTH;

import org.optlab.optimizers.rule.Op;

/**
 * Runs a compiled phase on {@code float[]} registers over [from, to): the float twin of {@link DoubleKernel} (see
 * there why there are two). Arithmetic is float, as PyTorch's on float32 tensors; sums of squares accumulate in
 * double.
 */
final class FloatKernel {

    private static final Op[] OPS = Op.values();

    private FloatKernel() {
    }

    /** Executes {@code code}; sums of squares are added to {@code sums[slot]}. */
    static void run(int[] code, float[][] r, int from, int to, double[] sums) {
        for (int i = 0; i < code.length; i += WIDTH) {
            int op = code[i];
            if (op == SUM_OF_SQUARES) {
                float[] a = r[code[i + 2]];
                double s = 0;
                for (int k = from; k < to; k++) {
                    s += (double) a[k] * a[k];
                }
                sums[code[i + 1]] += s;
            } else if (op == COPY) {
                System.arraycopy(r[code[i + 2]], from, r[code[i + 1]], from, to - from);
            } else {
                apply(OPS[op], r[code[i + 1]], r[code[i + 2]], r[code[i + 3]], r[code[i + 4]], from, to);
            }
        }
    }

    private static void apply(Op op, float[] d, float[] a, float[] b, float[] c, int from, int to) {
        switch (op) {
            case NEG -> { for (int k = from; k < to; k++) d[k] = -a[k]; }
            case ABS -> { for (int k = from; k < to; k++) d[k] = Math.abs(a[k]); }
            case SQRT -> { for (int k = from; k < to; k++) d[k] = (float) Math.sqrt(a[k]); }
            case SIGN -> { for (int k = from; k < to; k++) d[k] = Math.signum(a[k]); }
            case SQUARE -> { for (int k = from; k < to; k++) d[k] = a[k] * a[k]; }
            case ADD -> { for (int k = from; k < to; k++) d[k] = a[k] + b[k]; }
            case SUB -> { for (int k = from; k < to; k++) d[k] = a[k] - b[k]; }
            case MUL -> { for (int k = from; k < to; k++) d[k] = a[k] * b[k]; }
            case DIV -> { for (int k = from; k < to; k++) d[k] = a[k] / b[k]; }
            case MAX -> { for (int k = from; k < to; k++) d[k] = Math.max(a[k], b[k]); }
            case MIN -> { for (int k = from; k < to; k++) d[k] = Math.min(a[k], b[k]); }
            case SELECT -> { for (int k = from; k < to; k++) d[k] = a[k] > 0 ? b[k] : c[k]; }
            case MULADD -> { for (int k = from; k < to; k++) d[k] = a[k] * b[k] + c[k]; }
            case POW, MOD -> throw new IllegalStateException(op + " on elements");
        }
    }
}
