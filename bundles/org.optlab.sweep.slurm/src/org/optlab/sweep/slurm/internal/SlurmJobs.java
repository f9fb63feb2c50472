package org.optlab.sweep.slurm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.optlab.runner.experiment.ResultFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code DIR/slurm/jobs.json}: every job the slurm engine submitted for the sweep, in order, so that any machine that
 * sees DIR can follow, cancel or resume it.
 * <pre>
 * {"jobs": [{"job": "12", "kind": "trials", "phase": "tune", "submitted": "2026-11-30T09:00:00Z",
 *            "script": "sweep.sbatch", "tasks": [[0, 1], [2, 3]]},
 *           {"job": "13", "kind": "continue", "phase": "tune", "submitted": "...", "script": "continue.sbatch",
 *            "tasks": []}]}
 * </pre>
 * A {@code trials} job is an array: its task {@code k} runs the trials {@code tasks[k]}. A {@code continue} job
 * takes a detached sweep on once the arrays before it have ended.
 */
final class SlurmJobs {

    static final String FILE = "jobs.json";
    static final String TRIALS = "trials", CONTINUE = "continue";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One submitted job. */
    record Job(String job, String kind, String phase, String submitted, String script, List<List<Integer>> tasks) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", job);
            m.put("kind", kind);
            m.put("phase", phase);
            m.put("submitted", submitted);
            m.put("script", script);
            m.put("tasks", tasks);
            return m;
        }
    }

    /** Where a trial ran last: a job and its array task. */
    record Placement(Job job, int task) {
        String id() {
            return job.job() + "_" + task;
        }
    }

    private final Path file;
    private final List<Job> jobs = new ArrayList<>();
    /** Per trial: the array tasks it was given so far, and the last of them. */
    private final Map<Integer, Integer> attempts = new java.util.HashMap<>();
    private final Map<Integer, Placement> last = new java.util.HashMap<>();

    private SlurmJobs(Path file, List<Job> jobs) {
        this.file = file;
        jobs.forEach(this::index);
    }

    private void index(Job job) {
        jobs.add(job);
        for (int k = 0; k < job.tasks().size(); k++) {
            for (int trial : job.tasks().get(k)) {
                attempts.merge(trial, 1, Integer::sum);
                last.put(trial, new Placement(job, k));
            }
        }
    }

    /** The jobs recorded in {@code slurmFolder} (none when it has no {@value #FILE}). */
    static SlurmJobs read(Path slurmFolder) throws IOException {
        Path file = slurmFolder.resolve(FILE);
        List<Job> jobs = new ArrayList<>();
        if (Files.exists(file)) {
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new IOException(file + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            if (root == null || !root.path("jobs").isArray()) {
                throw new IOException(file + " is not the slurm engine's record (expected {\"jobs\": [...]})");
            }
            for (JsonNode j : root.get("jobs")) {
                List<List<Integer>> tasks = new ArrayList<>();
                for (JsonNode t : j.path("tasks")) {
                    List<Integer> trials = new ArrayList<>();
                    t.forEach(i -> trials.add(i.asInt()));
                    tasks.add(List.copyOf(trials));
                }
                if (!j.path("job").isTextual()) {
                    throw new IOException(file + ": a job without its id");
                }
                jobs.add(new Job(j.get("job").asText(), j.path("kind").asText(TRIALS), j.path("phase").asText(""),
                        j.path("submitted").asText(""), j.path("script").asText(""), List.copyOf(tasks)));
            }
        }
        return new SlurmJobs(file, jobs);
    }

    List<Job> jobs() {
        return List.copyOf(jobs);
    }

    /** Records a job and writes the file (whole, atomically). */
    void add(Job job) throws IOException {
        index(job);
        ResultFiles.writeJson(file, Map.of("jobs", jobs.stream().map(Job::toMap).toList()));
    }

    /** How many array tasks were given {@code trial} so far. */
    int attempts(int trial) {
        return attempts.getOrDefault(trial, 0);
    }

    /** The array task that was given {@code trial} last. */
    Optional<Placement> last(int trial) {
        return Optional.ofNullable(last.get(trial));
    }
}
