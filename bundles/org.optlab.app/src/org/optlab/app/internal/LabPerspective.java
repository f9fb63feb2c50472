package org.optlab.app.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.optlab.ui.views.LossView;
import org.optlab.ui.views.OptimizersView;
import org.optlab.ui.views.TrajectoryView;

/** The Lab: optimizers and the loss chart on the left, the trajectory lab filling the rest (70%); no editor area yet. */
public final class LabPerspective implements IPerspectiveFactory {

    public static final String ID = "org.optlab.app.perspective.lab";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        layout.addView(OptimizersView.ID, IPageLayout.LEFT, 0.5f, editorArea);
        layout.addView(TrajectoryView.ID, IPageLayout.RIGHT, 0.3f, OptimizersView.ID);
        layout.addView(LossView.ID, IPageLayout.BOTTOM, 0.55f, OptimizersView.ID);
    }
}
