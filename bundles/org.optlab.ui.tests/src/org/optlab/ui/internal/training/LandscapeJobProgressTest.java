package org.optlab.ui.internal.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Landscape job's progress: the command's progress lines, read from its growing log, as determinate work. */
class LandscapeJobProgressTest {

    @TempDir
    Path dir;

    /** A monitor that keeps the work it is told. */
    static final class Recording extends NullProgressMonitor {
        final List<Integer> worked = new ArrayList<>();
        final List<String> subtasks = new ArrayList<>();

        @Override
        public void worked(int work) {
            worked.add(work);
        }

        @Override
        public void subTask(String name) {
            subtasks.add(name);
        }

        int total() {
            return worked.stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Test
    void theLogsProgressLinesMoveTheMonitorForwardToTheWhole() throws Exception {
        Path log = dir.resolve("log.txt");
        Recording monitor = new Recording();
        LandscapeJob.Progress progress = new LandscapeJob.Progress(log, monitor);
        progress.read(); // no log yet: nothing
        assertEquals(0, monitor.total());

        append(log, "snapshots: 0/2 done\nsnapshots: 2/2 done\ndirections: 1/1 done\nexamples: 1/1 done\n"
                + "grid: 0/100 done\n");
        progress.read();
        // the phases before the grid: 2 % + 3 % + 2 % of the whole
        assertEquals(70, monitor.total());
        // half a line is not read until it is whole
        append(log, "grid: 50/1");
        progress.read();
        assertEquals(70, monitor.total());
        append(log, "00 done, ETA 0:05\nsome other line the command wrote\n");
        progress.read();
        assertEquals(70 + 425, monitor.total(), "half the grid is half of its 85 %");
        assertEquals("grid: 50/100 done", monitor.subtasks.get(monitor.subtasks.size() - 1));
        // a line that goes back (not ours to trust) moves nothing back
        progress.line("grid: 10/100 done");
        assertEquals(495, monitor.total());
        append(log, "grid: 100/100 done\npaths: 16/16 done\nfiles: 1/1 done\n");
        progress.read();
        assertEquals(LandscapeJob.TICKS, monitor.total());
        assertEquals(LandscapeJob.TICKS, progress.worked());
        assertTrue(monitor.worked.stream().allMatch(w -> w > 0), monitor.worked.toString());
    }

    private static void append(Path log, String text) throws Exception {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
