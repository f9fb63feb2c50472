package org.optlab.ui.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.plot.FrameRenderer;
import org.optlab.plot.GifAnimation;
import org.optlab.plot.MeshRenderer;
import org.optlab.plot.Scene;
import org.optlab.plot.View;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.SurfaceExperiment;
import org.optlab.runner.experiment.TrajectoryResults;
import org.optlab.runner.sweep.LearningRateTuner;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;
import org.optlab.runner.trajectory.TrajectoryScenes;
import org.optlab.ui.internal.training.FileJob;
import org.optlab.ui.internal.training.Problems;
import org.optlab.ui.internal.forms.FormHistory;
import org.optlab.ui.internal.forms.JsonForm;
import org.optlab.ui.internal.trajectory.ExperimentForm;
import org.optlab.ui.internal.trajectory.GifExportDialog;
import org.optlab.ui.internal.trajectory.ViewNames;
import org.optlab.ui.internal.trajectory.FrameCanvas;
import org.optlab.ui.internal.trajectory.LossChart;
import org.optlab.ui.internal.trajectory.PlaybackBar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * The trajectory lab: a surface experiment's form on the left; on the right the race in the 2-D, 3-D or 1-D view,
 * the loss of every trajectory against step below it, and one playback bar that drives both. Every edit of the form
 * re-runs the race in a job and redraws; frames are drawn on a render thread. The view's toolbar opens and saves
 * experiment files (the format of {@code optlab run}) and exports the frame (PNG), the race (animated GIF) or the
 * trajectories (CSV), each in a job, to a file named after the experiment by default. Edits are undone and redone
 * with Edit &gt; Undo / Redo while the view is active.
 */
