package org.optlab.runner.training;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.datasets.Dataset;

/**
 * Mini-batches of a dataset as ND4J arrays: the examples of each epoch in a seeded shuffled order (the same seed and
 * epoch give the same order), the last batch smaller when the size is not a multiple (PyTorch's DataLoader with
 * shuffle=True, drop_last=False). Batches go into one of two slots of arrays kept for the whole run, so that the next
 * batch can be gathered ({@link Stream}) while the model still reads the current one.
 */
final class Batches {

    /** Whether {@link Stream}s gather the next batch on their own thread; off only to compare against in tests. */
    static boolean prefetch = true;

    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final DataType type;
    private final long[] exampleShape;
    private final int featureCount;
    private final int targetWidth;
    private final Slot[] slots = { new Slot(), new Slot() };
    private int[] identity;

    Batches(Dataset data, int batchSize, long seed, DataType type) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.type = type;
        int[] shape = data.exampleShape();
        this.exampleShape = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            exampleShape[i] = shape[i];
        }
        this.featureCount = data.featureCount();
        this.targetWidth = data.isClassification() ? data.classCount() : data.targetCount();
    }

    /** Batches per epoch. */
    int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The order of the examples in {@code epoch} (0-based): a Fisher-Yates shuffle seeded by the seed and epoch. */
    int[] order(int epoch) {
        int[] order = identity(data.size());
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** 0, 1, 2...: the dataset in its own order (for evaluations), made once. */
    int[] identityOrder() {
        return identity != null ? identity : (identity = identity(data.size()));
    }

    private static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    Dataset dataset() {
        return data;
    }

    /** Loads the examples order[from..to) into the arrays of slot 0; returns {inputs, targets}. */
    INDArray[] load(int[] order, int from, int to) {
        return load(0, order, from, to);
    }

    /**
     * Loads the examples order[from..to) into slot {@code slot} (0 or 1), whose arrays for this batch size are kept;
     * returns {inputs, targets}. Slots are independent: one may be loaded while the other is read.
     */
    INDArray[] load(int slot, int[] order, int from, int to) {
        int n = to - from;
        Slot s = slots[slot];
        Slot.Sized a = s.arrays(n);
        float[] features = data.features();
        Arrays.fill(a.targets, 0);
        for (int i = 0; i < n; i++) {
            int example = order[from + i];
            if (a.x != null) { // float32: straight into the batch array
                a.x.put(i * featureCount, features, example * featureCount, featureCount);
            } else {
                System.arraycopy(features, example * featureCount, a.features, i * featureCount, featureCount);
            }
            if (data.isClassification()) {
                a.targets[i * targetWidth + data.labels()[example]] = 1;
            } else {
                System.arraycopy(data.targets(), example * targetWidth, a.targets, i * targetWidth, targetWidth);
            }
        }
        if (a.y != null) {
            a.y.put(0, a.targets); // one bulk copy (DataBuffer.setData copies element by element)
        } else {
            a.arrays[0].assign(Nd4j.createFromArray(a.features).reshape('c', a.arrays[0].shape()));
            a.arrays[1].assign(Nd4j.createFromArray(a.targets).reshape('c', a.arrays[1].shape()));
        }
        return a.arrays;
    }

    /** One slot's arrays, for the full batch size and for a smaller last batch, made when first needed. */
    private final class Slot {
        private Sized full;
        private Sized rest;

        /** The arrays for batches of {@code n}. */
        Sized arrays(int n) {
            if (n == batchSize) {
                return full != null ? full : (full = new Sized(n));
            }
            return rest != null && rest.n == n ? rest : (rest = new Sized(n));
        }

        private final class Sized {
            final int n;
            final INDArray[] arrays;
            final float[] targets;
            final float[] features; // staging for other types than float32 (null for float32)
            final FloatBuffer x; // the batch arrays' buffers for float32 (else null)
            final FloatBuffer y;

            Sized(int n) {
                this.n = n;
                long[] shape = new long[exampleShape.length + 1];
                shape[0] = n;
                System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
                arrays = new INDArray[] { Nd4j.createUninitialized(type, shape, 'c'),
                        Nd4j.createUninitialized(type, new long[] { n, targetWidth }, 'c') };
                targets = new float[n * targetWidth];
                boolean float32 = type == DataType.FLOAT;
                features = float32 ? null : new float[n * featureCount];
                x = float32 ? arrays[0].data().asNioFloat() : null;
                y = float32 ? arrays[1].data().asNioFloat() : null;
            }
        }
    }

    /**
     * The batches of {@code epochs} epochs, one step after the other: while the caller trains on one, the next is
     * gathered into the other slot on the stream's thread (when {@link #prefetch} is on). A batch stays valid until the
     * call of {@link #next} after the one that returned it.
     */
    final class Stream implements AutoCloseable {
        private final int epochs;
        private final ExecutorService thread;
        private int step; // the index of the batch the next call returns, over all epochs
        private int[] order;
        private int orderEpoch = -1;
        private CompletableFuture<INDArray[]> pending;

        Stream(int epochs) {
            this.epochs = epochs;
            this.thread = prefetch ? Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "optlab-batches");
                t.setDaemon(true);
                return t;
            }) : null;
        }

        /** The next step's batch, {inputs, targets}. */
        INDArray[] next() {
            if (step >= epochs * count()) {
                throw new IllegalStateException("no batch after the last epoch");
            }
            INDArray[] batch;
            try {
                batch = pending != null ? pending.join() : load(step);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            pending = null;
            step++;
            if (thread != null && step < epochs * count()) {
                int ahead = step;
                pending = CompletableFuture.supplyAsync(() -> load(ahead), thread);
            }
            return batch;
        }

        /** Loads batch {@code index} of the run into slot index % 2. */
        private INDArray[] load(int index) {
            int epoch = index / count();
            if (epoch != orderEpoch) { // only the loading thread touches the order (or only the caller's)
                order = order(epoch);
                orderEpoch = epoch;
            }
            int from = (index % count()) * batchSize;
            return Batches.this.load(index % 2, order, from, Math.min(data.size(), from + batchSize));
        }

        @Override
        public void close() {
            if (thread != null) {
                thread.shutdownNow();
            }
        }
    }
}
