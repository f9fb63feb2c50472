package org.optlab.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/** What the loaded ND4J backend is, for logs, summaries and the About dialog. */
public final class Nd4jRuntime {

    private Nd4jRuntime() {
    }

    /** A one-line description of the active backend, e.g. {@code CpuBackend (float32 default)}; loads ND4J. */
    public static String describe() {
        var backend = Nd4j.getBackend();
        return backend.getClass().getSimpleName() + " (" + Nd4j.dataType().name().toLowerCase() + " default)";
    }
}
