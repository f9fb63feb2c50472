package org.optlab.runner.experiment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.optlab.optimizers.InvalidHyperParameterException;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.OptimizerEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the fields that surface and training experiments share, with every problem reported at its field. */
final class ExperimentFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExperimentFields() {
    }

    /** Rejects a field of {@code object} not in {@code known}; {@code prefix} is the object's path ("" or "surface."). */
    static void checkKnown(JsonNode object, String prefix, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new ExperimentException(prefix + field, "unknown field; expected one of " + new TreeSet<>(known));
            }
        }
    }

    /** A string, or {@code fallback} when the field is absent. */
    static String text(JsonNode object, String name, String field, String fallback) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw ExperimentException.expected(field, node, "a string");
        }
        return node.asText();
    }

    /** A whole number in [min, max], or {@code fallback} when the field is absent. */
    static long wholeNumber(JsonNode object, String name, String field, long fallback, long min, long max) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ExperimentException.expected(field, node, "a whole number in [" + min + ", " + max + "]");
        }
        return node.asLong();
    }

    /** A finite number in [min, max], or {@code fallback} when the field is absent. */
    static double number(JsonNode object, String name, String field, double fallback, double min, double max) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || !(node.asDouble() >= min) || !(node.asDouble() <= max)) {
            throw ExperimentException.expected(field, node, max < Double.MAX_VALUE ? "a number in [" + plain(min) + ", "
                    + plain(max) + "]" : min == Double.MIN_VALUE ? "a number > 0" : "a number >= " + plain(min));
        }
        return node.asDouble();
    }

    /** A bound as a person writes it: 0, not 0.0. */
    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** The fields of an object other than {@code except}, as plain Java values (String, Integer, Double, List...). */
    static Map<String, Object> options(JsonNode object, Set<String> except) {
        Map<String, Object> options = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> {
            if (!except.contains(e.getKey())) {
                options.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
            }
        });
        return options;
    }

    /** The "optimizers" list: each entry's id known and its hyper-parameters valid. */
    static List<OptimizerEntry> optimizers(JsonNode node, OptimizerRegistry registry) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ExperimentException.expected("optimizers", node, "a non-empty list of {\"id\": ..., hyper-parameters}");
        }
        List<OptimizerEntry> entries = new ArrayList<>();
        Map<String, Integer> explicit = new java.util.HashMap<>();
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
            String label = text(item, "label", field + ".label", null);
            if (label != null && label.isBlank()) {
                throw ExperimentException.expected(field + ".label", item.get("label"), "a non-empty name");
            }
            Map<String, Object> hyperParameters = options(item, Set.of("id", "label"));
            try {
                registry.create(id, hyperParameters);
            } catch (InvalidHyperParameterException e) {
                throw new ExperimentException(field + "." + e.parameter(), e.getMessage());
            }
            Integer first = label == null ? null : explicit.putIfAbsent(label, o);
            if (first != null) {
                throw new ExperimentException(field + ".label", "'" + label + "' is the label of optimizers[" + first
                        + "] too; expected a label of its own");
            }
            entries.add(new OptimizerEntry(label, id, hyperParameters));
        }
        return uniqueLabels(entries);
    }

    /**
     * The entries with a label each their own: an entry without a label that repeats an id becomes {@code id#2},
     * {@code id#3}, ... (the first keeps the plain id), skipping the labels given explicitly.
     */
    static List<OptimizerEntry> uniqueLabels(List<OptimizerEntry> entries) {
        Set<String> taken = new java.util.HashSet<>();
        entries.forEach(e -> taken.add(e.label()));
        Set<String> used = new java.util.HashSet<>();
        List<OptimizerEntry> unique = new ArrayList<>();
        for (OptimizerEntry e : entries) {
            String label = e.label();
            for (int n = 2; used.contains(label) || n > 2 && taken.contains(label); n++) {
                label = e.label() + "#" + n;
            }
            used.add(label);
            unique.add(new OptimizerEntry(label, e.id(), e.hyperParameters()));
        }
        return unique;
    }
}
