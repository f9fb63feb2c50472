package org.optlab.runner.landscape;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.optlab.core.Parameter;
import org.optlab.core.model.Model;

/**
 * The loss (and accuracy) on a 2-D slice through a network's parameters: at every point (a, b) of the grid
 * {@code [-span, span]^2} the parameters are exactly {@code center + a * d0 + b * d1}.
 */
public final class Landscape {

    /** What the slice evaluates at one set of parameters: {loss, accuracy} (accuracy NaN for a regression). */
    public interface Evaluator {
        double[] at(float[] parameters);
    }

    /**
     * The slice: the grid's coordinates (the same along a and b, from -span to span) and loss[j][i], accuracy[j][i]
     * at (a = coordinates[i], b = coordinates[j]).
     */
    public record Slice(double[] coordinates, double[][] loss, double[][] accuracy) {
    }

    private Landscape() {
    }

    /** {@code points} values from -span to span, evenly spaced, the ends exact (0 exactly in the middle when odd). */
    public static double[] coordinates(int points, double span) {
        if (points < 2 || !(span > 0) || Double.isInfinite(span)) {
            throw new IllegalArgumentException("a grid needs at least 2 points and a positive span, got " + points
                    + " and " + span);
        }
        double[] c = new double[points];
        for (int i = 0; i < points; i++) {
            // symmetric about the middle: c[i] = -c[points - 1 - i] to the bit
            int fromMiddle = 2 * i - (points - 1);
            c[i] = span * fromMiddle / (points - 1);
        }
        return c;
    }

    /** Evaluates the slice point by point (row by row in b), checking the monitor between points. */
    public static Slice slice(float[] center, float[] d0, float[] d1, int points, double span, Evaluator evaluator,
            IProgressMonitor monitor) {
        IProgressMonitor m = monitor == null ? new NullProgressMonitor() : monitor;
        double[] c = coordinates(points, span);
        double[][] loss = new double[points][points];
        double[][] accuracy = new double[points][points];
        float[] p = new float[center.length];
        m.beginTask("loss landscape", points * points);
        for (int j = 0; j < points; j++) {
            for (int i = 0; i < points; i++) {
                if (m.isCanceled()) {
                    throw new OperationCanceledException();
                }
                at(center, d0, d1, c[i], c[j], p);
                double[] v = evaluator.at(p);
                loss[j][i] = v[0];
                accuracy[j][i] = v[1];
                m.worked(1);
            }
        }
        m.done();
        return new Slice(c, loss, accuracy);
    }

    /** {@code center + a d0 + b d1} into {@code into}, each value computed in double and rounded once. */
    public static void at(float[] center, float[] d0, float[] d1, double a, double b, float[] into) {
        for (int k = 0; k < center.length; k++) {
            into[k] = (float) (center[k] + a * d0[k] + b * d1[k]);
        }
    }

    /**
     * An evaluator of {@code model} on the examples {@code x} with {@code targets}, in batches of {@code batch}: the
     * mean loss over the examples (each batch's mean weighted by its size) and the share predicted right.
     */
    public static Evaluator of(Model model, INDArray x, INDArray targets, int batch, boolean classification) {
        List<Parameter> parameters = model.parameters();
        long n = x.size(0);
        return values -> {
            Snapshots.restore(values, parameters);
            double sum = 0;
            long correct = 0;
            for (long from = 0; from < n; from += batch) {
                long to = Math.min(n, from + batch);
                // the examples as they are when one batch holds them; else a copy of each batch's rows
                INDArray xs = n <= batch ? x : x.get(NDArrayIndex.interval(from, to)).dup();
                INDArray ts = n <= batch ? targets : targets.get(NDArrayIndex.interval(from, to)).dup();
                Model.BatchResult r = model.evaluate(xs, ts);
                sum += r.loss() * (to - from);
                correct += r.correct();
            }
            return new double[] { sum / n, classification ? (double) correct / n : Double.NaN };
        };
    }
}
