package org.optlab.optimizers.conformance;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;
import org.optlab.core.Trainable;
import org.optlab.core.VectorParameter;

/** Where a parameter under test lives; each kind takes its own execution path. */
public enum Storage {
    /** A {@code double[]}: the plain loops used for 2-D surfaces. */
    VECTOR,
    /** An ND4J float64 array: the fused CPU pass (or ND4J's ops when asked for). */
    ND4J_DOUBLE,
    /** An ND4J float32 array, as in training. */
    ND4J_FLOAT;

    public Trainable create(double[] start) {
        return switch (this) {
            case VECTOR -> VectorParameter.of("w", start);
            case ND4J_DOUBLE -> new Parameter("w", Nd4j.createFromArray(start.clone()));
            case ND4J_FLOAT -> new Parameter("w", Nd4j.createFromArray(start.clone()).castTo(DataType.FLOAT));
        };
    }

    public void setGradient(Trainable p, double[] g) {
        if (p instanceof VectorParameter v) {
            System.arraycopy(g, 0, v.gradient(), 0, g.length);
        } else {
            Parameter q = (Parameter) p;
            q.gradient().assign(Nd4j.createFromArray(g).castTo(q.gradient().dataType()));
        }
    }

    public double[] values(Trainable p) {
        return p instanceof VectorParameter v ? v.value().clone() : ((Parameter) p).value().toDoubleVector();
    }
}
