package org.optlab.runner.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The progress line of long commands: written and read back, a terminal's redrawn line, and lines that are not. */
class ProgressLineTest {

    @Test
    void aLineReadsBackWithOrWithoutWhatFollowsIt() {
        ProgressLine p = new ProgressLine("grid", 841, 1681);
        assertEquals("grid: 841/1681 done", p.format());
        assertEquals(Optional.of(p), ProgressLine.parse(p.format()));
        assertEquals(Optional.of(p), ProgressLine.parse(p.format() + ", ETA 0:05"));
        // a sweep's line, and a terminal's line drawn twice in place: the last drawing counts
        assertEquals(Optional.of(new ProgressLine("tune", 3, 20)), ProgressLine.parse(
                "tune: 3/20 done, 1 running, 0 failed, ETA 1:02:03"));
        assertEquals(Optional.of(new ProgressLine("grid", 2, 9)), ProgressLine.parse(
                "\rgrid: 1/9 done\u001b[K\rgrid: 2/9 done\u001b[K"));
    }

    @Test
    void otherLinesAreNotProgress() {
        for (String line : new String[] { "", "optlab: run has no snapshots", "grid: 5/4 done", "grid: 1/4",
                "grid: -1/4 done", "sgd: epoch 1/3, step 10: test loss 0.5", "grid: 1/4 done and more",
                "grid: 99999999999999999999/99999999999999999999 done" }) {
            assertEquals(Optional.empty(), ProgressLine.parse(line), line);
        }
        assertThrows(IllegalArgumentException.class, () -> new ProgressLine("a:b", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ProgressLine("grid", 2, 1));
    }
}
