package org.optlab.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.trajectory.ExperimentForm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * File &gt; New &gt; Sweep: a sweep file written from one of two starting points and opened in the {@link SweepEditor}: a
 * training sweep (softmax on the embedded Fashion-MNIST subset; SGD, momentum and Adam with lr on a log grid; 3 seeds)
 * or a surface sweep (momentum on Rosenbrock over lr x momentum: the stability map).
 */
public final class NewSweepWizard extends Wizard implements INewWizard {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private Page page;
    private IEditorPart opened;

    public NewSweepWizard() {
        setWindowTitle(Messages.NewSweepWizard_title);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
    }

    @Override
    public void addPages() {
        page = new Page();
        addPage(page);
    }

    /** Fills the page as a user would (for tests); returns the page's error message (null when it can finish). */
    public String fill(String name, Path folder, boolean training) {
        page.fields.name.setText(name);
        page.fields.folder.setText(folder.toString());
        page.training.setSelection(training);
        page.surface.setSelection(!training);
        page.update();
        return page.getErrorMessage();
    }

    /** The editor Finish opened (null before). */
    public IEditorPart opened() {
        return opened;
    }

    @Override
    public boolean performFinish() {
        Path file = page.file();
        try {
            Files.createDirectories(file.getParent());
            String name = page.fields.name.getText().trim();
            ObjectNode sweep = page.training.getSelection() ? trainingSweep(name) : surfaceSweep(name);
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(sweep) + "\n");
            opened = OpenExperimentHandler.open(file, PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                    .getActivePage());
            return true;
        } catch (IOException | PartInitException e) {
            page.setErrorMessage(NLS.bind(Messages.NewSweepWizard_cannotCreate, file, e.getMessage()));
            return false;
        }
    }

    /** Softmax on the embedded Fashion-MNIST subset; SGD, momentum and Adam, lr on a 5-point log grid; 3 seeds. */
    static ObjectNode trainingSweep(String name) {
        ObjectNode sweep = JSON.objectNode().put("name", name);
        ObjectNode experiment = sweep.putObject("experiment").put("name", name);
        experiment.putObject("dataset").put("id", "fashion-mnist").put("subset", "embedded");
        experiment.putObject("model").put("id", "softmax");
        experiment.put("epochs", 3).put("batch_size", 128);
        ArrayNode optimizers = sweep.putArray("optimizers");
        for (String id : new String[] { "sgd", "momentum", "adam" }) {
            logGrid(optimizers.addObject().put("id", id).putObject("search"), "lr", 1e-4, 1, 5);
        }
        sweep.putObject("objective").put("metric", "final_test_accuracy").put("goal", "max");
        sweep.putObject("tuning").putArray("seeds").add(42);
        sweep.putArray("seeds").add(1).add(2).add(3);
        sweep.putObject("engine").put("id", "local");
        return sweep;
    }

    /** Momentum on Rosenbrock over lr (log) x momentum (linear): a two-axis sweep, drawn as a stability map. */
    static ObjectNode surfaceSweep(String name) {
        ObjectNode sweep = JSON.objectNode().put("name", name);
        ObjectNode experiment = ExperimentForm.defaultDocument();
        experiment.put("name", name);
        experiment.remove("optimizers");
        sweep.set("experiment", experiment);
        ObjectNode search = sweep.putArray("optimizers").addObject().put("id", "momentum").putObject("search");
        logGrid(search, "lr", 1e-5, 1e-2, 13);
        ObjectNode momentum = search.putObject("momentum");
        momentum.putArray("linear").add(0.0).add(0.99);
        momentum.put("points", 12);
        sweep.putObject("objective").put("metric", "final_loss").put("goal", "min");
        sweep.putObject("engine").put("id", "local");
        return sweep;
    }

    private static void logGrid(ObjectNode search, String name, double lo, double hi, int points) {
        ObjectNode axis = search.putObject(name);
        axis.putArray("log").add(lo).add(hi);
        axis.put("points", points);
    }

    /** Name, folder and starting point. */
    private static final class Page extends WizardPage {

        private NameAndFolder fields;
        private Button training;
        private Button surface;

        Page() {
            super("sweep", Messages.NewSweepWizard_title, null);
            setDescription(Messages.NewSweepWizard_description);
        }

        @Override
        public void createControl(Composite parent) {
            Composite body = new Composite(parent, SWT.NONE);
            body.setLayout(new GridLayout(3, false));
            fields = new NameAndFolder(body, Messages.NewSweepWizard_name, "sweep", Messages.NewSweepWizard_folder,
                    this::update);
            Label start = new Label(body, SWT.NONE);
            start.setText(Messages.NewSweepWizard_start);
            start.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
            training = radio(body, Messages.NewSweepWizard_training, true);
            surface = radio(body, Messages.NewSweepWizard_surface, false);
            setControl(body);
            update();
        }

        private Button radio(Composite body, String label, boolean selected) {
            Button b = new Button(body, SWT.RADIO);
            b.setText(label);
            b.setSelection(selected);
            GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
            data.horizontalIndent = 12;
            b.setLayoutData(data);
            return b;
        }

        private void update() {
            String problem = fields.problem();
            setErrorMessage(problem);
            setPageComplete(problem == null);
        }

        Path file() {
            return fields.file();
        }
    }
}
