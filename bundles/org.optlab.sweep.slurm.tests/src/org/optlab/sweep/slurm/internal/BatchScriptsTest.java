package org.optlab.sweep.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScriptsTest {

    @TempDir
    Path root;

    private record Ran(int code, List<String> out, String err) {
    }

    /** Runs {@code script} with bash as Slurm would run array task {@code task}. */
    private Ran run(Path script, int task) throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", script.toString());
        b.environment().put("SLURM_ARRAY_TASK_ID", Integer.toString(task));
        Path out = root.resolve("out.txt"), err = root.resolve("err.txt");
        Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Ran(p.exitValue(), Files.readAllLines(out), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theArrayScriptRunsTheTrialsOfItsTasksLine() throws Exception {
        SlurmOptions options = SlurmOptions.parse(SlurmOptionsTest.object("""
                {"partition": "gpu", "time": "00:20:00", "cpus_per_task": 3, "mem": "4G", "max_parallel": 5,
                 "sbatch_args": ["--account=ml", "--qos=low"]}"""), 2);
        Path directory = Files.createDirectories(root.resolve("it's a \"sweep\" $HOME"));
        Files.writeString(directory.resolve("sweep.json"), "{}");
        Path tasksFile = Files.createDirectories(directory.resolve("slurm")).resolve("tasks-1.txt");
        BatchScripts.writeTasks(tasksFile, List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6)));
        assertEquals(List.of("0 1 2", "3 4 5", "6"), Files.readAllLines(tasksFile));

        // OptLab's command on the nodes: a fake, in a folder with a space, that prints its arguments one a line
        Path optlab = Files.createDirectories(root.resolve("opt lab")).resolve("optlab");
        Files.writeString(optlab, "#!/bin/bash\nprintf '%s\\n' \"$@\"\n");
        optlab.toFile().setExecutable(true);

        String text = BatchScripts.sweep("my sweep", directory, tasksFile, 3, 7, "tune", options, BatchScripts.quote(
                optlab.toString()));
        List<String> sbatch = sbatchOptions(text);
        assertEquals(List.of("--job-name=optlab-my_sweep", "--array=0-2%5", "--output=" + directory.resolve("slurm")
                .resolve("logs") + "/%A_%a.out", "--cpus-per-task=3", "--partition=gpu", "--time=00:20:00",
                "--mem=4G", "--account=ml", "--qos=low"), sbatch);
        assertTrue(text.contains("7 trials in 3 array tasks"), text);

        Path script = directory.resolve("slurm").resolve(BatchScripts.SWEEP);
        Files.writeString(script, text);
        String dir = directory.toString();
        for (int task = 0; task < 3; task++) {
            Ran ran = run(script, task);
            assertEquals(0, ran.code(), ran.err());
            List<String> trials = switch (task) {
                case 0 -> List.of("0", "1", "2");
                case 1 -> List.of("3", "4", "5");
                default -> List.of("6");
            };
            List<String> expected = new java.util.ArrayList<>(List.of("sweep", "trials", dir));
            expected.addAll(trials);
            expected.addAll(List.of("--threads", "2"));
            assertEquals(expected, ran.out(), "task " + task);
        }

        // a node without the folder says so in one line and exits 2
        Files.delete(directory.resolve("sweep.json"));
        Ran unseen = run(script, 1);
        assertEquals(2, unseen.code());
        assertEquals(List.of(), unseen.out());
        assertTrue(unseen.err().strip().endsWith(BatchScripts.UNSEEN + " " + dir
                + ": it must be on a file system the nodes share"), unseen.err());
    }

    @Test
    void noLimitNoSideBySideLimitAndTheDefaultCpus() throws IOException {
        SlurmOptions options = SlurmOptions.parse(SlurmOptionsTest.object("{}"), 4);
        Path dir = root.resolve("plain");
        String text = BatchScripts.sweep("a/b c", dir, dir.resolve("slurm").resolve("tasks-2.txt"), 1, 1, "seeds",
                options, "optlab");
        List<String> sbatch = sbatchOptions(text);
        assertEquals(List.of("--job-name=optlab-a_b_c", "--array=0-0", "--output=" + dir + "/slurm/logs/%A_%a.out",
                "--cpus-per-task=4"), sbatch);
        assertTrue(text.contains("1 trial in 1 array task"), text);
        assertTrue(text.contains("\"$sweep/slurm/tasks-2.txt\""), text);
    }

    /**
     * The options of a script's {@code #SBATCH} lines as sbatch reads them: words split at blanks outside quotes,
     * ' and " quote, a backslash takes the next character as it is, an unquoted '#' ends the line.
     */
    static List<String> sbatchOptions(String script) {
        List<String> words = new java.util.ArrayList<>();
        for (String line : script.lines().filter(l -> l.startsWith("#SBATCH ")).toList()) {
            StringBuilder word = null;
            char quote = 0;
            for (int i = "#SBATCH ".length(); i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote == 0 && Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                    continue;
                }
                if (quote == 0 && c == '#') {
                    break;
                }
                word = word == null ? new StringBuilder() : word;
                if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else {
                    word.append(c);
                }
            }
            assertEquals(0, quote, "an unmatched quote in " + line);
            if (word != null) {
                words.add(word.toString());
            }
        }
        return words;
    }

    @Test
    void sbatchReadsEachOptionAsOneWord() throws IOException {
        SlurmOptions options = SlurmOptions.parse(SlurmOptionsTest.object("""
                {"sbatch_args": ["--comment=a b #1", "--mail-user=x@y"]}"""), 1);
        for (String name : List.of("plain", "a b", "it's", "say \"hi\"", "back\\slash", "#hash", "tab\there")) {
            Path dir = root.resolve(name);
            String sweep = BatchScripts.sweep("s", dir, dir.resolve("slurm").resolve("tasks-1.txt"), 2, 2, "tune",
                    options, "optlab");
            assertEquals(List.of("--job-name=optlab-s", "--array=0-1", "--output=" + dir + "/slurm/logs/%A_%a.out",
                    "--cpus-per-task=1", "--comment=a b #1", "--mail-user=x@y"), sbatchOptions(sweep), name);
            String cont = BatchScripts.continuation("s", dir, options, "optlab");
            assertEquals(List.of("--job-name=optlab-s-continue", "--output=" + dir + "/slurm/logs/continue-%j.out",
                    "--cpus-per-task=1", "--comment=a b #1", "--mail-user=x@y"), sbatchOptions(cont), name);
        }
        assertTrue(BatchScripts.sweep("s", root.resolve("plain"), root.resolve("plain/slurm/t"), 1, 1, "tune",
                options, "optlab").contains("\n#SBATCH --output=" + root.resolve("plain") + "/slurm/logs/%A_%a.out\n"),
                "a plain path stays as it is");
    }

    @Test
    void quoting() {
        assertEquals("/shared/optlab/optlab", BatchScripts.quote("/shared/optlab/optlab"));
        assertEquals("'/a b/it'\\''s'", BatchScripts.quote("/a b/it's"));
        assertEquals("'$HOME'", BatchScripts.quote("$HOME"));
        assertEquals("''", BatchScripts.quote(""));
    }

    @Test
    void theContinueScriptResumesDetachedWithTheSameOptions() throws IOException {
        SlurmOptions options = SlurmOptions.parse(SlurmOptionsTest.object("""
                {"partition": "gpu", "retries": 1, "sbatch_args": ["--account=ml"]}"""), 3);
        Path dir = root.resolve("a sweep");
        String text = BatchScripts.continuation("s", dir, options, "'/opt/optlab'");
        List<String> sbatch = sbatchOptions(text);
        assertEquals(List.of("--job-name=optlab-s-continue", "--output=" + dir + "/slurm/logs/continue-%j.out",
                "--cpus-per-task=1", "--partition=gpu", "--account=ml"), sbatch);
        assertTrue(text.contains("\n'/opt/optlab' sweep --out \"$sweep\" --resume --engine slurm --detach --threads 3"
                + " --partition gpu --cpus-per-task 3 --retries 1 --sbatch-arg=--account=ml\n"), text);
        assertTrue(text.contains("sweep='" + dir + "'\n"), text);
    }
}
