package org.optlab.sweep.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmJobsTest {

    @TempDir
    Path home;

    @Test
    void jobsGoThroughTheFileAndTellAttemptsAndTheLastPlacement() throws IOException {
        SlurmJobs none = SlurmJobs.read(home);
        assertEquals(List.of(), none.jobs());
        assertTrue(Files.notExists(home.resolve(SlurmJobs.FILE)));

        SlurmJobs.Job first = new SlurmJobs.Job("12", SlurmJobs.TRIALS, "tune", "2026-11-30T09:00:00Z",
                BatchScripts.SWEEP, List.of(List.of(0, 1), List.of(2, 3), List.of(4)));
        SlurmJobs.Job again = new SlurmJobs.Job("15", SlurmJobs.TRIALS, "tune", "2026-11-30T09:10:00Z",
                BatchScripts.SWEEP, List.of(List.of(3), List.of(4)));
        SlurmJobs.Job cont = new SlurmJobs.Job("16", SlurmJobs.CONTINUE, "tune", "2026-11-30T09:10:01Z",
                BatchScripts.CONTINUE, List.of());
        none.add(first);
        none.add(again);
        none.add(cont);

        SlurmJobs read = SlurmJobs.read(home);
        assertEquals(List.of(first, again, cont), read.jobs());
        assertEquals(1, read.attempts(0));
        assertEquals(1, read.attempts(2));
        assertEquals(2, read.attempts(3));
        assertEquals(2, read.attempts(4));
        assertEquals(0, read.attempts(5));
        assertEquals("12_0", read.last(1).orElseThrow().id());
        assertEquals("12_1", read.last(2).orElseThrow().id());
        assertEquals(new SlurmJobs.Placement(again, 0), read.last(3).orElseThrow());
        assertEquals("15_1", read.last(4).orElseThrow().id());
        assertEquals(Optional.empty(), read.last(5));
    }

    @Test
    void aCorruptFileIsOneLineNamingIt() throws IOException {
        Path file = home.resolve(SlurmJobs.FILE);
        for (String text : List.of("{\"jobs\": [{\"job\": \"1\", ", "[1, 2]", "{\"jobs\": [{\"tasks\": [[0]]}]}")) {
            Files.writeString(file, text);
            IOException e = assertThrows(IOException.class, () -> SlurmJobs.read(home), text);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
