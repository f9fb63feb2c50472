package org.optlab.sweep.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine reads from Slurm's commands, against fakes that answer as Slurm does. */
class SlurmTest {

    @TempDir
    Path root;

    @Test
    void commandsAreFoundOnThePathInItsOrder() throws IOException {
        Path a = Files.createDirectories(root.resolve("a")), b = Files.createDirectories(root.resolve("b"));
        Files.writeString(a.resolve("squeue"), "not executable");
        Files.writeString(b.resolve("squeue"), "#!/bin/bash\n");
        b.resolve("squeue").toFile().setExecutable(true);
        Slurm slurm = new Slurm(a + ":" + root.resolve("missing") + "::" + b);
        assertEquals(b.resolve("squeue"), slurm.find("squeue").orElseThrow());
        assertFalse(slurm.find("sbatch").isPresent());
        assertFalse(new Slurm(null).find("squeue").isPresent());
        assertEquals(List.of(), slurm.queue("alice"), "an empty answer: nothing queued");
        IOException e = assertThrows(IOException.class, () -> slurm.submit(root.resolve("s"), List.of()));
        assertEquals("Slurm's sbatch is not on the PATH", e.getMessage());
        assertTrue(new Slurm("").nodes().isEmpty());
    }

    @Test
    void submitGivesTheJobIdOrSlurmsOwnWords() throws IOException {
        FakeSlurm fake = new FakeSlurm(root);
        Path script = root.resolve("s.sbatch");
        fake.command("sbatch", "echo '77;big'");
        assertEquals("77", fake.slurm().submit(script, List.of("--hold")));
        assertEquals(List.of("--parsable", "--hold", script.toString()), fake.arguments("sbatch", 1));
        fake.command("sbatch", "echo 'Submitted batch job 78'");
        IOException e = assertThrows(IOException.class, () -> fake.slurm().submit(script, List.of()));
        assertEquals("sbatch answered 'Submitted batch job 78' instead of a job id", e.getMessage());
        fake.command("sbatch", "echo; echo '  ' >&2; echo 'sbatch: error: QOSMaxSubmitJobPerUserLimit' >&2; "
                + "echo second >&2; exit 1");
        e = assertThrows(IOException.class, () -> fake.slurm().submit(script, List.of()));
        assertEquals("sbatch refused the job: sbatch: error: QOSMaxSubmitJobPerUserLimit", e.getMessage());
        fake.command("sbatch", "exit 3");
        e = assertThrows(IOException.class, () -> fake.slurm().submit(script, List.of()));
        assertEquals("sbatch refused the job: exit code 3", e.getMessage());
    }

    @Test
    void theQueueIsOneEntryPerArrayTask() throws IOException {
        FakeSlurm fake = new FakeSlurm(root);
        fake.command("squeue", "printf '12|0|RUNNING\\n 12|1|COMPLETING \\n12|N/A|PENDING\\n13|2|PENDING\\n"
                + "garbage\\n\\n'");
        List<Slurm.Entry> q = fake.slurm().queue("bob");
        assertEquals(List.of(new Slurm.Entry("12", 0, "RUNNING"), new Slurm.Entry("12", 1, "COMPLETING"),
                new Slurm.Entry("12", -1, "PENDING"), new Slurm.Entry("13", 2, "PENDING")), q);
        assertEquals(List.of(true, true, false, false), q.stream().map(Slurm.Entry::running).toList());
        assertEquals(List.of("--noheader", "--array", "--user", "bob", "--format", "%F|%K|%T"), fake.arguments(
                "squeue", 1));
        fake.command("squeue", "echo 'squeue: error: Invalid user: bob' >&2; exit 1");
        IOException e = assertThrows(IOException.class, () -> fake.slurm().queue("bob"));
        assertEquals("squeue failed: squeue: error: Invalid user: bob", e.getMessage());
    }

    @Test
    void scontrolAndSinfoAnswers() throws IOException {
        FakeSlurm fake = new FakeSlurm(root);
        assertEquals(Slurm.DEFAULT_MAX_ARRAY_SIZE, fake.slurm().maxArraySize(), "no scontrol");
        assertEquals(Map.of(), fake.slurm().job("5_1"));
        fake.command("scontrol", """
                if [ "$1" = show ]; then printf 'MaxArraySizeX = 9\\nMaxArraySize            = 40001\\n'; exit 0; fi
                echo 'JobId=6 ArrayJobId=5 ArrayTaskId=1 JobName=x JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15 \
                JobState=OTHER'""");
        assertEquals(40001, fake.slurm().maxArraySize());
        Map<String, String> job = fake.slurm().job("5_1");
        assertEquals("TIMEOUT", job.get("JobState"), "the first of a repeated field");
        assertEquals("TimeLimit", job.get("Reason"));
        assertEquals("0:15", job.get("ExitCode"));
        assertEquals(List.of("--oneliner", "show", "job", "5_1"), fake.arguments("scontrol", 2));
        fake.command("scontrol", "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1");
        assertEquals(Map.of(), fake.slurm().job("5_1"));
        assertEquals(Slurm.DEFAULT_MAX_ARRAY_SIZE, fake.slurm().maxArraySize(), "scontrol failed");

        fake.command("sinfo", "printf 'n1\\nn2\\n n1 \\n\\nn3.cluster\\n'");
        assertEquals(List.of("n1", "n2", "n3.cluster"), fake.slurm().nodes());
        fake.command("sinfo", "echo n1; exit 1");
        assertEquals(List.of(), fake.slurm().nodes());
    }
}
