package org.optlab.sweep.slurm.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's own client commands ({@code sbatch}, {@code squeue}, {@code scancel}, {@code scontrol}, {@code sinfo}) as
 * found on a PATH. Each runs with a time limit; a failure is an {@link IOException} of one line that names the
 * command and relays Slurm's own message.
 */
final class Slurm {

    /** Slurm's default MaxArraySize: array task ids run from 0 to this minus one. */
    static final int DEFAULT_MAX_ARRAY_SIZE = 1001;

    private static final long LIMIT_SECONDS = 60;

    /** A job or array task in the queue: {@code task} is -1 for a job that is not an array. */
    record Entry(String job, int task, String state) {
        boolean running() {
            return state.equals("RUNNING") || state.equals("COMPLETING");
        }
    }

    private final List<Path> path;

    /** Looks for the commands on {@code pathVariable} (a PATH: folders separated by ':'). */
    Slurm(String pathVariable) {
        this.path = new ArrayList<>();
        for (String folder : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                path.add(Path.of(folder));
            }
        }
    }

    /** The commands on this process's PATH. */
    static Slurm fromEnvironment() {
        return new Slurm(System.getenv("PATH"));
    }

    /** The command's file on the PATH. */
    Optional<Path> find(String command) {
        return path.stream().map(p -> p.resolve(command)).filter(Files::isExecutable).findFirst();
    }

    /** Submits {@code script} with {@code options} before it and returns the job id (sbatch --parsable). */
    String submit(Path script, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(options);
        command.add(script.toString());
        Result r = run(command);
        if (r.code != 0) {
            throw new IOException("sbatch refused the job: " + r.message());
        }
        String id = r.out.strip().split(";")[0]; // "123" or "123;cluster"
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch answered '" + r.out.strip() + "' instead of a job id");
        }
        return id;
    }

    /** The jobs of {@code user} in the queue, one entry per array task ({@code squeue -r}). */
    List<Entry> queue(String user) throws IOException {
        Result r = run(List.of("squeue", "--noheader", "--array", "--user", user, "--format", "%F|%K|%T"));
        if (r.code != 0) {
            throw new IOException("squeue failed: " + r.message());
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            String[] parts = line.strip().split("\\|");
            if (parts.length == 3) {
                entries.add(new Entry(parts[0], parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : -1,
                        parts[2]));
            }
        }
        return entries;
    }

    /** Cancels these jobs (whole arrays). */
    void cancel(List<String> jobs) throws IOException {
        if (jobs.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("scancel"));
        command.addAll(jobs);
        Result r = run(command);
        if (r.code != 0) {
            throw new IOException("scancel failed: " + r.message());
        }
    }

    /** The cluster's MaxArraySize ({@code scontrol show config}), or Slurm's default when it cannot be read. */
    int maxArraySize() {
        try {
            Result r = run(List.of("scontrol", "show", "config"));
            Matcher m = Pattern.compile("(?m)^MaxArraySize\\s*=\\s*(\\d+)").matcher(r.out);
            if (r.code == 0 && m.find()) {
                return Integer.parseInt(m.group(1));
            }
        } catch (IOException e) {
            // no scontrol: the default
        }
        return DEFAULT_MAX_ARRAY_SIZE;
    }

    /**
     * What Slurm still knows of a job or array task that has ended ({@code scontrol show job}: JobState, Reason,
     * ExitCode), while it keeps it (MinJobAge); empty once it is forgotten.
     */
    Map<String, String> job(String id) {
        Map<String, String> fields = new TreeMap<>();
        try {
            Result r = run(List.of("scontrol", "--oneliner", "show", "job", id));
            if (r.code == 0) {
                Matcher m = Pattern.compile("(\\w+)=(\\S*)").matcher(r.out);
                while (m.find()) {
                    fields.putIfAbsent(m.group(1), m.group(2));
                }
            }
        } catch (IOException e) {
            // not known
        }
        return fields;
    }

    /** The names of the cluster's nodes ({@code sinfo -N}); empty when sinfo is missing or fails. */
    List<String> nodes() {
        try {
            Result r = run(List.of("sinfo", "--noheader", "--Node", "--format", "%N"));
            if (r.code == 0) {
                return r.out.lines().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
            }
        } catch (IOException e) {
            // no sinfo
        }
        return List.of();
    }

    private record Result(int code, String out, String err) {
        /** Slurm's own words: the first line of stderr (else of stdout) that says something. */
        String message() {
            for (String text : List.of(err, out)) {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        return line.strip();
                    }
                }
            }
            return "exit code " + code;
        }
    }

    private Result run(List<String> command) throws IOException {
        Path executable = find(command.get(0)).orElseThrow(() -> new IOException("Slurm's " + command.get(0)
                + " is not on the PATH"));
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, executable.toString());
        Path out = Files.createTempFile("optlab-slurm", ".out");
        Path err = Files.createTempFile("optlab-slurm", ".err");
        try {
            Process p = new ProcessBuilder(resolved).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not answer within " + LIMIT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err,
                    StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
