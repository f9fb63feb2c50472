package org.optlab.app.internal;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.internal.training.Problems;
import org.optlab.ui.internal.training.RunsOnClose;
import org.optlab.ui.views.RunsView;
import org.eclipse.osgi.util.NLS;

/**
 * Opens the Lab perspective in a window titled OptLab. At start it opens the run store in the background, so runs an
 * earlier session left running are re-attached and shown; at close it asks what to do with runs still going.
 */
final class LabWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(false);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return LabPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new LabWindowAdvisor(configurer);
    }

    @Override
    public void postStartup() {
        var display = getWorkbenchConfigurer().getWorkbench().getDisplay();
        Job open = Job.create(Messages.LabWorkbenchAdvisor_opening, monitor -> {
            boolean reattached;
            try {
                reattached = Lab.runs().runs().stream().anyMatch(r -> r.status() == StoredRun.Status.RUNNING);
            } catch (RuntimeException e) {
                Problems.report(NLS.bind(Messages.LabWorkbenchAdvisor_cannotOpen, e.getMessage()), e);
                return Status.OK_STATUS;
            }
            if (reattached) {
                display.asyncExec(this::showRuns);
            }
            return Status.OK_STATUS;
        });
        open.setSystem(true);
        open.schedule();
    }

    private void showRuns() {
        IWorkbenchWindow window = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
        if (window != null && window.getActivePage() != null) {
            try {
                window.getActivePage().showView(RunsView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            } catch (PartInitException e) {
                Problems.report(NLS.bind(Messages.LabWorkbenchAdvisor_cannotShowRuns, e.getMessage()), e);
            }
        }
    }

    @Override
    public boolean preShutdown() {
        IWorkbenchWindow window = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
        return RunsOnClose.confirm(window == null ? null : window.getShell());
    }
}
