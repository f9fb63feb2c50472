package org.optlab.app.internal;

import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.optlab.ui.internal.editor.TrainingExperimentEditor;
import org.optlab.ui.views.TrainingChartsView;

/**
 * The lab window: its size, title and bars, and an editor area that gives its space back when it is empty. A training
 * experiment's editor brings the Training Charts to the front of the views below it: they show what it runs.
 */
final class LabWindowAdvisor extends WorkbenchWindowAdvisor {

    LabWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new LabActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        Display display = Display.getCurrent();
        configurer.setInitialSize(display == null ? new Point(1280, 800)
                : LabPerspective.initialWindowSize(display.getPrimaryMonitor().getClientArea()));
        configurer.setShowCoolBar(false);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setTitle(Messages.LabWindowAdvisor_title);
    }

    @Override
    public void postWindowOpen() {
        getWindowConfigurer().getWindow().getShell().setMinimumSize(LabPerspective.WINDOW_MINIMUM);
        getWindowConfigurer().getWindow().getPartService().addPartListener(new IPartListener2() {
            @Override
            public void partOpened(IWorkbenchPartReference part) {
                IWorkbenchPage page = part.getPage();
                if (part instanceof IEditorReference && page != null && TrainingExperimentEditor.ID.equals(part
                        .getId())) {
                    try {
                        // VIEW_VISIBLE alone leaves it behind when the active part shares its stack
                        page.bringToTop(page.showView(TrainingChartsView.ID, null, IWorkbenchPage.VIEW_CREATE));
                    } catch (PartInitException e) {
                        // the charts stay as they were: nothing the user asked for failed
                    }
                }
            }

            @Override
            public void partClosed(IWorkbenchPartReference part) {
                IWorkbenchPage page = part.getPage();
                if (part instanceof IEditorReference && page != null && page.getEditorReferences().length == 0) {
                    page.setEditorAreaVisible(false); // the charts below take the whole side again
                }
            }
        });
    }
}
