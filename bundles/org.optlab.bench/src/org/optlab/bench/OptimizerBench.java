package org.optlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.optlab.core.Parameter;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerRegistry;

/**
 * Measures, in one run: the machine's memory bandwidth (all cores, arrays far larger than the caches, the best of a
 * triad {@code a = b + s c} and an in-place {@code a += s b} in Java and OpenBLAS's in-place axpy, 12 bytes per
 * element each), then the median step time
 * of every optimizer on N float32 parameters, and of ND4J's built-in updater where one exists. Each optimizer's
 * traffic is what its rule must read and write (Adam: w, g, m, v read, w, m, v written: 28 bytes per parameter); the
 * built-in updater is charged the same traffic as the optimizer it stands for.
 */
public final class OptimizerBench {

    /** One measured implementation. */
    public record Result(String optimizer, String path, double ms, double gbs, double fractionOfBandwidth) {
    }

    /** All results of a run. */
    public record Report(long params, double bandwidthGbs, List<Result> results) {
    }

    /** ND4J updaters with the same semantics as ours (up to the documented eps placements). */
    private static final Map<String, IUpdater> BUILTINS = Map.of("sgd", new Sgd(1e-3),
            "nesterov", new Nesterovs(1e-3, 0.9), "adagrad", new AdaGrad(1e-2, 1e-10),
            "rmsprop", new RmsProp(1e-2, 0.99, 1e-8), "adadelta", new AdaDelta(), "adam", new Adam(1e-3),
            "adamax", new AdaMax(2e-3), "nadam", new Nadam(2e-3), "amsgrad", new AMSGrad(1e-3));

    private final int warmup;
    private final int repeats;

    public OptimizerBench(int warmup, int repeats) {
        this.warmup = warmup;
        this.repeats = repeats;
    }

    /** Runs the whole bench; {@code progress} gets one line per finished measurement. */
    public Report run(OptimizerRegistry registry, long params, Consumer<String> progress) {
        if (params < 1 || params > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--params must be in [1, " + Integer.MAX_VALUE + "], got " + params);
        }
        progress.accept(params + " float32 parameters, " + Runtime.getRuntime().availableProcessors() + " cores");
        double bandwidth = bandwidthGbs();
        progress.accept(String.format("memory bandwidth: %.1f GB/s", bandwidth));
        INDArray value = Nd4j.rand(DataType.FLOAT, 1, params).subi(0.5f);
        INDArray gradient = Nd4j.rand(DataType.FLOAT, 1, params).subi(0.5f);
        INDArray gradientCopy = gradient.dup();
        List<Result> results = new ArrayList<>();
        for (OptimizerDescriptor descriptor : registry.descriptors()) {
            String id = descriptor.id();
            Parameter parameter = new Parameter("w", value, gradient);
            Optimizer optimizer = registry.create(id, Map.of());
            int bytes = optimizer.addParamGroup(List.of(parameter)).rule().trafficBytes(4);
            double ms = median(() -> optimizer.step(), () -> { });
            results.add(result(id, "optlab", ms, bytes, params, bandwidth, progress));
            IUpdater builtin = BUILTINS.get(id);
            if (builtin != null) {
                long stateSize = builtin.stateSize(params);
                INDArray view = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
                GradientUpdater<?> updater = builtin.instantiate(view, true);
                int[] iteration = { 0 };
                double builtinMs = median(() -> {
                    updater.applyUpdater(gradientCopy, iteration[0]++, 0);
                    value.subi(gradientCopy);
                }, () -> gradientCopy.assign(gradient));
                results.add(result(id, "nd4j-builtin", builtinMs, bytes, params, bandwidth, progress));
            }
            System.gc(); // the optimizer's off-heap state goes with it
        }
        return new Report(params, bandwidth, results);
    }

    private static Result result(String id, String path, double ms, int bytes, long params, double bandwidth,
            Consumer<String> progress) {
        double gbs = bytes * (double) params / (ms * 1e-3) / 1e9;
        Result r = new Result(id, path, ms, gbs, gbs / bandwidth);
        progress.accept(String.format("%-10s %-12s %8.2f ms %6.1f GB/s %5.2f of bandwidth", id, path, ms, gbs,
                r.fractionOfBandwidth()));
        return r;
    }

    /**
     * Median time of {@code step} in ms after warm-up (at least {@code warmup} calls and half a second, so that the
     * JIT has compiled what the step runs); {@code reset} runs untimed before each call.
     */
    private double median(Runnable step, Runnable reset) {
        long warmUntil = System.nanoTime() + 500_000_000L;
        for (int i = 0; i < warmup || System.nanoTime() < warmUntil; i++) {
            reset.run();
            step.run();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            reset.run();
            long start = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }

    /**
     * The in-place update a += s b once more, by OpenBLAS (ND4J's axpy) on off-heap buffers with its own threads: the
     * median GB/s of 10 passes, 12 bytes per element.
     */
    private static double nativeAxpyGbs(int n) {
        INDArray a = Nd4j.zeros(DataType.FLOAT, n);
        INDArray b = Nd4j.ones(DataType.FLOAT, n);
        double[] gbs = new double[10];
        for (int rep = -2; rep < gbs.length; rep++) {
            long start = System.nanoTime();
            Nd4j.getBlasWrapper().level1().axpy(n, 0.5, b, a);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (rep >= 0) {
                gbs[rep] = 12.0 * n / seconds / 1e9;
            }
        }
        Arrays.sort(gbs);
        return gbs[5];
    }

    private static void triad(float[] a, float[] b, float[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = b[i] + 0.5f * c[i];
        }
    }

    private static void inPlace(float[] a, float[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] += 0.5f * b[i];
        }
    }

    /**
     * GB/s of the triad and the in-place update on heap float arrays of 32 M elements each
     * (384 MB in all), split over every core, and of OpenBLAS's axpy on off-heap buffers of the same size: the best of
     * the three medians over 10 passes each. All count 12 bytes per element (two reads, one write).
     */
    public static double bandwidthGbs() {
        int n = 32 << 20;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        Arrays.fill(b, 1f);
        Arrays.fill(c, 2f);
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            double[][] gbs = new double[2][10];
            float[] small = new float[4096];
            for (int i = 0; i < 20_000; i++) { // compile both loops before the timed passes
                triad(small, small, small, 0, small.length);
                inPlace(small, small, 0, small.length);
            }
            for (int rep = 0; rep < 20; rep++) {
                boolean triad = rep % 2 == 0;
                long start = System.nanoTime();
                List<Future<?>> parts = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int from = (int) ((long) n * w / workers);
                    int to = (int) ((long) n * (w + 1) / workers);
                    parts.add(pool.submit(() -> {
                        if (triad) {
                            triad(a, b, c, from, to);
                        } else {
                            inPlace(a, b, from, to);
                        }
                    }));
                }
                for (Future<?> part : parts) {
                    part.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                gbs[rep % 2][rep / 2] = 12.0 * n / seconds / 1e9;
            }
            // The median of each kind (a shared host has bursts either way), then the best kind.
            Arrays.sort(gbs[0]);
            Arrays.sort(gbs[1]);
            return Math.max(Math.max(gbs[0][5], gbs[1][5]), nativeAxpyGbs(n));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
