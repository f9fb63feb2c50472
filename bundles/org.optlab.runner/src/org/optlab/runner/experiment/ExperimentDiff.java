package org.optlab.runner.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where experiments differ: each is flattened to field paths as error messages name them ({@code model.hidden[0]},
 * {@code optimizers[1].lr}) with their values, and the paths whose values are not the same in all of them are kept,
 * in the order they first appear. A field one experiment leaves out counts as different (its value is null there).
 */
public final class ExperimentDiff {

    /** One differing field and its value in each experiment (null where absent). */
    public record Difference(String path, List<String> values) {
    }

    private ExperimentDiff() {
    }

    public static List<Difference> of(List<JsonNode> experiments) {
        List<Map<String, String>> flat = experiments.stream().map(ExperimentDiff::flatten).toList();
        Set<String> paths = new LinkedHashSet<>();
        flat.forEach(f -> paths.addAll(f.keySet()));
        List<Difference> differences = new ArrayList<>();
        for (String path : paths) {
            List<String> values = flat.stream().map(f -> f.get(path)).toList();
            if (values.stream().distinct().count() > 1) {
                differences.add(new Difference(path, values));
            }
        }
        return differences;
    }

    /** Every leaf of the JSON tree by its path; values as JSON text (strings unquoted). */
    public static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(node, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(e.getValue(), path.isEmpty() ? e.getKey()
                    : path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            boolean scalars = true;
            for (JsonNode item : node) {
                scalars &= item.isValueNode();
            }
            if (scalars) {
                out.put(path, node.toString()); // a list of numbers reads best whole: [256, 128]
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(node.get(i), path + "[" + i + "]", out);
                }
            }
        } else {
            out.put(path, node.isTextual() ? node.asText() : Objects.toString(node));
        }
    }
}
