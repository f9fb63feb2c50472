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
 * on the calling thread). The best of three runs after one warm-up run.
 */
public final class SurfaceBench {

    /** What was run and how long it took. */
    public record Report(int optimizers, int starts, int steps, double seconds) {

        public long optimizerSteps() {
            return (long) optimizers * starts * steps;
        }

        public double nanosPerStep() {
            return seconds * 1e9 / optimizerSteps();
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
        TrajectoryEngine.run(rosenbrock, points, steps, TrajectoryEngine.Noise.NONE, entries, registry, null);
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) {
            long start = System.nanoTime();
            TrajectoryEngine.run(rosenbrock, points, steps, TrajectoryEngine.Noise.NONE, entries, registry, null);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return new Report(entries.size(), points.size(), steps, best);
    }

    /** {@code count} points on a near-square grid inside the domain. */
    private static List<double[]> grid(Surface.Domain d, int count) {
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
