package org.optlab.core.model;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads of a training run, one setting for all of its pools so that a run given N cores uses N without its
 * pools fighting: the layers' own loops run on this pool, split by example (every example's result computed by one
 * thread in a fixed order, so the thread count changes no bit); ND4J's OpenMP ops and OpenBLAS get the same count,
 * except that OpenBLAS runs single-threaded inside the pool's threads ({@link #forEachSingleThreadedBlas},
 * {@link Products}) until a product asks for its own threads again ({@link #multiThreadedBlas}, {@link Dense}).
 */
public final class Workers {

    private static volatile ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    /** OpenBLAS's thread count as last set or read here. */
    private static int blasCount = -1;

    static {
        // OpenBLAS starts with the threads its environment gives it (OPENBLAS_NUM_THREADS, else one per core) and is
        // only lowered to the pool's count here, never raised: raising it starts threads that spin for a while on
        // sched_yield, and a sweep worker told to use one core (the environment and setThreads(1)) paid about a tenth
        // of its start for a thread it never used. A product that wants the pool's threads raises it
        // (multiThreadedBlas).
        int blas = currentBlasThreads();
        if (blas > pool.getParallelism()) {
            blasThreads(pool.getParallelism());
        } else {
            blasCount = blas;
        }
    }

    private Workers() {
    }

    /** Uses {@code threads} threads from now on, for the layers' loops, ND4J's OpenMP and OpenBLAS. */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (pool.getParallelism() != threads) {
            ForkJoinPool old = pool;
            pool = new ForkJoinPool(threads);
            old.shutdown();
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        blasThreads(threads);
    }

    public static int threads() {
        return pool.getParallelism();
    }

    /**
     * {@link #forEach} for bodies that call OpenBLAS: it runs single-threaded (one OpenBLAS thread per pool thread),
     * and stays so until a product wants OpenBLAS's own threads again ({@link #multiThreadedBlas}).
     */
    static synchronized void forEachSingleThreadedBlas(int count, IntConsumer body) {
        if (Math.min(count, pool.getParallelism()) > 1) {
            blasThreads(1);
        }
        forEach(count, body);
    }

    /** Before a product that OpenBLAS splits over its own threads: gives it the pool's count (back). */
    static synchronized void multiThreadedBlas() {
        blasThreads(pool.getParallelism());
    }

    /** OpenBLAS's thread count now; -1 for a backend without OpenBLAS. */
    static int currentBlasThreads() {
        try {
            return Nd4j.factory().blas().getMaxThreads();
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    /**
     * Sets OpenBLAS's thread count where it changes. ND4J's call is slow (about 0.1 ms: it loads the library and
     * looks up four symbols every time); set back after each of a convolution's products, it took about a fifth of
     * the CNN's step at two threads. A backend without OpenBLAS (CUDA's cuBLAS) has nothing to set.
     */
    private static synchronized void blasThreads(int threads) {
        if (threads == blasCount) {
            return;
        }
        try {
            Nd4j.factory().blas().setMaxThreads(threads);
        } catch (UnsupportedOperationException e) {
            // not a CPU BLAS
        }
        blasCount = threads;
    }

    /**
     * Runs {@code body} for every index in [0, count), in chunks spread over the threads; returns when all are done.
     * The calling thread takes the first chunk itself: with two threads only one of the pool's wakes (a step makes
     * dozens of these calls, and each wake-up of a parked thread costs tens of microseconds), and the caller does not
     * sit idle beside the pool's threads.
     */
    static void forEach(int count, IntConsumer body) {
        ForkJoinPool p = pool;
        int chunks = Math.min(count, p.getParallelism());
        if (chunks <= 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        int grain = Math.max(1, count / chunks);
        int first = count - (chunks - 1) * grain; // the caller's share, the larger one when count does not divide
        ForkJoinTask<Void> rest = p.submit(new Range(first, count, grain, body));
        try {
            for (int i = 0; i < first; i++) {
                body.accept(i);
            }
        } finally {
            rest.join();
        }
    }

    private static final class Range extends RecursiveAction {

        private final int from;
        private final int to;
        private final int grain;
        private final transient IntConsumer body;

        Range(int from, int to, int grain, IntConsumer body) {
            this.from = from;
            this.to = to;
            this.grain = grain;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                for (int i = from; i < to; i++) {
                    body.accept(i);
                }
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new Range(from, middle, grain, body), new Range(middle, to, grain, body));
        }
    }
}
