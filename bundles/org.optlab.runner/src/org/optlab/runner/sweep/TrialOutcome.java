package org.optlab.runner.sweep;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a trial ended: {@code finished} with its objective, {@code diverged} (it scores worst and the sweep goes on) or
 * {@code failed} with the reason; and the seconds it took. Written last into the trial's folder as
 * {@code trial.json}: a trial is done exactly when that file is there.
 */
public record TrialOutcome(int trial, String status, double objective, double seconds, String error) {

    public static final String FINISHED = "finished", DIVERGED = "diverged", FAILED = "failed";
    public static final String FILE = "trial.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean finished() {
        return status.equals(FINISHED);
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("trial", trial);
        node.put("status", status);
        if (Double.isFinite(objective)) {
            node.put("objective", objective);
        } else {
            node.putNull("objective");
        }
        node.put("seconds", Math.round(seconds * 1000) / 1000.0);
        if (error != null) {
            node.put("error", error);
        }
        return node;
    }

    public static TrialOutcome fromJson(JsonNode node) {
        return new TrialOutcome(node.path("trial").asInt(), node.path("status").asText(FAILED),
                node.path("objective").isNumber() ? node.get("objective").asDouble() : Double.NaN,
                node.path("seconds").asDouble(Double.NaN), node.path("error").isTextual() ? node.get("error").asText()
                        : null);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "trial %d %s %s", trial, status, Double.isNaN(objective) ? "" : objective);
    }
}
