package org.optlab.bench;

import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.model.Activation;
import org.optlab.core.model.Model;
import org.optlab.core.model.Models;
import org.optlab.runner.landscape.Directions;
import org.optlab.runner.landscape.Landscape;
import org.optlab.runner.landscape.Snapshots;

/**
 * {@code optlab bench landscape}: a grid x grid slice of the MLP 784-256-10's loss over a number of examples, as
 * {@code optlab landscape} computes it, against its floor measured in the same run: the forward pass's two matrix
 * products alone ([examples, 784] x [784, 256] and [examples, 256] x [256, 10]), as plain gemm calls on preallocated
 * arrays, once per grid point.
 */
public final class LandscapeBench {

    /** The slice's seconds, the floor's, and their ratio (1: nothing but the products). */
    public record Report(int grid, int examples, long parameters, double seconds, double floorSeconds) {
        /** The share of the products' speed the slice runs at (floor / slice). */
        public double efficiency() {
            return floorSeconds / seconds;
        }
    }

    private LandscapeBench() {
    }

    public static Report run(int grid, int examples) {
        Model model = Models.mlp(new long[] { 784 }, new int[] { 256 }, Activation.Kind.RELU, 10, true,
                DataType.FLOAT);
        model.initialize(1);
        Random random = new Random(2);
        float[] x = new float[examples * 784];
        float[] t = new float[examples * 10];
        for (int i = 0; i < examples; i++) {
            for (int k = 0; k < 784; k++) {
                x[i * 784 + k] = random.nextFloat();
            }
            t[i * 10 + random.nextInt(10)] = 1;
        }
        INDArray xs = Nd4j.create(x, new long[] { examples, 784 }, 'c');
        INDArray ts = Nd4j.create(t, new long[] { examples, 10 }, 'c');
        float[] center = Snapshots.flatten(model.parameters());
        List<Directions.Filters> filters = Snapshots.filters(Snapshots.layout(model.parameters(), List.of(0L)));
        float[] d0 = Directions.random(center, filters, random);
        float[] d1 = Directions.random(center, filters, random);
        Landscape.Evaluator evaluator = Landscape.of(model, xs, ts, examples, true);

        // the floor: the forward's products, once per grid point
        INDArray w1 = Nd4j.rand(DataType.FLOAT, 784, 256);
        INDArray w2 = Nd4j.rand(DataType.FLOAT, 256, 10);
        INDArray h = Nd4j.create(DataType.FLOAT, examples, 256);
        INDArray out = Nd4j.create(DataType.FLOAT, examples, 10);
        Runnable products = () -> {
            Nd4j.gemm(xs, w1, h, false, false, 1.0, 0.0);
            Nd4j.gemm(h, w2, out, false, false, 1.0, 0.0);
        };
        int points = grid * grid;
        // warm up both (the JIT, OpenBLAS's buffers), then time them in halves around each other
        for (int i = 0; i < Math.min(20, points); i++) {
            products.run();
            evaluator.at(center);
        }
        double floor = time(products, points / 2);
        long start = System.nanoTime();
        Landscape.slice(center, d0, d1, grid, 1.0, evaluator, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        floor += time(products, points - points / 2);
        return new Report(grid, examples, center.length, seconds, floor);
    }

    private static double time(Runnable r, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            r.run();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
