package org.optlab.plot;

/**
 * A surface whose axes have names that the 2-D picture writes beside them: a loss landscape's, whose axes are
 * directions in the parameter space (which ones, and how much of the paths they show, is what a reader needs to judge
 * the picture). The test surfaces' axes are plain x and y and go without. A title is a name, then perhaps a detail in
 * parentheses: "PC 1 (78.9 % of the paths' variance)"; the 3-D view, with room for a word at each axis, writes the
 * name alone.
 */
public interface AxisTitles {

    /** The horizontal axis's title. */
    String xTitle();

    /** The vertical axis's title. */
    String yTitle();

    /** The name in {@code title}: what comes before a detail in parentheses. */
    static String name(String title) {
        int detail = title.indexOf(" (");
        return detail > 0 ? title.substring(0, detail) : title;
    }
}
