package org.optlab.core.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Arrays a layer writes into, kept across calls and reallocated only when the shape changes (a new batch size). */
final class Buffers {

    private final DataType type;
    private final Map<String, INDArray> arrays = new HashMap<>();

    Buffers(DataType type) {
        this.type = type;
    }

    /** The array named {@code name} of this shape (contents undefined). */
    INDArray get(String name, long... shape) {
        INDArray a = arrays.get(name);
        if (a == null || !Arrays.equals(a.shape(), shape)) {
            a = Nd4j.createUninitialized(type, shape, 'c');
            arrays.put(name, a);
        }
        return a;
    }
}
