package org.optlab.sweep.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SlurmOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode object(String json) throws IOException {
        return (ObjectNode) JSON.readTree(json);
    }

    private static final String FULL = """
            {"id": "slurm", "partition": "gpu.a100", "time": "1-12:00:00", "cpus_per_task": 3, "mem": "500M",
             "max_parallel": 32, "trials_per_task": 8, "retries": 0, "sbatch_args": ["--account=ml", "-q=high"],
             "optlab": "/shared/opt lab/optlab", "detach": true}""";

    @Test
    void everyKeyIsRead() throws IOException {
        SlurmOptions o = SlurmOptions.parse(object(FULL), 4);
        assertEquals(new SlurmOptions("gpu.a100", "1-12:00:00", 3, "500M", 32, 8, 0, List.of("--account=ml",
                "-q=high"), "/shared/opt lab/optlab", true, 4), o);
        assertEquals(List.of("--partition=gpu.a100", "--time=1-12:00:00", "--mem=500M", "--account=ml", "-q=high"),
                o.sbatchLines());
    }

    @Test
    void absentKeysTakeTheirDefaults() throws IOException {
        SlurmOptions o = SlurmOptions.parse(object("{\"id\": \"slurm\"}"), 6);
        assertEquals(new SlurmOptions(null, null, 6, null, 0, 0, 2, List.of(), null, false, 6), o);
        assertEquals(List.of(), o.sbatchLines());
        // null is absent too; detach false is read as false
        SlurmOptions n = SlurmOptions.parse(object("{\"partition\": null, \"retries\": null, \"detach\": false}"), 2);
        assertNull(n.partition());
        assertEquals(2, n.retries());
        assertEquals(2, n.cpusPerTask());
        assertFalse(n.detach());
    }

    @Test
    void anUnknownKeyIsOneLineListingTheKnownOnes() {
        IOException e = assertThrows(IOException.class, () -> SlurmOptions.parse(object(
                "{\"id\": \"slurm\", \"partition\": \"gpu\", \"nodes\": 2}"), 1));
        assertEquals("engine.nodes: the slurm engine has no such option (it has partition, time, cpus_per_task, mem, "
                + "max_parallel, trials_per_task, retries, sbatch_args, optlab, detach)", e.getMessage());
    }

    @Test
    void eachBadValueIsOneLineNamingItsField() {
        bad("{\"time\": \"20 minutes\"}", "engine.time: expected a Slurm time");
        bad("{\"time\": 20}", "engine.time: expected a Slurm time");
        bad("{\"mem\": \"4 gigs\"}", "engine.mem: expected a Slurm memory size");
        bad("{\"cpus_per_task\": 0}", "engine.cpus_per_task: expected a whole number of at least 1, got 0");
        bad("{\"cpus_per_task\": 1.5}", "engine.cpus_per_task: expected a whole number of at least 1, got 1.5");
        bad("{\"retries\": -1}", "engine.retries: expected a whole number of at least 0, got -1");
        bad("{\"max_parallel\": \"8\"}", "engine.max_parallel: expected a whole number of at least 1");
        bad("{\"trials_per_task\": 0}", "engine.trials_per_task: expected a whole number of at least 1, got 0");
        bad("{\"sbatch_args\": \"--account=ml\"}", "engine.sbatch_args: expected a list of sbatch options");
        bad("{\"sbatch_args\": [\"--qos=low\", \"account=ml\"]}",
                "engine.sbatch_args: expected sbatch options such as \"--account=ml\", got \"account=ml\"");
        bad("{\"sbatch_args\": [\"--a\\nb\"]}", "engine.sbatch_args: expected sbatch options");
        bad("{\"partition\": \"gpu a\"}", "engine.partition: expected a partition name");
        bad("{\"detach\": \"yes\"}", "engine.detach: expected true or false, got \"yes\"");
    }

    private static void bad(String json, String start) {
        IOException e = assertThrows(IOException.class, () -> SlurmOptions.parse(object(json), 1), json);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void theCommandLineParsesBackToTheSameOptions() throws IOException {
        ObjectNode full = object(FULL);
        full.remove("detach"); // the continue job adds --detach itself
        for (ObjectNode o : List.of(full, object("{}"), object("{\"max_parallel\": 4, \"retries\": 5}"))) {
            SlurmOptions options = SlurmOptions.parse(o, 7);
            List<String> line = options.commandLine();
            assertEquals(options, back(line), String.join(" ", line));
        }
        assertEquals(List.of("--threads", "7", "--cpus-per-task", "7", "--retries", "2"), SlurmOptions.parse(object(
                "{}"), 7).commandLine());
    }

    /** Puts {@code optlab sweep}'s options back as the keys they stand for, as the command line does. */
    private static SlurmOptions back(List<String> line) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode sbatch = JSON.createArrayNode();
        int threads = -1;
        for (int i = 0; i < line.size(); i++) {
            String option = line.get(i);
            if (option.startsWith("--sbatch-arg=")) {
                sbatch.add(option.substring("--sbatch-arg=".length()));
                continue;
            }
            String value = line.get(++i);
            switch (option) {
                case "--threads" -> threads = Integer.parseInt(value);
                case "--partition", "--time", "--mem", "--optlab" -> o.put(option.substring(2), value);
                case "--cpus-per-task", "--max-parallel", "--trials-per-task", "--retries" -> o.put(option.substring(2)
                        .replace('-', '_'), Integer.parseInt(value));
                default -> throw new AssertionError("unexpected option " + option);
            }
        }
        if (!sbatch.isEmpty()) {
            o.set("sbatch_args", sbatch);
        }
        return SlurmOptions.parse(o, threads);
    }
}
