package org.optlab.ui.views;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.guide.Guide;
import org.optlab.runner.guide.GuideRun;
import org.optlab.runner.guide.Guides;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.internal.training.RunExperimentHandler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The guided experiments: pick a guide to read its steps, open a step's experiment in the lab (a surface race in
 * the Trajectories view, a training run in the Runs view), or run the whole guide in the background and read what
 * to look at, with the numbers its runs produced (kept in the workspace's guides folder).
 */
public final class GuidesView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.guides";
    public static final Object JOB_FAMILY = GuidesView.class;

    private final List<Guide> guides = Guides.all();
    private org.eclipse.swt.widgets.List list;
    private Combo steps;
    private Text text;

    @Override
    public void createPartControl(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        list = new org.eclipse.swt.widgets.List(sash, SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL);
        guides.forEach(g -> list.add(g.title()));
        list.addListener(SWT.Selection, e -> showGuide());
        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(4, false));
        steps = new Combo(right, SWT.READ_ONLY);
        steps.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button open = new Button(right, SWT.PUSH);
        open.setText("Open step");
        open.setToolTipText("Open the step's experiment in the lab");
        open.addListener(SWT.Selection, e -> openStep());
        Button run = new Button(right, SWT.PUSH);
        run.setText("Run guide");
        run.setToolTipText("Run every step in the background, then show what to look at with the numbers");
        run.addListener(SWT.Selection, e -> runGuide());
        new org.eclipse.swt.widgets.Label(right, SWT.NONE);
        text = new Text(right, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL | SWT.BORDER);
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        sash.setWeights(30, 70);
        list.select(0);
        showGuide();
    }

    private Guide selected() {
        return guides.get(Math.max(0, list.getSelectionIndex()));
    }

    private void showGuide() {
        Guide guide = selected();
        steps.removeAll();
        StringBuilder b = new StringBuilder(guide.title()).append("\n\n").append(guide.summary()).append("\n");
        for (int i = 0; i < guide.steps().size(); i++) {
            steps.add((i + 1) + ". " + guide.steps().get(i).title());
            b.append("\n").append(i + 1).append(". ").append(guide.steps().get(i).title());
        }
        steps.select(0);
        text.setText(b.append("\n\nRun the guide to read what each step shows, with its numbers.").toString());
    }

    /** Opens the selected step's experiment: surface races in the Trajectories view, training in the Runs view. */
    public void openStep() {
        Guide.Step step = selected().steps().get(Math.max(0, steps.getSelectionIndex()));
        try {
            Path file = Files.createTempFile(selected().id() + "-", ".json");
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(step.experiment()));
            RunExperimentHandler.run(file, getSite().getPage());
        } catch (IOException | org.eclipse.ui.PartInitException | RuntimeException e) {
            MessageDialog.openError(getSite().getShell(), "Open step", e.getMessage());
        }
    }

    /** Runs the selected guide in a job and shows its text when it is done. */
    public void runGuide() {
        Guide guide = selected();
        Path out = Lab.runs().root().resolveSibling("guides").resolve(guide.id() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        text.setText("Running " + guide.title() + "...");
        var display = text.getDisplay();
        Job job = Job.create("Running the guide " + guide.title(), monitor -> {
            StringWriter result = new StringWriter();
            try {
                GuideRun.run(guide, OptimizerRegistry.fromExtensions(), DatasetRegistry.fromExtensions(), out,
                        new PrintWriter(result));
            } catch (IOException | RuntimeException e) {
                result.append("\n\nThe guide failed: ").append(e.getMessage());
            }
            display.asyncExec(() -> {
                if (!text.isDisposed()) {
                    text.setText(result.toString());
                }
            });
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }

    /** Selects guide {@code index} (for tests). */
    public void select(int index) {
        list.select(index);
        showGuide();
    }

    /** The text shown (for tests). */
    public String text() {
        return text.getText();
    }

    @Override
    public void setFocus() {
        list.setFocus();
    }
}
