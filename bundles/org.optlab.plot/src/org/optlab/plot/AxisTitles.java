package org.optlab.plot;

/**
 * A surface whose axes have names that the 2-D picture writes beside them: a loss landscape's, whose axes are
 * directions in the parameter space (which ones, and how much of the paths they show, is what a reader needs to judge
 * the picture). The test surfaces' axes are plain x and y and go without.
 */
public interface AxisTitles {

    /** The horizontal axis's title. */
    String xTitle();

    /** The vertical axis's title. */
    String yTitle();
}
