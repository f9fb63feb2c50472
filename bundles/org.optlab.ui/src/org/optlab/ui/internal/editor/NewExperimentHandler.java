package org.optlab.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * File > New Training Experiment... (Ctrl+Shift+N): a new experiment file with sensible defaults (an MLP on the embedded
 * Fashion-MNIST subset, Adam against momentum, 3 epochs), opened in the editor.
 */
public final class NewExperimentHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShell(event), SWT.SAVE);
        dialog.setText("New Training Experiment");
        dialog.setFilterExtensions(new String[] { "*.json" });
        dialog.setFileName("experiment.json");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null) {
            IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindow(event).getActivePage();
            try {
                create(Path.of(chosen), page);
            } catch (IOException | PartInitException e) {
                MessageDialog.openError(page.getWorkbenchWindow().getShell(), "New Training Experiment",
                        "Cannot create " + chosen + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** Writes a default training experiment to {@code file} and opens it. */
    public static TrainingExperimentEditor create(Path file, IWorkbenchPage page) throws IOException, PartInitException {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(TrainingForm.defaultDocument(name)) + "\n");
        return OpenExperimentHandler.open(file, page);
    }
}
