package org.optlab.runner.experiment;

/** A bad experiment file: the message names the field (as a JSON path such as {@code optimizers[1].lr}) and the problem. */
public final class ExperimentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ExperimentException(String field, String problem) {
        super(field.isEmpty() ? problem : "field '" + field + "': " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
