package org.optlab.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/** What the loaded ND4J backend is, for logs, summaries and the About dialog. */
public final class Nd4jRuntime {

    /** The system property of JavaCPP's physical memory limit, in bytes (0: none). */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    private Nd4jRuntime() {
    }

    /**
     * Sets what SLF4J, ND4J and JavaCPP read once, when their classes initialize, except where the user has set it
     * ({@code -D...} in OPTLAB_VMARGS); call before any of their classes (the ND4J bundle's activator does, and so
     * does a process that runs without OSGi).
     * <ul>
     * <li>Only warnings and errors are logged: the INFO lines of ND4J and DL4J (backend, threads, BLAS vendor) would
     * bury a run's own messages in its output and log.txt.</li>
     * <li>JavaCPP's physical memory limit is off: JavaCPP read the process's resident size from /proc/self/statm at
     * every native allocation to compare it with that limit, about 5 % of a small training run's time. Native memory
     * stays bounded by JavaCPP's count of what it allocated ({@code org.bytedeco.javacpp.maxbytes}, the heap's
     * maximum by default), which costs no system call.</li>
     * </ul>
     */
    public static void configure() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent(MAX_PHYSICAL_BYTES, "0");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** A one-line description of the active backend, e.g. {@code CpuBackend (float32 default)}; loads ND4J. */
    public static String describe() {
        var backend = Nd4j.getBackend();
        return backend.getClass().getSimpleName() + " (" + Nd4j.dataType().name().toLowerCase() + " default)";
    }
}
