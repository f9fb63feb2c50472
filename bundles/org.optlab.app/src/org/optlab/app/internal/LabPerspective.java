package org.optlab.app.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.optlab.ui.views.CompareView;
import org.optlab.ui.views.GuidesView;
import org.optlab.ui.views.LossView;
import org.optlab.ui.views.OptimizersView;
import org.optlab.ui.views.RunsView;
import org.optlab.ui.views.TrainingChartsView;
import org.optlab.ui.views.TrajectoryView;

/**
 * The Lab: optimizers above the runs, the guides (and the demo loss chart) on the left; the trajectory lab, the training charts and
 * the comparison of runs as tabs filling the rest (70%); no editor area yet.
 */
public final class LabPerspective implements IPerspectiveFactory {

    public static final String ID = "org.optlab.app.perspective.lab";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        layout.addView(OptimizersView.ID, IPageLayout.LEFT, 0.5f, editorArea);
        IFolderLayout right = layout.createFolder("org.optlab.app.right", IPageLayout.RIGHT, 0.3f, OptimizersView.ID);
        right.addView(TrajectoryView.ID);
        right.addView(TrainingChartsView.ID);
        right.addView(CompareView.ID);
        IFolderLayout lower = layout.createFolder("org.optlab.app.lower", IPageLayout.BOTTOM, 0.55f, OptimizersView.ID);
        lower.addView(RunsView.ID);
        lower.addView(GuidesView.ID);
        lower.addView(LossView.ID);
    }
}
