package org.optlab.ui.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.optlab.plot.Scene;
import org.optlab.plot.View;
import org.optlab.runner.landscape.LandscapeRun;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.Spinners;
import org.optlab.ui.internal.Tables;
import org.optlab.ui.internal.trajectory.FrameCanvas;
import org.optlab.ui.internal.trajectory.PlaybackBar;
import org.optlab.ui.internal.trajectory.ViewNames;
import org.optlab.ui.internal.training.FileJob;
import org.optlab.ui.internal.training.LandscapeJob;

/**
 * The loss landscape of a training run (Li et al. 2018): the loss on a 2-D slice through the network's parameters,
 * every optimizer's path on it, drawn by the trajectory lab's renderers (2-D map or 3-D surface) with its playback bar
 * moving the balls along the snapshots; the share of the paths' spread each direction explains, and per optimizer how
 * far its path lies off the plane. Computed by {@code optlab landscape} in a child process into the run's
 * {@code landscape/<directions>/} folder, and shown again from there when it exists.
 */
public final class LandscapeView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.landscape";

    private Label runLabel;
    private Combo directions;
    private Spinner grid;
    private Text span;
    private Spinner examples;
    private Button compute;
    private Label status;
    private FrameCanvas canvas;
    private PlaybackBar playback;
    private Table residuals;
    private View picture = View.PLAN;
    private Path run;
    private Scene scene;

    /** Opens the view on {@code run} (a training run's folder with snapshots). */
    public static LandscapeView show(IWorkbenchPage page, Path run) throws PartInitException {
        LandscapeView view = (LandscapeView) page.showView(ID);
        view.open(run);
        return view;
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        // the run on a line of its own: run names are long, the controls take the width
        runLabel = new Label(parent, SWT.NONE);
        runLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        runLabel.setText(Messages.LandscapeView_noRun);
        Composite controls = new Composite(parent, SWT.NONE);
        controls.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        controls.setLayout(new GridLayout(12, false));
        new Label(controls, SWT.NONE).setText(Messages.LandscapeView_directions);
        directions = new Combo(controls, SWT.READ_ONLY);
        directions.setItems(LandscapeRun.PCA, LandscapeRun.RANDOM);
        directions.select(0);
        directions.addListener(SWT.Selection, e -> load());
        new Label(controls, SWT.NONE).setText(Messages.LandscapeView_grid);
        grid = Spinners.of(controls, 3, 201, 41);
        new Label(controls, SWT.NONE).setText(Messages.LandscapeView_span);
        span = new Text(controls, SWT.BORDER);
        span.setText("1.0");
        span.setLayoutData(new GridData(50, SWT.DEFAULT));
        new Label(controls, SWT.NONE).setText(Messages.LandscapeView_examples);
        examples = Spinners.of(controls, 10, 100_000, 2000);
        compute = new Button(controls, SWT.PUSH);
        compute.setText(Messages.LandscapeView_compute);
        compute.addListener(SWT.Selection, e -> compute());
        for (View v : new View[] { View.PLAN, View.MESH }) {
            Button b = new Button(controls, SWT.RADIO);
            b.setText(ViewNames.name(v));
            b.setSelection(v == picture);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    picture = v;
                    draw();
                }
            });
        }
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new FrameCanvas(sash);
        residuals = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION);
        residuals.setHeaderVisible(true);
        for (String title : new String[] { Messages.LandscapeView_optimizer, Messages.LandscapeView_end,
                Messages.LandscapeView_endLoss, Messages.LandscapeView_residual }) {
            new TableColumn(residuals, SWT.LEFT).setText(title);
        }
        for (TableColumn c : residuals.getColumns()) {
            c.pack();
        }
        sash.setWeights(5, 3);
        playback = new PlaybackBar(parent);
        playback.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        playback.addListener(step -> canvas.setStep(step));
        compute.setEnabled(false);
        var toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(action(Messages.TrajectoryView_png, Messages.LandscapeView_pngTip, () -> ask("png").ifPresent(
                this::exportPng)));
        toolbar.add(action(Messages.TrajectoryView_gif, Messages.LandscapeView_gifTip, () -> ask("gif").ifPresent(
                f -> exportGif(f, 40))));
        toolbar.add(action(Messages.TrajectoryView_csv, Messages.LandscapeView_csvTip, () -> ask("csv").ifPresent(
                this::exportCsv)));
    }

    private static org.eclipse.jface.action.Action action(String text, String tip, Runnable work) {
        org.eclipse.jface.action.Action a = new org.eclipse.jface.action.Action(text) {
            @Override
            public void run() {
                work.run();
            }
        };
        a.setToolTipText(tip);
        return a;
    }

    /** A file to export into, from a Save dialog ({@code <run>-landscape.<extension>} proposed). */
    private java.util.Optional<Path> ask(String extension) {
        if (scene == null) {
            return java.util.Optional.empty();
        }
        org.eclipse.swt.widgets.FileDialog dialog = new org.eclipse.swt.widgets.FileDialog(getSite().getShell(),
                SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFileName(FileJob.fileName(run.getFileName() + "-landscape", "landscape", extension));
        dialog.setFilterExtensions(new String[] { "*." + extension });
        String file = dialog.open();
        return java.util.Optional.ofNullable(file).map(Path::of);
    }

    /** Saves the frame shown as a PNG, in a job. */
    public Job exportPng(Path file) {
        org.eclipse.swt.graphics.Rectangle size = canvas.control().getClientArea();
        org.optlab.plot.FrameRenderer renderer = picture.renderer(scene);
        int step = playback.currentStep();
        return export(Messages.TrajectoryView_pngWhat, file, monitor -> org.optlab.runner.experiment.ResultFiles
                .writePng(file, renderer.render(Math.max(16, size.width), Math.max(16, size.height), step)));
    }

    /** Saves the paths moving over the landscape as an animated GIF of the picture shown, in a job. */
    public Job exportGif(Path file, int frames) {
        org.eclipse.swt.graphics.Rectangle size = canvas.control().getClientArea();
        org.optlab.plot.FrameRenderer renderer = picture.renderer(scene);
        return export(Messages.LandscapeView_gifWhat, file, monitor -> {
            monitor.beginTask(Messages.LandscapeView_gifWhat, frames);
            org.optlab.plot.GifAnimation.write(renderer, Math.max(16, size.width), Math.max(16, size.height),
                    frames, 80, file, k -> {
                        if (monitor.isCanceled()) {
                            throw new org.eclipse.core.runtime.OperationCanceledException();
                        }
                        monitor.worked(1);
                    });
        });
    }

    /** Saves the grid ({@code a,b,loss,accuracy}) as CSV, and the paths beside it ({@code NAME-paths.csv}). */
    public Job exportCsv(Path file) {
        Path from = out();
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        return export(Messages.LandscapeView_csvWhat, file, monitor -> {
            Files.copy(from.resolve(LandscapeRun.CSV), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(from.resolve(LandscapeRun.PATHS), file.resolveSibling(name + "-paths.csv"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        });
    }

    private Job export(String what, Path file, FileJob.Work work) {
        var display = getSite().getShell().getDisplay();
        var statusLine = getViewSite().getActionBars().getStatusLineManager();
        FileJob job = new FileJob(what, file, work, message -> display.asyncExec(() -> statusLine.setMessage(
                message)));
        job.schedule();
        return job;
    }

    /** Shows {@code folder}'s landscape for the chosen directions, computed earlier, or offers to compute it. */
    public void open(Path folder) {
        run = folder;
        runLabel.setText(NLS.bind(Messages.LandscapeView_run, folder.getFileName()));
        runLabel.setToolTipText(folder.toString());
        compute.setEnabled(true);
        load();
        runLabel.getParent().layout(true, true);
    }

    private Path out() {
        return run.resolve("landscape").resolve(directions.getText());
    }

    /** Reads the slice of the chosen directions when there is one; else says how to compute it. */
    private void load() {
        if (run == null) {
            return;
        }
        if (!Files.exists(out().resolve(LandscapeRun.SUMMARY))) {
            scene = null;
            canvas.setRenderer(null);
            residuals.removeAll();
            status.setText(Files.isDirectory(run.resolve("snapshots")) ? Messages.LandscapeView_notYet
                    : Messages.LandscapeView_noSnapshots);
            return;
        }
        try {
            LandscapeRun.Loaded loaded = LandscapeRun.read(out());
            scene = LandscapeRun.scene(run.getFileName().toString(), loaded);
            var s = loaded.summary();
            status.setText(String.format(Locale.ROOT, Messages.LandscapeView_summary, s.path("directions").asText(),
                    100 * s.path("explained_variance").path(0).asDouble(), 100 * s.path("explained_variance").path(1)
                            .asDouble(), s.path("grid").asInt(), s.path("grid").asInt(), s.path("examples").asInt(), s
                                    .path("seconds").asDouble()));
            residuals.removeAll();
            loaded.paths().forEach((label, points) -> {
                var last = points.get(points.size() - 1);
                double most = points.stream().mapToDouble(LandscapeRun.PathPoint::residual).max().orElse(0);
                new TableItem(residuals, SWT.NONE).setText(new String[] { label, String.format(Locale.ROOT,
                        "(%.2f, %.2f)", last.a(), last.b()), String.format(Locale.ROOT, "%.4g", last.loss()), String
                                .format(Locale.ROOT, "%.3g", most) });
            });
            for (TableColumn c : residuals.getColumns()) {
                c.pack();
            }
            draw();
        } catch (IOException | RuntimeException e) {
            scene = null;
            status.setText(NLS.bind(Messages.LandscapeView_cannotRead, out(), e.getMessage()));
        }
        status.getParent().layout(true, true);
    }

    private void draw() {
        if (scene == null) {
            return;
        }
        canvas.setRenderer(picture.renderer(scene));
        playback.setLastStep(scene.lastStep());
        playback.show(scene.lastStep());
    }

    /** Computes the slice with the options shown, in a job; the view shows it when the job is done. */
    public void compute() {
        if (run == null) {
            return;
        }
        LandscapeRun.Options options;
        try {
            options = new LandscapeRun.Options(directions.getText(), grid.getSelection(), Double.parseDouble(span
                    .getText().trim()), examples.getSelection(), 1);
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        compute.setEnabled(false);
        status.setText(NLS.bind(Messages.LandscapeView_computing, run.getFileName()));
        Path folder = out();
        new LandscapeJob(new LandscapeJob.Request(run, folder, options), error -> status.getDisplay().asyncExec(
                () -> {
                    if (status.isDisposed()) {
                        return;
                    }
                    compute.setEnabled(true);
                    if (error == null) {
                        load();
                    } else {
                        status.setText(NLS.bind(Messages.LandscapeView_failed, error));
                    }
                })).schedule();
    }

    @Override
    public void setFocus() {
        canvas.control().setFocus();
    }

    /** The run whose landscape the view shows, or null before one is opened. */
    public Path run() {
        return run;
    }

    /** For tests: the status line. */
    public String statusText() {
        return status.getText();
    }

    /** For tests: the table of the paths' ends and residuals. */
    public List<List<String>> residualRows() {
        return new ArrayList<>(Tables.rows(residuals));
    }

    /** For tests: whether a slice is drawn. */
    public boolean drawing() {
        return scene != null && canvas.renderer() != null;
    }
}
