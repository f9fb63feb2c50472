package org.optlab.optimizers.internal.exec;

import static org.optlab.optimizers.rule.UpdateRule.COPY;
import static org.optlab.optimizers.rule.UpdateRule.SUM_OF_SQUARES;
import static org.optlab.optimizers.rule.UpdateRule.WIDTH;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.optlab.core.Parameter;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.rule.Op;
import org.optlab.optimizers.rule.UpdateRule;

/**
 * Runs rules as one ND4J op per instruction, so every array stays on the backend's device: the path for the GPU
 * backend, and for buffers the fused path cannot stage (strided views, other data types). Scalars are passed to
 * ND4J's scalar ops rather than broadcast. Each result is computed into a fresh array and then assigned, so an
 * instruction may read the register it writes.
 */
public final class Nd4jOpsExecutor extends Nd4jStates {

    public static final Nd4jOpsExecutor INSTANCE = new Nd4jOpsExecutor();

    private static final Op[] OPS = Op.values();

    private Nd4jOpsExecutor() {
    }

    @Override
    public ExecutionPath path() {
        return ExecutionPath.ND4J_OPS;
    }

    @Override
    public void run(UpdateRule.Phase phase, ParameterState state, double[] scalars) {
        Parameter parameter = (Parameter) state.parameter;
        Object[] r = new Object[phase.registers()];
        r[UpdateRule.PARAMETER] = parameter.value();
        r[UpdateRule.GRADIENT] = parameter.gradient();
        System.arraycopy(state.buffers, 0, r, UpdateRule.FIRST_STATE, state.buffers.length);
        for (int k = 0; k < scalars.length; k++) {
            r[phase.firstScalarRegister() + k] = scalars[k];
        }
        int[] code = phase.code();
        for (int i = 0; i < code.length; i += WIDTH) {
            int op = code[i];
            int dst = code[i + 1];
            Object a = r[code[i + 2]];
            if (op == SUM_OF_SQUARES) {
                INDArray x = (INDArray) a;
                state.reductions[dst] += x.mul(x).sumNumber().doubleValue();
                continue;
            }
            INDArray result = op == COPY ? array(a, parameter.value())
                    : apply(OPS[op], a, r[code[i + 3]], r[code[i + 4]], parameter.value());
            if (r[dst] instanceof INDArray existing && dst < UpdateRule.FIRST_STATE + state.buffers.length) {
                existing.assign(result);
            } else {
                r[dst] = result;
            }
        }
    }

    /** {@code x} as a new array shaped like {@code like} (a scalar is broadcast). */
    private static INDArray array(Object x, INDArray like) {
        return x instanceof INDArray a ? a.dup() : like.ulike().assign((Double) x);
    }

    /**
     * {@code condition ? ifTrue : otherwise} per element, by ND4J's select op: a real select, where mask * b +
     * (1 - mask) * c would turn an unused inf or NaN into NaN.
     */
    private static INDArray select(INDArray condition, INDArray ifTrue, INDArray otherwise, INDArray like) {
        INDArray result = like.ulike();
        Nd4j.exec(new Select(new INDArray[] {condition, ifTrue, otherwise}, new INDArray[] {result}));
        return result;
    }

    private static INDArray apply(Op op, Object a, Object b, Object c, INDArray like) {
        if (op.arity() == 1) {
            INDArray x = (INDArray) a;
            return switch (op) {
                case NEG -> x.neg();
                case ABS -> Transforms.abs(x, true);
                case SQRT -> Transforms.sqrt(x, true);
                // ND4J's sign gives 0 for NaN; Math.signum, the reference, keeps NaN
                case SIGN -> select(x.neq(x), x, Transforms.sign(x, true), like);
                case SQUARE -> x.mul(x);
                default -> throw new IllegalStateException(op.name());
            };
        }
        if (op == Op.MULADD) {
            INDArray product = a instanceof INDArray x ? (b instanceof INDArray y ? x.mul(y) : x.mul((Double) b))
                    : ((INDArray) b).mul((Double) a);
            return c instanceof INDArray z ? product.addi(z) : product.addi((Double) c);
        }
        if (op == Op.SELECT && a instanceof Double condition) {
            return array(condition > 0 ? b : c, like);
        }
        if (op == Op.SELECT) {
            return select(((INDArray) a).gt(0), array(b, like), array(c, like), like);
        }
        if (a instanceof INDArray x && b instanceof INDArray y) {
            return switch (op) {
                case ADD -> x.add(y);
                case SUB -> x.sub(y);
                case MUL -> x.mul(y);
                case DIV -> x.div(y);
                case MAX -> Transforms.max(x, y, true);
                case MIN -> Transforms.min(x, y, true);
                default -> throw new IllegalStateException(op.name());
            };
        }
        if (a instanceof INDArray x) {
            double s = (Double) b;
            return switch (op) {
                case ADD -> x.add(s);
                case SUB -> x.sub(s);
                case MUL -> x.mul(s);
                case DIV -> x.div(s);
                case MAX -> Transforms.max(x, s, true);
                case MIN -> Transforms.min(x, s, true);
                default -> throw new IllegalStateException(op.name());
            };
        }
        double s = (Double) a;
        INDArray y = (INDArray) b;
        return switch (op) {
            case ADD -> y.add(s);
            case SUB -> y.rsub(s);
            case MUL -> y.mul(s);
            case DIV -> y.rdiv(s);
            case MAX -> Transforms.max(y, s, true);
            case MIN -> Transforms.min(y, s, true);
            default -> throw new IllegalStateException(op.name());
        };
    }
}
