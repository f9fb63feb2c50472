package org.optlab.sweep.slurm.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.optlab.runner.sweep.SweepEngine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The slurm engine's options, from the sweep file's {@code engine} object with the command line's put in:
 * <pre>
 * {"id": "slurm", "partition": "gpu", "time": "00:20:00", "cpus_per_task": 2, "mem": "4G", "max_parallel": 32,
 *  "trials_per_task": 8, "retries": 2, "sbatch_args": ["--account=ml"], "optlab": "/shared/optlab/optlab"}
 * </pre>
 * Absent: no partition, time or memory asked for (the cluster's defaults), {@code cpus_per_task} = the trial's
 * threads, no limit on tasks side by side, {@code trials_per_task} chosen by the engine (0), 2 retries, OptLab's
 * command = the installation running (null).
 *
 * @param threads the threads of each trial ({@code optlab sweep --threads})
 */
record SlurmOptions(String partition, String time, int cpusPerTask, String mem, int maxParallel, int trialsPerTask,
        int retries, List<String> sbatchArgs, String optlab, boolean detach, int threads) {

    static final Set<String> KEYS = new LinkedHashSet<>(List.of("id", "partition", "time", "cpus_per_task", "mem",
            "max_parallel", "trials_per_task", "retries", "sbatch_args", "optlab", "detach"));

    /** Reads and checks the options; an unknown or bad one is one line naming the field. */
    static SlurmOptions parse(ObjectNode o, int threads) throws IOException {
        List<String> unknown = SweepEngine.unknownOptions(o, KEYS);
        if (!unknown.isEmpty()) {
            throw new IOException("engine." + unknown.get(0) + ": the slurm engine has no such option (it has "
                    + String.join(", ", KEYS.stream().skip(1).toList()) + ")");
        }
        String time = text(o, "time", "(\\d+-)?\\d+(:\\d+){0,2}", "a Slurm time such as \"00:20:00\", \"90\" or "
                + "\"1-12:00:00\"");
        String mem = text(o, "mem", "\\d+[KMGTkmgt]?", "a Slurm memory size such as \"4G\" or \"500M\"");
        List<String> sbatchArgs = new ArrayList<>();
        JsonNode args = o.get("sbatch_args");
        if (args != null && !args.isNull()) {
            if (!args.isArray()) {
                throw new IOException("engine.sbatch_args: expected a list of sbatch options such as "
                        + "[\"--account=ml\"], got " + args);
            }
            for (JsonNode a : args) {
                if (!a.isTextual() || !a.asText().startsWith("-") || a.asText().contains("\n")) {
                    throw new IOException("engine.sbatch_args: expected sbatch options such as \"--account=ml\", got "
                            + a);
                }
                sbatchArgs.add(a.asText());
            }
        }
        JsonNode detach = o.get("detach");
        if (detach != null && !detach.isBoolean()) {
            throw new IOException("engine.detach: expected true or false, got " + detach);
        }
        return new SlurmOptions(text(o, "partition", "[\\w.,-]+", "a partition name"), time,
                integer(o, "cpus_per_task", 1, threads), mem, integer(o, "max_parallel", 1, 0),
                integer(o, "trials_per_task", 1, 0), integer(o, "retries", 0, 2), List.copyOf(sbatchArgs),
                text(o, "optlab", ".+", "the path of OptLab's command on the nodes"), detach != null
                        && detach.asBoolean(), threads);
    }

    /** These options as {@code optlab sweep}'s own, for the job that continues a detached sweep. */
    List<String> commandLine() {
        List<String> line = new ArrayList<>(List.of("--threads", Integer.toString(threads)));
        add(line, "--partition", partition);
        add(line, "--time", time);
        line.addAll(List.of("--cpus-per-task", Integer.toString(cpusPerTask)));
        add(line, "--mem", mem);
        if (maxParallel > 0) {
            line.addAll(List.of("--max-parallel", Integer.toString(maxParallel)));
        }
        if (trialsPerTask > 0) {
            line.addAll(List.of("--trials-per-task", Integer.toString(trialsPerTask)));
        }
        line.addAll(List.of("--retries", Integer.toString(retries)));
        for (String a : sbatchArgs) {
            line.add("--sbatch-arg=" + a);
        }
        add(line, "--optlab", optlab);
        return line;
    }

    /** The {@code #SBATCH} lines every job of the sweep carries (beyond its name, array and output). */
    List<String> sbatchLines() {
        List<String> lines = new ArrayList<>();
        if (partition != null) {
            lines.add("--partition=" + partition);
        }
        if (time != null) {
            lines.add("--time=" + time);
        }
        if (mem != null) {
            lines.add("--mem=" + mem);
        }
        sbatchArgs.forEach(a -> lines.add(BatchScripts.sbatchWord(a)));
        return lines;
    }

    private static void add(List<String> line, String option, String value) {
        if (value != null) {
            line.addAll(List.of(option, value));
        }
    }

    private static String text(ObjectNode o, String key, String pattern, String expected) throws IOException {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || !v.asText().matches(pattern)) {
            throw new IOException("engine." + key + ": expected " + expected + ", got " + v);
        }
        return v.asText();
    }

    private static int integer(ObjectNode o, String key, int least, int absent) throws IOException {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < least) {
            throw new IOException("engine." + key + ": expected a whole number of at least " + least + ", got " + v);
        }
        return v.asInt();
    }
}
