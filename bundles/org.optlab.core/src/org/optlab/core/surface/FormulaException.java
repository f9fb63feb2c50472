package org.optlab.core.surface;

/** A formula that cannot be parsed: the message names the 1-based position and the problem. */
public final class FormulaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public FormulaException(String formula, int position, String problem) {
        super("formula '" + (formula.length() > 60 ? formula.substring(0, 57) + "..." : formula) + "', position "
                + position + ": " + problem);
        this.position = position;
    }

    /** 1-based character position of the problem. */
    public int position() {
        return position;
    }
}
