package org.optlab.ui.internal.trajectory;

import org.optlab.plot.View;

/** What the lab calls each view of a race, and what it shows (the view switch and the GIF export share them). */
public final class ViewNames {

    private ViewNames() {
    }

    public static String name(View view) {
        return switch (view) {
            case PLAN -> "2-D map";
            case MESH -> "3-D surface";
            case CURVE -> "1-D curve";
        };
    }

    public static String tip(View view) {
        return switch (view) {
            case PLAN -> "The surface from above: colour map, contours, paths";
            case MESH -> "The shaded surface: drag to turn, scroll to zoom";
            case CURVE -> "The curve with the balls on it (1-D experiments)";
        };
    }
}
