package org.optlab.runner;

import java.util.Map;
import java.util.Objects;

/**
 * One optimizer of a trajectory experiment: its id, the hyper-parameters given (the rest take the optimizer's
 * defaults) and the label that names its trajectories ({@code id} unless given).
 */
public record OptimizerEntry(String label, String id, Map<String, Object> hyperParameters) {

    public OptimizerEntry {
        Objects.requireNonNull(id, "id");
        label = label == null || label.isBlank() ? id : label;
        hyperParameters = Map.copyOf(hyperParameters);
    }

    public static OptimizerEntry of(String id, Map<String, Object> hyperParameters) {
        return new OptimizerEntry(null, id, hyperParameters);
    }
}
