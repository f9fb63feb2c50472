package org.optlab.optimizers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an optimizer is: a unique id ({@code sgd}), a display name, a one-line summary, the paper it comes from, and
 * its hyper-parameters in display order.
 */
public record OptimizerDescriptor(String id, String name, String summary, Citation citation,
        List<HyperParameter> hyperParameters) {

    public OptimizerDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(citation, "citation");
        hyperParameters = List.copyOf(hyperParameters);
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("optimizer id '" + id + "' must match [a-z][a-z0-9_]*");
        }
        long distinct = hyperParameters.stream().map(HyperParameter::name).distinct().count();
        if (distinct != hyperParameters.size()) {
            throw new IllegalArgumentException(id + ": hyper-parameter names must be unique");
        }
        for (HyperParameter p : hyperParameters) {
            p.validate(id, p.defaultValue());
        }
    }

    public Optional<HyperParameter> hyperParameter(String parameterName) {
        return hyperParameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /**
     * Validates {@code given} against the descriptors and fills in defaults for what is not given.
     *
     * @throws InvalidHyperParameterException for an unknown name or a value outside its range
     */
    public HyperParameters configure(Map<String, ?> given) {
        return HyperParameters.configure(id, hyperParameters, given);
    }

    /** The defaults of every hyper-parameter. */
    public HyperParameters defaults() {
        return configure(Map.of());
    }
}
