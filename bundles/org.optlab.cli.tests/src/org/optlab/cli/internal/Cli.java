package org.optlab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.optlab.optimizers.OptimizerRegistry;

/** Runs a command line in this JVM, as {@code optlab ARGS} would, and keeps what it printed. */
final class Cli {

    /** The exit code, stdout and stderr of one command. */
    record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OptlabCommand.execute(args, new PrintWriter(out), new PrintWriter(err),
                OptimizerRegistry::fromExtensions);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code optlab sweep FILE --out OUT --workers N}, after writing {@code json} to FILE. */
    static Result sweep(Path file, String json, Path out, int workers) throws IOException {
        Files.writeString(file, json);
        return run("sweep", file.toString(), "--out", out.toString(), "--workers", Integer.toString(workers));
    }

    /** A sweep's results.csv without its seconds column, the one value that may differ between runs. */
    static List<String> withoutSeconds(Path results) throws IOException {
        return Files.readAllLines(results).stream().map(line -> {
            List<String> f = org.optlab.runner.experiment.Csv.fields(line);
            return String.join(",", f.subList(0, 6)) + "," + String.join(",", f.subList(7, f.size()));
        }).toList();
    }

    /** The pid in a trial's lock file: the process that ran it. */
    static long holder(Path trial) throws IOException {
        return Long.parseLong(Files.readString(trial.resolve(".optlab.lock")).replaceAll(".*pid (\\d+).*", "$1")
                .strip());
    }
}
