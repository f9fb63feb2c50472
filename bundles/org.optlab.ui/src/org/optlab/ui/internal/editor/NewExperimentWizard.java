package org.optlab.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.ui.internal.trajectory.ExperimentForm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * File > New > Experiment: a training experiment (dataset and model to start from) or a surface experiment (a test
 * surface), written as a file with sensible defaults and opened where it is edited.
 */
public final class NewExperimentWizard extends Wizard implements INewWizard {

    private Page page;

    public NewExperimentWizard() {
        setWindowTitle(Messages.NewExperimentWizard_title);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
    }

    @Override
    public void addPages() {
        page = new Page();
        addPage(page);
    }

    /**
     * Fills the page as a user would (for tests): {@code choice} is the dataset of a training experiment or the
     * surface of a surface experiment. Returns the page's error message (null when it can finish).
     */
    public String fill(String name, Path folder, boolean trainingExperiment, String choice) {
        page.fields.name.setText(name);
        page.fields.folder.setText(folder.toString());
        page.training.setSelection(trainingExperiment);
        page.race.setSelection(!trainingExperiment);
        (trainingExperiment ? page.dataset : page.surface).select((trainingExperiment ? page.dataset : page.surface)
                .indexOf(choice));
        page.update();
        return page.getErrorMessage();
    }

    @Override
    public boolean performFinish() {
        Path file = page.file();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(page.document()) + "\n");
            OpenExperimentHandler.open(file, PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage());
            return true;
        } catch (IOException | PartInitException e) {
            page.setErrorMessage(NLS.bind(Messages.NewExperimentWizard_cannotCreate, file, e.getMessage()));
            return false;
        }
    }

    /** Name, folder, kind, and what the experiment starts from. */
    private static final class Page extends WizardPage {

        private NameAndFolder fields;
        private Button training;
        private Button race;
        private Combo dataset;
        private Combo model;
        private Combo surface;
        private final List<String> datasets = DatasetRegistry.fromExtensions().ids();

        Page() {
            super("experiment", Messages.NewExperimentWizard_title, null);
            setDescription(Messages.NewExperimentWizard_description);
        }

        @Override
        public void createControl(Composite parent) {
            Composite body = new Composite(parent, SWT.NONE);
            body.setLayout(new GridLayout(3, false));
            fields = new NameAndFolder(body, Messages.NewExperimentWizard_name, "experiment",
                    Messages.NewExperimentWizard_folder, this::update);
            training = radio(body, Messages.NewExperimentWizard_training, true);
            dataset = combo(body, Messages.NewExperimentWizard_dataset, datasets, datasets.indexOf("fashion-mnist"));
            model = combo(body, Messages.NewExperimentWizard_model, TrainingForm.MODELS, 1);
            race = radio(body, Messages.NewExperimentWizard_surfaceExperiment, false);
            surface = combo(body, Messages.NewExperimentWizard_surface,
                    Surfaces.all().stream().map(Surface::id).toList(), 4);
            training.addListener(SWT.Selection, e -> update());
            race.addListener(SWT.Selection, e -> update());
            setControl(body);
            update();
        }

        private Button radio(Composite body, String label, boolean selected) {
            Button b = new Button(body, SWT.RADIO);
            b.setText(label);
            b.setSelection(selected);
            b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
            return b;
        }

        private Combo combo(Composite body, String label, List<String> items, int selected) {
            new Label(body, SWT.NONE).setText("    " + label);
            Combo c = new Combo(body, SWT.READ_ONLY);
            items.forEach(c::add);
            c.select(Math.max(0, selected));
            c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            return c;
        }

        private void update() {
            dataset.setEnabled(training.getSelection());
            model.setEnabled(training.getSelection());
            surface.setEnabled(!training.getSelection());
            String problem = fields.problem();
            setErrorMessage(problem);
            setPageComplete(problem == null);
        }

        Path file() {
            return fields.file();
        }

        ObjectNode document() {
            if (training.getSelection()) {
                ObjectNode d = TrainingForm.defaultDocument(fields.name.getText().trim());
                d.putObject("dataset").put("id", dataset.getText());
                if (dataset.getText().equals("fashion-mnist")) {
                    ((ObjectNode) d.get("dataset")).put("subset", "embedded");
                }
                ObjectNode m = d.putObject("model").put("id", model.getText());
                if (model.getText().equals("mlp")) {
                    m.putArray("hidden").add(256);
                }
                return d;
            }
            ObjectNode d = ExperimentForm.defaultDocument();
            d.put("name", fields.name.getText().trim());
            d.putObject("surface").put("id", surface.getText());
            return d;
        }
    }
}
