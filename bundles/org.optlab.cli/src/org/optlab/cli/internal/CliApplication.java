package org.optlab.cli.internal;

import java.io.PrintWriter;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.optlab.optimizers.OptimizerRegistry;

/** The Equinox application behind {@code optlab COMMAND ...}: hands the arguments to picocli, returns its exit code. */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        context.applicationRunning();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            return OptlabCommand.execute(args, out, err, OptimizerRegistry::fromExtensions);
        } catch (Throwable e) { // even printing failed: say the least, and never exit 0
            System.err.println(OptlabCommand.line(e));
            return 1;
        }
    }

    @Override
    public void stop() {
        // commands are short-lived; nothing to interrupt
    }
}
