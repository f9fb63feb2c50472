package org.optlab.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code optlab [--help] [--version] COMMAND}. Without a command it prints usage (exit 2). */
@Command(name = "optlab", mixinStandardHelpOptions = true, versionProvider = OptlabCommand.Version.class,
        description = "OptLab: a lab for deep-learning optimizers. Without arguments, ./optlab opens the lab window.",
        subcommands = { ListCommand.class, RunCommand.class, SweepCommand.class, LandscapeCommand.class,
                GuideCommand.class, BenchCommand.class,
                PluginCommands.Install.class, PluginCommands.Uninstall.class, PluginCommands.Plugins.class,
                CommandLine.HelpCommand.class })
public final class OptlabCommand implements Runnable {

    /** Exit code for bad usage (picocli's convention, also for unknown commands). */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    private final Supplier<OptimizerRegistry> registry;

    OptlabCommand(Supplier<OptimizerRegistry> registry) {
        this.registry = registry;
    }

    OptimizerRegistry registry() {
        return registry.get();
    }

    private DatasetRegistry datasets;

    /** The datasets contributed to the platform (read on first use). */
    DatasetRegistry datasets() {
        if (datasets == null) {
            datasets = DatasetRegistry.fromExtensions();
        }
        return datasets;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /**
     * Runs one command line and returns its exit code; output goes to {@code out}, errors and usage to {@code err}.
     * An exception inside a command becomes one line on {@code err} and exit code 1, never a stack trace.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Supplier<OptimizerRegistry> registry) {
        CommandLine commandLine = new CommandLine(new OptlabCommand(registry));
        commandLine.setOut(out).setErr(err);
        // Bad usage: the message, picocli's "Did you mean" when it has one, and the usage, always.
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
            cmd.usage(cmd.getErr());
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof CommandLine.IExitCodeGenerator exit) {
                return exit.getExitCode(); // a relaunched run's own exit code; it has said everything itself
            }
            cmd.getErr().println(line(e));
            return CommandLine.ExitCode.SOFTWARE;
        });
        int code;
        try {
            code = commandLine.execute(args);
        } catch (Throwable e) { // an Error (stack overflow, out of memory) passes picocli's handler: still one line
            err.println(line(e));
            code = CommandLine.ExitCode.SOFTWARE;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The folder an {@code --out} option names; an empty one is refused rather than taken as the current folder. */
    static Path folder(String text) {
        if (text.isBlank()) {
            throw new IllegalStateException("--out is empty; expected the folder for the results");
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalStateException("--out '" + text + "' is not a path: " + e.getReason());
        }
    }

    /** The one line that reports a failure: the message of an expected one, the kind of an unexpected one. */
    static String line(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : "";
        if (e instanceof StackOverflowError) {
            return "optlab: internal error: the input is nested too deeply to process (stack overflow)";
        }
        if (e instanceof OutOfMemoryError) {
            return "optlab: out of memory (" + message + "); expected smaller inputs, or more memory for the JVM (-Xmx)";
        }
        if (e instanceof Error || message.isEmpty() || e instanceof NullPointerException
                || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException) {
            return "optlab: internal error: " + e + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : "");
        }
        return "optlab: " + message;
    }

    /** {@code optlab --version}: the product version from this bundle's manifest, and the Java runtime. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            var bundle = FrameworkUtil.getBundle(OptlabCommand.class);
            String version = bundle != null ? bundle.getVersion().toString() : "development";
            return new String[] { "OptLab " + version,
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")" };
        }
    }
}
