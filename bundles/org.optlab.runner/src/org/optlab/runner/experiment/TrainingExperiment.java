package org.optlab.runner.experiment;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.optlab.core.model.Activation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.optimizers.schedule.ScheduleDescriptor;
import org.optlab.optimizers.schedule.Schedules;
import org.optlab.runner.OptimizerEntry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A training experiment as read from an experiment file:
 *
 * <pre>
 * {"name": "fashion-softmax", "dataset": {"id": "fashion-mnist"}, "model": {"id": "mlp", "hidden": [256],
 *  "activation": "relu"}, "optimizers": [{"id": "adam", "lr": 0.001}], "schedule": {"id": "cosine"},
 *  "epochs": 5, "batch_size": 128, "seed": 42, "backend": "cpu"}
 * </pre>
 *
 * Optional: {@code clip_grad_norm} (> 0; absent: no clipping), {@code evaluate_every} (steps; 0: after each epoch only),
 * {@code snapshots} (K: the parameters of each optimizer recorded K times spread over the run, plus at its start and
 * end, into {@code snapshots/}; 0: none; absent, -1 here: the default of where it runs, none on the command line).
 * The dataset's
 * other fields are its options ({@code subset}, {@code path}, ...), checked by the dataset when it loads. Every
 * optimizer runs on its own from the same seed (the same initial model and batch order).
 */
