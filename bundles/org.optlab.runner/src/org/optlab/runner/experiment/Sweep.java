package org.optlab.runner.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.OptimizerRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sweep file: one experiment (training or surface, inline or {@code {"file": ...}} relative to the sweep file) whose
 * optimizers are replaced by the sweep's, each with fixed hyper-parameters and a {@link SearchSpace}; the objective
 * that ranks the points; the seeds of the tuning phase and of the seeds phase; and the engine that runs the trials
 * (its own fields are the engine's to read).
 *
 * <pre>
 * {"name": "study", "experiment": {"file": "softmax.json"},
 *  "optimizers": [{"id": "adam", "beta2": 0.99, "search": {"lr": {"log": [1e-5, 100], "points": 36}}}],
 *  "objective": {"metric": "final_test_accuracy", "goal": "max"},
 *  "tuning": {"seeds": [42]}, "seeds": [1, 2, 3], "engine": {"id": "local", "workers": 2}}
 * </pre>
 */
public record Sweep(String name, ObjectNode experiment, boolean training, List<SweepOptimizer> optimizers,
        Objective objective, List<Long> tuningSeeds, List<Long> seeds, ObjectNode engine) {

    /** One optimizer of the sweep: its fixed hyper-parameters and the space searched around them. */
    public record SweepOptimizer(String label, String id, Map<String, Object> fixed, SearchSpace space) {

        /** The experiment's optimizer entry at one point of the space. */
        public ObjectNode entry(Map<String, Object> point) {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("id", id);
            entry.put("label", label);
            fixed.forEach((k, v) -> entry.set(k, JSON.valueToTree(v)));
            point.forEach((k, v) -> entry.set(k, JSON.valueToTree(v)));
            return entry;
        }
    }

    /** What ranks the points: a metric of the trial's results, maximised or minimised. */
    public record Objective(String metric, boolean maximize, double tolerance) {

        /** The worst score, given to a trial that diverged or failed. */
        public double worst() {
            return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }

        /** True when {@code a} is strictly better than {@code b}. */
        public boolean better(double a, double b) {
            return maximize ? a > b : a < b;
        }
    }

    /** Training metrics, each with its goal (true: maximised). */
    public static final Map<String, Boolean> TRAINING_METRICS = Map.of("final_test_accuracy", true,
            "best_test_accuracy", true, "final_test_loss", false, "final_train_loss", false);
    /** Surface metrics; {@code steps_to} needs a tolerance. */
    public static final Map<String, Boolean> SURFACE_METRICS = Map.of("final_loss", false, "distance_to_minimum",
            false, "steps_to", false);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "experiment", "optimizers", "objective", "tuning", "seeds",
            "engine");
    private static final int MAX_SEEDS = 10_000;

    /**
     * Reads and checks a sweep file's object: every field, the experiment (with each optimizer at each point of its
     * space, as {@code optlab run} would check it), the objective against the kind of experiment.
     *
     * @param directory where {@code experiment.file} is resolved (the sweep file's folder)
     * @param datasetIds the datasets there are
     * @throws ExperimentException naming the field and the problem
     */
    public static Sweep parse(JsonNode root, Path directory, OptimizerRegistry registry, List<String> datasetIds) {
        Sweep sweep = readPlanned(root, directory, registry);
        sweep.check(registry, datasetIds);
        return sweep;
    }

    /**
     * Reads a sweep file's object checked when its folder was planned, field by field but without making each
     * optimizer at each point of its space: for a worker, which checks each trial's experiment as it runs it (and of a
     * 10,000-trial sweep would otherwise make 10,000 optimizers at its start).
     *
     * @throws ExperimentException naming the field and the problem
     */
    public static Sweep readPlanned(JsonNode root, Path directory, OptimizerRegistry registry) {
        if (!root.isObject()) {
            throw new ExperimentException("", "a sweep file holds one JSON object");
        }
        ExperimentFields.checkKnown(root, "", FIELDS);
        String name = ExperimentFields.text(root, "name", "name", "sweep");
        ObjectNode experiment = experiment(root.get("experiment"), directory);
        boolean training = TrainingExperiment.isTrainingExperiment(experiment);
        List<SweepOptimizer> optimizers = optimizers(root.get("optimizers"), registry);
        Objective objective = objective(root.get("objective"), training);
        List<Long> tuningSeeds = tuning(root.get("tuning"));
        List<Long> seeds = root.has("seeds") ? seeds(root.get("seeds"), "seeds") : List.of();
        ObjectNode engine = engine(root.get("engine"));
        return new Sweep(name, experiment, training, optimizers, objective, tuningSeeds, seeds, engine);
    }

    /** The experiment of one trial: this sweep's experiment with one optimizer at one point, and the seed. */
    public ObjectNode trialExperiment(SweepOptimizer optimizer, Map<String, Object> point, long seed) {
        ObjectNode trial = experiment.deepCopy();
        ArrayNode entries = trial.putArray("optimizers");
        entries.add(optimizer.entry(point));
        if (training) {
            trial.put("seed", seed);
        } else if (trial.path("noise").isObject()) { // a race without noise is the same for every seed
            ((ObjectNode) trial.get("noise")).put("seed", seed);
        }
        return trial;
    }

    /** Checks the experiment as a run would, once per optimizer and point (the first tuning seed standing in). */
    private void check(OptimizerRegistry registry, List<String> datasetIds) {
        for (int o = 0; o < optimizers.size(); o++) {
            SweepOptimizer optimizer = optimizers.get(o);
            for (Map<String, Object> point : optimizer.space().points(tuningSeeds.get(0))) {
                Map<String, Object> values = new LinkedHashMap<>(optimizer.fixed());
                values.putAll(point);
                try {
                    registry.create(optimizer.id(), values);
                } catch (InvalidHyperParameterException e) {
                    String field = "optimizers[" + o + "]" + (point.containsKey(e.parameter()) ? ".search." : ".")
                            + e.parameter();
                    throw new ExperimentException(field, e.getMessage());
                }
            }
            ObjectNode trial = trialExperiment(optimizer, optimizer.space().points(tuningSeeds.get(0)).get(0),
                    tuningSeeds.get(0));
            try {
                if (training) {
                    TrainingExperiment.parse(trial, registry, datasetIds);
                } else {
                    SurfaceExperiment.parse(trial, registry);
                }
            } catch (ExperimentException e) {
                // the trial's optimizer entry is the sweep's optimizers[o]; everything else is the experiment's
                String field = e.field().startsWith("optimizers[0]") ? e.field().replaceFirst("^optimizers\\[0\\]",
                        "optimizers[" + o + "]") : "experiment." + e.field();
                throw new ExperimentException(field, e.getMessage().replaceFirst("^field '[^']*': ", ""));
            }
        }
    }

    private static ObjectNode experiment(JsonNode node, Path directory) {
        if (node == null || !node.isObject()) {
            throw ExperimentException.expected("experiment", node, "an experiment object, or {\"file\": ...}");
        }
        JsonNode experiment = node;
        if (node.has("file")) {
            ExperimentFields.checkKnown(node, "experiment.", Set.of("file"));
            String file = ExperimentFields.text(node, "file", "experiment.file", null);
            Path path = directory.resolve(file);
            try {
                experiment = ExperimentFiles.read(path);
            } catch (ExperimentException e) {
                throw new ExperimentException("experiment.file", path + ": " + e.getMessage());
            }
            if (!experiment.isObject()) {
                throw new ExperimentException("experiment.file", path + " holds no experiment object");
            }
        }
        if (!experiment.has("dataset") && !experiment.has("surface")) {
            throw ExperimentException.expected("experiment", experiment, "an experiment with a \"dataset\" (training) "
                    + "or a \"surface\"");
        }
        ObjectNode copy = ((ObjectNode) experiment).deepCopy();
        copy.remove("optimizers"); // the sweep's replace them
        return copy;
    }

    private static List<SweepOptimizer> optimizers(JsonNode node, OptimizerRegistry registry) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ExperimentException.expected("optimizers", node, "a non-empty list of {\"id\": ..., \"search\": "
                    + "{...}, fixed hyper-parameters}");
        }
        List<SweepOptimizer> optimizers = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int o = 0; o < node.size(); o++) {
            String field = "optimizers[" + o + "]";
            JsonNode item = node.get(o);
            if (!item.isObject() || !item.path("id").isTextual()) {
                throw ExperimentException.expected(field, item, "an object with an \"id\"");
            }
            String id = item.get("id").asText();
            if (registry.descriptor(id).isEmpty()) {
                throw new ExperimentException(field + ".id", "unknown optimizer '" + id + "'; known: "
                        + registry.descriptors().stream().map(d -> d.id()).toList());
            }
            String label = ExperimentFields.text(item, "label", field + ".label", id);
            if (label.isBlank() || label.contains("/") || label.contains(",")) {
                throw ExperimentException.expected(field + ".label", item.get("label"),
                        "a non-empty name without '/' or ','");
            }
            if (!labels.add(label)) {
                throw new ExperimentException(field + (item.has("label") ? ".label" : ".id"), "'" + label
                        + "' names an earlier optimizer of the sweep too; expected a \"label\" of its own");
            }
            int budget = (int) ExperimentFields.wholeNumber(item, "budget", field + ".budget", 0, 1, 100_000);
            SearchSpace space = SearchSpace.parse(item.get("search"), field + ".search", budget);
            Map<String, Object> fixed = ExperimentFields.options(item, Set.of("id", "label", "budget", "search"));
            for (String searched : space.names()) {
                if (fixed.containsKey(searched)) {
                    throw new ExperimentException(field + "." + searched, "is fixed and searched; expected one of "
                            + "the two");
                }
            }
            optimizers.add(new SweepOptimizer(label, id, fixed, space));
        }
        return optimizers;
    }

    private static Objective objective(JsonNode node, boolean training) {
        Map<String, Boolean> metrics = training ? TRAINING_METRICS : SURFACE_METRICS;
        String kind = training ? "a training experiment" : "a surface experiment";
        if (node == null) {
            return training ? new Objective("final_test_accuracy", true, Double.NaN)
                    : new Objective("final_loss", false, Double.NaN);
        }
        if (!node.isObject()) {
            throw ExperimentException.expected("objective", node, "an object {\"metric\": ..., \"goal\": ...}");
        }
        ExperimentFields.checkKnown(node, "objective.", Set.of("metric", "goal", "tolerance"));
        String metric = ExperimentFields.text(node, "metric", "objective.metric", null);
        if (metric == null || !metrics.containsKey(metric)) {
            throw ExperimentException.expected("objective.metric", node.get("metric"), "for " + kind + " one of "
                    + new java.util.TreeSet<>(metrics.keySet()));
        }
        boolean maximize = metrics.get(metric);
        String goal = ExperimentFields.text(node, "goal", "objective.goal", maximize ? "max" : "min");
        if (!goal.equals(maximize ? "max" : "min")) {
            throw ExperimentException.expected("objective.goal", node.get("goal"), "\"" + (maximize ? "max" : "min")
                    + "\": " + metric + " is " + (maximize ? "maximised" : "minimised"));
        }
        double tolerance = ExperimentFields.number(node, "tolerance", "objective.tolerance", Double.NaN,
                Double.MIN_VALUE, Double.MAX_VALUE);
        if (metric.equals("steps_to") && Double.isNaN(tolerance)) {
            throw ExperimentException.expected("objective.tolerance", null, "a number > 0: steps_to counts the steps "
                    + "until the loss is within it of the minimum");
        }
        return new Objective(metric, maximize, tolerance);
    }

    private static List<Long> tuning(JsonNode node) {
        if (node == null) {
            return List.of(42L);
        }
        if (!node.isObject()) {
            throw ExperimentException.expected("tuning", node, "an object {\"seeds\": [...]}");
        }
        ExperimentFields.checkKnown(node, "tuning.", Set.of("seeds"));
        return node.has("seeds") ? seeds(node.get("seeds"), "tuning.seeds") : List.of(42L);
    }

    private static List<Long> seeds(JsonNode node, String field) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_SEEDS) {
            throw ExperimentException.expected(field, node, "a list of 1 to " + MAX_SEEDS + " whole numbers");
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode seed = node.get(i);
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw ExperimentException.expected(field + "[" + i + "]", seed, "a whole number");
            }
            if (seeds.contains(seed.asLong())) {
                throw new ExperimentException(field + "[" + i + "]", "seed " + seed.asLong()
                        + " is listed twice; expected each seed once");
            }
            seeds.add(seed.asLong());
        }
        return List.copyOf(seeds);
    }

    private static ObjectNode engine(JsonNode node) {
        if (node == null) {
            return JSON.createObjectNode().put("id", "local");
        }
        if (!node.isObject() || node.has("id") && !node.get("id").isTextual()) {
            throw ExperimentException.expected("engine", node, "an object {\"id\": \"local\", ...}");
        }
        ObjectNode engine = ((ObjectNode) node).deepCopy();
        if (!engine.has("id")) {
            engine.put("id", "local");
        }
        return engine;
    }
}
