package org.optlab.app.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.optlab.ui.views.CompareView;
import org.optlab.ui.views.GuidesView;
import org.optlab.ui.views.LandscapeView;
import org.optlab.ui.views.OptimizersView;
import org.optlab.ui.views.RunsView;
import org.optlab.ui.views.SweepView;
import org.optlab.ui.views.TrainingChartsView;
import org.optlab.ui.views.TrajectoryView;

/**
 * The Lab: a left column (a quarter of the width) with the optimizers above the runs and the guides; the rest for the
 * trajectory lab, the training charts, the comparison of runs and sweeps, as tabs. The editor area sits above those tabs: hidden
 * until an experiment is opened, then the upper 42 % of the right side, and hidden again when its last editor closes
 * ({@link LabWindowAdvisor}), so the charts never lose more than that and get all of it back.
 */
public final class LabPerspective implements IPerspectiveFactory {

    public static final String ID = "org.optlab.app.perspective.lab";
    /** The folders, for tests and for views that want to open beside their kin. */
    public static final String LEFT = "org.optlab.app.left", LOWER_LEFT = "org.optlab.app.lower",
            CHARTS = "org.optlab.app.right";

    /**
     * The sizes below which a view's content no longer reads (its content scrolls there): the layout gives every view
     * at least this much at 1280x800 with an editor open, and the window cannot be made smaller than what they need.
     */
    public static final Map<String, Point> MINIMUM_SIZES = minimumSizes();
    /** The editor's minimum size, likewise. */
    public static final Point EDITOR_MINIMUM = new Point(560, 240);
    /** The smallest window: the left column's views beside the widest of the right side's, the stacks' heights. */
    public static final Point WINDOW_MINIMUM = new Point(1024, 700);

    /**
     * The first window's size on a screen whose work area (without panels) is {@code workArea}: 85 % of it, at least
     * 1280 x 800 where the screen has that, never more than the work area (a 1366 x 768 laptop). Later starts restore
     * the size the user left.
     */
    public static Point initialWindowSize(Rectangle workArea) {
        return new Point(Math.min(workArea.width, Math.max(1280, workArea.width * 85 / 100)), Math.min(
                workArea.height, Math.max(800, workArea.height * 85 / 100)));
    }

    private static Map<String, Point> minimumSizes() {
        Map<String, Point> sizes = new LinkedHashMap<>();
        sizes.put(OptimizersView.ID, new Point(280, 200));
        sizes.put(RunsView.ID, new Point(280, 200));
        sizes.put(GuidesView.ID, new Point(280, 200));
        sizes.put(TrajectoryView.ID, new Point(600, 320));
        sizes.put(TrainingChartsView.ID, new Point(480, 300));
        sizes.put(CompareView.ID, new Point(400, 200));
        sizes.put(SweepView.ID, new Point(480, 300));
        sizes.put(LandscapeView.ID, new Point(600, 320));
        return java.util.Collections.unmodifiableMap(sizes);
    }

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        IFolderLayout left = layout.createFolder(LEFT, IPageLayout.LEFT, 0.26f, editorArea);
        left.addView(OptimizersView.ID);
        IFolderLayout lower = layout.createFolder(LOWER_LEFT, IPageLayout.BOTTOM, 0.5f, LEFT);
        lower.addView(RunsView.ID);
        lower.addView(GuidesView.ID);
        IFolderLayout charts = layout.createFolder(CHARTS, IPageLayout.BOTTOM, 0.42f, editorArea);
        charts.addView(TrajectoryView.ID);
        charts.addView(TrainingChartsView.ID);
        charts.addView(CompareView.ID);
        charts.addView(SweepView.ID);
        charts.addPlaceholder(LandscapeView.ID); // opened on a run from the Runs view
        for (String id : new String[] { OptimizersView.ID, RunsView.ID, GuidesView.ID, TrajectoryView.ID,
                TrainingChartsView.ID, CompareView.ID, SweepView.ID, LandscapeView.ID }) {
            layout.addShowViewShortcut(id);
        }
    }
}
