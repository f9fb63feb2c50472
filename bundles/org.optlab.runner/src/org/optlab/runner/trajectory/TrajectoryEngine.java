package org.optlab.runner.trajectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.optlab.core.VectorParameter;
import org.optlab.core.surface.Surface;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.optimizers.ParamGroup;
import org.optlab.runner.OptimizerEntry;

/**
 * Runs every optimizer from every start point on a surface, all in lockstep (step t of every run before step t + 1
 * of any), with the optimizer library's own update rules on the {@code double[]} path. Optional Gaussian gradient
 * noise (seeded per run) makes the setting stochastic; the recorded gradient norm is the noise-free one.
 */
public final class TrajectoryEngine {

    /** A trajectory that leaves this many times the domain's size is diverged. */
    public static final double DIVERGENCE_FACTOR = 1e6;

    /** Gradient noise: mean 0, standard deviation {@code sigma} per coordinate, from {@code seed}. */
    public record Noise(double sigma, long seed) {

        public static final Noise NONE = new Noise(0, 0);

        public Noise {
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("noise.sigma must be a finite number >= 0, got " + sigma);
            }
        }
    }

    private TrajectoryEngine() {
    }

    /**
     * @param monitor progress (one unit per step of all runs) and cancellation; may be null
     * @throws IllegalArgumentException for a start of the wrong dimension or negative steps
     * @throws org.optlab.optimizers.InvalidHyperParameterException for a bad hyper-parameter
     */
    public static List<Trajectory> run(Surface surface, List<double[]> starts, int steps, Noise noise,
            List<OptimizerEntry> optimizers, OptimizerRegistry registry, IProgressMonitor monitor) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        for (int s = 0; s < starts.size(); s++) {
            if (starts.get(s).length != surface.dimension()) {
                throw new IllegalArgumentException("starts[" + s + "] has " + starts.get(s).length
                        + " coordinates; " + surface.id() + " needs " + surface.dimension());
            }
        }
        List<Run> runs = new ArrayList<>();
        for (OptimizerEntry entry : optimizers) {
            for (int s = 0; s < starts.size(); s++) {
                runs.add(new Run(entry, s, starts.get(s), steps, surface, registry, noise, runs.size()));
            }
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Running " + runs.size() + " trajectories on "
                + surface.name(), steps + 1);
        double limit = DIVERGENCE_FACTOR * Math.max(1, surface.domain().size());
        for (int t = 0; t <= steps; t++) {
            for (Run run : runs) {
                run.advance(t, t < steps, limit);
            }
            progress.split(1);
        }
        return runs.stream().map(Run::trajectory).toList();
    }

    /** One optimizer from one start. */
    private static final class Run {
        final OptimizerEntry entry;
        final int start;
        final Surface surface;
        final Optimizer optimizer;
        final ParamGroup group;
        final VectorParameter w;
        final double[] gradient;
        final Random random;
        final double sigma;
        /** The group's index of {@code lr}, or -1 for optimizers without one. */
        final int lrIndex;
        final double[] x;
        final double[] y;
        final double[] loss;
        final double[] norm;
        final double[] lr;
        int length;
        boolean diverged;

        Run(OptimizerEntry entry, int start, double[] point, int steps, Surface surface, OptimizerRegistry registry,
                Noise noise, int index) {
            this.entry = entry;
            this.start = start;
            this.surface = surface;
            this.optimizer = registry.create(entry.id(), entry.hyperParameters());
            this.w = VectorParameter.of("w", point);
            this.group = optimizer.addParamGroup(List.of(w));
            this.gradient = new double[point.length];
            this.sigma = noise.sigma();
            this.random = new Random(noise.seed() * 1_000_003L + index);
            this.lrIndex = group.indexOf("lr");
            this.x = new double[steps + 1];
            this.y = surface.dimension() == 2 ? new double[steps + 1] : null;
            this.loss = new double[steps + 1];
            this.norm = new double[steps + 1];
            this.lr = new double[steps + 1];
        }

        void advance(int t, boolean step, double limit) {
            if (diverged) {
                return;
            }
            double[] p = w.value();
            double f = surface.valueAndGradient(p, gradient);
            boolean finite = Double.isFinite(f);
            double squares = 0;
            for (int i = 0; i < p.length; i++) {
                finite &= Double.isFinite(p[i]) && Math.abs(p[i]) <= limit;
                squares += gradient[i] * gradient[i];
            }
            x[t] = p[0];
            if (y != null) {
                y[t] = p[1];
            }
            loss[t] = f;
            norm[t] = Math.sqrt(squares);
            lr[t] = lrIndex >= 0 ? group.value(lrIndex, optimizer.steps()) : Double.NaN;
            length = t + 1;
            if (!finite) {
                diverged = true;
                return;
            }
            if (step) {
                for (int i = 0; i < p.length; i++) {
                    w.gradient()[i] = gradient[i] + (sigma > 0 ? sigma * random.nextGaussian() : 0);
                }
                optimizer.step();
            }
        }

        Trajectory trajectory() {
            return new Trajectory(entry, start, x, y, loss, norm, lr, length, diverged);
        }
    }
}
