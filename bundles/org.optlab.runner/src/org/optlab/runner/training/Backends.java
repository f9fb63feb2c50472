package org.optlab.runner.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.nd4j.linalg.factory.Nd4j;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.TrainingExperiment.Backend;

/**
 * Which ND4J backend a run gets. ND4J picks, once per JVM, the backend with the highest priority from the
 * environment variables BACKEND_PRIORITY_CPU and BACKEND_PRIORITY_GPU; so each run that asks for a backend gets a
 * JVM started with matching priorities ({@link #environment}), and before it starts, {@link #check} says in one
 * message what is missing for a GPU run and how to fix it.
 */
public final class Backends {

    /** ND4J's CUDA backend, present when the OptLab GPU feature is installed. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static final String OR_CPU = " Or run on the CPU: \"backend\": \"cpu\" in the experiment, or"
            + " optlab run FILE --backend cpu.";

    private Backends() {
    }

    /** The environment variables that make ND4J choose {@code backend} in a JVM started with them. */
    public static Map<String, String> environment(Backend backend) {
        boolean gpu = backend == Backend.GPU;
        return Map.of("BACKEND_PRIORITY_GPU", gpu ? "200" : "0", "BACKEND_PRIORITY_CPU", gpu ? "0" : "200");
    }

    /**
     * Whether {@code backend} can run on this machine and installation.
     *
     * @throws ExperimentException on field "backend", saying which of the GPU feature, the NVIDIA driver and device,
     *         and the CUDA 11 runtime is missing, how to install it, and how to run on the CPU instead
     */
    public static void check(Backend backend) {
        check(backend, gpuFeatureInstalled(), Path.of("/"), System.getenv("LD_LIBRARY_PATH"));
    }

    /** {@link #check(Backend)} on a machine whose files lie under {@code root} (tests give a fake one). */
    static void check(Backend backend, boolean featureInstalled, Path root, String ldLibraryPath) {
        if (backend != Backend.GPU) {
            return;
        }
        if (!featureInstalled) {
            fail("\"gpu\" needs OptLab's GPU feature (ND4J's CUDA 11.6 backend), which is not installed in this"
                    + " OptLab. Build it with ./mvnw -Pgpu verify and install it with optlab install"
                    + " releng/org.optlab.gpu.site/target/org.optlab.gpu.site-<version>.zip (README: \"The GPU"
                    + " backend\").");
        }
        if (!Files.exists(root.resolve("proc/driver/nvidia/version"))) {
            fail("\"gpu\": no NVIDIA driver is loaded (no /proc/driver/nvidia/version), so no GPU can be used."
                    + " Install the NVIDIA driver for your GPU; nvidia-smi must then list it.");
        }
        if (!Files.exists(root.resolve("dev/nvidia0"))) {
            fail("\"gpu\": the NVIDIA driver is loaded but no GPU device was found (no /dev/nvidia0). Check that"
                    + " nvidia-smi lists a GPU, and that this process may use it (containers: --gpus).");
        }
        if (cudaRuntime(root, ldLibraryPath).isEmpty()) {
            fail("\"gpu\": no CUDA 11.x runtime was found (libcudart.so.11.0 is not in LD_LIBRARY_PATH,"
                    + " /usr/local/cuda*/lib64 or the linker cache). Install CUDA 11.6 (the toolkit, or its runtime"
                    + " package cuda-cudart-11-6) and put its lib64 folder on LD_LIBRARY_PATH.");
        }
    }

    private static void fail(String message) {
        throw new ExperimentException("backend", message + OR_CPU);
    }

    /** Where libcudart.so.11.* is: the library path, CUDA's usual folders, or the linker cache. */
    static Optional<String> cudaRuntime(Path root, String ldLibraryPath) {
        List<Path> folders = new ArrayList<>();
        if (ldLibraryPath != null) {
            for (String entry : ldLibraryPath.split(":")) {
                if (!entry.isEmpty()) {
                    folders.add(root.resolve(entry.replaceFirst("^/", "")));
                }
            }
        }
        folders.add(root.resolve("usr/lib/x86_64-linux-gnu"));
        folders.add(root.resolve("usr/lib64"));
        try (DirectoryStream<Path> cudas = Files.newDirectoryStream(root.resolve("usr/local"), "cuda*")) {
            for (Path cuda : cudas) {
                folders.add(cuda.resolve("lib64"));
                folders.add(cuda.resolve("targets/x86_64-linux/lib"));
            }
        } catch (IOException e) {
            // no /usr/local or nothing CUDA-like in it
        }
        for (Path folder : folders) {
            try (DirectoryStream<Path> libraries = Files.newDirectoryStream(folder, "libcudart.so.11*")) {
                for (Path library : libraries) {
                    return Optional.of(library.toString());
                }
            } catch (IOException e) {
                // not there
            }
        }
        try {
            byte[] cache = Files.readAllBytes(root.resolve("etc/ld.so.cache"));
            if (new String(cache, StandardCharsets.ISO_8859_1).contains("libcudart.so.11")) {
                return Optional.of("libcudart.so.11 (linker cache)");
            }
        } catch (IOException e) {
            // no linker cache
        }
        return Optional.empty();
    }

    /**
     * The backend ND4J runs in this JVM ("cpu" or "gpu"), starting ND4J if it has not started yet.
     *
     * @throws ExperimentException when it is not the one asked for (this JVM was started with other priorities, or
     *         the CUDA backend failed to start and ND4J fell back to the CPU)
     */
    public static String actual(Backend asked) {
        String running = Nd4j.getBackend().getClass().getName().equals(CUDA_BACKEND) ? "gpu" : "cpu";
        String wanted = asked.name().toLowerCase(Locale.ROOT);
        if (!running.equals(wanted)) {
            throw new ExperimentException("backend", "\"" + wanted + "\" was asked for, but ND4J started its "
                    + running + " backend in this process (" + Nd4j.getBackend().getClass().getSimpleName()
                    + "; BACKEND_PRIORITY_CPU=" + System.getenv("BACKEND_PRIORITY_CPU") + ", BACKEND_PRIORITY_GPU="
                    + System.getenv("BACKEND_PRIORITY_GPU") + "). Start runs with optlab run, which sets the"
                    + " priorities; if the GPU was asked for, ND4J's log above says why CUDA did not start."
                    + (asked == Backend.GPU ? OR_CPU : ""));
        }
        return running;
    }

    /** The device the running backend computes on: the GPU's name, or the CPU's model and core count. */
    public static String device() {
        if (Nd4j.getBackend().getClass().getName().equals(CUDA_BACKEND)) {
            Object devices = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
            if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
                Object name = first.get("cuda.deviceName");
                return "GPU " + (name == null ? first : name) + (list.size() > 1 ? " (of " + list.size() + ")" : "");
            }
            return "GPU (ND4J reports no device information)";
        }
        return cpuModel(Path.of("/proc/cpuinfo")) + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    static String cpuModel(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "CPU " + System.getProperty("os.arch");
    }

    /** Whether OptLab's GPU feature (ND4J's CUDA backend) is installed, whatever the machine has. */
    public static boolean gpuFeatureInstalled() {
        return present(CUDA_BACKEND);
    }

    /** Looks in the ND4J bundle, where the GPU feature's fragment adds its classes (this bundle cannot see them). */
    private static boolean present(String className) {
        try {
            Class.forName(className, false, Nd4j.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
