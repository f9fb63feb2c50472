package org.optlab.runner.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A training run that fails after ND4J has started prints its error alone: the run's log.txt (the child's stderr)
 * holds the error line, and nothing from SLF4J (which printed three "Failed to load class" lines while ND4J's bundle
 * had no SLF4J binding). The backend line comes only once the data and the model are there.
 */
class FailedRunLogTest {

    @TempDir
    Path dir;

    @Test
    void aFailedRunsLogHoldsItsErrorAloneWithoutSlf4jLines() throws Exception {
        Path file = dir.resolve("experiment.json");
        // the dataset is built after ND4J has started (to ask for the device), so SLF4J has initialized by then
        Files.writeString(file, """
                {"dataset": {"id": "moons", "noise": -1}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}]}
                """);
        CountDownLatch done = new CountDownLatch(1);
        int[] code = new int[1];
        ChildRun.start(file, dir.resolve("run"), null, Map.of(), new ChildRun.Listener() {
            @Override
            public void event(JsonNode event) {
                // only the end matters here
            }

            @Override
            public void exited(int exitCode, boolean finished) {
                code[0] = exitCode;
                done.countDown();
            }
        });
        assertTrue(done.await(180, TimeUnit.SECONDS), "the child did not end");
        assertEquals(1, code[0]);
        String log = Files.readString(dir.resolve("run/log.txt"));
        assertFalse(log.contains("SLF4J"), log);
        // besides the JVM's own notice about the Vector API incubator module: the error alone
        List<String> rest = log.lines().filter(l -> !l.equals("WARNING: Using incubator modules: jdk.incubator.vector"))
                .toList();
        assertEquals(1, rest.size(), log);
        assertTrue(rest.get(0).matches("optlab: .*field 'dataset\\.noise'.*"), log);
    }
}
