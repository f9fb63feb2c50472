package org.optlab.runner.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one line a plain sweep worker writes when it cannot go on, and what the engine quotes of its log. */
class TrialWorkerTest {

    @Test
    void aFailedBackendStartNamesWhatWasMissing() {
        // what ND4J's static initializer throws when JavaCPP finds no native library
        Throwable e = new ExceptionInInitializerError(new RuntimeException("ND4J is probably missing dependencies.",
                new UnsatisfiedLinkError("Could not find jniopenblas_nolapack in class, module, and library paths.")));
        assertEquals("ND4J is probably missing dependencies. (Could not find jniopenblas_nolapack in class, module, "
                + "and library paths.)", TrialWorker.reason(e));
    }

    @Test
    void anExpectedFailureIsItsMessageFirstLine() {
        assertEquals("no sweep folder given", TrialWorker.reason(new IllegalArgumentException(
                "no sweep folder given")));
        assertEquals("out/sweep.json: bad", TrialWorker.reason(new IOException("out/sweep.json: bad\n  at x",
                new IOException("out/sweep.json: bad"))));
    }

    @Test
    void aFailureWithoutAnyMessageIsItsKind() {
        assertEquals("java.lang.NullPointerException", TrialWorker.reason(new NullPointerException()));
        // a wrapper's message is its cause's kind
        assertEquals("java.lang.NullPointerException", TrialWorker.reason(new IllegalStateException(
                new NullPointerException())));
    }

    @Test
    void theEngineQuotesTheWorkersLineNotTheJvmsNotes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.txt");
        // what a worker's log holds when the worker failed and the JVM then wrote its class-data cache
        Files.write(log, List.of("WARNING: Using incubator modules: jdk.incubator.vector",
                TrialWorker.FAILED + "boom", "Picked up JAVA_TOOL_OPTIONS: -Djava.class.path=" + "/x.jar:".repeat(
                        2000), ""));
        assertEquals(": " + TrialWorker.FAILED + "boom", LocalEngine.lastLine(log));
        Files.writeString(log, "y".repeat(5000) + "\n");
        assertEquals(2 + 300, LocalEngine.lastLine(log).length(), "a long line is cut");
        assertEquals("", LocalEngine.lastLine(dir.resolve("none.txt")));
    }
}