public record TrainingExperiment(String name, DatasetSpec dataset, ModelSpec model, List<OptimizerEntry> optimizers,
        ScheduleSpec schedule, int epochs, int batchSize, long seed, Backend backend, double clipGradNorm,
        int evaluateEvery, int snapshots) {

    /** The dataset's id and its options. */
    public record DatasetSpec(String id, Map<String, Object> options) {
    }

    /** {@code softmax}, {@code mlp} (hidden sizes, activation) or {@code cnn}. */
    public record ModelSpec(String id, int[] hidden, Activation.Kind activation) {
    }

    /** A learning-rate schedule applied to every optimizer's lr (null in the experiment: a constant rate). */
    public record ScheduleSpec(String id, Map<String, Object> parameters) {
    }

    /** Where the run computes. */
    public enum Backend {
        CPU, GPU
    }

    private static final Set<String> FIELDS = Set.of("name", "dataset", "model", "optimizers", "schedule", "epochs",
            "batch_size", "seed", "backend", "clip_grad_norm", "evaluate_every", "snapshots");
    private static final Set<String> MODEL_FIELDS = Set.of("id", "hidden", "activation");
    private static final List<String> MODELS = List.of("softmax", "mlp", "cnn");

    /** True when the file describes a training experiment (it has a {@code dataset}). */
    public static boolean isTrainingExperiment(JsonNode root) {
        return root.isObject() && root.has("dataset");
    }

    /**
     * Validates {@code root} except the dataset's options (checked when the data loads).
     *
     * @param datasetIds the ids of the datasets there are
     * @throws ExperimentException naming the field and the problem
     */
    public static TrainingExperiment parse(JsonNode root, OptimizerRegistry registry, List<String> datasetIds) {
        if (!root.isObject()) {
            throw new ExperimentException("", "an experiment file holds one JSON object");
        }
        ExperimentFields.checkKnown(root, "", FIELDS);
        String name = ExperimentFields.text(root, "name", "name", "experiment");
        DatasetSpec dataset = dataset(root.get("dataset"), datasetIds);
        ModelSpec model = model(root.get("model"));
        List<OptimizerEntry> optimizers = ExperimentFields.optimizers(root.get("optimizers"), registry);
        ScheduleSpec schedule = schedule(root.get("schedule"));
        int epochs = (int) ExperimentFields.wholeNumber(root, "epochs", "epochs", 5, 1, 10_000);
        int batchSize = (int) ExperimentFields.wholeNumber(root, "batch_size", "batch_size", 128, 1, 1_000_000);
        long seed = ExperimentFields.wholeNumber(root, "seed", "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        Backend backend = backend(root.get("backend"));
        double clip = ExperimentFields.number(root, "clip_grad_norm", "clip_grad_norm", 0, Double.MIN_VALUE,
                Double.MAX_VALUE); // > 0; absent: no clipping
        int evaluateEvery = (int) ExperimentFields.wholeNumber(root, "evaluate_every", "evaluate_every", 0, 0,
                Integer.MAX_VALUE);
        int snapshots = (int) ExperimentFields.wholeNumber(root, "snapshots", "snapshots", -1, 0, 10_000);
        return new TrainingExperiment(name, dataset, model, optimizers, schedule, epochs, batchSize, seed, backend,
                clip, evaluateEvery, snapshots);
    }

    private static DatasetSpec dataset(JsonNode node, List<String> ids) {
        if (node == null || !node.isObject() || !node.path("id").isTextual()) {
            throw ExperimentException.expected("dataset", node, "an object with an \"id\", one of " + ids);
        }
        String id = node.get("id").asText();
        if (!ids.contains(id)) {
            throw new ExperimentException("dataset.id", "unknown dataset '" + id + "'; known: " + ids);
        }
        return new DatasetSpec(id, ExperimentFields.options(node, Set.of("id")));
    }

    private static ModelSpec model(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("id").isTextual()) {
            throw ExperimentException.expected("model", node, "an object with an \"id\", one of " + MODELS);
        }
        ExperimentFields.checkKnown(node, "model.", MODEL_FIELDS);
        String id = node.get("id").asText();
        if (!MODELS.contains(id)) {
            throw new ExperimentException("model.id", "unknown model '" + id + "'; known: " + MODELS);
        }
        int[] hidden = new int[0];
        JsonNode h = node.get("hidden");
        if (h != null) {
            if (!id.equals("mlp")) {
                throw new ExperimentException("model.hidden", "only the mlp has hidden layers");
            }
            if (!h.isArray()) {
                throw ExperimentException.expected("model.hidden", h, "a list of layer sizes, e.g. [256]");
            }
            hidden = new int[h.size()];
            for (int i = 0; i < h.size(); i++) {
                if (!h.get(i).isIntegralNumber() || h.get(i).asLong() < 1 || h.get(i).asLong() > 100_000) {
                    throw ExperimentException.expected("model.hidden[" + i + "]", h.get(i), "a size in [1, 100000]");
                }
                hidden[i] = h.get(i).asInt();
            }
        } else if (id.equals("mlp")) {
            hidden = new int[] { 256 };
        }
        Activation.Kind activation = Activation.Kind.RELU;
        if (node.has("activation")) {
            String name = ExperimentFields.text(node, "activation", "model.activation", "relu");
            try {
                activation = Activation.Kind.of(name);
            } catch (IllegalArgumentException e) {
                throw new ExperimentException("model.activation", e.getMessage());
            }
        }
        return new ModelSpec(id, hidden, activation);
    }

    private static ScheduleSpec schedule(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || !node.path("id").isTextual()) {
            throw ExperimentException.expected("schedule", node, "an object with an \"id\"");
        }
        String id = node.get("id").asText();
        List<String> ids = Schedules.descriptors().stream().map(ScheduleDescriptor::id).toList();
        if (!ids.contains(id)) {
            throw new ExperimentException("schedule.id", "unknown schedule '" + id + "'; known: " + ids);
        }
        ScheduleDescriptor descriptor = Schedules.descriptor(id);
        Set<String> known = new java.util.HashSet<>(Set.of("id"));
        descriptor.parameters().stream().map(HyperParameter::name).forEach(known::add);
        ExperimentFields.checkKnown(node, "schedule.", known);
        Map<String, Object> parameters = ExperimentFields.options(node, Set.of("id"));
        try {
            descriptor.create(1.0, 1000, parameters); // checks the parameters' types and ranges
        } catch (IllegalArgumentException e) {
            throw new ExperimentException("schedule", e.getMessage());
        }
        return new ScheduleSpec(id, parameters);
    }

    private static Backend backend(JsonNode node) {
        if (node == null || node.isNull()) {
            return Backend.CPU;
        }
        return switch (node.isTextual() ? node.asText() : "") {
            case "cpu" -> Backend.CPU;
            case "gpu" -> Backend.GPU;
            default -> throw ExperimentException.expected("backend", node, "\"cpu\" or \"gpu\"");
        };
    }
}
