package org.optlab.runner.training;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.datasets.Dataset;

/**
 * Mini-batches of a dataset as ND4J arrays: the examples of each epoch in a seeded shuffled order (the same seed and
 * epoch give the same order), the last batch smaller when the size is not a multiple (PyTorch's DataLoader with
 * shuffle=True, drop_last=False). Examples are gathered on the heap and copied to the batch arrays, which are reused.
 */
final class Batches {

    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final DataType type;
    private final long[] exampleShape;
    private final int featureCount;
    private final int targetWidth;
    private float[] featureStage = new float[0];
    private float[] targetStage = new float[0];
    private INDArray x;
    private INDArray y;

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
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Loads the examples order[from..to) into the batch arrays; returns {inputs, targets}. */
    INDArray[] load(int[] order, int from, int to) {
        int n = to - from;
        if (featureStage.length != n * featureCount) {
            featureStage = new float[n * featureCount];
            targetStage = new float[n * targetWidth];
            long[] shape = new long[exampleShape.length + 1];
            shape[0] = n;
            System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
            x = Nd4j.createUninitialized(type, shape, 'c');
            y = Nd4j.createUninitialized(type, new long[] { n, targetWidth }, 'c');
        }
        float[] features = data.features();
        java.util.Arrays.fill(targetStage, 0);
        for (int i = 0; i < n; i++) {
            int example = order[from + i];
            System.arraycopy(features, example * featureCount, featureStage, i * featureCount, featureCount);
            if (data.isClassification()) {
                targetStage[i * targetWidth + data.labels()[example]] = 1;
            } else {
                System.arraycopy(data.targets(), example * targetWidth, targetStage, i * targetWidth, targetWidth);
            }
        }
        if (type == DataType.FLOAT) {
            x.data().asNioFloat().put(featureStage); // one bulk copy (DataBuffer.setData copies element by element)
            y.data().asNioFloat().put(targetStage);
        } else {
            x.assign(Nd4j.createFromArray(featureStage).reshape('c', x.shape()));
            y.assign(Nd4j.createFromArray(targetStage).reshape('c', y.shape()));
        }
        return new INDArray[] { x, y };
    }
}
