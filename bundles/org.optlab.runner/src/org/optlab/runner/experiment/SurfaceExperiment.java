package org.optlab.runner.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.optlab.core.surface.FormulaException;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.trajectory.TrajectoryEngine.Noise;

import com.fasterxml.jackson.databind.JsonNode;


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
        ExperimentFields.checkKnown(root, "", FIELDS);
        String name = ExperimentFields.text(root, "name", "name", "experiment");
        Surface surface = surface(root.get("surface"));
        List<double[]> starts = root.has("starts") ? starts(root.get("starts"), surface) : surface.starts();
        int steps = (int) ExperimentFields.wholeNumber(root, "steps", "steps", 100, 0, 10_000_000);
        Noise noise = noise(root.get("noise"));
        List<OptimizerEntry> optimizers = ExperimentFields.optimizers(root.get("optimizers"), registry);
        long points = (steps + 1L) * starts.size() * optimizers.size();
        if (points > MAX_RECORDED_POINTS) {
            throw new ExperimentException("steps", "(steps + 1) x starts x optimizers = " + points
                    + " recorded points; at most " + MAX_RECORDED_POINTS + " fit in memory");
        }
        return new SurfaceExperiment(name, surface, List.copyOf(starts), steps, noise, optimizers);
    }

    private static Surface surface(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ExperimentException.expected("surface", node, "an object with \"id\" or \"expression\"");
        }
        ExperimentFields.checkKnown(node, "surface.", SURFACE_FIELDS);
        if (node.has("expression")) {
            String expression = ExperimentFields.text(node, "expression", "surface.expression", "");
            try {
                return Surfaces.formula(expression);
            } catch (FormulaException e) {
                throw new ExperimentException("surface.expression", e.getMessage());
            }
        }
        String id = ExperimentFields.text(node, "id", "surface.id", "");
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
            throw ExperimentException.expected("starts", node, "a non-empty list of points");
        }
        List<double[]> starts = new ArrayList<>();
        for (int s = 0; s < node.size(); s++) {
            JsonNode point = node.get(s);
            String field = "starts[" + s + "]";
            if (!point.isArray() || point.size() != surface.dimension()) {
                throw ExperimentException.expected(field, point, "a point of " + surface.dimension() + " number"
                        + (surface.dimension() == 1 ? "" : "s") + " for " + surface.id());
            }
            double[] p = new double[point.size()];
            for (int i = 0; i < p.length; i++) {
                if (!point.get(i).isNumber() || !Double.isFinite(point.get(i).asDouble())) {
                    throw ExperimentException.expected(field, point, "finite numbers");
                }
                p[i] = point.get(i).asDouble();
            }
            starts.add(p);
        }
        return starts;
    }

    private static Noise noise(JsonNode node) {
        if (node == null || node.isNull()) {
            return Noise.NONE;
        }
        if (!node.isObject()) {
            throw ExperimentException.expected("noise", node, "an object {\"sigma\": ..., \"seed\": ...}");
        }
        ExperimentFields.checkKnown(node, "noise.", Set.of("sigma", "seed"));
        double sigma = ExperimentFields.number(node, "sigma", "noise.sigma", 0, 0, Double.MAX_VALUE);
        long seed = ExperimentFields.wholeNumber(node, "seed", "noise.seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        return new Noise(sigma, seed);
    }
}
