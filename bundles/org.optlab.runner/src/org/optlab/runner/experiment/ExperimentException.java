package org.optlab.runner.experiment;

/** A bad experiment file: the message names the field (as a JSON path such as {@code optimizers[1].lr}) and the problem. */
public final class ExperimentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ExperimentException(String field, String problem) {
        super(field.isEmpty() ? problem : "field '" + field + "': " + problem);
        this.field = field;
    }

    /**
     * The problem that {@code field} holds {@code got} where {@code expected} belongs: "got 'loud' (a string); expected
     * a number >= 0", or "missing; expected ..." when the field is absent.
     */
    public static ExperimentException expected(String field, com.fasterxml.jackson.databind.JsonNode got,
            String expected) {
        return new ExperimentException(field, describe(got) + "; expected " + expected);
    }

    /** A value as a message quotes it: short, on one line, with its kind when that is the problem. */
    static String describe(com.fasterxml.jackson.databind.JsonNode got) {
        if (got == null || got.isMissingNode()) {
            return "missing";
        }
        String text = got.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return "got " + text + (got.isValueNode() && !got.isNumber() ? " (" + ExperimentFiles.kind(got) + ")" : "");
    }

    public String field() {
        return field;
    }
}
