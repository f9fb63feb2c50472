package org.optlab.runner.guide;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The guides that ship with the lab: {@code guides/*.json} in this bundle, in the order {@code guides/index.txt} gives. */
public final class Guides {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Guides() {
    }

    public static List<Guide> all() {
        List<Guide> guides = new ArrayList<>();
        for (String line : resource("index.txt").lines().map(String::strip).toList()) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                guides.add(parse(line, resource(line)));
            }
        }
        return guides;
    }

    public static Optional<Guide> byId(String id) {
        return all().stream().filter(g -> g.id().equals(id)).findFirst();
    }

    static Guide parse(String file, String text) {
        try {
            JsonNode root = JSON.readTree(text);
            List<Guide.Step> steps = new ArrayList<>();
            for (JsonNode step : root.path("steps")) {
                steps.add(new Guide.Step(step.path("title").asText(), step.get("experiment"), step.path("look").asText(),
                        step.get("landscape")));
            }
            if (steps.isEmpty() || steps.stream().anyMatch(s -> s.experiment() == null)) {
                throw new IllegalStateException("guide " + file + " needs steps, each with an experiment");
            }
            return new Guide(root.path("id").asText(), root.path("title").asText(), root.path("summary").asText(),
                    List.copyOf(steps));
        } catch (IOException e) {
            throw new UncheckedIOException("guide " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Guides.class.getResourceAsStream("/guides/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the guide file guides/" + name + " is missing from the runner bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
