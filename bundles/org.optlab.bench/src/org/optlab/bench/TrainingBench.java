package org.optlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.optlab.core.model.Workers;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerRegistry;

/**
 * Training speed at batch 128 on random float32 data with Adam (lr 0.001), of the MLP 784-256-10 (relu) or the small
 * CNN (conv 5x5x8 - relu - pool - conv 5x5x16 - relu - pool - dense, on 1 x 28 x 28), softmax cross-entropy: OptLab's
 * model and optimizer against DL4J's MultiLayerNetwork of the same layers with its own Adam (one {@code fit} per step),
 * and the step's floor: the matrix products of OptLab's step alone (the same shapes and transpose flags, on
 * preallocated arrays). The three are warmed up, then timed in alternating blocks of steps, so that all see the same
 * state of a noisy machine; the result is the median step time of each over all blocks.
 */
public final class TrainingBench {

    public static final int BATCH = 128;
    private static final int BLOCKS = 10;

    /** The benchmarked networks, by the ids of experiment files. */
    public enum Network {
        MLP, CNN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Median milliseconds per training step of each, OptLab's split into the pass and the optimizer step, and the
     * floor (the step's matrix products alone).
     */
    public record Report(String model, int threads, double optlabStepMs, double forwardBackwardMs, double optimizerMs,
            double dl4jStepMs, double floorMs) {

        public double optlabExamplesPerSecond() {
            return BATCH / (optlabStepMs / 1000);
        }

        public double dl4jExamplesPerSecond() {
            return BATCH / (dl4jStepMs / 1000);
        }

        public double ratio() {
            return optlabExamplesPerSecond() / dl4jExamplesPerSecond();
        }

        /** OptLab's step time over its floor (1 = nothing but the products). */
        public double ofFloor() {
            return optlabStepMs / floorMs;
        }
    }

    private TrainingBench() {
    }

    /**
     * Times {@code steps} steps of each (in {@value #BLOCKS} alternating blocks) after {@code steps / 4} warm-up steps,
     * with {@code threads} threads for ND4J, OpenBLAS and the layers (0: leave the settings as they are).
     */
    public static Report run(OptimizerRegistry registry, Network network, int steps, int threads,
            Consumer<String> log) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (threads > 0) {
            Workers.setThreads(threads);
        }
        long[] example = network == Network.CNN ? new long[] { 1, 28, 28 } : new long[] { 784 };
        long[] batchShape = new long[example.length + 1];
        batchShape[0] = BATCH;
        System.arraycopy(example, 0, batchShape, 1, example.length);
        INDArray x = random(batchShape, 2);
        INDArray y = labels();
        Model model = network == Network.CNN ? Models.cnn(example, 10, true, DataType.FLOAT)
                : Models.mlp(example, new int[] { 256 }, Activation.Kind.RELU, 10, true, DataType.FLOAT);
        model.initialize(1);
        Optimizer adam = registry.create("adam", Map.of("lr", 0.001));
        adam.addParamGroup(model.parameters());
        var net = network == Network.CNN ? dl4jCnn() : dl4jMlp();
        var batch = new org.nd4j.linalg.dataset.DataSet(x, y);
        Runnable floor = floor(network);
        // OptLab's convolutions leave OpenBLAS on one thread (their products run inside the pool's threads); DL4J
        // and the floor get OpenBLAS as the run's threads set it, as they would alone
        Runnable configured = () -> Workers.setThreads(Workers.threads());
        for (int i = 0; i < Math.max(1, steps / 4); i++) {
            model.lossAndGradient(x, y);
            adam.step();
            configured.run();
            net.fit(batch);
            floor.run();
        }
        int perBlock = Math.max(1, steps / BLOCKS);
        double[] total = new double[perBlock * BLOCKS];
        double[] pass = new double[total.length];
        double[] update = new double[total.length];
        double[] peer = new double[total.length];
        double[] products = new double[total.length];
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
            configured.run();
            for (int i = block * perBlock; i < (block + 1) * perBlock; i++) {
                long t0 = System.nanoTime();
                net.fit(batch);
                peer[i] = (System.nanoTime() - t0) / 1e6;
            }
            for (int i = block * perBlock; i < (block + 1) * perBlock; i++) {
                long t0 = System.nanoTime();
                floor.run();
                products[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Report r = new Report(model.description(), Workers.threads(), median(total), median(pass), median(update),
                median(peer), median(products));
        log.accept(String.format(Locale.ROOT, "%s, batch %d, adam, %d threads", r.model(), BATCH, r.threads()));
        log.accept(String.format(Locale.ROOT, "optlab: %.2f ms per step (forward+backward %.2f, adam %.2f) = %.0f"
                + " examples/s", r.optlabStepMs(), r.forwardBackwardMs(), r.optimizerMs(), r.optlabExamplesPerSecond()));
        log.accept(String.format(Locale.ROOT, "dl4j:   %.2f ms per step = %.0f examples/s", r.dl4jStepMs(),
                r.dl4jExamplesPerSecond()));
        log.accept(String.format(Locale.ROOT, "floor:  %.2f ms per step (its matrix products alone); optlab at %.2fx"
                + " the floor", r.floorMs(), r.ofFloor()));
        log.accept(String.format(Locale.ROOT, "ratio:  %.2f (OptLab / DL4J examples per second)", r.ratio()));
        return r;
    }

    /**
     * The matrix products of one OptLab step of the network, as Nd4j.gemm calls on preallocated arrays of the same
     * shapes and transpose flags as the layers' (Dense: x W, x^T g, g W^T; Conv2d over patch rows: P W^T, P^T G, G W).
     */
    static Runnable floor(Network network) {
        List<Runnable> products = new ArrayList<>();
        if (network == Network.CNN) {
            convProducts(products, BATCH * 24 * 24, 1 * 5 * 5, 8, false);
            convProducts(products, BATCH * 8 * 8, 8 * 5 * 5, 16, true);
            denseProducts(products, 16 * 4 * 4, 10, true);
        } else {
            denseProducts(products, 784, 256, false);
            denseProducts(products, 256, 10, true);
        }
        return () -> products.forEach(Runnable::run);
    }

    private static void convProducts(List<Runnable> products, int rows, int patch, int filters, boolean inputGradient) {
        INDArray p = random(new long[] { rows, patch }, 3);
        INDArray w = random(new long[] { filters, patch }, 4);
        INDArray z = random(new long[] { rows, filters }, 5);
        INDArray dwt = random(new long[] { patch, filters }, 9); // the weight gradient's transpose
        INDArray dp = p.ulike();
        products.add(() -> Nd4j.gemm(p, w, z, false, true, 1.0, 0.0));
        products.add(() -> Nd4j.gemm(p, z, dwt, true, false, 1.0, 0.0));
        if (inputGradient) {
            products.add(() -> Nd4j.gemm(z, w, dp, false, false, 1.0, 0.0));
        }
    }

    private static void denseProducts(List<Runnable> products, int in, int out, boolean inputGradient) {
        INDArray x = random(new long[] { BATCH, in }, 6);
        INDArray w = random(new long[] { in, out }, 7);
        INDArray y = random(new long[] { BATCH, out }, 8);
        INDArray dw = w.ulike();
        INDArray dx = x.ulike();
        products.add(() -> Nd4j.gemm(x, w, y, false, false, 1.0, 0.0));
        products.add(() -> Nd4j.gemm(x, y, dw, true, false, 1.0, 0.0));
        if (inputGradient) {
            products.add(() -> Nd4j.gemm(y, w, dx, false, true, 1.0, 0.0));
        }
    }

    private static org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder dl4jBase() {
        return new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.001)).dataType(DataType.FLOAT)
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER).list();
    }

    private static org.deeplearning4j.nn.conf.layers.OutputLayer dl4jOutput(int in) {
        return new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(in).nOut(10)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build();
    }

    /** DL4J's MultiLayerNetwork of the MLP's shape, loss and optimizer. */
    private static org.deeplearning4j.nn.multilayer.MultiLayerNetwork dl4jMlp() {
        var conf = dl4jBase()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(784).nOut(256)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(dl4jOutput(256)).build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** DL4J's MultiLayerNetwork of the CNN's layers (ConvolutionLayer, SubsamplingLayer, OutputLayer), NCHW input. */
    private static org.deeplearning4j.nn.multilayer.MultiLayerNetwork dl4jCnn() {
        var conf = dl4jBase()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(5, 5).nIn(1).nOut(8)
                        .stride(1, 1).activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build())
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(5, 5).nOut(16).stride(1, 1)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(28, 28, 1)).build();
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
