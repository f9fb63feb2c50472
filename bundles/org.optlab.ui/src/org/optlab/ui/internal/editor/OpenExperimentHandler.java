package org.optlab.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.SurfaceExperiment;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.ui.views.TrajectoryView;

import com.fasterxml.jackson.databind.JsonNode;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * File > Open Experiment... (Ctrl+O): a training experiment opens in its editor, a sweep in the sweep editor, a surface
 * experiment in the Trajectories view.
 */
public final class OpenExperimentHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShell(event), SWT.OPEN);
        dialog.setText(Messages.OpenExperimentHandler_title);
        dialog.setFilterExtensions(new String[] { "*.json", "*" });
        String chosen = dialog.open();
        if (chosen != null) {
            IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindow(event).getActivePage();
            try {
                open(Path.of(chosen), page);
            } catch (IOException | PartInitException e) {
                MessageDialog.openError(page.getWorkbenchWindow().getShell(), Messages.OpenExperimentHandler_title,
                        NLS.bind(Messages.OpenExperimentHandler_cannotOpen, chosen, e.getMessage()));
            } catch (ExperimentException e) {
                MessageDialog.openError(page.getWorkbenchWindow().getShell(), Messages.OpenExperimentHandler_title,
                        NLS.bind(Messages.OpenExperimentHandler_invalid, chosen, e.getMessage()));
            }
        }
        return null;
    }

    /**
     * Opens an experiment or sweep file where it belongs; returns the editor for a training experiment or a sweep (an
     * object with an "experiment"), else null.
     */
    public static IEditorPart open(Path file, IWorkbenchPage page) throws IOException, PartInitException {
        JsonNode json = ExperimentFiles.read(file);
        if (json != null && json.isObject() && json.has("experiment")) {
            page.setEditorAreaVisible(true);
            return page.openEditor(new ExperimentEditorInput(file), SweepEditor.ID);
        }
        if (json != null && TrainingExperiment.isTrainingExperiment(json)) {
            page.setEditorAreaVisible(true);
            return page.openEditor(new ExperimentEditorInput(file),
                    TrainingExperimentEditor.ID);
        }
        if (json != null && SurfaceExperiment.isSurfaceExperiment(json)) {
            ((TrajectoryView) page.showView(TrajectoryView.ID)).openExperiment(file);
            return null;
        }
        throw new IOException(Messages.OpenExperimentHandler_notExperiment);
    }
}
