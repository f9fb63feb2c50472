package org.optlab.sweep.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** How the engine cuts trials into array tasks, against cases worked by hand. */
class ChunksTest {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static SlurmOptions options(String json) throws IOException {
        return SlurmOptions.parse(SlurmOptionsTest.object(json), 1);
    }

    @Test
    void consecutiveChunksWithAShortLastOne() {
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7, 8), List.of(9)), SlurmEngine.chunks(
                range(10), 3, 1001));
        // the indices themselves, not their positions (a resubmission of some trials)
        assertEquals(List.of(List.of(4, 9), List.of(11)), SlurmEngine.chunks(List.of(4, 9, 11), 2, 1001));
        assertEquals(List.of(List.of(0, 1, 2, 3, 4)), SlurmEngine.chunks(range(5), 8, 1001));
    }

    @Test
    void moreTrialsPerTaskWhenTheArrayWouldBeTooLarge() {
        List<List<Integer>> tasks = SlurmEngine.chunks(range(2000), 1, 1001);
        assertEquals(1000, tasks.size());
        for (int k = 0; k < tasks.size(); k++) {
            assertEquals(List.of(2 * k, 2 * k + 1), tasks.get(k));
        }
        // 1001 trials fit one per task exactly; 1002 do not: ceil(1002 / 1001) = 2 per task, 501 tasks
        assertEquals(1001, SlurmEngine.chunks(range(1001), 1, 1001).size());
        assertEquals(501, SlurmEngine.chunks(range(1002), 1, 1001).size());
        // a cluster with MaxArraySize 10: 95 trials, asked 3 per task, go 10 per task
        List<List<Integer>> small = SlurmEngine.chunks(range(95), 3, 10);
        assertEquals(10, small.size());
        assertEquals(List.of(90, 91, 92, 93, 94), small.get(9));
    }

    @Test
    void trialsPerTask() throws IOException {
        // training: one per task unless asked
        assertEquals(1, SlurmEngine.perTask(500, options("{}"), true));
        assertEquals(1, SlurmEngine.perTask(500, options("{\"max_parallel\": 4}"), true));
        assertEquals(5, SlurmEngine.perTask(500, options("{\"trials_per_task\": 5}"), true));
        // surfaces: spread over max_parallel tasks, else 16
        assertEquals(13, SlurmEngine.perTask(100, options("{\"max_parallel\": 8}"), false)); // ceil(100 / 8)
        assertEquals(7, SlurmEngine.perTask(100, options("{}"), false)); // ceil(100 / 16)
        assertEquals(1, SlurmEngine.perTask(5, options("{}"), false)); // fewer trials than tasks
        assertEquals(1, SlurmEngine.perTask(5, options("{\"max_parallel\": 64}"), false));
        assertEquals(3, SlurmEngine.perTask(100, options("{\"max_parallel\": 8, \"trials_per_task\": 3}"), false));
        assertTrue(SlurmEngine.perTask(1, options("{}"), false) >= 1);
    }
}
