package org.optlab.app.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.optlab.ui.views.CompareView;
import org.optlab.ui.views.GuidesView;
import org.optlab.ui.views.OptimizersView;
import org.optlab.ui.views.RunsView;
import org.optlab.ui.views.TrainingChartsView;
import org.optlab.ui.views.TrajectoryView;

/**
 * The Lab: a left column (a quarter of the width) with the optimizers above the runs and the guides; the rest for the
 * trajectory lab, the training charts and the comparison of runs, as tabs. The editor area sits above those tabs: hidden
 * until an experiment is opened, then the upper 45 % of the right side, and hidden again when its last editor closes
 * ({@link LabWindowAdvisor}), so the charts never lose more than that and get all of it back.
 */
public final class LabPerspective implements IPerspectiveFactory {

    public static final String ID = "org.optlab.app.perspective.lab";
    /** The folders, for tests and for views that want to open beside their kin. */
    public static final String LEFT = "org.optlab.app.left", LOWER_LEFT = "org.optlab.app.lower",
            CHARTS = "org.optlab.app.right";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        IFolderLayout left = layout.createFolder(LEFT, IPageLayout.LEFT, 0.26f, editorArea);
        left.addView(OptimizersView.ID);
        IFolderLayout lower = layout.createFolder(LOWER_LEFT, IPageLayout.BOTTOM, 0.5f, LEFT);
        lower.addView(RunsView.ID);
        lower.addView(GuidesView.ID);
        IFolderLayout charts = layout.createFolder(CHARTS, IPageLayout.BOTTOM, 0.45f, editorArea);
        charts.addView(TrajectoryView.ID);
        charts.addView(TrainingChartsView.ID);
        charts.addView(CompareView.ID);
        for (String id : new String[] { OptimizersView.ID, RunsView.ID, GuidesView.ID, TrajectoryView.ID,
                TrainingChartsView.ID, CompareView.ID }) {
            layout.addShowViewShortcut(id);
        }
    }
}
