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

    /** A whole number in [min, max], or {@code fallback} when the field is absent. */
    static long wholeNumber(JsonNode object, String name, String field, long fallback, long min, long max) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw new ExperimentException(field, "expected a whole number in [" + min + ", " + max + "], got " + node);
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
            throw new ExperimentException(field, "expected a number in [" + min + ", " + max + "], got " + node);
        }
        return node.asDouble();
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
            throw new ExperimentException("optimizers", "expected a non-empty list of {\"id\": ..., hyper-parameters}");
        }
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
            Map<String, Object> hyperParameters = options(item, Set.of("id", "label"));
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
