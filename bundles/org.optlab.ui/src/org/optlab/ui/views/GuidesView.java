package org.optlab.ui.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.optlab.runner.guide.Guide;
import org.optlab.runner.experiment.SurfaceExperiment;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.guide.Guides;
import org.optlab.ui.internal.training.GuideJob;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.internal.training.Problems;
import org.optlab.ui.internal.training.RunExperimentHandler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * The guided experiments: pick a guide to read its steps, open a step's experiment in the lab (a surface race in
 * the Trajectories view, a training run in the Runs view), or run the whole guide in the background and read what
 * to look at, with the numbers its runs produced (kept in the workspace's guides folder).
 */
public final class GuidesView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.guides";
    public static final Object JOB_FAMILY = GuideJob.FAMILY;

    private final List<Guide> guides = Guides.all();
    private org.eclipse.swt.widgets.List list;
    private Combo steps;
    private Text text;
    private Button stop;
    /** The width the step, its buttons and its text need beside the list of guides (pixels). */
    private static final int STEP_WIDTH = 360;

    private SashForm sash;
    private GuideJob running;
    /** The last run of each guide that ended well, by guide id: Open step shows its results instead of running again. */
    private final java.util.Map<String, GuideJob> ran = new java.util.HashMap<>();

    @Override
    public void createPartControl(Composite parent) {
        sash = new SashForm(parent, SWT.HORIZONTAL);
        list = new org.eclipse.swt.widgets.List(sash, SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL);
        guides.forEach(g -> list.add(g.title()));
        list.addListener(SWT.Selection, e -> showGuide());
        // the step and the buttons on rows of their own, scrolling rather than squeezed when the view is narrow
        ScrolledComposite scroll = new ScrolledComposite(sash, SWT.H_SCROLL | SWT.V_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        Composite right = new Composite(scroll, SWT.NONE);
        scroll.setContent(right);
        right.setLayout(new GridLayout(3, false));
        steps = new Combo(right, SWT.READ_ONLY);
        steps.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        Button open = new Button(right, SWT.PUSH);
        open.setText(Messages.GuidesView_openStep);
        open.setToolTipText(Messages.GuidesView_openStepTip);
        open.addListener(SWT.Selection, e -> openStep());
        Button run = new Button(right, SWT.PUSH);
        run.setText(Messages.GuidesView_runGuide);
        run.setToolTipText(Messages.GuidesView_runGuideTip);
        run.addListener(SWT.Selection, e -> runGuide());
        stop = new Button(right, SWT.PUSH);
        stop.setText(Messages.GuidesView_stopGuide);
        stop.setToolTipText(Messages.GuidesView_stopGuideTip);
        stop.setEnabled(false);
        stop.addListener(SWT.Selection, e -> {
            if (running != null) {
                running.cancel();
            }
        });
        text = new Text(right, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL | SWT.BORDER);
        GridData textData = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        textData.widthHint = 100; // wraps to the width there is
        textData.heightHint = 100;
        text.setLayoutData(textData);
        // narrower than the three buttons, the side scrolls
        scroll.setMinSize(right.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        sash.setWeights(30, 70);
        // side by side only where the titles fit beside the text; in the lab's narrow column, one above the other
        int titles = list.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
        sash.addListener(SWT.Resize, e -> {
            int orientation = sash.getSize().x >= titles + STEP_WIDTH ? SWT.HORIZONTAL : SWT.VERTICAL;
            if (sash.getOrientation() != orientation) {
                sash.setOrientation(orientation);
                sash.setWeights(orientation == SWT.HORIZONTAL ? new int[] { 30, 70 } : new int[] { 35, 65 });
            }
        });
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
        text.setText(b.append("\n\n").append(Messages.GuidesView_runToRead).toString());
    }

    /** Asks whether to replace the unsaved race (true: replace); tests answer it themselves. */
    private Predicate<String> replaceUnsaved = question -> new MessageDialog(getSite().getShell(),
            Messages.GuidesView_openStep, null, question, MessageDialog.QUESTION, 0, Messages.GuidesView_replace,
            Messages.GuidesView_cancel).open() == 0;

    /** Answers "replace the unsaved race?" with {@code answer} instead of asking (for tests). */
    public void setReplaceQuestion(Predicate<String> answer) {
        replaceUnsaved = answer;
    }

    /**
     * Opens the selected step's experiment: surface races in the Trajectories view (asking first when the race
     * there has unsaved edits), training in the Runs view, sweeps in the Sweep view; once the guide has run here, a
     * training step or a sweep shows what that run made instead of running again. The lab comes back to its normal
     * layout first, so that a maximized view (this one, say) does not leave the step in a small overlay. Returns false
     * when cancelled.
     */
    public boolean openStep() {
        Guide.Step step = selected().steps().get(Math.max(0, steps.getSelectionIndex()));
        IWorkbenchPage page = getSite().getPage();
        if (SurfaceExperiment.isSurfaceExperiment(step.experiment())
                && page.findView(TrajectoryView.ID) instanceof TrajectoryView race && race.unsaved()
                && !replaceUnsaved.test(NLS.bind(Messages.GuidesView_replaceQuestion,
                        step.title()))) {
            return false;
        }
        restoreLayout(page);
        try {
            if (showResults(page, step)) {
                return true;
            }
            Path file = Files.createTempFile(selected().id() + "-", ".json");
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(step.experiment()));
            if (step.experiment().has("experiment")) { // a sweep: run in the Sweep view
                org.optlab.ui.internal.training.RunSweepHandler.run(file, org.optlab.ui.internal.training
                        .RunSweepHandler.defaultFolder(file), page);
            } else {
                RunExperimentHandler.run(file, page);
            }
            return true;
        } catch (IOException | org.eclipse.ui.PartInitException | RuntimeException e) {
            MessageDialog.openError(getSite().getShell(), Messages.GuidesView_openStep, e.getMessage());
            return false;
        }
    }

    /**
     * Shows what the guide's last run made of a training step or a sweep (its run in Training Charts, its folder in
     * the Sweep view) rather than running it again; false when it has not run here (surface races run at once).
     */
    private boolean showResults(IWorkbenchPage page, Guide.Step step) throws org.eclipse.ui.PartInitException {
        GuideJob last = ran.get(selected().id());
        if (last == null) {
            return false;
        }
        if (step.experiment().has("experiment")) {
            Path folder = org.optlab.runner.guide.GuideRun.stepFolder(last.out(), selected().steps().indexOf(step),
                    step);
            if (!Files.isRegularFile(folder.resolve("sweep.json"))) {
                return false;
            }
            ((SweepView) page.showView(SweepView.ID)).open(folder);
            return true;
        }
        var run = last.runOf(step.experiment()).filter(r -> r.status() == org.optlab.runner.store.StoredRun.Status
                .FINISHED);
        if (run.isEmpty()) {
            return false;
        }
        ((TrainingChartsView) page.showView(TrainingChartsView.ID)).showRuns(List.of(run.get()));
        return true;
    }

    /** Un-maximizes whatever part is maximized, which brings the minimized ones back too. */
    private static void restoreLayout(IWorkbenchPage page) {
        List<IWorkbenchPartReference> parts = new java.util.ArrayList<>(List.of(page.getViewReferences()));
        parts.addAll(List.of(page.getEditorReferences()));
        for (IWorkbenchPartReference part : parts) {
            if (page.getPartState(part) == IWorkbenchPage.STATE_MAXIMIZED) {
                page.setPartState(part, IWorkbenchPage.STATE_RESTORED);
            }
        }
    }

    /**
     * Runs the selected guide in a job (its training steps as runs of the store, in child processes) and shows its
     * text when it is done; Stop guide, or cancelling the job, stops it.
     */
    public GuideJob runGuide() {
        Guide guide = selected();
        Path out = Lab.runs().root().resolveSibling("guides").resolve(guide.id() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean training = guide.steps().stream()
                .anyMatch(s -> TrainingExperiment.isTrainingExperiment(s.experiment()));
        text.setText(NLS.bind(Messages.GuidesView_running, guide.title())
                + (training ? "\n\n" + Messages.GuidesView_runsAppear : ""));
        var display = text.getDisplay();
        GuideJob job = new GuideJob(guide, Lab.runs(), out, result -> display.asyncExec(() -> {
            if (!text.isDisposed()) {
                text.setText(result);
            }
        }));
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                display.asyncExec(() -> {
                    if (running == job) {
                        running = null;
                    }
                    if (event.getResult().isOK()) {
                        ran.put(guide.id(), job);
                    }
                    if (!stop.isDisposed()) {
                        stop.setEnabled(running != null);
                    }
                });
            }
        });
        if (running != null) {
            running.cancel(); // one guide at a time in this view
        }
        running = job;
        stop.setEnabled(true);
        job.schedule();
        if (training) {
            try {
                getSite().getPage().showView(RunsView.ID, null, org.eclipse.ui.IWorkbenchPage.VIEW_VISIBLE);
            } catch (org.eclipse.ui.PartInitException e) {
                Problems.report(NLS.bind(Messages.GuidesView_cannotShowRuns, e.getMessage()), e);
            }
        }
        return job;
    }

    /** Selects guide {@code index} (for tests). */
    public void select(int index) {
        list.select(index);
        showGuide();
    }

    /** Whether the list of guides sits beside the step and its text (else above them). */
    public boolean sideBySide() {
        return sash.getOrientation() == SWT.HORIZONTAL;
    }

    /** Whether a guide is running here (Stop guide is enabled). */
    public boolean guideRunning() {
        return running != null;
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
