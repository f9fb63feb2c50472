package org.optlab.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.optlab.plot.FrameRenderer;
import org.optlab.plot.GifAnimation;
import org.optlab.plot.View;
import org.eclipse.core.runtime.OperationCanceledException;
import org.optlab.runner.RunFolder;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.SurfaceExperiment;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.process.RunEvents;
import org.optlab.runner.experiment.TrajectoryResults;
import org.optlab.runner.training.TrainingRun;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;
import org.optlab.runner.trajectory.TrajectoryScenes;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code optlab run FILE --out DIR [--force] [--gif FILE [--view 2d|3d|1d] [--frames N] [--size WxH]]}: runs an
 * experiment file headless and writes its results into DIR, and optionally the race as an animated GIF. DIR is held
 * by this run alone ({@link RunFolder}); SIGINT and SIGTERM stop the run with its summary written.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run an experiment file: a surface experiment (trajectories.csv and summary.json in DIR) or a "
                + "training experiment (metrics.csv and summary.json in DIR; progress on stderr).")
final class RunCommand implements Runnable {

    @ParentCommand
    OptlabCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "the experiment (.json)")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the results go")
    String outText;

    @Option(names = "--force", description = "replace the results of an earlier run in DIR (refused without it)")
    boolean force;

    /** The folder of the results, from {@link #outText}. */
    private Path out;

    @Option(names = "--gif", paramLabel = "FILE", description = "also write the race as an animated GIF")
    Path gif;

    @Option(names = "--view", paramLabel = "VIEW",
            description = "the GIF's view: 2d (map with contours), 3d (shaded surface) or 1d (curve); default: 2d, "
                    + "or 1d for a curve")
    String view;

    @Option(names = "--frames", paramLabel = "N", description = "frames in the GIF (default: ${DEFAULT-VALUE})")
    int frames = 60;

    @Option(names = "--size", paramLabel = "WxH", description = "the GIF's size in pixels (default: ${DEFAULT-VALUE})")
    String size = "800x600";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "training: where full datasets live, one folder per dataset id (e.g. DIR/mnist)")
    Path dataDirectory;

    @Option(names = "--backend", paramLabel = "cpu|gpu",
            description = "training: run on this backend, whatever the experiment says")
    String backend;

    @Option(names = "--events", hidden = true,
            description = "training: report progress as JSON lines on stdout (the protocol of runs started by the lab)")
    boolean events;

    /** Time per GIF frame. */
    private static final int FRAME_MS = 50;

    @Override
    public void run() {
        if (gif == null && (view != null || frames != 60 || !size.equals("800x600"))) {
            throw new IllegalStateException("--view, --frames and --size describe the GIF; add --gif FILE");
        }
        if (frames < 1 || frames > 2000) {
            throw new IllegalStateException("--frames must be between 1 and 2000, got " + frames);
        }
        int[] pixels = parseSize(size);
        out = OptlabCommand.folder(outText);
        JsonNode json;
        try {
            json = ExperimentFiles.read(file);
        } catch (ExperimentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        if (backend != null && !backend.equals("cpu") && !backend.equals("gpu")) {
            throw new IllegalStateException("--backend must be cpu or gpu, got '" + backend + "'");
        }
        if (TrainingExperiment.isTrainingExperiment(json)) {
            if (gif != null) {
                throw new IllegalStateException("--gif draws surface experiments; " + file + " is a training experiment");
            }
            runTraining(json);
            return;
        }
        if (backend != null) {
            throw new IllegalStateException("--backend chooses where training runs; " + file
                    + " is a surface experiment, which always runs on the CPU");
        }
        if (!SurfaceExperiment.isSurfaceExperiment(json)) {
            throw new IllegalStateException(file + ": expected a surface experiment (with \"surface\") or a training"
                    + " experiment (with \"dataset\")");
        }
        SurfaceExperiment experiment;
        try {
            experiment = SurfaceExperiment.parse(json, root.registry());
        } catch (ExperimentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        View chosen = view == null ? View.defaultFor(experiment.surface().dimension()) : parseView(view);
        if (gif != null && !chosen.shows(experiment.surface().dimension())) {
            throw new IllegalStateException("--view " + chosen.key() + " cannot show " + experiment.surface().id()
                    + ", a " + experiment.surface().dimension() + "-D "
                    + (experiment.surface().dimension() == 1 ? "curve; use --view 1d" : "surface; use --view 2d or 3d"));
        }
        List<Trajectory> trajectories;
        try (RunFolder folder = openFolder(); StopSignals stop = new StopSignals()) {
            try {
                trajectories = TrajectoryEngine.run(experiment.surface(), experiment.starts(), experiment.steps(),
                        experiment.noise(), experiment.optimizers(), root.registry(), stop.monitor());
            } catch (OperationCanceledException e) {
                TrajectoryResults.writeStopped(experiment, out);
                throw new IllegalStateException("stopped by " + stop.signal() + " before the race was complete; "
                        + out.resolve("summary.json") + " says so", e);
            }
            TrajectoryResults.write(experiment, trajectories, out, gif != null && insideOut(gif) ? out.toAbsolutePath()
                    .normalize().relativize(gif.toAbsolutePath().normalize()).toString() : null);
        } catch (IOException e) {
            throw new IllegalStateException(problem(e), e);
        }
        long diverged = trajectories.stream().filter(Trajectory::diverged).count();
        root.spec.commandLine().getOut().println(experiment.name() + ": " + trajectories.size() + " trajectories, "
                + experiment.steps() + " steps" + (diverged > 0 ? ", " + diverged + " diverged" : "") + " -> "
                + out.resolve("trajectories.csv") + ", " + out.resolve("summary.json"));
        if (gif != null) {
            writeGif(experiment, trajectories, chosen, pixels);
        }
    }

    private void runTraining(JsonNode json) {
        TrainingExperiment experiment;
        try {
            if (backend != null) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("backend", backend);
            }
            experiment = TrainingExperiment.parse(json, root.registry(), root.datasets().ids());
        } catch (ExperimentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        BackendRelaunch.ifNeeded(experiment.backend(), file, root.spec);
        TrainingProgress progress = new TrainingProgress(root.spec.commandLine().getErr(),
                !events && System.console() != null, experiment.epochs());
        RunEvents protocol = events ? new RunEvents(root.spec.commandLine().getOut()) : null;
        TrainingRun.Listener shown = protocol != null ? protocol : progress;
        var err = root.spec.commandLine().getErr();
        // The same listener, plus one line on stderr (the run's log.txt in the lab) saying what actually computes.
        TrainingRun.Listener listener = new TrainingRun.Listener() {
            @Override
            public void started(String optimizer, long totalSteps) {
                shown.started(optimizer, totalSteps);
            }

            @Override
            public void stepped(String optimizer, org.optlab.runner.training.Trainer.StepMetrics metrics) {
                shown.stepped(optimizer, metrics);
            }

            @Override
            public void evaluated(String optimizer, org.optlab.runner.training.Trainer.Evaluation evaluation) {
                shown.evaluated(optimizer, evaluation);
            }

            @Override
            public void backend(String name, String device) {
                err.println("optlab: backend " + name + ", device " + device);
                err.flush();
            }
        };
        List<TrainingRun.Outcome> outcomes;
        try (RunFolder folder = openFolder(); StopSignals stop = new StopSignals()) {
            // the experiment beside its results, as in the lab's runs and a sweep's trials (optlab landscape reads it)
            Path copy = out.resolve("experiment.json");
            if (!copy.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                org.optlab.runner.experiment.ResultFiles.writeJson(copy, json);
            }
            try {
                outcomes = TrainingRun.run(experiment, root.registry(), root.datasets(), dataDirectory, out, listener,
                        stop.monitor());
            } catch (OperationCanceledException e) {
                throw new IllegalStateException("stopped by " + stop.signal() + "; what ran is in " + out
                        + " (summary.json says where each optimizer stopped)", e);
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            String message = e instanceof ExperimentException ? file + ": " + e.getMessage()
                    : e instanceof IOException io ? problem(io)
                            : e instanceof OutOfMemoryError ? "out of memory while training (" + e.getMessage()
                                    + "); expected a smaller model, batch or dataset, or more memory for the JVM"
                                    : e.getMessage() != null ? e.getMessage() : e.toString();
            if (protocol != null) {
                protocol.failed(message);
            }
            throw new IllegalStateException(message, e);
        }
        if (protocol != null) {
            protocol.finished(outcomes);
            return;
        }
        var stdout = root.spec.commandLine().getOut();
        for (TrainingRun.Outcome o : outcomes) {
            if (o.diverged()) {
                stdout.printf(java.util.Locale.ROOT, "%s: diverged at step %d (the loss was not finite), %.1f s (%s)%n",
                        o.optimizer(), o.steps(), o.seconds(), o.backend());
            } else {
                stdout.printf(java.util.Locale.ROOT, "%s: test accuracy %.4f, test loss %.4f, %.1f s (%s)%n",
                        o.optimizer(), o.finalTestAccuracy(), o.finalTestLoss(), o.seconds(), o.backend());
            }
        }
        stdout.println(experiment.name() + " -> " + out.resolve("metrics.csv") + ", " + out.resolve("summary.json"));
    }

    private void writeGif(SurfaceExperiment experiment, List<Trajectory> trajectories, View chosen, int[] pixels) {
        FrameRenderer renderer = chosen.renderer(TrajectoryScenes.of(experiment.name(), experiment.surface(),
                experiment.optimizers(), trajectories));
        var err = root.spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        try {
            Path parent = gif.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            GifAnimation.write(renderer, pixels[0], pixels[1], frames, FRAME_MS, gif, k -> {
                if (terminal) {
                    err.print("\rgif: frame " + (k + 1) + " / " + frames);
                    err.flush();
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + gif + ": " + e.getMessage(), e);
        }
        if (terminal) {
            err.println();
        }
        root.spec.commandLine().getOut().println(experiment.name() + ": " + frames + " frames, " + chosen.key()
                + " view, " + pixels[0] + "x" + pixels[1] + " -> " + gif);
    }

    private static View parseView(String key) {
        try {
            return View.of(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("--view: " + e.getMessage());
        }
    }

    /** "800x600" as {800, 600}; each side 16 to 4000 pixels. */
    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].trim());
                int h = Integer.parseInt(parts[1].trim());
                if (w >= 16 && h >= 16 && w <= 4000 && h <= 4000) {
                    return new int[] { w, h };
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("--size must be WIDTHxHEIGHT with each side 16 to 4000 pixels, e.g. 800x600;"
                + " got '" + text + "'");
    }

    /** Takes the output folder for this run: refused when another run holds it, or when it holds results. */
    private RunFolder openFolder() throws IOException {
        return RunFolder.open(out, force, "optlab run " + file);
    }

    /** True when {@code path} lies inside the output folder. */
    private boolean insideOut(Path path) {
        return path.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize());
    }

    /** One line for a failure to write the results. */
    private String problem(IOException e) {
        if (e instanceof RunFolder.UnavailableException) {
            return e.getMessage();
        }
        String reason = e.getMessage() != null ? e.getMessage() : e.toString();
        if (e instanceof java.nio.file.AccessDeniedException) {
            reason = "permission denied (" + reason + ")";
        } else if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason() + " (" + fs.getFile() + ")";
        }
        return "cannot write the results into " + out + ": " + reason;
    }
}
