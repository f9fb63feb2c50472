package org.optlab.nd4j.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.nd4j.Nd4jRuntime;

/**
 * ND4J inside Equinox, first touched from a worker thread whose context class loader sees nothing of ND4J: the
 * failure mode (NoAvailableBackendException, "LongRawIndexer.RAW is null") the wrapper's two fixes prevent.
 */
class Nd4jInOsgiTest {

    @Test
    void matrixProductOnAWorkerThreadWithAForeignContextClassLoader() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nd4j-worker");
            t.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            return t;
        });
        try {
            var result = worker.submit(() -> {
                assertNotSame(Thread.currentThread().getContextClassLoader(), Nd4j.class.getClassLoader());
                // [1 2; 3 4] x [5 6; 7 8] = [19 22; 43 50], by hand
                INDArray a = Nd4j.createFromArray(new double[][] { { 1, 2 }, { 3, 4 } });
                INDArray b = Nd4j.createFromArray(new double[][] { { 5, 6 }, { 7, 8 } });
                return Nd4j.gemm(a, b, false, false).toDoubleMatrix();
            }).get(120, TimeUnit.SECONDS);
            assertArrayEquals(new double[] { 19, 22 }, result[0]);
            assertArrayEquals(new double[] { 43, 50 }, result[1]);
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void longIndexerWorksWhichNeedsSunMisc() {
        // Reading a LONG buffer goes through JavaCPP's LongRawIndexer, which is null without sun.misc visible.
        INDArray longs = Nd4j.createFromArray(3L, 1L, 4L, 1L, 5L);
        assertEquals(DataType.LONG, longs.dataType());
        assertEquals(14L, longs.sumNumber().longValue());
        assertEquals(4L, longs.getLong(2));
    }

    @Test
    void javaCppReadsNoResidentSizeAtAllocations() {
        Nd4j.create(DataType.FLOAT, 4, 4); // ND4J and JavaCPP loaded, after the activator configured them
        assertEquals(0, org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
        assertTrue(org.bytedeco.javacpp.Pointer.maxBytes() > 0, "the count of allocated bytes still bounds them");
    }

    @Test
    void configureKeepsWhatTheUserSet() {
        String before = System.getProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES);
        try {
            System.clearProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES);
            Nd4jRuntime.configure();
            assertEquals("0", System.getProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES));
            System.setProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES, "8g");
            Nd4jRuntime.configure();
            assertEquals("8g", System.getProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES));
        } finally {
            if (before == null) {
                System.clearProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES);
            } else {
                System.setProperty(Nd4jRuntime.MAX_PHYSICAL_BYTES, before);
            }
        }
    }

    @Test
    void describesTheCpuBackend() {
        String description = Nd4jRuntime.describe();
        assertTrue(description.startsWith("CpuBackend"), description);
    }
}
