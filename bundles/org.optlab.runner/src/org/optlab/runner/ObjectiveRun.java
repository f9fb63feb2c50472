package org.optlab.runner;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;
import org.optlab.core.objective.Objective;
import org.optlab.optimizers.Optimizer;

/** Runs one optimizer on one objective from a start point in float64 on the ND4J backend and records its trace. */
public final class ObjectiveRun {

    private ObjectiveRun() {
    }

    /**
     * Takes {@code steps} optimizer steps from {@code start}; each step evaluates the gradient at the current point and
     * updates it.
     *
     * @param monitor progress and cancellation (may be null); one unit of work per step
     * @throws OperationCanceledException when the monitor is cancelled
     */
    public static RunTrace run(Objective objective, Optimizer optimizer, double[] start, int steps,
            IProgressMonitor monitor) {
        if (start.length != objective.dimension()) {
            throw new IllegalArgumentException("start point has dimension " + start.length + ", " + objective.name()
                    + " needs " + objective.dimension());
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Running " + optimizer.descriptor().id() + " on "
                + objective.name(), steps);
        Parameter w = new Parameter("w", Nd4j.createFromArray(start.clone()).castTo(DataType.DOUBLE));
        List<Parameter> parameters = List.of(w);
        double[] losses = new double[steps + 1];
        double[][] points = new double[steps + 1][];
        for (int t = 0; t <= steps; t++) {
            losses[t] = objective.valueAndGradient(w.value(), w.gradient());
            points[t] = w.value().toDoubleVector();
            if (t < steps) {
                optimizer.step(parameters);
                progress.split(1);
            }
        }
        return new RunTrace(optimizer.descriptor().id(), objective.name(), losses, points);
    }
}
