package org.optlab.core.model;

import java.util.IdentityHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The convolutions' matrix products (tall and thin: [batch oh ow, c k k] times [c k k, filters]), spread over
 * {@link Workers}' threads by blocks of rows, OpenBLAS single-threaded inside each. A product whose rows split (C = A
 * op(B), A not transposed) splits C's rows; a product summed over the batch (C = A^T B) splits the sum into
 * {@value #SUM_CHUNKS} parts whatever the thread count, added in a fixed order, so that the thread count changes no
 * bit. Measured on the 2-core development machine in alternating blocks of one process (docs/benchmarks.md): the CNN
 * step 10.9 ms this way against 12.8 ms with one OpenBLAS thread and 16.0 ms with OpenBLAS's two; the MLP's square
 * products do better with OpenBLAS's own threads (1.26 ms against 2.06 ms split), so Dense calls OpenBLAS directly.
 */
final class Products {

    /** Parts of a sum over the batch, fixed so that results do not depend on the threads. */
    static final int SUM_CHUNKS = 2;

    /** Row blocks of the arrays multiplied so far, kept (views are not free in ND4J). */
    private final Map<INDArray, INDArray[]> blocks = new IdentityHashMap<>();
    private final Buffers buffers;
    private final HeapCopies copies = new HeapCopies();
    // heap arrays of sum's transposition, kept
    private Object transposed;
    private float[] floats;
    private double[] doubles;

    Products(Buffers buffers) {
        this.buffers = buffers;
    }

    /** c = a op(b) (overwriting c), a [m, k] not transposed: c's rows split over the threads. */
    void rows(INDArray a, INDArray b, INDArray c, boolean transposeB) {
        int chunks = (int) Math.min(Workers.threads(), a.rows());
        if (chunks <= 1) {
            Nd4j.gemm(a, b, c, false, transposeB, 1.0, 0.0);
            return;
        }
        INDArray[] as = blocks(a, chunks);
        INDArray[] cs = blocks(c, chunks);
        Workers.forEachSingleThreadedBlas(chunks, i -> Nd4j.gemm(as[i], b, cs[i], false, transposeB, 1.0, 0.0));
    }

    /**
     * c = a^T b (overwriting c), both [n, *] with n the summed dimension, computed as its transpose b^T a and then
     * transposed into c on the heap (OpenBLAS takes 20-35 % less time that way for the convolutions' weight
     * gradients, docs/benchmarks.md): the sum split into {@value #SUM_CHUNKS} row blocks, multiplied side by side and
     * added in order.
     */
    void sum(INDArray a, INDArray b, INDArray c) {
        INDArray t = buffers.get("transposed", c.columns(), c.rows());
        int chunks = (int) Math.min(SUM_CHUNKS, a.rows());
        if (chunks <= 1) {
            Nd4j.gemm(b, a, t, true, false, 1.0, 0.0);
        } else {
            INDArray[] as = blocks(a, chunks);
            INDArray[] bs = blocks(b, chunks);
            INDArray[] parts = new INDArray[chunks];
            parts[0] = t;
            for (int i = 1; i < chunks; i++) {
                parts[i] = buffers.get("part" + i, t.shape());
            }
            Workers.forEachSingleThreadedBlas(chunks, i -> Nd4j.gemm(bs[i], as[i], parts[i], true, false, 1.0, 0.0));
            for (int i = 1; i < chunks; i++) {
                t.addi(parts[i]);
            }
        }
        transposed = copies.readNative(t, transposed);
        int rows = (int) t.rows();
        int columns = (int) t.columns();
        if (transposed instanceof float[] from) {
            float[] to = floats = floats != null && floats.length == from.length ? floats : new float[from.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    to[j * rows + i] = from[i * columns + j];
                }
            }
            copies.putNative(c, to);
        } else {
            double[] from = (double[]) transposed;
            double[] to = doubles = doubles != null && doubles.length == from.length ? doubles : new double[from.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    to[j * rows + i] = from[i * columns + j];
                }
            }
            copies.putNative(c, to);
        }
    }

    /** {@code chunks} blocks of consecutive rows of a 'c'-ordered matrix, as views, the first ones one row larger. */
    private INDArray[] blocks(INDArray m, int chunks) {
        INDArray[] kept = blocks.get(m);
        if (kept != null && kept.length == chunks) {
            return kept;
        }
        if (blocks.size() > 32) { // arrays of earlier batch sizes
            blocks.clear();
        }
        INDArray[] views = new INDArray[chunks];
        long rows = m.rows();
        long from = 0;
        for (int i = 0; i < chunks; i++) {
            long to = from + rows / chunks + (i < rows % chunks ? 1 : 0);
            views[i] = m.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            from = to;
        }
        blocks.put(m, views);
        return views;
    }
}
