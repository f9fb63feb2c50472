package org.optlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.trajectory.TrajectoryEngine;

/**
 * The trajectory engine's throughput: {@code optimizers} optimizers (the registry's first, Lookahead left out as a
 * wrapper) x a grid of {@code starts} start points x {@code steps} steps on Rosenbrock, on one core (the engine runs
 * on the calling thread). Beside it, in the same run, the floor: Adam on Rosenbrock from the same starts for the same
 * steps as a plain loop over doubles, recording the same points and losses. Each the best of five runs, after at least
 * five warm-up runs and 1 s.
 */
public final class SurfaceBench {

    /** What was run and how long it took. */
    public record Report(int optimizers, int starts, int steps, double seconds, double floorSeconds,
            double cpuSeconds, double floorCpuSeconds) {

        public long optimizerSteps() {
            return (long) optimizers * starts * steps;
        }

        public double nanosPerStep() {
            return seconds * 1e9 / optimizerSteps();
        }

        /** The floor's time per step: one optimizer, so starts x steps steps. */
        public double floorNanosPerStep() {
            return floorSeconds * 1e9 / ((long) starts * steps);
        }

        /** As {@link #nanosPerStep()} in the thread's CPU time: what a shared machine's other work does not add. */
        public double cpuNanosPerStep() {
            return cpuSeconds * 1e9 / optimizerSteps();
        }

        public double floorCpuNanosPerStep() {
            return floorCpuSeconds * 1e9 / ((long) starts * steps);
        }
    }

    private SurfaceBench() {
    }

    public static Report run(OptimizerRegistry registry, int optimizers, int starts, int steps) {
        Surface rosenbrock = Surfaces.byId("rosenbrock").orElseThrow();
        List<OptimizerEntry> entries = registry.descriptors().stream().map(OptimizerDescriptor::id)
                .filter(id -> !id.equals("lookahead")).limit(optimizers)
                .map(id -> OptimizerEntry.of(id, Map.of())).toList();
        List<double[]> points = grid(rosenbrock.domain(), starts);
        // Warm-up: after one run the JIT was half done (the next three were still 1.5-5x slower in CPU time, then flat),
        // so five runs and 1 s at least.
        long warmUp = System.nanoTime();
        for (int rep = 0; rep < 5 || System.nanoTime() - warmUp < 1_000_000_000L; rep++) {
            TrajectoryEngine.run(rosenbrock, points, steps, TrajectoryEngine.Noise.NONE, entries, registry, null);
            floorAdam(points, steps);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY, floor = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY, floorCpu = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 5; rep++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            TrajectoryEngine.run(rosenbrock, points, steps, TrajectoryEngine.Noise.NONE, entries, registry, null);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            cpu = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            floorAdam(points, steps);
            floor = Math.min(floor, (System.nanoTime() - start) / 1e9);
            floorCpu = Math.min(floorCpu, (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
        }
        return new Report(entries.size(), points.size(), steps, best, floor, bestCpu, floorCpu);
    }

    /**
     * The floor: Adam with torch.optim's defaults (lr 1e-3, betas 0.9 and 0.999, eps 1e-8) on Rosenbrock
     * (1 - x)^2 + 100 (y - x^2)^2, written out as doubles, recording x, y and the loss of every step as a race does.
     *
     * @return the points and losses of each start: {@code [start][0..2][step]} for x, y and loss
     */
    public static double[][][] floorAdam(List<double[]> starts, int steps) {
        final double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        double[][][] out = new double[starts.size()][3][steps + 1];
        for (int s = 0; s < starts.size(); s++) {
            double[] xs = out[s][0], ys = out[s][1], loss = out[s][2];
            double x = starts.get(s)[0], y = starts.get(s)[1];
            double mx = 0, my = 0, vx = 0, vy = 0, beta1t = 1, beta2t = 1;
            for (int t = 0; t <= steps; t++) {
                double r = y - x * x;
                double gx = -2 * (1 - x) - 400 * x * r, gy = 200 * r;
                xs[t] = x;
                ys[t] = y;
                loss[t] = (1 - x) * (1 - x) + 100 * r * r;
                if (t == steps) {
                    break;
                }
                mx += (gx - mx) * (1 - beta1);
                my += (gy - my) * (1 - beta1);
                vx = beta2 * vx + (1 - beta2) * gx * gx;
                vy = beta2 * vy + (1 - beta2) * gy * gy;
                beta1t *= beta1;
                beta2t *= beta2;
                double stepSize = lr / (1 - beta1t);
                double correction = Math.sqrt(1 - beta2t);
                x += -stepSize * (mx / (Math.sqrt(vx) / correction + eps));
                y += -stepSize * (my / (Math.sqrt(vy) / correction + eps));
            }
        }
        return out;
    }

    /** {@code count} points on a near-square grid inside the domain. */
    public static List<double[]> grid(Surface.Domain d, int count) {
        int side = (int) Math.ceil(Math.sqrt(count));
        List<double[]> points = new ArrayList<>();
        for (int i = 0; points.size() < count; i++) {
            double u = (i % side + 0.5) / side;
            double v = (i / side + 0.5) / side;
            points.add(new double[] { d.xMin() + u * (d.xMax() - d.xMin()), d.yMin() + v * (d.yMax() - d.yMin()) });
        }
        return points;
    }
}
