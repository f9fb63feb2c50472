package org.optlab.sweep.slurm.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.optlab.runner.experiment.ResultFiles;

/**
 * The files the slurm engine hands to Slurm, readable and submittable by hand: {@code sweep.sbatch} (an array whose
 * task {@code k} runs the trials on line {@code k + 1} of its tasks file with {@code optlab sweep trials}) and
 * {@code continue.sbatch} (takes a detached sweep on once its arrays have ended).
 */
final class BatchScripts {

    static final String SWEEP = "sweep.sbatch", CONTINUE = "continue.sbatch", LOGS = "logs";

    /** The line a task prints when the node does not see the sweep's folder. */
    static final String UNSEEN = "cannot see the sweep folder";

    private BatchScripts() {
    }

    /** Writes {@code tasks} (one line of trial indices per array task) to {@code tasksFile}. */
    static void writeTasks(Path tasksFile, List<List<Integer>> tasks) throws IOException {
        ResultFiles.writeAtomically(tasksFile, out -> {
            for (List<Integer> task : tasks) {
                out.write(task.stream().map(String::valueOf).collect(Collectors.joining(" ")));
                out.write('\n');
            }
        });
    }

    /**
     * The array script.
     *
     * @param optlab OptLab's command on the nodes, quoted for the shell
     */
    static String sweep(String name, Path directory, Path tasksFile, int tasks, int trials, String phase,
            SlurmOptions options, String optlab) {
        Path slurm = tasksFile.getParent();
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# OptLab sweep '").append(name).append("', phase ").append(phase).append(": ").append(trials)
                .append(trials == 1 ? " trial" : " trials").append(" in ").append(tasks).append(tasks == 1
                        ? " array task" : " array tasks").append(".\n");
        s.append("# Array task k runs the trials on line k + 1 of ").append(tasksFile.getFileName())
                .append(" with OptLab's own command; a trial is done\n");
        s.append("# when its trials/NNNN/trial.json exists, and one that is done is not run again, so this script\n");
        s.append("# can be submitted again by hand (sbatch ").append(SWEEP).append(") to run what is missing.\n");
        s.append("#SBATCH --job-name=").append(jobName(name)).append('\n');
        s.append("#SBATCH --array=0-").append(tasks - 1).append(options.maxParallel() > 0 ? "%" + options
                .maxParallel() : "").append('\n');
        s.append("#SBATCH ").append(sbatchWord("--output=" + slurm.resolve(LOGS) + "/%A_%a.out")).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(options.cpusPerTask()).append('\n');
        options.sbatchLines().forEach(l -> s.append("#SBATCH ").append(l).append('\n'));
        s.append("sweep=").append(quote(directory.toString())).append('\n');
        appendVisibilityCheck(s);
        s.append("trials=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \"$sweep/").append(directory.relativize(
                tasksFile)).append("\")\n");
        s.append("# shellcheck disable=SC2086\n");
        s.append(optlab).append(" sweep trials \"$sweep\" $trials --threads ").append(options
                .threads()).append('\n');
        return s.toString();
    }

    /** The script of the job that continues a detached sweep. */
    static String continuation(String name, Path directory, SlurmOptions options, String optlab) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# OptLab sweep '").append(name).append("', detached: once the arrays before this job have ended,"
                + " it resubmits\n# their missing trials, plans the next phase, or writes the report (optlab sweep"
                + " --resume).\n");
        s.append("#SBATCH --job-name=").append(jobName(name)).append("-continue\n");
        s.append("#SBATCH ").append(sbatchWord("--output=" + directory.resolve("slurm").resolve(LOGS)
                + "/continue-%j.out")).append('\n');
        s.append("#SBATCH --cpus-per-task=1\n");
        options.sbatchLines().forEach(l -> s.append("#SBATCH ").append(l).append('\n'));
        s.append("sweep=").append(quote(directory.toString())).append('\n');
        appendVisibilityCheck(s);
        s.append(optlab).append(" sweep --out \"$sweep\" --resume --engine slurm --detach");
        for (String a : options.commandLine()) {
            s.append(' ').append(quote(a));
        }
        s.append('\n');
        return s.toString();
    }

    private static void appendVisibilityCheck(StringBuilder s) {
        s.append("if [ ! -f \"$sweep/sweep.json\" ]; then\n");
        s.append("    echo \"optlab: $(hostname), which ").append(UNSEEN).append(" $sweep: it must be on a file "
                + "system the nodes share\" >&2\n");
        s.append("    exit 2\n");
        s.append("fi\n");
        // Equinox's storage manager is not safe for processes that start at the same moment in one configuration
        // area: each task takes a slot of its own on the node (flock), kept there for the next task (warm), the
        // installation's area staying its read-only parent
        s.append("# a configuration area of this task's own on the node (tasks that start together must not share\n");
        s.append("# one), kept warm for the next task: the first free slot, held with flock while the task runs\n");
        s.append("areas=\"${TMPDIR:-/tmp}/optlab-configuration-$(id -u)\"\n");
        s.append("mkdir -p \"$areas\"\n");
        s.append("if command -v flock >/dev/null; then\n");
        s.append("    for slot in $(seq 0 255); do\n");
        s.append("        exec 9>\"$areas/$slot.lock\"\n");
        s.append("        flock -n 9 && break\n");
        s.append("    done\n");
        s.append("    area=\"$areas/$slot\"\n");
        s.append("else\n");
        s.append("    area=$(mktemp -d \"$areas/once-XXXXXX\")\n");
        s.append("    trap 'rm -rf \"$area\"' EXIT\n");
        s.append("fi\n");
        s.append("export OPTLAB_VMARGS=\"${OPTLAB_VMARGS:-} -Dosgi.configuration.area=$area\"\n");
    }

    /** A job name Slurm shows in squeue: optlab- and the sweep's name, letters, digits, '-', '_' and '.'. */
    static String jobName(String name) {
        return "optlab-" + name.replaceAll("[^\\w.-]", "_");
    }

    /**
     * {@code text} as one word of an {@code #SBATCH} line: sbatch splits those at blanks, ends them at a '#' and
     * reads quotes and backslashes, so a folder with a blank or a quote in its name is put in double quotes.
     */
    static String sbatchWord(String text) {
        return text.matches("[\\w./=:,+%-]+") ? text : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"";
    }

    /** {@code text} in single quotes for the shell. */
    static String quote(String text) {
        return text.matches("[\\w./=:,+-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
