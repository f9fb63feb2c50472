package org.optlab.runner.guide;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.SurfaceExperiment;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.landscape.LandscapeRun;
import org.optlab.runner.experiment.TrajectoryResults;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;
import org.optlab.runner.sweep.LocalEngine;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.SweepReport;
import org.optlab.runner.sweep.Trial;
import org.optlab.runner.training.TrainingRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs a guide's experiments one after the other, each into its own folder ({@code DIR/1-...}), and tells what to
 * look at with the numbers the runs produced.
 */
public final class GuideRun {

    private static final Pattern QUOTE = Pattern.compile("\\{([^{}:]+):([a-z_][a-z0-9_]*)}");

    private GuideRun() {
    }

    /**
     * Runs a training step's experiment and says where its results went (a folder with its {@code summary.json}):
     * here in this process ({@link #inProcess}), or as a run of the lab's run store in a child process.
     */
    @FunctionalInterface
    public interface Training {
        Path run(JsonNode experiment, Path suggestedFolder) throws IOException;
    }

    /**
     * Computes a training step's loss landscape into {@code out} from the run in {@code run}, as {@code optlab
     * landscape} writes it: here in this process ({@link #inProcessLandscapes}), or as
     * the lab computes landscapes, in a child process.
     */
    @FunctionalInterface
    public interface Landscapes {
        void compute(Path run, Path out, LandscapeRun.Options options) throws IOException;
    }

    /** The results of each step by optimizer label, then metric name; training and landscapes run in this process. */
    public static List<Map<String, Map<String, Object>>> run(Guide guide, OptimizerRegistry optimizers,
            DatasetRegistry datasets, Path out, PrintWriter text) throws IOException {
        return run(guide, optimizers, out, text, inProcess(optimizers, datasets), inProcessLandscapes(optimizers,
                datasets, null), () -> false);
    }

    /**
     * The results of each step by optimizer label, then metric name; surface steps run here, training steps through
     * {@code training}, their landscapes through {@code landscapes}. Before each step {@code cancelled} is asked; when
     * it says so, the guide ends with a {@link CancellationException}.
     */
    public static List<Map<String, Map<String, Object>>> run(Guide guide, OptimizerRegistry optimizers, Path out,
            PrintWriter text, Training training, Landscapes landscapes, BooleanSupplier cancelled)
            throws IOException {
        text.println(guide.title());
        text.println(guide.summary());
        List<Map<String, Map<String, Object>>> all = new java.util.ArrayList<>();
        for (int i = 0; i < guide.steps().size(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("the guide was cancelled before step " + (i + 1));
            }
            Guide.Step step = guide.steps().get(i);
            Path dir = stepFolder(out, i, step);
            Map<String, Map<String, Object>> results;
            if (step.experiment().has("experiment")) { // a sweep: it nests the experiment it varies
                results = sweep(step, optimizers, dir, cancelled);
            } else if (TrainingExperiment.isTrainingExperiment(step.experiment())) {
                dir = training.run(step.experiment(), dir);
                results = trainingResults(dir);
                if (step.landscape() != null) {
                    landscape(step.landscape(), dir, landscapes, results);
                }
            } else {
                results = surface(step, optimizers, dir);
            }
            all.add(results);
            text.println();
            text.println((i + 1) + ". " + step.title());
            text.println(fill(step.look(), results));
            text.println("   results: " + dir);
            text.flush();
        }
        return all;
    }

