/**
 * The executors of compiled update rules: {@code VectorExecutor} (double[]), {@code FusedCpuExecutor} (ND4J CPU
 * buffers staged through heap chunks, all cores) and {@code Nd4jOpsExecutor} (one ND4J op per instruction; the GPU
 * path). See {@link org.optlab.optimizers.rule} for the design. Not API.
 */
package org.optlab.optimizers.internal.exec;
