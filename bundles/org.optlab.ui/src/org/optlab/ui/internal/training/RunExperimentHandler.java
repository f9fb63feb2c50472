package org.optlab.ui.internal.training;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.SurfaceExperiment;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.views.RunsView;
import org.optlab.ui.views.TrainingChartsView;
import org.optlab.ui.views.TrajectoryView;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.osgi.util.NLS;
import org.optlab.ui.internal.Messages;

/**
 * File > Run Experiment... (Ctrl+R): a training experiment starts as a run of the workspace (Runs and Training
 * Charts views show it); a surface experiment opens in the Trajectories view.
 */
public final class RunExperimentHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShell(event), SWT.OPEN);
        dialog.setText(Messages.RunExperimentHandler_title);
        dialog.setFilterExtensions(new String[] { "*.json", "*" });
        String chosen = dialog.open();
        if (chosen != null) {
            IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindow(event).getActivePage();
            try {
                run(Path.of(chosen), page);
            } catch (IOException | PartInitException | RuntimeException e) {
                MessageDialog.openError(page.getWorkbenchWindow().getShell(), Messages.RunExperimentHandler_title,
                        NLS.bind(Messages.RunExperimentHandler_cannotRun, chosen, e.getMessage()));
            }
        }
        return null;
    }

    /** Runs an experiment file; returns the training run it started, or null for a surface experiment. */
    public static StoredRun run(Path file, IWorkbenchPage page) throws IOException, PartInitException {
        JsonNode json = ExperimentFiles.read(file);
        if (json != null && TrainingExperiment.isTrainingExperiment(json)) {
            JsonNode runnable = Lab.runnable(page.getWorkbenchWindow().getShell(), json);
            if (runnable == null) {
                return null;
            }
            StoredRun run = Lab.runs().submit(runnable);
            page.showView(RunsView.ID);
            page.showView(TrainingChartsView.ID);
            return run;
        }
        if (json != null && SurfaceExperiment.isSurfaceExperiment(json)) {
            ((TrajectoryView) page.showView(TrajectoryView.ID)).openExperiment(file);
            return null;
        }
        throw new IOException("not an experiment: expected an object with \"dataset\" (training) or \"surface\"");
    }
}