    /** The folder of step {@code index} (from 0) of a guide run into {@code out}: "2-title-in-lower-case". */
    public static Path stepFolder(Path out, int index, Guide.Step step) {
        return out.resolve((index + 1) + "-" + step.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", ""));
    }

    /** Training in this process, into the suggested folder (with its experiment.json, as every run folder has). */
    public static Training inProcess(OptimizerRegistry optimizers, DatasetRegistry datasets) {
        return (experiment, dir) -> {
            TrainingExperiment e = TrainingExperiment.parse(experiment, optimizers, datasets.ids());
            TrainingRun.run(e, optimizers, datasets, null, dir, TrainingRun.Listener.QUIET, null);
            org.optlab.runner.experiment.ResultFiles.writeJson(dir.resolve("experiment.json"), experiment);
            return dir;
        };
    }

    /** The folder a step's loss landscape goes into, inside its run's folder. */
    public static Path landscapeFolder(Path run, JsonNode landscape) {
        return run.resolve("landscape").resolve(landscape.path("directions").asText(LandscapeRun.PCA));
    }

    /** Landscapes in this process, as {@code optlab landscape} computes them. */
    public static Landscapes inProcessLandscapes(OptimizerRegistry optimizers, DatasetRegistry datasets, Path dataDirectory) {
        return (run, out, options) -> LandscapeRun.run(run, out, options, optimizers, datasets, dataDirectory, null);
    }

    /** Draws the loss landscape of a training step's run and adds what it shows to the step's results. */
    private static void landscape(JsonNode spec, Path run, Landscapes landscapes,
            Map<String, Map<String, Object>> results) throws IOException {
        LandscapeRun.Options options = new LandscapeRun.Options(spec.path("directions").asText(LandscapeRun.PCA),
                spec.path("grid").asInt(41), spec.path("span").asDouble(1.0), spec.path("examples").asInt(2000), spec
                        .path("seed").asLong(1));
        Path out = landscapeFolder(run, spec);
        landscapes.compute(run, out, options);
        // what the slice wrote is all there is to go on (it may have been computed in another process)
        LandscapeRun.Loaded loaded = LandscapeRun.read(out);
        JsonNode explained = loaded.summary().path("explained_variance");
        Map<String, Object> plane = new LinkedHashMap<>();
        plane.put("pc1", 100 * explained.path(0).asDouble(Double.NaN));
        plane.put("pc2", 100 * explained.path(1).asDouble(Double.NaN));
        results.put("landscape", plane);
        loaded.paths().forEach((label, points) -> {
            LandscapeRun.PathPoint end = points.get(points.size() - 1);
            Map<String, Object> m = new LinkedHashMap<>(results.getOrDefault(label, Map.of()));
            results.put(label, m);
            m.put("a", end.a());
            m.put("b", end.b());
            m.put("residual", end.residual());
        });
    }

    private static Map<String, Map<String, Object>> surface(Guide.Step step, OptimizerRegistry optimizers, Path dir)
            throws IOException {
        SurfaceExperiment e = SurfaceExperiment.parse(step.experiment(), optimizers);
        List<Trajectory> runs = TrajectoryEngine.run(e.surface(), e.starts(), e.steps(), e.noise(), e.optimizers(),
                optimizers, null);
        TrajectoryResults.write(e, runs, dir, null);
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (Trajectory t : runs) {
            if (t.start() == 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("distance", TrajectoryResults.distanceToNearestMinimum(e, t.last()));
                m.put("loss", t.finalLoss());
                m.put("steps", t.length() - 1);
                m.put("diverged", t.diverged());
                results.put(t.optimizer().label(), m);
            }
        }
        return results;
    }

    /**
     * A sweep step, run into {@code dir} as {@code optlab sweep} would (worker processes for training trials), with
     * its report: per optimizer its best {@code lr} (or the first searched value), {@code n}, {@code mean}, {@code std}
     * and the 95 % confidence interval {@code ci_low}, {@code ci_high} of the objective over the seeds.
     */
    private static Map<String, Map<String, Object>> sweep(Guide.Step step, OptimizerRegistry optimizers, Path dir,
            BooleanSupplier cancelled) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Path file = dir.resolveSibling(dir.getFileName() + ".sweep.json");
        org.optlab.runner.experiment.ResultFiles.writeJson(file, step.experiment());
        DatasetRegistry datasets = DatasetRegistry.fromExtensions();
        SweepFolder folder = SweepFolder.create(file, dir, optimizers, datasets.ids());
        org.eclipse.core.runtime.NullProgressMonitor monitor = new org.eclipse.core.runtime.NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return cancelled.getAsBoolean();
            }
        };
        for (List<Trial> todo = folder.next(); !todo.isEmpty(); todo = folder.next()) {
            LocalEngine.run(folder, todo, LocalEngine.defaultWorkers(1), 1, null, optimizers, datasets, null, monitor);
        }
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (SweepReport.Entry e : SweepReport.write(folder)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", e.settings().getOrDefault("lr", e.settings().values().stream().findFirst().orElse(null)));
            m.put("n", e.seeds().n());
            m.put("mean", e.seeds().mean());
            m.put("std", e.seeds().std());
            m.put("ci_low", e.confidence()[0]);
            m.put("ci_high", e.confidence()[1]);
            results.put(e.optimizer(), m);
        }
        return results;
    }

    /** A training run's final test accuracy and loss per optimizer, from the {@code summary.json} in its folder. */
    static Map<String, Map<String, Object>> trainingResults(Path dir) throws IOException {
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (JsonNode run : summary.path("runs")) {
            results.put(run.path("optimizer").asText(), Map.of("accuracy", number(run.path("final_test_accuracy")),
                    "loss", number(run.path("final_test_loss"))));
        }
        return results;
    }

    private static double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : Double.NaN; // null: not finite
    }

    /** The text with every {@code {label:metric}} replaced by that run's number. */
    static String fill(String look, Map<String, Map<String, Object>> results) {
        Matcher m = QUOTE.matcher(look);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            Map<String, Object> run = results.get(m.group(1));
            Object value = run == null ? null : run.get(m.group(2));
            if (run == null || !run.containsKey(m.group(2))) {
                throw new IllegalStateException("the guide quotes " + m.group() + ", which its run does not report");
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(format(value)));
        }
        m.appendTail(filled);
        return "   " + filled.toString().replace("\n", "\n   ");
    }

    private static String format(Object value) {
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Number n) {
            double v = n.doubleValue();
            if (!Double.isFinite(v)) {
                return "not finite";
            }
            if (n instanceof Integer || n instanceof Long) {
                return Long.toString(n.longValue());
            }
            return v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? String.format(Locale.ROOT, "%.2e", v)
                    : String.format(Locale.ROOT, "%.4g", v);
        }
        return value == null ? "none" : value.toString();
    }
}
