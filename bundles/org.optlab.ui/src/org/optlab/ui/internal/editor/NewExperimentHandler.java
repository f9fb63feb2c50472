package org.optlab.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * File > New Experiment... (Ctrl+Shift+N): the {@link NewExperimentWizard}; {@link #create} makes a training experiment
 * with the defaults (an MLP on the embedded Fashion-MNIST subset, Adam against momentum, 3 epochs) without asking.
 */
public final class NewExperimentHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        new WizardDialog(HandlerUtil.getActiveShell(event), new NewExperimentWizard()).open();
        return null;
    }

    /** Writes a default training experiment to {@code file} and opens it. */
    public static TrainingExperimentEditor create(Path file, IWorkbenchPage page) throws IOException, PartInitException {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(TrainingForm.defaultDocument(name)) + "\n");
        return (TrainingExperimentEditor) OpenExperimentHandler.open(file, page);
    }
}
