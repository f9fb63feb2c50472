package org.optlab.runner.sweep;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One training or race of a sweep: an optimizer of the sweep at one point of its search space with one seed, in
 * phase {@code tune} (every point with each tuning seed) or {@code seeds} (the best point with every seed). Its folder
 * is {@code trials/NNNN} (the index, 4 digits or more).
 */
public record Trial(int index, String phase, String optimizer, int point, long seed, Map<String, Object> settings) {

    public static final String TUNE = "tune", SEEDS = "seeds";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trial's folder name. */
    public String folder() {
        return String.format(Locale.ROOT, "%04d", index);
    }

    /** The trial as {@code sweep.json} lists it. */
    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("trial", index);
        node.put("phase", phase);
        node.put("optimizer", optimizer);
        node.put("point", point);
        node.put("seed", seed);
        node.set("settings", JSON.valueToTree(settings));
        return node;
    }

    /** A trial from its {@link #toJson} form. */
    public static Trial fromJson(JsonNode node) {
        Map<String, Object> settings = new LinkedHashMap<>();
        node.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), JSON.convertValue(e.getValue(),
                Object.class)));
        return new Trial(node.path("trial").asInt(), node.path("phase").asText(), node.path("optimizer").asText(),
                node.path("point").asInt(), node.path("seed").asLong(), settings);
    }
}
