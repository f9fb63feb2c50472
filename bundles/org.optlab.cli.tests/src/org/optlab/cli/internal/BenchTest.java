package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optlab.bench.SurfaceBench;
import org.optlab.optimizers.OptimizerRegistry;

/** The benchmarks the CLI runs, called directly. */
class BenchTest {

    @Test
    void surfaceBenchRunsTheRequestedGrid() {
        var report = SurfaceBench.run(OptimizerRegistry.fromExtensions(), 3, 10, 20);
        assertEquals(3, report.optimizers());
        assertEquals(10, report.starts());
        assertEquals(600, report.optimizerSteps());
        assertTrue(report.seconds() > 0 && report.nanosPerStep() > 0);
    }
}
