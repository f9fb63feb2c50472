package org.optlab.cli.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.guide.Guide;
import org.optlab.runner.guide.GuideRun;
import org.optlab.runner.guide.Guides;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code optlab guide run ID --out DIR}: runs a guided experiment headless and tells what its results show. */
@Command(name = "guide", mixinStandardHelpOptions = true, description = "Run a guided experiment.",
        subcommands = { GuideCommand.Run.class })
final class GuideCommand implements Runnable {

    @ParentCommand
    OptlabCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing what to do: run ID --out DIR");
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run every experiment of a guide (DIR/1-..., DIR/2-...) and print what to look at, with the"
                    + " numbers the runs produced.")
    static final class Run implements Runnable {

        @ParentCommand
        GuideCommand guide;

        @Parameters(index = "0", paramLabel = "ID", description = "the guide (optlab list guides)")
        String id;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the results go")
        String outText;

        @Override
        public void run() {
            Guide chosen = Guides.byId(id).orElseThrow(() -> new IllegalStateException("unknown guide '" + id
                    + "'; known: " + Guides.all().stream().map(Guide::id).toList()));
            Path out = OptlabCommand.folder(outText);
            try {
                GuideRun.run(chosen, guide.root.registry(), guide.root.datasets(), out,
                        guide.spec.commandLine().getOut());
            } catch (ExperimentException e) {
                throw new IllegalStateException("guide " + id + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write results into " + out + ": " + e.getMessage(), e);
            }
        }
    }
}
