package org.optlab.ui.views;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.part.ViewPart;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.TrajectoryResults;
import org.optlab.runner.trajectory.OptimizerEntry;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;
import org.optlab.ui.internal.render.SurfaceRaster;

/**
 * Optimizers racing on a 2-D surface: the filled colour map with contour lines (log-spaced where the range is
 * large), the known minima, each trajectory as a polyline ending in a ball, and a legend. Trajectories and the
 * sampled surface are computed in jobs; a resize only re-samples the surface. A playback bar plays, pauses, steps
 * and scrubs the race, and exports the frame shown (PNG) or the trajectories (CSV). A first cut: a fixed race on Rosenbrock (the experiment form comes next).
 */
public final class TrajectoryView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.trajectories";
    public static final Object JOB_FAMILY = TrajectoryView.class;

    /** Tableau's 10 categorical colours (the matplotlib default cycle). */
    private static final int[] COLOURS = { 0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
            0x7f7f7f, 0xbcbd22, 0x17becf };

    private final Surface surface = Surfaces.byId("rosenbrock").orElseThrow();
    private final List<OptimizerEntry> optimizers = List.of(OptimizerEntry.of("sgd", Map.of("lr", 1e-3)),
            OptimizerEntry.of("momentum", Map.of("lr", 5e-4)), OptimizerEntry.of("adam", Map.of("lr", 0.05)),
            OptimizerEntry.of("rmsprop", Map.of("lr", 0.01)));
    /** Playback speeds, in steps per frame of 40 ms. */
    private static final int[] SPEEDS = { 1, 2, 5, 10, 25 };
    private static final int FRAME_MS = 40;

    private Canvas canvas;
    private Button play;
    private Slider scrub;
    private Label position;
    private Combo speed;
    /** The step shown: trajectories are drawn up to it and the balls sit at it. */
    private int current;
    private boolean playing;
    private Image background;
    private SurfaceRaster raster;
    private List<List<double[]>> contours = List.of();
    private List<Trajectory> trajectories = List.of();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createPlaybackBar(parent);
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.Resize, e -> sampleSurface());
        canvas.addDisposeListener(e -> {
            if (background != null) {
                background.dispose();
            }
        });
        Display display = parent.getDisplay();
        Job race = Job.create("Running " + optimizers.size() + " optimizers on " + surface.name(), monitor -> {
            List<Trajectory> result = TrajectoryEngine.run(surface, surface.starts(), 500,
                    TrajectoryEngine.Noise.NONE, optimizers, OptimizerRegistry.fromExtensions(), monitor);
            display.asyncExec(() -> {
                if (!canvas.isDisposed()) {
                    trajectories = result;
                    int last = result.stream().mapToInt(Trajectory::length).max().orElse(1) - 1;
                    scrub.setMaximum(last + scrub.getThumb());
                    show(last);
                }
            });
        });
        race.schedule();
    }

    /** Play/pause, one step, speed, and a slider over the steps, with the step shown. */
    private void createPlaybackBar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bar.setLayout(new GridLayout(7, false));
        play = new Button(bar, SWT.PUSH);
        play.setText("Play");
        play.setToolTipText("Play or pause the race");
        play.addListener(SWT.Selection, e -> setPlaying(!playing));
        Button step = new Button(bar, SWT.PUSH);
        step.setText("Step");
        step.setToolTipText("One step forward");
        step.addListener(SWT.Selection, e -> {
            setPlaying(false);
            show(current + 1);
        });
        speed = new Combo(bar, SWT.READ_ONLY);
        for (int s : SPEEDS) {
            speed.add(s + " step" + (s == 1 ? "" : "s") + " / frame");
        }
        speed.select(1);
        scrub = new Slider(bar, SWT.HORIZONTAL);
        scrub.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        scrub.setValues(0, 0, 1, 1, 1, 10);
        scrub.addListener(SWT.Selection, e -> {
            setPlaying(false);
            show(scrub.getSelection());
        });
        position = new Label(bar, SWT.NONE);
        position.setText("step 0 / 0      ");
        exportButton(bar, "PNG...", "Save the frame shown as a PNG image", "*.png", this::exportPng);
        exportButton(bar, "CSV...", "Save every trajectory as CSV (optimizer,start,step,x,y,loss)", "*.csv",
                this::exportCsv);
    }

    private interface Export {
        void to(Path file) throws IOException;
    }

    private void exportButton(Composite bar, String text, String tip, String extension, Export export) {
        Button button = new Button(bar, SWT.PUSH);
        button.setText(text);
        button.setToolTipText(tip);
        button.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(canvas.getShell(), SWT.SAVE);
            dialog.setFilterExtensions(new String[] { extension });
            dialog.setOverwrite(true);
            String chosen = dialog.open();
            if (chosen == null) {
                return;
            }
            try {
                export.to(Path.of(chosen));
            } catch (IOException | RuntimeException failure) {
                MessageDialog.openError(canvas.getShell(), "Export failed",
                        "Could not write " + chosen + ": " + failure.getMessage());
            }
        });
    }

    /** Saves every trajectory as CSV with the header {@code optimizer,start,step,x,y,loss}. */
    public void exportCsv(Path file) throws IOException {
        TrajectoryResults.writeCsv(trajectories, file);
    }

    /** Saves the frame shown, at the canvas's size, as a PNG file. */
    public void exportPng(Path file) {
        Rectangle area = canvas.getClientArea();
        Image frame = new Image(canvas.getDisplay(), Math.max(1, area.width), Math.max(1, area.height));
        GC gc = new GC(frame);
        try {
            paint(gc);
        } finally {
            gc.dispose();
        }
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { frame.getImageData() };
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            frame.dispose();
        }
    }

    /** Starts or pauses playback; playing from the last step starts over. */
    public void setPlaying(boolean on) {
        playing = on;
        play.setText(on ? "Pause" : "Play");
        if (on) {
            if (current >= lastStep()) {
                show(0);
            }
            canvas.getDisplay().timerExec(FRAME_MS, this::tick);
        }
    }

    private void tick() {
        if (!playing || canvas.isDisposed()) {
            return;
        }
        show(current + SPEEDS[Math.max(0, speed.getSelectionIndex())]);
        if (current >= lastStep()) {
            setPlaying(false);
        } else {
            canvas.getDisplay().timerExec(FRAME_MS, this::tick);
        }
    }

    /** Shows step {@code step} (clamped to the race). */
    public void show(int step) {
        current = Math.max(0, Math.min(step, lastStep()));
        scrub.setSelection(current);
        position.setText("step " + current + " / " + lastStep());
        position.getParent().layout();
        canvas.redraw();
    }

    private int lastStep() {
        return Math.max(0, trajectories.stream().mapToInt(Trajectory::length).max().orElse(1) - 1);
    }

    /** The step shown. */
    public int currentStep() {
        return current;
    }

    /** Where each trajectory's ball is at the step shown (its last point when it ended earlier). */
    public List<double[]> ballPositions() {
        List<double[]> balls = new ArrayList<>();
        for (Trajectory t : trajectories) {
            int i = Math.min(current, t.length() - 1);
            balls.add(new double[] { t.x()[i], t.y()[i] });
        }
        return balls;
    }

    /** Samples the surface at the canvas's size in a job; the last request wins. */
    private void sampleSurface() {
        Rectangle area = canvas.getClientArea();
        if (area.width < 2 || area.height < 2) {
            return;
        }
        Display display = canvas.getDisplay();
        Job.getJobManager().cancel(this);
        Job sample = new Job("Drawing " + surface.name()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                SurfaceRaster sampled = SurfaceRaster.sample(surface, area.width, area.height);
                ImageData pixels = sampled.colourMap();
                List<List<double[]>> lines = new ArrayList<>();
                for (double level : sampled.levels(14)) {
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    lines.add(sampled.contour(level));
                }
                display.asyncExec(() -> show(sampled, pixels, lines));
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == JOB_FAMILY || family == TrajectoryView.this;
            }
        };
        sample.schedule(100); // coalesce the resize events of one drag
    }

    private void show(SurfaceRaster sampled, ImageData pixels, List<List<double[]>> lines) {
        if (canvas.isDisposed()) {
            return;
        }
        if (background != null) {
            background.dispose();
        }
        background = new Image(canvas.getDisplay(), pixels);
        raster = sampled;
        contours = lines;
        canvas.redraw();
    }

    private void paint(GC gc) {
        if (background == null) {
            return;
        }
        gc.drawImage(background, 0, 0);
        gc.setAntialias(SWT.ON);
        gc.setAlpha(110);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        for (List<double[]> level : contours) {
            for (double[] s : level) {
                gc.drawLine((int) Math.round(s[0]), (int) Math.round(s[1]), (int) Math.round(s[2]),
                        (int) Math.round(s[3]));
            }
        }
        gc.setAlpha(255);
        gc.setLineWidth(2);
        for (double[] minimum : surface.minima()) {
            int x = (int) Math.round(raster.column(minimum[0]));
            int y = (int) Math.round(raster.row(minimum[1]));
            gc.drawLine(x - 6, y - 6, x + 6, y + 6);
            gc.drawLine(x - 6, y + 6, x + 6, y - 6);
        }
        for (Trajectory t : trajectories) {
            Color colour = colour(t);
            gc.setForeground(colour);
            gc.setBackground(colour);
            int shown = Math.min(current, t.length() - 1) + 1;
            int[] points = new int[2 * shown];
            for (int i = 0; i < shown; i++) {
                points[2 * i] = clamp(raster.column(t.x()[i]));
                points[2 * i + 1] = clamp(raster.row(t.y()[i]));
            }
            gc.drawPolyline(points);
            gc.fillOval(points[points.length - 2] - 6, points[points.length - 1] - 6, 12, 12);
            colour.dispose();
        }
        legend(gc);
    }

    private void legend(GC gc) {
        int y = 10;
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.setAlpha(220);
        gc.fillRoundRectangle(8, 6, 190, 12 + 20 * optimizers.size(), 8, 8);
        gc.setAlpha(255);
        for (int i = 0; i < optimizers.size(); i++) {
            Color colour = new Color(rgb(i));
            gc.setBackground(colour);
            gc.fillOval(16, y + 5, 10, 10);
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
            OptimizerEntry entry = optimizers.get(i);
            gc.drawText(entry.label() + "  lr " + HyperParameter.format(entry.hyperParameters().get("lr")), 32, y, true);
            colour.dispose();
            y += 20;
        }
    }

    private Color colour(Trajectory t) {
        return new Color(rgb(optimizers.indexOf(t.optimizer())));
    }

    private static org.eclipse.swt.graphics.RGB rgb(int index) {
        int c = COLOURS[index % COLOURS.length];
        return new org.eclipse.swt.graphics.RGB((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff);
    }

    private static int clamp(double pixel) {
        return (int) Math.round(Math.max(-1e5, Math.min(1e5, pixel)));
    }

    /** The trajectories on display (for tests). */
    public List<Trajectory> trajectories() {
        return trajectories;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }
}
