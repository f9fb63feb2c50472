package org.optlab.runner.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.optlab.core.objective.DiagonalQuadratic;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.ObjectiveRun;
import org.optlab.runner.RunTrace;

class ObjectiveRunTest {

    private final OptimizerRegistry registry = OptimizerRegistry.fromExtensions();

    @Test
    void traceOfGradientDescentMatchesTheClosedForm() {
        // w_t = ((1 - 0.05)^t, (1 - 0.5)^t), f_t = 0.5 * (0.95^(2t) + 10 * 0.25^t)
        RunTrace trace = ObjectiveRun.run(new DiagonalQuadratic(1, 10), registry.create("sgd", Map.of("lr", 0.05)),
                new double[] { 1, 1 }, 50, null);
        assertEquals(50, trace.steps());
        assertEquals("sgd", trace.optimizerId());
        assertEquals(5.5, trace.losses()[0], 0);
        for (int t = 0; t <= 50; t++) {
            double expected = 0.5 * (Math.pow(0.95, 2 * t) + 10 * Math.pow(0.25, t));
            assertEquals(expected, trace.losses()[t], 1e-12 * expected, "step " + t);
            assertArrayEquals(new double[] { Math.pow(0.95, t), Math.pow(0.5, t) }, trace.points()[t], 1e-13);
        }
    }

    @Test
    void wrongStartDimensionAndNegativeStepsAreRejected() {
        var sgd = registry.create("sgd", Map.of());
        var f = new DiagonalQuadratic(1, 10);
        assertThrows(IllegalArgumentException.class, () -> ObjectiveRun.run(f, sgd, new double[] { 1 }, 5, null));
        assertThrows(IllegalArgumentException.class, () -> ObjectiveRun.run(f, sgd, new double[] { 1, 1 }, -1, null));
    }

    @Test
    void cancellationStopsTheRun() {
        var monitor = new NullProgressMonitor();
        monitor.setCanceled(true);
        assertThrows(OperationCanceledException.class, () -> ObjectiveRun.run(new DiagonalQuadratic(1, 10),
                registry.create("sgd", Map.of()), new double[] { 1, 1 }, 10, monitor));
    }
}
