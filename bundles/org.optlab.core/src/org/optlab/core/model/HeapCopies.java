package org.optlab.core.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between ND4J arrays and Java arrays, for the layers that work on the heap (convolution, pooling, the
 * loss): one memory copy each way instead of an element-by-element loop (which DataBuffer.setData is). Values go
 * through doubles, which is exact for float32. An instance keeps its float staging array, so that a layer's copies
 * allocate nothing from batch to batch.
 */
final class HeapCopies {

    private float[] floats = new float[0];

    /** The elements of {@code a} in 'c' order, in {@code into} when it has the right length (else a new array). */
    double[] read(INDArray a, double[] into) {
        INDArray c = isContiguous(a) ? a : a.dup('c');
        int length = (int) c.length();
        double[] values = into != null && into.length == length ? into : new double[length];
        if (c.dataType() == DataType.FLOAT) {
            float[] staging = staging(length);
            FloatBuffer source = c.data().asNioFloat();
            source.get(0, staging, 0, length);
            for (int i = 0; i < length; i++) {
                values[i] = staging[i];
            }
        } else if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get(0, values, 0, length);
        } else {
            return c.data().asDouble();
        }
        return values;
    }

    /** Writes the first {@code a.length()} of {@code values} ('c' order) into {@code a}, a whole 'c'-ordered array. */
    void put(INDArray a, double[] values) {
        int length = (int) a.length();
        if (!isContiguous(a) || values.length < length) {
            throw new IllegalArgumentException("expected a whole 'c'-ordered array of " + length + " elements");
        }
        if (a.dataType() == DataType.FLOAT) {
            float[] staging = staging(length);
            for (int i = 0; i < length; i++) {
                staging[i] = (float) values[i];
            }
            FloatBuffer target = a.data().asNioFloat();
            target.put(0, staging, 0, length);
        } else if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer target = a.data().asNioDouble();
            target.put(0, values, 0, length);
        } else {
            throw new IllegalArgumentException("models compute in FLOAT or DOUBLE, not " + a.dataType());
        }
    }

    /**
     * The elements of {@code a} in 'c' order in its own type: a float[] for FLOAT, a double[] for DOUBLE, in
     * {@code into} when that is an array of the right type and length (else a new one). No conversion.
     */
    Object readNative(INDArray a, Object into) {
        INDArray c = isContiguous(a) ? a : a.dup('c');
        int length = (int) c.length();
        if (c.dataType() == DataType.FLOAT) {
            float[] values = into instanceof float[] f && f.length == length ? f : new float[length];
            c.data().asNioFloat().get(0, values, 0, length);
            return values;
        }
        double[] values = into instanceof double[] d && d.length == length ? d : new double[length];
        return read(c, values);
    }

    /** Writes the first {@code a.length()} values of a float[] or double[] of {@code a}'s own type into {@code a}. */
    void putNative(INDArray a, Object values) {
        if (values instanceof float[] f && a.dataType() == DataType.FLOAT) {
            int length = (int) a.length();
            if (!isContiguous(a) || f.length < length) {
                throw new IllegalArgumentException("expected a whole 'c'-ordered array of " + length + " elements");
            }
            a.data().asNioFloat().put(0, f, 0, length);
        } else {
            put(a, (double[]) values);
        }
    }

    /** A zeroed float[] or double[] for an array of {@code type}, reusing {@code old} when it fits. */
    static Object array(DataType type, int length, Object old) {
        if (type == DataType.FLOAT) {
            return old instanceof float[] f && f.length == length ? f : new float[length];
        }
        return old instanceof double[] d && d.length == length ? d : new double[length];
    }

    private float[] staging(int length) {
        if (floats.length < length) {
            floats = new float[length];
        }
        return floats;
    }

    /** Whether the array's buffer holds exactly its elements, in 'c' order. */
    private static boolean isContiguous(INDArray a) {
        return a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length() && a.elementWiseStride() == 1;
    }
}
