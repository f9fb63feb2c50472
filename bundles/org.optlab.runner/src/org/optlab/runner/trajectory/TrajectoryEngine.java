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
 * Runs every optimizer from every start point on a surface, with the optimizer library's own update rules on the
 * {@code double[]} path. The starts of an optimizer step together in lockstep as one parameter vector where its rule
 * allows (see {@link Batch}); every trajectory is the same, bit for bit, as that of an optimizer stepping it alone. Optional Gaussian gradient
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
     * @param monitor progress (one unit per step of each batch of runs) and cancellation; may be null
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
        List<Batch> batches = new ArrayList<>();
        for (OptimizerEntry entry : optimizers) {
            Batch all = new Batch(entry, starts, 0, starts.size(), registry);
            if (all.elementwise() || starts.size() <= 1) {
                batches.add(all);
            } else { // its rule reduces over the parameter (norms): one optimizer per start, as the rule means
                for (int s = 0; s < starts.size(); s++) {
                    batches.add(new Batch(entry, starts, s, 1, registry));
                }
            }
        }
        for (Batch batch : batches) {
            for (int k = 0; k < batch.count; k++) {
                Run run = new Run(batch, k, batch.first + k, steps, surface, noise, runs.size());
                batch.runs.add(run);
                runs.add(run);
            }
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Running " + runs.size() + " trajectories on "
                + surface.name(), batches.size() * (steps + 1));
        double limit = DIVERGENCE_FACTOR * Math.max(1, surface.domain().size());
        // Batch after batch (they share nothing): the recorded arrays of one batch stay in cache while it runs.
        for (Batch batch : batches) {
            for (int t = 0; t <= steps; t++) {
                batch.advance(t, t < steps, limit);
                progress.split(1);
            }
        }
        return runs.stream().map(Run::trajectory).toList();
    }

    /**
     * One optimizer stepping the starts [first, first + count) as one parameter vector: start k's coordinates at
     * [k * dimension, (k + 1) * dimension). For a rule whose every instruction is elementwise (no reductions) this
     * gives each start bit for bit what an optimizer of its own would, while the per-step work of the optimizer
     * (its scalars: bias corrections, schedules) is done once for all starts instead of once per start.
     */
    private static final class Batch {
        final OptimizerEntry entry;
        final int first;
        final int count;
        final Optimizer optimizer;
        final ParamGroup group;
        final VectorParameter w;
        /** The group's index of {@code lr}, or -1 for optimizers without one. */
        final int lrIndex;
        final List<Run> runs = new ArrayList<>();

        Batch(OptimizerEntry entry, List<double[]> starts, int first, int count, OptimizerRegistry registry) {
            this.entry = entry;
            this.first = first;
            this.count = count;
            int dimension = starts.get(first).length;
            double[] value = new double[count * dimension];
            for (int k = 0; k < count; k++) {
                System.arraycopy(starts.get(first + k), 0, value, k * dimension, dimension);
            }
            this.optimizer = registry.create(entry.id(), entry.hyperParameters());
            this.w = new VectorParameter("w", value, new double[value.length]);
            this.group = optimizer.addParamGroup(List.of(w));
            this.lrIndex = group.indexOf("lr");
        }

        boolean elementwise() {
            return group.rule().reductions() == 0;
        }

        void advance(int t, boolean step, double limit) {
            double lr = lrIndex >= 0 ? group.value(lrIndex, optimizer.steps()) : Double.NaN;
            boolean live = false;
            for (Run run : runs) {
                live |= run.advance(t, step, limit, lr);
            }
            if (step && live) {
                optimizer.step();
            }
        }
    }

    /** One optimizer from one start: its slice of a batch, and what it records. */
    private static final class Run {
        final Batch batch;
        final int start;
        final int offset;
        final Surface surface;
        final double[] point;
        final double[] gradient;
        final Random random;
        final double sigma;
        final double[] x;
        final double[] y;
        final double[] loss;
        final double[] norm;
        final double[] lr;
        int length;
        boolean diverged;

        Run(Batch batch, int slot, int start, int steps, Surface surface, Noise noise, int index) {
            this.batch = batch;
            this.start = start;
            this.surface = surface;
            this.point = new double[surface.dimension()];
            this.offset = slot * point.length;
            this.gradient = new double[point.length];
            this.sigma = noise.sigma();
            this.random = new Random(noise.seed() * 1_000_003L + index);
            this.x = new double[steps + 1];
            this.y = surface.dimension() == 2 ? new double[steps + 1] : null;
            this.loss = new double[steps + 1];
            this.norm = new double[steps + 1];
            this.lr = new double[steps + 1];
        }

        /** Records step t and sets this start's gradient for the batch's step; false once it has diverged. */
        boolean advance(int t, boolean step, double limit, double learningRate) {
            if (diverged) {
                return false;
            }
            double[] p = point;
            double[] value = batch.w.value();
            for (int i = 0; i < p.length; i++) { // 1 or 2 coordinates: cheaper than System.arraycopy
                p[i] = value[offset + i];
            }
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
            lr[t] = learningRate;
            length = t + 1;
            if (!finite) {
                diverged = true;
                return false;
            }
            if (step) {
                double[] g = batch.w.gradient();
                for (int i = 0; i < p.length; i++) {
                    g[offset + i] = gradient[i] + (sigma > 0 ? sigma * random.nextGaussian() : 0);
                }
            }
            return true;
        }

        Trajectory trajectory() {
            return new Trajectory(batch.entry, start, x, y, loss, norm, lr, length, diverged);
        }
    }
}
