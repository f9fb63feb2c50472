package org.optlab.core.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between ND4J arrays and Java arrays, for the layers that work on the heap (pooling, the loss): one
 * memory copy each way instead of an element-by-element loop (which DataBuffer.setData is) or temporary arrays.
 * Values go through doubles, which is exact for float32.
 */
final class HeapCopies {

    private HeapCopies() {
    }

    /** The elements of {@code a} in 'c' order. */
    static double[] read(INDArray a) {
        return contiguous(a).data().asDouble();
    }

    /** Writes {@code values} ('c' order) into {@code a}, which must cover its whole buffer in 'c' order. */
    static void write(INDArray a, double[] values) {
        if (!isContiguous(a) || values.length != a.length()) {
            throw new IllegalArgumentException("expected a whole 'c'-ordered array of " + values.length + " elements");
        }
        if (a.dataType() == DataType.FLOAT) {
            float[] floats = new float[values.length];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = (float) values[i];
            }
            FloatBuffer target = a.data().asNioFloat();
            target.put(floats);
        } else if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer target = a.data().asNioDouble();
            target.put(values);
        } else {
            throw new IllegalArgumentException("models compute in FLOAT or DOUBLE, not " + a.dataType());
        }
    }

    private static INDArray contiguous(INDArray a) {
        return isContiguous(a) ? a : a.dup('c');
    }

    /** Whether the array's buffer holds exactly its elements, in 'c' order. */
    private static boolean isContiguous(INDArray a) {
        return a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length() && a.elementWiseStride() == 1;
    }
}
