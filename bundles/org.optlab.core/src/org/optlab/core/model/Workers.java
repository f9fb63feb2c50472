package org.optlab.core.model;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads the layers' own loops use, and the thread count of ND4J's OpenMP and OpenBLAS: one setting for all
 * three, so that a run given N cores uses N and its pools do not fight over them. Work is split by example, and every
 * example's result is computed by one thread in a fixed order, so the results do not depend on the thread count.
 */
public final class Workers {

    private static volatile ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

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
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    public static int threads() {
        return pool.getParallelism();
    }

    /** Runs {@code body} for every index in [0, count), in chunks spread over the threads; returns when all are done. */
    static void forEach(int count, IntConsumer body) {
        ForkJoinPool p = pool;
        int chunks = Math.min(count, p.getParallelism());
        if (chunks <= 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        p.invoke(new Range(0, count, Math.max(1, count / chunks), body));
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
