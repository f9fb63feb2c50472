package org.optlab.runner.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.TrainingExperiment.Backend;

/**
 * The GPU check on fake machines (a folder standing for /): each missing piece (the feature, the driver, the device,
 * the CUDA 11 runtime) gets its own message, which says how to fix it and how to run on the CPU.
 */
class BackendsTest {

    @TempDir
    Path root;

    private void file(String path) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
    }

    private String problem(boolean feature, String ldLibraryPath) {
        ExperimentException e = assertThrows(ExperimentException.class,
                () -> Backends.check(Backend.GPU, feature, root, ldLibraryPath));
        assertEquals("backend", e.field());
        assertTrue(e.getMessage().endsWith("Or run on the CPU: \"backend\": \"cpu\" in the experiment, or"
                + " optlab run FILE --backend cpu."), e.getMessage());
        return e.getMessage();
    }

    @Test
    void eachMissingPieceIsNamedWithItsFix() throws IOException {
        assertTrue(problem(false, null).contains("needs OptLab's GPU feature (ND4J's CUDA 11.6 backend), which is"
                + " not installed"));
        assertTrue(problem(true, null).contains("no NVIDIA driver is loaded (no /proc/driver/nvidia/version)"));
        file("proc/driver/nvidia/version");
        assertTrue(problem(true, null).contains("no GPU device was found (no /dev/nvidia0)"));
        file("dev/nvidia0");
        assertTrue(problem(true, null).contains("no CUDA 11.x runtime was found"));
        file("opt/cuda/lib/libcudart.so.11.0");
        assertDoesNotThrow(() -> Backends.check(Backend.GPU, true, root, "/nowhere:/opt/cuda/lib"));
        assertEquals(root.resolve("opt/cuda/lib/libcudart.so.11.0").toString(),
                Backends.cudaRuntime(root, "/opt/cuda/lib").orElseThrow());
    }

    @Test
    void theRuntimeIsFoundInCudasFoldersAndTheLinkerCacheButNotVersion12() throws IOException {
        file("usr/local/cuda-12.2/lib64/libcudart.so.12");
        assertTrue(Backends.cudaRuntime(root, null).isEmpty(), "CUDA 12 is not what nd4j-cuda-11.6 links against");
        file("usr/local/cuda-11.6/targets/x86_64-linux/lib/libcudart.so.11.6.55");
        assertTrue(Backends.cudaRuntime(root, null).orElseThrow().endsWith("libcudart.so.11.6.55"));
        Path other = Files.createTempDirectory(root, "cache");
        Files.createDirectories(other.resolve("etc"));
        Files.write(other.resolve("etc/ld.so.cache"), "glibc-ld.so.cache1.1\0libcudart.so.11.0\0".getBytes());
        assertEquals("libcudart.so.11 (linker cache)", Backends.cudaRuntime(other, null).orElseThrow());
    }

    @Test
    void theCpuNeedsNothingAndEachRunGetsTheMatchingPriorities() {
        assertDoesNotThrow(() -> Backends.check(Backend.CPU, false, root, null));
        assertEquals(Map.of("BACKEND_PRIORITY_GPU", "200", "BACKEND_PRIORITY_CPU", "0"),
                Backends.environment(Backend.GPU));
        assertEquals(Map.of("BACKEND_PRIORITY_GPU", "0", "BACKEND_PRIORITY_CPU", "200"),
                Backends.environment(Backend.CPU));
    }

    @Test
    void thisMachineRunsTheCpuBackendAndNamesItsProcessor() throws IOException {
        assertEquals("cpu", Backends.actual(Backend.CPU));
        var e = assertThrows(ExperimentException.class, () -> Backends.actual(Backend.GPU));
        assertTrue(e.getMessage().startsWith("field 'backend': \"gpu\" was asked for, but ND4J started its cpu backend"),
                e.getMessage());
        Path cpuinfo = root.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: Example CPU @ 3.00GHz\nflags\t: sse\n");
        assertEquals("Example CPU @ 3.00GHz", Backends.cpuModel(cpuinfo));
        assertTrue(Backends.device().endsWith(" (" + Runtime.getRuntime().availableProcessors() + " cores)"),
                Backends.device());
    }
}
