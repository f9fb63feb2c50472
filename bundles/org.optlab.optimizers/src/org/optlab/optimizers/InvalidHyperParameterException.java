package org.optlab.optimizers;

/**
 * A hyper-parameter value outside its valid range, of the wrong type, or unknown to the optimizer. The message names
 * the optimizer, the parameter, the value and what is valid, e.g.
 * {@code sgd: lr = -0.1 is invalid; expected a number in [0, inf)}.
 */
public final class InvalidHyperParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String optimizerId;
    private final String parameter;

    public InvalidHyperParameterException(String optimizerId, String parameter, Object value, String expected) {
        super(optimizerId + ": " + parameter + " = " + value + " is invalid; expected " + expected);
        this.optimizerId = optimizerId;
        this.parameter = parameter;
    }

    public String optimizerId() {
        return optimizerId;
    }

    public String parameter() {
        return parameter;
    }
}
