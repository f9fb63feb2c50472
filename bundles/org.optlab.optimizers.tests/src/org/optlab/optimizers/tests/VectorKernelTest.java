package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.internal.exec.FusedCpuExecutor;
import org.optlab.optimizers.tests.Cases.Case;
import org.optlab.optimizers.conformance.Runs;
import org.optlab.optimizers.conformance.Storage;

/**
 * The generated Vector API loops (float32, Java 22+ with jdk.incubator.vector, as the tests and the product run)
 * against the staged interpreter: the same IEEE float operations in the same order, so equal bit for bit, for every
 * optimizer and variant, with a length that leaves a tail for the interpreter and splits over threads. LAMB is the
 * exception: its norms are sums whose order differs (per lane in float against per chunk in double), so its results
 * agree to 1e-5.
 */
class VectorKernelTest {

    @AfterEach
    void restore() {
        FusedCpuExecutor.useVectorKernels(true);
    }

    @Test
    void generatedKernelsAreActiveOnThisJava() {
        if (Runtime.version().feature() >= 22) {
            assertTrue(FusedCpuExecutor.vectorKernelsActive(),
                    "Java " + Runtime.version() + " should run generated kernels (is --add-modules jdk.incubator.vector set?)");
        }
    }

    @Test
    void generatedKernelsEqualTheInterpreterBitForBit() {
        int n = 70_013;
        double[] start = Runs.start(n, 41);
        double[][] gradients = Runs.gradients(12, n, 42);
        for (Case c : Cases.all()) {
            double[][] both = withAndWithoutVectorKernels(c, start, gradients);
            assertArrayEquals(both[1], both[0], c.id().equals("lamb") ? 1e-5 : 0, c.toString());
        }
    }

    /** The parameters after the steps, with generated kernels allowed and then without. */
    private static double[][] withAndWithoutVectorKernels(Case c, double[] start, double[][] gradients) {
        FusedCpuExecutor.useVectorKernels(true);
        double[] with = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.ND4J_FLOAT);
        FusedCpuExecutor.useVectorKernels(false);
        double[] without = Runs.run(Cases.create(c, ExecutionPath.AUTO), start, gradients, Storage.ND4J_FLOAT);
        return new double[][] { with, without };
    }

    @Test
    void onlyParametersOfAtLeastTheMinimumRunGeneratedKernels() {
        if (FusedCpuExecutor.vectorKernelsActive()) {
            assertTrue(FusedCpuExecutor.runsVectorKernel(FusedCpuExecutor.VECTOR_MIN));
            assertTrue(FusedCpuExecutor.runsVectorKernel(70_013));
        }
        assertFalse(FusedCpuExecutor.runsVectorKernel(FusedCpuExecutor.VECTOR_MIN - 1));
        assertFalse(FusedCpuExecutor.runsVectorKernel(7_850)); // the softmax of Fashion-MNIST
        FusedCpuExecutor.useVectorKernels(false);
        assertFalse(FusedCpuExecutor.runsVectorKernel(70_013));
    }

    @Test
    void aSmallParameterGivesTheSameBitsWithAndWithoutTheVectorApi() {
        // below the minimum every optimizer runs the interpreter, so even LAMB's norms (whose order differs in the
        // generated loop) come out the same whether or not this JVM offers the Vector API: a sweep's trial gets the
        // same bits in a worker started with C1 alone as in one with C2
        int n = FusedCpuExecutor.VECTOR_MIN - 3;
        double[] start = Runs.start(n, 45);
        double[][] gradients = Runs.gradients(6, n, 46);
        for (Case c : Cases.all()) {
            double[][] both = withAndWithoutVectorKernels(c, start, gradients);
            assertArrayEquals(both[1], both[0], 0, c.toString());
        }
    }

    @Test
    void aReductionGivesTheSameBitsBeforeAndAfterTheJitCompilesIt() {
        // LAMB sums squares in its generated loop; run it often enough that the JIT compiles that loop (its lane sum
        // must not change with the compiler: reduceLanes(ADD) added in another order once compiled)
        int n = 70_013;
        double[] start = Runs.start(n, 43);
        double[][] gradients = Runs.gradients(12, n, 44);
        Case lamb = Cases.all().stream().filter(c -> c.id().equals("lamb")).findFirst().orElseThrow();
        double[] first = Runs.run(Cases.create(lamb, ExecutionPath.AUTO), start, gradients, Storage.ND4J_FLOAT);
        for (int run = 1; run < 40; run++) {
            double[] again = Runs.run(Cases.create(lamb, ExecutionPath.AUTO), start, gradients, Storage.ND4J_FLOAT);
            assertArrayEquals(first, again, 0, "run " + run);
        }
    }
}
