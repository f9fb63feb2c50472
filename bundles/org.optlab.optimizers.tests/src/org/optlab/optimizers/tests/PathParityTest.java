package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.optlab.core.Parameter;
import org.optlab.core.VectorParameter;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.tests.Cases.Case;
import org.optlab.optimizers.conformance.OptimizerConformance;
import org.optlab.optimizers.conformance.Runs;
import org.optlab.optimizers.conformance.Storage;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three execution paths run one compiled rule; over 100 steps of random gradients in float64 they must agree:
 * the vector loop and the fused CPU pass bit for bit (same operations in the same order, reductions added chunk by
 * chunk on both), ND4J's ops to 1e-12 relative (its native reductions add in another order).
 */
class PathParityTest {

    private static final int STEPS = 100;

    @Test
    void vectorFusedAndNd4jOpsAgreeInFloat64() {
        int n = 3001; // two chunks, the second partial
        double[] start = Runs.start(n, 1);
        double[][] gradients = Runs.gradients(STEPS, n, 2);
        for (Case c : Cases.all()) {
            double[] vector = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.VECTOR);
            double[] fused = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.ND4J_DOUBLE);
            double[] ops = Runs.run(Cases.create(c, ExecutionPath.ND4J_OPS), start, gradients, Storage.ND4J_DOUBLE);
            assertArrayEquals(vector, fused, 0, c + ": fused differs from vector");
            OptimizerConformance.assertClose(vector, ops, 1e-12, c + ": nd4j-ops differs from vector");
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                moved |= vector[i] != start[i];
            }
            assertTrue(moved, c + " did not move");
        }
    }

    /**
     * inf, -inf and NaN in the start and in the gradients: NaN, inf and -inf end up at the same places on every path
     * (a select that multiplies by a 0/1 mask would turn an unused inf into NaN), and the finite values agree as
     * above.
     */
    @Test
    void pathsAgreeOnNonFiniteValues() {
        int n = 3001;
        double[] start = Runs.withNonFinite(Runs.start(n, 7));
        double[][] gradients = Runs.withNonFinite(Runs.gradients(20, n, 8));
        for (Case c : Cases.all()) {
            double[] vector = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.VECTOR);
            double[] fused = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.ND4J_DOUBLE);
            double[] ops = Runs.run(Cases.create(c, ExecutionPath.ND4J_OPS), start, gradients, Storage.ND4J_DOUBLE);
            assertArrayEquals(vector, fused, 0, c + ": fused differs from vector");
            OptimizerConformance.assertClose(vector, ops, 1e-12, c + ": nd4j-ops differs from vector");
            double[] fused32 = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.ND4J_FLOAT);
            double[] ops32 = Runs.run(Cases.create(c, ExecutionPath.ND4J_OPS), start, gradients, Storage.ND4J_FLOAT);
            OptimizerConformance.assertClose(ops32, fused32, 1e-4, c + ": float32 fused differs from nd4j-ops");
        }
    }

    /** The select itself: the unused branch may be inf or NaN, and a NaN condition picks the second branch. */
    @Test
    void selectPicksWithoutArithmetic() {
        var provider = new FaultyOptimizers.Plain() {
            @Override
            String id() {
                return "select";
            }

            @Override
            public void define(org.optlab.optimizers.rule.RuleBuilder b, org.optlab.optimizers.HyperParameters h) {
                var p = b.parameter();
                var g = b.gradient();
                // p <- g > 0 ? p : 1 / g (inf for g = 0, -inf for g = -0)
                b.assign(p, org.optlab.optimizers.rule.Expr.select(g, p, org.optlab.optimizers.rule.Expr.constant(1).div(g)));
            }
        };
        double inf = Double.POSITIVE_INFINITY;
        double[] start = { inf, 2, Double.NaN, 4, -inf, 6 };
        double[] g = { 1, 0, 1, Double.NaN, 2, -0.0 };
        double[] expected = { inf, inf, Double.NaN, Double.NaN, -inf, -inf };
        for (Storage storage : Storage.values()) {
            for (ExecutionPath path : List.of(ExecutionPath.AUTO, ExecutionPath.ND4J_OPS)) {
                Optimizer optimizer = new Optimizer(provider, provider.descriptor().configure(java.util.Map.of()), null);
                optimizer.setExecutionPath(path);
                double[] result = Runs.run(optimizer, start, new double[][] { g }, storage);
                assertArrayEquals(expected, result, 0, storage + " " + path);
            }
        }
    }

    @Test
    void fusedPathSplitsLargeParametersOverThreadsWithoutChangingResults() {
        int n = 70_001; // above the size where the fused path starts using every core
        double[] start = Runs.start(n, 3);
        double[][] gradients = Runs.gradients(10, n, 4);
        for (String id : List.of("adam", "lamb", "rprop")) {
            Case c = new Case(id, id, java.util.Map.of());
            double[] vector = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.VECTOR);
            double[] fused = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.ND4J_DOUBLE);
            assertArrayEquals(vector, fused, 0, id);
        }
    }

    @Test
    void float32FusedAgreesWithNd4jOpsInFloat32() {
        int n = 2500;
        double[] start = Runs.start(n, 5);
        double[][] gradients = Runs.gradients(STEPS, n, 6);
        for (Case c : Cases.all()) {
            double[] fused = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.ND4J_FLOAT);
            double[] ops = Runs.run(Cases.create(c, ExecutionPath.ND4J_OPS), start, gradients, Storage.ND4J_FLOAT);
            OptimizerConformance.assertClose(ops, fused, 1e-4, c + ": float32 fused differs from float32 nd4j-ops");
        }
    }

    @Test
    void autoChoosesThePathByStorage() {
        Optimizer adam = Cases.REGISTRY.create("adam", java.util.Map.of());
        VectorParameter v = VectorParameter.of("v", 1, 2);
        Parameter contiguous = new Parameter("c", Nd4j.rand(3, 4));
        Parameter strided = new Parameter("s", Nd4j.rand(4, 4).getColumn(1));
        assertEquals(ExecutionPath.VECTOR, adam.executionPath(v));
        assertEquals(ExecutionPath.CPU_FUSED, adam.executionPath(contiguous));
        assertEquals(ExecutionPath.ND4J_OPS, adam.executionPath(strided));
    }
}
