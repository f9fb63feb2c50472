package org.optlab.ui.internal.trajectory;

import org.optlab.plot.View;
import org.optlab.ui.internal.Messages;

/** What the lab calls each view of a race, and what it shows (the view switch and the GIF export share them). */
public final class ViewNames {

    private ViewNames() {
    }

    public static String name(View view) {
        return switch (view) {
            case PLAN -> Messages.ViewNames_plan;
            case MESH -> Messages.ViewNames_mesh;
            case CURVE -> Messages.ViewNames_curve;
        };
    }

    public static String tip(View view) {
        return switch (view) {
            case PLAN -> Messages.ViewNames_planTip;
            case MESH -> Messages.ViewNames_meshTip;
            case CURVE -> Messages.ViewNames_curveTip;
        };
    }
}
