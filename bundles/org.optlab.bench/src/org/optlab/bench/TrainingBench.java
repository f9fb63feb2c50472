package org.optlab.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.model.Activation;
import org.optlab.core.model.Model;
import org.optlab.core.model.Models;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerRegistry;

/**
 * Training speed of the MLP 784-256-10 (relu, softmax cross-entropy) with Adam (lr 0.001) at batch 128 on random
 * float32 data: OptLab's model and optimizer against DL4J's MultiLayerNetwork with its own Adam (one {@code fit} per
 * step). Both are warmed up, then timed in alternating blocks of steps, so that both see the same state of a noisy
 * machine; the result is the median step time of each over all blocks, as examples per second.
 */
public final class TrainingBench {

    public static final int BATCH = 128;
    private static final int BLOCKS = 10;

    /** Median milliseconds per training step of each, and OptLab's split into the pass and the optimizer step. */
    public record Report(double optlabStepMs, double forwardBackwardMs, double optimizerMs, double dl4jStepMs) {

        public double optlabExamplesPerSecond() {
            return BATCH / (optlabStepMs / 1000);
        }

        public double dl4jExamplesPerSecond() {
            return BATCH / (dl4jStepMs / 1000);
        }

        public double ratio() {
            return optlabExamplesPerSecond() / dl4jExamplesPerSecond();
        }
    }

    private TrainingBench() {
    }

    /** Times {@code steps} steps of each (in {@value #BLOCKS} alternating blocks) after {@code steps / 4} warm-up steps. */
    public static Report run(OptimizerRegistry registry, int steps, Consumer<String> log) {
        INDArray x = random(new long[] { BATCH, 784 }, 2);
        INDArray y = labels();
        Model model = Models.mlp(new long[] { 784 }, new int[] { 256 }, Activation.Kind.RELU, 10, true, DataType.FLOAT);
        model.initialize(1);
        Optimizer adam = registry.create("adam", Map.of("lr", 0.001));
        adam.addParamGroup(model.parameters());
        var net = dl4jNetwork();
        var batch = new org.nd4j.linalg.dataset.DataSet(x, y);
        for (int i = 0; i < steps / 4; i++) {
            model.lossAndGradient(x, y);
            adam.step();
            net.fit(batch);
        }
        int perBlock = Math.max(1, steps / BLOCKS);
        double[] total = new double[perBlock * BLOCKS];
        double[] pass = new double[total.length];
        double[] update = new double[total.length];
        double[] peer = new double[total.length];
        for (int block = 0; block < BLOCKS; block++) {
            for (int i = block * perBlock; i < (block + 1) * perBlock; i++) {
                long t0 = System.nanoTime();
                model.lossAndGradient(x, y);
                long t1 = System.nanoTime();
                adam.step();
                long t2 = System.nanoTime();
                pass[i] = (t1 - t0) / 1e6;
                update[i] = (t2 - t1) / 1e6;
                total[i] = (t2 - t0) / 1e6;
            }
            for (int i = block * perBlock; i < (block + 1) * perBlock; i++) {
                long t0 = System.nanoTime();
                net.fit(batch);
                peer[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Report r = new Report(median(total), median(pass), median(update), median(peer));
        log.accept(String.format(Locale.ROOT, "optlab: %.2f ms per step (forward+backward %.2f, adam %.2f) = %.0f"
                + " examples/s", r.optlabStepMs(), r.forwardBackwardMs(), r.optimizerMs(), r.optlabExamplesPerSecond()));
        log.accept(String.format(Locale.ROOT, "dl4j:   %.2f ms per step = %.0f examples/s", r.dl4jStepMs(),
                r.dl4jExamplesPerSecond()));
        log.accept(String.format(Locale.ROOT, "ratio:  %.2f (OptLab / DL4J examples per second)", r.ratio()));
        return r;
    }

    /** DL4J's MultiLayerNetwork of the same shape, loss and optimizer. */
    private static org.deeplearning4j.nn.multilayer.MultiLayerNetwork dl4jNetwork() {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.001)).dataType(DataType.FLOAT)
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(784).nOut(256)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** One-hot labels 0, 1, ..., 9, 0, 1, ... for a batch. */
    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        return y;
    }

    static INDArray random(long[] shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble();
        }
        return Nd4j.createFromArray(values).reshape('c', shape);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
