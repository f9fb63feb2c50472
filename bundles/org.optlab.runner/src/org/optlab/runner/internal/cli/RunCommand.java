package org.optlab.runner.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.SurfaceExperiment;
import org.optlab.runner.experiment.TrajectoryResults;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code optlab run FILE --out DIR}: runs an experiment file headless and writes its results into DIR. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment file (a surface experiment: trajectories.csv and summary.json in DIR).")
final class RunCommand implements Runnable {

    @ParentCommand
    OptlabCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "the experiment (.json)")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the results go")
    Path out;

    @Override
    public void run() {
        JsonNode json = read(file);
        if (json == null || json.isMissingNode()) {
            throw new IllegalStateException(file + ": the file is empty; expected one JSON object");
        }
        if (!SurfaceExperiment.isSurfaceExperiment(json)) {
            throw new IllegalStateException(file + ": only surface experiments (with \"surface\") run in this version;"
                    + " training experiments (with \"dataset\") come with the training lab");
        }
        SurfaceExperiment experiment;
        try {
            experiment = SurfaceExperiment.parse(json, root.registry());
        } catch (ExperimentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        List<Trajectory> trajectories = TrajectoryEngine.run(experiment.surface(), experiment.starts(),
                experiment.steps(), experiment.noise(), experiment.optimizers(), root.registry(), null);
        try {
            TrajectoryResults.write(experiment, trajectories, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write results into " + out + ": " + e.getMessage(), e);
        }
        long diverged = trajectories.stream().filter(Trajectory::diverged).count();
        root.spec.commandLine().getOut().println(experiment.name() + ": " + trajectories.size() + " trajectories, "
                + experiment.steps() + " steps" + (diverged > 0 ? ", " + diverged + " diverged" : "") + " -> "
                + out.resolve("trajectories.csv") + ", " + out.resolve("summary.json"));
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + ": no such file");
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new IllegalStateException(file + ": invalid JSON" + (where != null ? " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr() : "") + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read: " + e.getMessage());
        }
    }
}
