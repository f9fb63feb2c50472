package org.optlab.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.plot.FrameRenderer;
import org.optlab.plot.View;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;
import org.optlab.runner.trajectory.TrajectoryScenes;

/**
 * How long a frame of the trajectory views takes to draw at 1200 x 900, against the 16 ms of a 60 Hz display: the
 * race of the lab's default experiment (4 optimizers from Rosenbrock's 3 starts, 500 steps) in the 2-D and 3-D
 * views, and 2 optimizers on the wavy 1-D curve. A frame is what playback draws (the 2-D background, prepared once
 * per size, is timed on its own). Medians over frames spread across the race, after a warm-up.
 */
public final class FrameBench {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 900;
    public static final double BUDGET_MS = 16;

    /** Median milliseconds per frame of each view, and of preparing the 2-D background once. */
    public record Report(double planPrepareMs, double planFrameMs, double meshFrameMs, double curveFrameMs) {
    }

    private FrameBench() {
    }

    public static Report run(OptimizerRegistry registry) {
        List<OptimizerEntry> race = List.of(OptimizerEntry.of("sgd", Map.of("lr", 1e-3)),
                OptimizerEntry.of("momentum", Map.of("lr", 5e-4)), OptimizerEntry.of("adam", Map.of("lr", 0.05)),
                OptimizerEntry.of("rmsprop", Map.of("lr", 0.01)));
        Surface rosenbrock = Surfaces.byId("rosenbrock").orElseThrow();
        List<Trajectory> paths = TrajectoryEngine.run(rosenbrock, rosenbrock.starts(), 500, TrajectoryEngine.Noise.NONE,
                race, registry, null);
        var scene = TrajectoryScenes.of("bench", rosenbrock, race, paths);

        double[] prepares = new double[5];
        for (int i = 0; i < prepares.length; i++) {
            FrameRenderer fresh = View.PLAN.renderer(scene);
            long start = System.nanoTime();
            fresh.prepare(WIDTH, HEIGHT);
            prepares[i] = (System.nanoTime() - start) / 1e6;
        }
        double plan = frames(View.PLAN.renderer(scene));
        double mesh = frames(View.MESH.renderer(scene));

        Surface wavy = Surfaces.byId("wavy_log").orElseThrow();
        List<OptimizerEntry> pair = List.of(OptimizerEntry.of("sgd", Map.of("lr", 0.1)),
                OptimizerEntry.of("adam", Map.of("lr", 0.3)));
        var curveScene = TrajectoryScenes.of("bench", wavy, pair,
                TrajectoryEngine.run(wavy, wavy.starts(), 500, TrajectoryEngine.Noise.NONE, pair, registry, null));
        double curve = frames(View.CURVE.renderer(curveScene));
        return new Report(median(prepares), plan, mesh, curve);
    }

    /** Median time of 100 frames at steps spread over the race, after 50 warm-up frames. */
    private static double frames(FrameRenderer renderer) {
        renderer.prepare(WIDTH, HEIGHT);
        int last = renderer.scene().lastStep();
        for (int i = 0; i < 50; i++) {
            renderer.render(WIDTH, HEIGHT, i * last / 50);
        }
        double[] times = new double[100];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            renderer.render(WIDTH, HEIGHT, i * last / times.length);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(times);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
