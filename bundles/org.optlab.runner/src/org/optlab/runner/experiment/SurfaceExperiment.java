package org.optlab.runner.experiment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.optlab.core.surface.FormulaException;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.trajectory.OptimizerEntry;
import org.optlab.runner.trajectory.TrajectoryEngine.Noise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A trajectory experiment as read from an experiment file (the same file the lab's editor opens):
 *
 * <pre>
 * {"name": "rosenbrock-race", "surface": {"id": "rosenbrock"}, "starts": [[1.5, 1.5], [-1.2, 1.0]], "steps": 100,
 *  "noise": {"sigma": 0.0, "seed": 1}, "optimizers": [{"id": "adam", "lr": 0.001}, {"id": "nesterov", "lr": 1e-4}]}
 * </pre>
 *
 * A formula surface is {@code "surface": {"expression": "(x/4)^2 + (y/2)^2"}}; the ellipse takes {@code "kappa"}.
 * Starts default to the surface's own. Every problem is reported with the field it is in.
 */
public record SurfaceExperiment(String name, Surface surface, List<double[]> starts, int steps, Noise noise,
        List<OptimizerEntry> optimizers) {

    private static final Set<String> FIELDS = Set.of("name", "surface", "starts", "steps", "noise", "optimizers");
    private static final Set<String> SURFACE_FIELDS = Set.of("id", "expression", "kappa");
    /** Every trajectory keeps 5 doubles per step; this bounds the memory of one experiment near 800 MB. */
    public static final long MAX_RECORDED_POINTS = 20_000_000;

    /** True when the file describes a surface experiment (it has a {@code surface}). */
    public static boolean isSurfaceExperiment(JsonNode root) {
        return root.isObject() && root.has("surface");
    }

    /**
     * Validates {@code root} completely, including every optimizer's hyper-parameters.
     *
     * @throws ExperimentException naming the field and the problem
     */
    public static SurfaceExperiment parse(JsonNode root, OptimizerRegistry registry) {
        if (!root.isObject()) {
            throw new ExperimentException("", "an experiment file holds one JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new ExperimentException(field, "unknown field; expected one of " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String name = root.path("name").asText("experiment");
        Surface surface = surface(root.get("surface"));
        List<double[]> starts = root.has("starts") ? starts(root.get("starts"), surface) : surface.starts();
        int steps = steps(root.get("steps"));
        Noise noise = noise(root.get("noise"));
        List<OptimizerEntry> optimizers = optimizers(root.get("optimizers"), registry);
        long points = (steps + 1L) * starts.size() * optimizers.size();
        if (points > MAX_RECORDED_POINTS) {
            throw new ExperimentException("steps", "(steps + 1) x starts x optimizers = " + points
                    + " recorded points; at most " + MAX_RECORDED_POINTS + " fit in memory");
        }
        return new SurfaceExperiment(name, surface, List.copyOf(starts), steps, noise, optimizers);
    }

    private static Surface surface(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ExperimentException("surface", "expected an object with \"id\" or \"expression\"");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!SURFACE_FIELDS.contains(field)) {
                throw new ExperimentException("surface." + field, "unknown field; expected one of "
                        + new java.util.TreeSet<>(SURFACE_FIELDS));
            }
        }
        if (node.has("expression")) {
            try {
                return Surfaces.formula(node.get("expression").asText());
            } catch (FormulaException e) {
                throw new ExperimentException("surface.expression", e.getMessage());
            }
        }
        String id = node.path("id").asText("");
        if (id.equals("ellipse") && node.has("kappa")) {
            try {
                return Surfaces.ellipse(node.get("kappa").asDouble(Double.NaN));
            } catch (IllegalArgumentException e) {
                throw new ExperimentException("surface.kappa", e.getMessage());
            }
        }
        return Surfaces.byId(id).orElseThrow(() -> new ExperimentException("surface.id", "unknown surface '" + id
                + "'; known: " + Surfaces.all().stream().map(Surface::id).toList()));
    }

    private static List<double[]> starts(JsonNode node, Surface surface) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ExperimentException("starts", "expected a non-empty list of points");
        }
        List<double[]> starts = new ArrayList<>();
        for (int s = 0; s < node.size(); s++) {
            JsonNode point = node.get(s);
            String field = "starts[" + s + "]";
            if (!point.isArray() || point.size() != surface.dimension()) {
                throw new ExperimentException(field, "expected a point of " + surface.dimension() + " number"
                        + (surface.dimension() == 1 ? "" : "s") + " for " + surface.id() + ", got " + point);
            }
            double[] p = new double[point.size()];
            for (int i = 0; i < p.length; i++) {
                if (!point.get(i).isNumber() || !Double.isFinite(point.get(i).asDouble())) {
                    throw new ExperimentException(field, "expected finite numbers, got " + point);
                }
                p[i] = point.get(i).asDouble();
            }
            starts.add(p);
        }
        return starts;
    }

    private static int steps(JsonNode node) {
        if (node == null) {
            return 100;
        }
        if (!node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > 10_000_000) {
            throw new ExperimentException("steps", "expected a whole number in [0, 10000000], got " + node);
        }
        return node.asInt();
    }

    private static Noise noise(JsonNode node) {
        if (node == null || node.isNull()) {
            return Noise.NONE;
        }
        double sigma = node.path("sigma").asDouble(0);
        if (!node.path("sigma").isMissingNode() && !node.path("sigma").isNumber() || !(sigma >= 0)) {
            throw new ExperimentException("noise.sigma", "expected a number >= 0, got " + node.get("sigma"));
        }
        if (!node.path("seed").isMissingNode() && !node.path("seed").isIntegralNumber()) {
            throw new ExperimentException("noise.seed", "expected a whole number, got " + node.get("seed"));
        }
        return new Noise(sigma, node.path("seed").asLong(0));
    }

    private static List<OptimizerEntry> optimizers(JsonNode node, OptimizerRegistry registry) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ExperimentException("optimizers", "expected a non-empty list of {\"id\": ..., hyper-parameters}");
        }
        ObjectMapper mapper = new ObjectMapper();
        List<OptimizerEntry> entries = new ArrayList<>();
        for (int o = 0; o < node.size(); o++) {
            String field = "optimizers[" + o + "]";
            JsonNode item = node.get(o);
            if (!item.isObject() || !item.path("id").isTextual()) {
                throw new ExperimentException(field, "expected an object with an \"id\"");
            }
            String id = item.get("id").asText();
            if (registry.descriptor(id).isEmpty()) {
                throw new ExperimentException(field + ".id", "unknown optimizer '" + id + "'; known: "
                        + registry.descriptors().stream().map(d -> d.id()).toList());
            }
            Map<String, Object> hyperParameters = new LinkedHashMap<>();
            item.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("id") && !e.getKey().equals("label")) {
                    hyperParameters.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class));
                }
            });
            try {
                registry.create(id, hyperParameters);
            } catch (InvalidHyperParameterException e) {
                throw new ExperimentException(field + "." + e.parameter(), e.getMessage());
            }
            entries.add(new OptimizerEntry(item.path("label").asText(null), id, hyperParameters));
        }
        return entries;
    }
}
