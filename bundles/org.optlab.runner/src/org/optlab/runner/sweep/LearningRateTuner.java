package org.optlab.runner.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.SurfaceExperiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Trajectories view's Tune lr, as two one-optimizer surface sweeps: the learning rate that brings the race's runs
 * closest to a minimum after its steps (the sweep objective {@code distance_to_minimum}, mean over the starts;
 * {@code final_loss} on surfaces without a known minimum; a diverged race scores worst). The first sweep tries a log
 * grid over [1e-5, 10] at half-decade steps, the second a grid of 21 points within half a decade on either side of
 * the first's best. Without noise, so that the choice does not depend on the noise's seed.
 */
public final class LearningRateTuner {

    /** The chosen lr and the objective it reached (lower is better). */
    public record Choice(double lr, double score) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LearningRateTuner() {
    }

    /**
     * Tunes optimizer {@code index} of a surface experiment.
     *
     * @return the choice, or empty for an optimizer without an {@code lr} hyper-parameter
     * @throws org.optlab.runner.experiment.ExperimentException when the experiment is not valid
     * @throws IOException when the sweeps' temporary folder cannot be written
     */
    public static Optional<Choice> tune(JsonNode experiment, int index, OptimizerRegistry registry,
            IProgressMonitor monitor) throws IOException {
        SurfaceExperiment parsed = SurfaceExperiment.parse(experiment, registry);
        OptimizerEntry entry = parsed.optimizers().get(index);
        if (registry.descriptor(entry.id()).flatMap(d -> d.hyperParameter("lr")).isEmpty()) {
            return Optional.empty();
        }
        String objective = parsed.surface().minima().isEmpty() ? "final_loss" : "distance_to_minimum";
        Path work = Files.createTempDirectory("optlab-tune-lr");
        try {
            Choice coarse = round(experiment, entry, objective, 1e-5, 10, 13, work.resolve("1"), registry, monitor);
            if (coarse == null) {
                return Optional.of(new Choice(1e-5, Double.POSITIVE_INFINITY)); // every rate diverged
            }
            double half = Math.sqrt(10);
            Choice fine = round(experiment, entry, objective, coarse.lr() / half, coarse.lr() * half, 21,
                    work.resolve("2"), registry, monitor);
            return Optional.of(fine != null && fine.score() <= coarse.score() ? fine : coarse);
        } finally {
            org.optlab.runner.Trees.deleteQuietly(work);
        }
    }

    /** One sweep of the optimizer's lr over a log grid; null when every point diverged. */
    private static Choice round(JsonNode experiment, OptimizerEntry entry, String objective, double low, double high,
            int points, Path directory, OptimizerRegistry registry, IProgressMonitor monitor) throws IOException {
        ObjectNode race = ((ObjectNode) experiment).deepCopy();
        race.remove("optimizers");
        race.remove("noise");
        ObjectNode optimizer = JSON.createObjectNode().put("id", entry.id()).put("label", "tuned");
        entry.hyperParameters().forEach((k, v) -> {
            if (!k.equals("lr")) {
                optimizer.set(k, JSON.valueToTree(v));
            }
        });
        optimizer.putObject("search").putObject("lr").put("points", points).putArray("log").add(low).add(high);
        ObjectNode sweep = JSON.createObjectNode().put("name", "tune-lr");
        sweep.set("experiment", race);
        sweep.putArray("optimizers").add(optimizer);
        sweep.putObject("objective").put("metric", objective);
        Files.createDirectories(directory);
        Path file = directory.resolve("sweep-file.json");
        ResultFiles.writeJson(file, sweep);
        SweepFolder folder = SweepFolder.create(file, directory.resolve("sweep"), registry, List.of());
        LocalEngine.run(folder, folder.trials(), Runtime.getRuntime().availableProcessors(), 1, null, registry, null,
                null, monitor);
        return folder.best("tuned").map(t -> new Choice(((Number) t.settings().get("lr")).doubleValue(),
                folder.outcome(t).orElseThrow().objective())).orElse(null);
    }
}
