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
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
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
import org.optlab.runner.trajectory.LearningRateTuner;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;
import org.optlab.runner.trajectory.TrajectoryScenes;
import org.optlab.ui.internal.training.FileJob;
import org.optlab.ui.internal.training.Problems;
import org.optlab.ui.internal.trajectory.ExperimentForm;
import org.optlab.ui.internal.trajectory.FrameCanvas;
import org.optlab.ui.internal.trajectory.LossChart;
import org.optlab.ui.internal.trajectory.PlaybackBar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The trajectory lab: a surface experiment's form on the left; on the right the race in the 2-D, 3-D or 1-D view,
 * the loss of every trajectory against step below it, and one playback bar that drives both. Every edit of the form
 * re-runs the race in a job and redraws; frames are drawn on a render thread. The view's toolbar opens and saves
 * experiment files (the format of {@code optlab run}) and exports the frame (PNG), the race (animated GIF) or the
 * trajectories (CSV).
 */
public final class TrajectoryView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.trajectories";
    public static final Object JOB_FAMILY = TrajectoryView.class;
    /** Edits arriving within this time re-run once. */
    private static final int DEBOUNCE_MS = 120;

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
    /** Said once after the next race, e.g. the learning rate a tuning chose. */
    private String note;

    @Override
    public void createPartControl(Composite parent) {
        SashForm sides = new SashForm(parent, SWT.HORIZONTAL);
        form = new ExperimentForm(sides, registry, this::rerun, this::tuneLearningRate);
        Composite right = new Composite(sides, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        right.setLayout(layout);
        createViewSwitch(right);
        SashForm stack = new SashForm(right, SWT.VERTICAL);
        stack.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new FrameCanvas(stack);
        chart = new LossChart(stack);
        stack.setWeights(72, 28);
        playback = new PlaybackBar(right);
        playback.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        playback.addListener(step -> {
            canvas.setStep(step);
            chart.setStep(step);
        });
        sides.setWeights(30, 70);
        createToolbar(getViewSite().getActionBars().getToolBarManager());
        form.setDocument(ExperimentForm.defaultDocument());
        rerun();
    }

    private void createViewSwitch(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        row.setLayout(new GridLayout(4, false));
        String[][] names = { { "2-D map", "The surface from above: colour map, contours, paths" },
                { "3-D surface", "The shaded surface: drag to turn, scroll to zoom" },
                { "1-D curve", "The curve with the balls on it (1-D experiments)" } };
        for (View v : View.values()) {
            Button b = new Button(row, SWT.RADIO);
            b.setText(names[v.ordinal()][0]);
            b.setToolTipText(names[v.ordinal()][1]);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    setView(v);
                }
            });
            viewButtons.put(v, b);
        }
        status = new Label(row, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    private void createToolbar(IToolBarManager toolbar) {
        toolbar.add(action("Open experiment...", "Open a surface experiment file (.json)", () -> {
            String file = chooseFile(SWT.OPEN, "*.json");
            if (file != null) {
                openExperiment(Path.of(file));
            }
        }));
        toolbar.add(action("Save experiment...", "Save this experiment as a file that optlab run accepts", () -> {
            String file = chooseFile(SWT.SAVE, "*.json");
            if (file != null) {
                report(() -> saveExperiment(Path.of(file)), file);
            }
        }));
        toolbar.add(new Separator());
        toolbar.add(action("PNG...", "Save the frame shown as a PNG image", () -> {
            String file = chooseFile(SWT.SAVE, "*.png");
            if (file != null) {
                exportPng(Path.of(file));
            }
        }));
        toolbar.add(action("GIF...", "Save the race as an animated GIF of the view shown", this::askForGif));
        toolbar.add(action("CSV...", "Save every trajectory as CSV (optimizer,start,step,x,y,loss)", () -> {
            String file = chooseFile(SWT.SAVE, "*.csv");
            if (file != null) {
                report(() -> exportCsv(Path.of(file)), file);
            }
        }));
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

    private String chooseFile(int style, String extension) {
        FileDialog dialog = new FileDialog(getSite().getShell(), style);
        dialog.setFilterExtensions(new String[] { extension, "*" });
        dialog.setOverwrite(true);
        return dialog.open();
    }

    private interface FileWork {
        void run() throws IOException;
    }

    private void report(FileWork work, String file) {
        try {
            work.run();
        } catch (IOException | RuntimeException failure) {
            MessageDialog.openError(getSite().getShell(), "OptLab", "Could not write " + file + ": " + failure.getMessage());
        }
    }

    /** Re-runs the race from the form's document, once per burst of edits. */
    private void rerun() {
        if (race != null) {
            race.cancel();
        }
        JsonNode document = form.document().deepCopy();
        Display display = getSite().getShell().getDisplay();
        race = new Job("Running the trajectory experiment") {
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
                    Problems.report("The trajectory experiment " + parsed.name() + " failed: " + e.getMessage(), e);
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
        status.setText("Not run: fix the form");
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
        status.setText(result.size() + " trajectories on " + parsed.surface().name() + ", " + parsed.steps() + " steps"
                + (diverged > 0 ? ", " + diverged + " diverged" : "") + (note != null ? "; " + note : ""));
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
        Job tuning = Job.create("Tuning the learning rate", monitor -> {
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
                choice = LearningRateTuner.tune(parsed.surface(), parsed.starts(), parsed.steps(), entry, registry);
            } catch (RuntimeException e) {
                Problems.report("Tuning the learning rate of " + entry.label() + " failed: " + e.getMessage(), e);
                return;
            }
            display.asyncExec(() -> {
                if (status.isDisposed()) {
                    return;
                }
                if (choice.isEmpty()) {
                    status.setText(entry.label() + " has no learning rate to tune; the form is unchanged");
                    return;
                }
                // three significant digits: what a person would type, and what the form, legend and file then show
                double lr = new java.math.BigDecimal(choice.get().lr()).round(new java.math.MathContext(3))
                        .doubleValue();
                note = entry.label() + ": tuned lr = " + HyperParameter.format(lr)
                        + " (mean distance to the nearest minimum after " + parsed.steps() + " steps: "
                        + HyperParameter.format(choice.get().score()) + ")";
                form.setLearningRate(index, lr); // re-runs; the race's status line carries the note
            });
        });
        tuning.setUser(true);
        tuning.schedule();
    }

    /** Opens a surface experiment file in the form and runs it. */
    public void openExperiment(Path file) {
        try {
            JsonNode root = ExperimentFiles.read(file);
            if (!SurfaceExperiment.isSurfaceExperiment(root)) {
                throw new IOException("not a surface experiment (an object with \"surface\")");
            }
            form.setDocument((ObjectNode) root);
            rerun();
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(getSite().getShell(), "OptLab", "Cannot open " + file + ": " + e.getMessage());
        }
    }

    /** Saves the form's document, as typed, as an experiment file. */
    public void saveExperiment(Path file) throws IOException {
        Files.writeString(file, mapper.writeValueAsString(form.document()) + "\n");
    }

    private void askForGif() {
        if (scene == null) {
            return;
        }
        IInputValidator frames = text -> {
            try {
                int n = Integer.parseInt(text.trim());
                return n >= 1 && n <= 2000 ? null : "Between 1 and 2000 frames";
            } catch (NumberFormatException e) {
                return "A whole number of frames";
            }
        };
        InputDialog ask = new InputDialog(getSite().getShell(), "Export GIF", "Frames (spread evenly over the "
                + scene.lastStep() + " steps, 20 per second):", "60", frames);
        if (ask.open() != Window.OK) {
            return;
        }
        String file = chooseFile(SWT.SAVE, "*.gif");
        if (file == null) {
            return;
        }
        exportGif(Path.of(file), Integer.parseInt(ask.getValue().trim()));
    }

    /** A renderer of the view shown, from the same viewpoint (the canvas's own belongs to its render thread). */
    private FrameRenderer copyOfShownRenderer() {
        FrameRenderer copy = view.renderer(scene);
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
        FrameRenderer renderer = copyOfShownRenderer();
        int step = playback.currentStep();
        return export("the frame as PNG", file, monitor -> {
            monitor.beginTask("Drawing the frame", 1);
            if (!ImageIO.write(renderer.render(Math.max(16, size.width), Math.max(16, size.height), step), "png",
                    file.toFile())) {
                throw new IOException("this Java runtime has no PNG writer");
            }
        });
    }

    /**
     * Saves the race as an animated GIF of the view shown, at the canvas's size, in a job with a step of progress per
     * frame (cancelling it leaves no file); the status line says where it went. Returns the scheduled job.
     */
    public Job exportGif(Path file, int frames) {
        Rectangle size = canvas.control().getClientArea();
        FrameRenderer renderer = copyOfShownRenderer();
        return export("the race as GIF", file, monitor -> {
            monitor.beginTask("Drawing " + frames + " frames", frames);
            GifAnimation.write(renderer, Math.max(16, size.width), Math.max(16, size.height), frames, 50, file, k -> {
                if (monitor.isCanceled()) {
                    throw new OperationCanceledException();
                }
                monitor.worked(1);
            });
        });
    }

    private Job export(String what, Path file, FileJob.Work work) {
        Display display = getSite().getShell().getDisplay();
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

    /** Saves every trajectory as CSV with the header {@code optimizer,start,step,x,y,loss}. */
    public void exportCsv(Path file) throws IOException {
        TrajectoryResults.writeCsv(trajectories, file);
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