public final class TrajectoryView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.trajectories";
    public static final Object JOB_FAMILY = TrajectoryView.class;
    /** Edits arriving within this time re-run once. */
    private static final int DEBOUNCE_MS = 120;
    /** Lower than this the race's side scrolls (room for the picture, the loss chart and the playback bar). */
    private static final int MIN_RACE_HEIGHT = 360;

    private final OptimizerRegistry registry = OptimizerRegistry.fromExtensions();
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private ExperimentForm form;
    private FrameCanvas canvas;
    private LossChart chart;
    /** One colour per optimizer label for as long as the label is in the race. */
    private final org.optlab.plot.LabelColours colours = new org.optlab.plot.LabelColours();
    private PlaybackBar playback;
    private Label status;
    private final Map<View, Button> viewButtons = new EnumMap<>(View.class);
    private View view = View.PLAN;
    private SurfaceExperiment experiment;
    private List<Trajectory> trajectories = List.of();
    private Scene scene;
    private Job race;
    private String lastExport = "";
    private FormHistory history;
    /** The document as last opened or saved (the default race counts as saved). */
    private ObjectNode savedRace;
    /** The folder of the last export (where the next one is proposed). */
    private Path exportFolder = Path.of(System.getProperty("user.home"));
    /** Said once after the next race, e.g. the learning rate a tuning chose. */
    private String note;

    @Override
    public void createPartControl(Composite parent) {
        SashForm sides = new SashForm(parent, SWT.HORIZONTAL);
        form = new ExperimentForm(sides, registry, this::rerun, this::tuneLearningRate);
        history = new FormHistory("Trajectories", form::document, restored -> {
            form.setDocument(restored);
            rerun();
        });
        form.setHistory(history);
        // the race's side scrolls, rather than clipping its controls, when the view is smaller than they need
        ScrolledComposite rightScroll = new ScrolledComposite(sides, SWT.H_SCROLL | SWT.V_SCROLL);
        rightScroll.setExpandHorizontal(true);
        rightScroll.setExpandVertical(true);
        Composite right = new Composite(rightScroll, SWT.NONE);
        rightScroll.setContent(right);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        right.setLayout(layout);
        createViewSwitch(right);
        status = new Label(right, SWT.WRAP);
        GridData statusData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        statusData.widthHint = 100; // wraps to the width the view has, however long the text
        statusData.horizontalIndent = 5;
        status.setLayoutData(statusData);
        SashForm stack = new SashForm(right, SWT.VERTICAL);
        stack.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new FrameCanvas(stack);
        chart = new LossChart(stack);
        stack.setWeights(72, 28);
        playback = new PlaybackBar(right);
        playback.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        rightScroll.setMinSize(playback.control().computeSize(SWT.DEFAULT, SWT.DEFAULT).x, MIN_RACE_HEIGHT);
        playback.addListener(step -> {
            canvas.setStep(step);
            chart.setStep(step);
        });
        sides.setWeights(32, 68);
        createToolbar(getViewSite().getActionBars().getToolBarManager());
        history.install(getSite(), getViewSite().getActionBars());
        show(ExperimentForm.defaultDocument());
    }

    private void createViewSwitch(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        row.setLayout(new GridLayout(View.values().length, false));
        for (View v : View.values()) {
            Button b = new Button(row, SWT.RADIO);
            b.setText(ViewNames.name(v));
            b.setToolTipText(ViewNames.tip(v));
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    setView(v);
                }
            });
            viewButtons.put(v, b);
        }
    }

    private void createToolbar(IToolBarManager toolbar) {
        toolbar.add(action(Messages.TrajectoryView_open, Messages.TrajectoryView_openTip, () -> {
            String file = chooseFile(SWT.OPEN, "*.json", null);
            if (file != null) {
                openExperiment(Path.of(file));
            }
        }));
        toolbar.add(action(Messages.TrajectoryView_save, Messages.TrajectoryView_saveTip, () -> {
            String file = chooseFile(SWT.SAVE, "*.json", defaultFileName("json"));
            if (file != null) {
                report(() -> saveExperiment(Path.of(file)), file);
            }
        }));
        toolbar.add(new Separator());
        toolbar.add(action(Messages.TrajectoryView_png, Messages.TrajectoryView_pngTip, () -> {
            String file = chooseFile(SWT.SAVE, "*.png", defaultFileName("png"));
            if (file != null) {
                exportPng(Path.of(file));
            }
        }));
        toolbar.add(action(Messages.TrajectoryView_gif, Messages.TrajectoryView_gifTip, this::askForGif));
        toolbar.add(action(Messages.TrajectoryView_csv, Messages.TrajectoryView_csvTip, () -> {
            String file = chooseFile(SWT.SAVE, "*.csv", defaultFileName("csv"));
            if (file != null) {
                exportCsv(Path.of(file));
            }
        }));
    }

    /**
     * The file name an export or save proposes: the experiment's name with the extension, e.g.
     * {@code rosenbrock-race.png} (characters a file name should not hold become '-').
     */
    public String defaultFileName(String extension) {
        return FileJob.fileName(form.document().path("name").asText(""), "race", extension);
    }

    private static Action action(String text, String tip, Runnable run) {
        Action action = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        action.setToolTipText(tip);
        return action;
    }

    private String chooseFile(int style, String extension, String name) {
        FileDialog dialog = new FileDialog(getSite().getShell(), style);
        dialog.setFilterExtensions(new String[] { extension, "*" });
        dialog.setOverwrite(true);
        if (name != null) {
            dialog.setFilterPath(exportFolder.toString());
            dialog.setFileName(name);
        }
        return dialog.open();
    }

    private interface FileWork {
        void run() throws IOException;
    }

    private void report(FileWork work, String file) {
        try {
            work.run();
        } catch (IOException | RuntimeException failure) {
            MessageDialog.openError(getSite().getShell(), Messages.TrajectoryView_errorTitle,
                    NLS.bind(Messages.TrajectoryView_cannotWrite, file, failure.getMessage()));
        }
    }

    /** Re-runs the race from the form's document, once per burst of edits. */
    private void rerun() {
        if (race != null) {
            race.cancel();
        }
        JsonNode document = form.document().deepCopy();
        Display display = getSite().getShell().getDisplay();
        race = new Job(Messages.TrajectoryView_running) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                SurfaceExperiment parsed;
                try {
                    parsed = SurfaceExperiment.parse(document, registry);
                } catch (ExperimentException e) {
                    display.asyncExec(() -> showProblem(e.field(), e.getMessage()));
                    return Status.OK_STATUS;
                }
                try {
                    List<Trajectory> result = TrajectoryEngine.run(parsed.surface(), parsed.starts(), parsed.steps(),
                            parsed.noise(), parsed.optimizers(), registry, monitor);
                    display.asyncExec(() -> showRace(parsed, result));
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (RuntimeException e) {
                    display.asyncExec(() -> showProblem(null, e.getMessage()));
                    Problems.report(NLS.bind(Messages.TrajectoryView_failed, parsed.name(), e.getMessage()), e);
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == JOB_FAMILY;
            }
        };
        race.schedule(DEBOUNCE_MS);
    }

    private void showProblem(String field, String message) {
        if (status.isDisposed()) {
            return;
        }
        form.setError(field, message);
        status.setText(Messages.TrajectoryView_notRun);
        status.getParent().layout();
    }

    private void showRace(SurfaceExperiment parsed, List<Trajectory> result) {
        if (status.isDisposed()) {
            return;
        }
        experiment = parsed;
        trajectories = result;
        scene = TrajectoryScenes.of(parsed.name(), parsed.surface(), parsed.optimizers(), result, colours);
        int dimension = parsed.surface().dimension();
        for (Map.Entry<View, Button> e : viewButtons.entrySet()) {
            e.getValue().setEnabled(e.getKey().shows(dimension));
        }
        if (!view.shows(dimension)) {
            view = View.defaultFor(dimension);
        }
        viewButtons.forEach((v, b) -> b.setSelection(v == view));
        canvas.setRenderer(view.renderer(scene));
        chart.setScene(scene);
        playback.setLastStep(scene.lastStep());
        form.setError(null, null);
        long diverged = result.stream().filter(Trajectory::diverged).count();
        status.setText(NLS.bind(Messages.TrajectoryView_raced, new Object[] { result.size(),
                parsed.surface().name(), parsed.steps() })
                + (diverged > 0 ? NLS.bind(Messages.TrajectoryView_diverged, diverged) : "")
                + (note != null ? NLS.bind(Messages.TrajectoryView_note, note) : ""));
        status.setToolTipText(status.getText());
        note = null;
        status.getParent().layout();
    }

    /** Shows the race in {@code next} (when it can show the experiment's surface). */
    public void setView(View next) {
        if (scene != null && !next.shows(scene.surface().dimension())) {
            return;
        }
        view = next;
        viewButtons.forEach((v, b) -> b.setSelection(v == view));
        if (scene != null) {
            canvas.setRenderer(view.renderer(scene));
        }
    }

    /** Tunes the learning rate of optimizer {@code index} in a job, then puts it into the form (which re-runs). */
    public void tuneLearningRate(int index) {
        JsonNode document = form.document().deepCopy();
        Display display = getSite().getShell().getDisplay();
        Job tuning = Job.create(Messages.TrajectoryView_tuning, monitor -> {
            SurfaceExperiment parsed;
            try {
                parsed = SurfaceExperiment.parse(document, registry);
            } catch (ExperimentException e) {
                display.asyncExec(() -> showProblem(e.field(), e.getMessage()));
                return;
            }
            OptimizerEntry entry = parsed.optimizers().get(index);
            Optional<LearningRateTuner.Choice> choice;
            try {
                choice = LearningRateTuner.tune(document, index, registry, monitor);
            } catch (IOException | RuntimeException e) {
                Problems.report(NLS.bind(Messages.TrajectoryView_tuningFailed, entry.label(), e.getMessage()), e);
                return;
            }
            display.asyncExec(() -> {
                if (status.isDisposed()) {
                    return;
                }
                if (choice.isEmpty()) {
                    status.setText(NLS.bind(Messages.TrajectoryView_nothingToTune, entry.label()));
                    return;
                }
                // three significant digits: what a person would type, and what the form, legend and file then show
                double lr = threeDigits(choice.get().lr());
                note = NLS.bind(Messages.TrajectoryView_tuned,
                        new Object[] { entry.label(), HyperParameter.format(lr), parsed.steps(),
                                HyperParameter.format(threeDigits(choice.get().score())) });
                form.setLearningRate(index, lr); // re-runs; the race's status line carries the note
            });
        });
        tuning.setUser(true);
        tuning.schedule();
    }

    /** {@code value} rounded to three significant digits. */
    static double threeDigits(double value) {
        return Double.isFinite(value) ? new java.math.BigDecimal(value).round(new java.math.MathContext(3)).doubleValue()
                : value;
    }

    /** Shows {@code document} as a race just opened: nothing to undo, nothing unsaved. */
    private void show(ObjectNode document) {
        form.setDocument(document);
        history.reset(document);
        savedRace = document.deepCopy();
        rerun();
    }

    /** Whether the race on display has edits that were not saved to a file (the default race has none). */
    public boolean unsaved() {
        return savedRace != null && !JsonForm.same(form.document(), savedRace);
    }

    /** The view's undo history (Edit &gt; Undo and Redo while the view is active). */
    public FormHistory history() {
        return history;
    }

    /** Opens a surface experiment file in the form and runs it. */
    public void openExperiment(Path file) {
        try {
            JsonNode root = ExperimentFiles.read(file);
            if (!SurfaceExperiment.isSurfaceExperiment(root)) {
                throw new IOException(Messages.TrajectoryView_notSurface);
            }
            show((ObjectNode) root);
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(getSite().getShell(), Messages.TrajectoryView_errorTitle,
                    NLS.bind(Messages.TrajectoryView_cannotOpen, file, e.getMessage()));
        }
    }

    /** Saves the form's document, as typed, as an experiment file. */
    public void saveExperiment(Path file) throws IOException {
        Files.writeString(file, mapper.writeValueAsString(form.document()) + "\n");
        savedRace = form.document().deepCopy();
    }

    private void askForGif() {
        GifExportDialog dialog = gifDialog();
        if (dialog != null && dialog.open() == Window.OK) {
            GifExportDialog.Settings chosen = dialog.settings();
            exportGif(chosen.file(), chosen.frames(), chosen.view(), chosen.width(), chosen.height());
        }
    }

    /**
     * The Export GIF dialog, proposing the view shown at the canvas's size, 60 frames and a file named after the
     * experiment (null before the first race).
     */
    public GifExportDialog gifDialog() {
        if (scene == null) {
            return null;
        }
        int dimension = scene.surface().dimension();
        Rectangle size = canvas.control().getClientArea();
        return new GifExportDialog(getSite().getShell(), java.util.Arrays.stream(View.values())
                .filter(v -> v.shows(dimension)).toList(), new GifExportDialog.Settings(view, 60,
                        Math.max(16, size.width), Math.max(16, size.height),
                        exportFolder.resolve(defaultFileName("gif"))), scene.lastStep());
    }

    /** A renderer of {@code picture}; of the view shown from the same viewpoint (the canvas's own belongs to its render thread). */
    private FrameRenderer rendererOf(View picture) {
        FrameRenderer copy = picture.renderer(scene);
        if (copy instanceof MeshRenderer mesh && canvas.renderer() instanceof MeshRenderer shown) {
            mesh.setView(shown.azimuthDegrees(), shown.elevationDegrees(), shown.zoom());
        }
        return copy;
    }

    /**
     * Saves the frame shown, at the canvas's size, as a PNG image, in a job (the plot's renderers draw headless
     * images, off the UI thread); the status line says where it went. Returns the scheduled job.
     */
    public Job exportPng(Path file) {
        Rectangle size = canvas.control().getClientArea();
        FrameRenderer renderer = rendererOf(view);
        int step = playback.currentStep();
        return export(Messages.TrajectoryView_pngWhat, file, monitor -> {
            monitor.beginTask(Messages.TrajectoryView_drawingFrame, 1);
            if (!ImageIO.write(renderer.render(Math.max(16, size.width), Math.max(16, size.height), step), "png",
                    file.toFile())) {
                throw new IOException(Messages.FileJob_noPngWriter);
            }
        });
    }

    /**
     * Saves the race as an animated GIF of the view shown, at the canvas's size, in a job with a step of progress per
     * frame (cancelling it leaves no file); the status line says where it went. Returns the scheduled job.
     */
    public Job exportGif(Path file, int frames) {
        Rectangle size = canvas.control().getClientArea();
        return exportGif(file, frames, view, Math.max(16, size.width), Math.max(16, size.height));
    }

    /** Saves the race as an animated GIF of {@code picture}, {@code width} x {@code height} pixels, in a job. */
    public Job exportGif(Path file, int frames, View picture, int width, int height) {
        FrameRenderer renderer = rendererOf(picture);
        return export(Messages.TrajectoryView_gifWhat, file, monitor -> {
            monitor.beginTask(NLS.bind(Messages.TrajectoryView_drawingFrames, frames), frames);
            GifAnimation.write(renderer, width, height, frames, 50, file, k -> {
                if (monitor.isCanceled()) {
                    throw new OperationCanceledException();
                }
                monitor.worked(1);
            });
        });
    }

    private Job export(String what, Path file, FileJob.Work work) {
        Display display = getSite().getShell().getDisplay();
        if (file.toAbsolutePath().getParent() != null) {
            exportFolder = file.toAbsolutePath().getParent();
        }
        var statusLine = getViewSite().getActionBars().getStatusLineManager();
        FileJob job = new FileJob(what, file, work, message -> display.asyncExec(() -> {
            lastExport = message;
            statusLine.setMessage(message);
        }));
        job.schedule();
        return job;
    }

    /** What the last export that ended said (for tests). */
    public String lastExport() {
        return lastExport;
    }

    /** Saves every trajectory as CSV with the header {@code optimizer,start,step,x,y,loss}, in a job. */
    public Job exportCsv(Path file) {
        List<Trajectory> shown = trajectories;
        return export(Messages.TrajectoryView_csvWhat, file, monitor -> TrajectoryResults.writeCsv(shown, file));
    }

    /** Starts or pauses playback. */
    public void setPlaying(boolean on) {
        playback.setPlaying(on);
    }

    public boolean playing() {
        return playback.playing();
    }

    /** Shows step {@code step} (clamped to the race) in every view. */
    public void show(int step) {
        playback.show(step);
    }

    /** The playback bar's step label, and whether it shows all of it (for tests). */
    public String playbackText() {
        return playback.positionText();
    }

    public boolean playbackFits() {
        return playback.positionFits();
    }

    /** The step shown. */
    public int currentStep() {
        return playback.currentStep();
    }

    /** Where each trajectory's ball is at the step shown (its last point when it ended earlier). */
    public List<double[]> ballPositions() {
        List<double[]> balls = new ArrayList<>();
        for (Trajectory t : trajectories) {
            int i = Math.min(playback.currentStep(), t.length() - 1);
            balls.add(t.y() == null ? new double[] { t.x()[i] } : new double[] { t.x()[i], t.y()[i] });
        }
        return balls;
    }

    /** The trajectories on display. */
    public List<Trajectory> trajectories() {
        return trajectories;
    }

    /** The experiment on display (null before the first run). */
    public SurfaceExperiment experiment() {
        return experiment;
    }

    /** The form (for tests and the lab's commands). */
    public ExperimentForm form() {
        return form;
    }

    /** The canvas showing the race. */
    public FrameCanvas canvas() {
        return canvas;
    }

    /** The loss chart under the race. */
    public LossChart chart() {
        return chart;
    }

    /** The status line (what ran, or what is wrong). */
    public String statusText() {
        return status.getText();
    }

    @Override
    public void setFocus() {
        canvas.control().setFocus();
    }
}
