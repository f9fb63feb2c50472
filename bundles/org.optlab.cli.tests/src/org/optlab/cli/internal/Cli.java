package org.optlab.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;

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
}
