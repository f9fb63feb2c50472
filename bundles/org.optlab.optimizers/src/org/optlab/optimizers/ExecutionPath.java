package org.optlab.optimizers;

/**
 * How an optimizer's rule is executed. All paths run the same compiled rule ({@link org.optlab.optimizers.rule}),
 * so none of them holds a copy of an optimizer's formulas.
 */
public enum ExecutionPath {
    /** Choose per parameter: VECTOR for {@code double[]} parameters, CPU_FUSED for contiguous ND4J CPU buffers of
     * float32 or float64, ND4J_OPS otherwise (GPU backend, other types, strided views). */
    AUTO,
    /** Plain loops over {@code double[]} (2-D surfaces): no ND4J call at all. */
    VECTOR,
    /**
     * One pass per phase over ND4J CPU buffers on all cores: generated Vector API loops for float32 on Java 22+ with
     * jdk.incubator.vector, otherwise the program interpreted on cache-sized chunks staged through heap arrays.
     */
    CPU_FUSED,
    /** One ND4J op per instruction; every array stays where the backend keeps it (the GPU path). */
    ND4J_OPS
}
