package org.optlab.ui.views;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import org.eclipse.core.runtime.jobs.Job;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.optlab.plot.Colours;
import org.optlab.plot.LineCharts;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.training.Curves;
import org.optlab.ui.internal.training.FileJob;
import org.optlab.ui.internal.training.Lab;

/**
 * Live curves of training runs: the train loss against step or epoch (log scale if wanted, smoothed if wanted, with
 * the raw loss's min/max range shaded around it) and
 * the test accuracy at each evaluation, one colour per run and optimizer, for the runs selected in the Runs view (all
 * runs when none is). Updates are coalesced (one redraw every {@value #REFRESH_MS} ms at most) and every curve is
 * downsampled to about twice the chart's width.
 */
public final class TrainingChartsView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.trainingCharts";
    private static final int REFRESH_MS = 400;
    private static final double[] SMOOTHING = { 0, 0.6, 0.9, 0.99 };

    private Chart loss;
    private Chart accuracy;
    private Button logScale;
    private Button byEpoch;
    private Button band;
    /** The min/max bands of the loss curves now drawn: {x, min, max} and the colour of each. */
    private final List<double[][]> bands = new ArrayList<>();
    private final List<Color> bandColours = new ArrayList<>();
    private Combo smoothing;
    private RunStore store;
    private List<StoredRun> selected = List.of();
    private boolean refreshScheduled;
    private final Consumer<StoredRun> onChange = run -> scheduleRefresh();
    private final ISelectionListener onSelection = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        store = Lab.runs();
        parent.setLayout(new GridLayout(1, false));
        Composite options = new Composite(parent, SWT.NONE);
        options.setLayout(new GridLayout(6, false));
        logScale = check(options, "Log scale", "Loss on a logarithmic axis", true);
        byEpoch = check(options, "Against epoch", "Epochs on the horizontal axis instead of steps", false);
        band = check(options, "Min/max band", "Shade the range of the raw loss around each smoothed curve", true);
        new Label(options, SWT.NONE).setText("Smoothing:");
        smoothing = new Combo(options, SWT.READ_ONLY);
        for (double s : SMOOTHING) {
            smoothing.add(s == 0 ? "none" : "EMA " + s);
        }
        smoothing.select(1);
        smoothing.addListener(SWT.Selection, e -> refresh());
        SashForm charts = new SashForm(parent, SWT.VERTICAL);
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        loss = chart(charts, "train loss");
        accuracy = chart(charts, "test accuracy");
        loss.getPlotArea().addCustomPaintListener(new org.eclipse.swtchart.ICustomPaintListener() {
            @Override
            public void paintControl(org.eclipse.swt.events.PaintEvent e) {
                paintBands(e.gc);
            }

            @Override
            public boolean drawBehindSeries() {
                return true;
            }
        });
        store.addListener(onChange);
        getSite().getPage().addSelectionListener(RunsView.ID, onSelection);
        selectionChanged(null, getSite().getPage().getSelection(RunsView.ID)); // what is selected already
        loss.addDisposeListener(e -> {
            store.removeListener(onChange);
            getSite().getPage().removeSelectionListener(RunsView.ID, onSelection);
        });
        getViewSite().getActionBars().getToolBarManager().add(new org.eclipse.jface.action.Action("PNG...") {
            {
                setToolTipText("Save both charts, as shown, as a PNG image");
            }

            @Override
            public void run() {
                FileDialog dialog = new FileDialog(getSite().getShell(), SWT.SAVE);
                dialog.setFilterExtensions(new String[] { "*.png", "*" });
                dialog.setOverwrite(true);
                dialog.setFileName(defaultFileName());
                String file = dialog.open();
                if (file != null) {
                    exportPng(Path.of(file));
                }
            }
        });
        refresh();
    }

    /**
     * The name the PNG export proposes: the experiment's name when the runs shown share one, e.g.
     * {@code fashion-mlp-charts.png}, else {@code training-charts.png}.
     */
    public String defaultFileName() {
        List<String> names = (selected.isEmpty() ? store.runs() : selected).stream().map(StoredRun::name).distinct()
                .toList();
        return FileJob.fileName(names.size() == 1 ? names.get(0) + "-charts" : "", "training-charts", "png");
    }

    /**
     * Saves the curves shown (as smoothed and downsampled, on the same axes) as a PNG image at the size of the two
     * charts, in a job: the curves are copied here, drawn headless ({@link LineCharts}) off the UI thread, and the
     * status line says where the file went. Returns the scheduled job.
     */
    public Job exportPng(Path file) {
        String x = loss.getAxisSet().getXAxis(0).getTitle().getText();
        List<LineCharts.Panel> panels = List.of(
                new LineCharts.Panel(x, "train loss", loss.getAxisSet().getYAxis(0).isLogScaleEnabled(), curves(loss)),
                new LineCharts.Panel(x, "test accuracy", false, curves(accuracy)));
        int width = Math.max(640, loss.getSize().x);
        int height = Math.max(480, loss.getSize().y + accuracy.getSize().y);
        var display = loss.getDisplay();
        var statusLine = getViewSite().getActionBars().getStatusLineManager();
        FileJob job = new FileJob("the training charts as PNG", file, monitor -> {
            monitor.beginTask("Drawing the charts", 1);
            if (!ImageIO.write(LineCharts.render(panels, width, height), "png", file.toFile())) {
                throw new IOException("this Java runtime has no PNG writer");
            }
        }, message -> display.asyncExec(() -> statusLine.setMessage(message)));
        job.schedule();
        return job;
    }

    private static List<LineCharts.Series> curves(Chart chart) {
        List<LineCharts.Series> curves = new ArrayList<>();
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            RGB c = ((ILineSeries<?>) s).getLineColor().getRGB();
            curves.add(new LineCharts.Series(s.getId(), (c.red << 16) | (c.green << 8) | c.blue, s.getXSeries().clone(),
                    s.getYSeries().clone()));
        }
        return curves;
    }

    private Button check(Composite parent, String text, String tip, boolean on) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(text);
        b.setToolTipText(tip);
        b.setSelection(on);
        b.addListener(SWT.Selection, e -> refresh());
        return b;
    }

    private static Chart chart(Composite parent, String y) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setVisible(false);
        chart.getAxisSet().getYAxis(0).getTitle().setText(y);
        chart.getAxisSet().getXAxis(0).getTitle().setText("step");
        chart.getLegend().setPosition(SWT.RIGHT);
        return chart;
    }

    /** Shows these runs, as selecting them in the Runs view does. */
    public void showRuns(List<StoredRun> runs) {
        selected = List.copyOf(runs);
        refresh();
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (selection instanceof IStructuredSelection s) {
            selected = s.toList().stream().filter(StoredRun.class::isInstance).map(StoredRun.class::cast).toList();
            refresh();
        }
    }

    /** One refresh for every burst of progress events. */
    private void scheduleRefresh() {
        var display = loss.getDisplay();
        display.asyncExec(() -> {
            if (refreshScheduled || loss.isDisposed()) {
                return;
            }
            refreshScheduled = true;
            display.timerExec(REFRESH_MS, () -> {
                refreshScheduled = false;
                refresh();
            });
        });
    }

    /** Redraws both charts from the runs' series. */
    public void refresh() {
        if (loss.isDisposed()) {
            return;
        }
        List<StoredRun> shown = selected.isEmpty() ? store.runs() : selected;
        int width = Math.max(200, loss.getPlotArea().getSize().x);
        double factor = SMOOTHING[Math.max(0, smoothing.getSelectionIndex())];
        loss.suspendUpdate(true);
        accuracy.suspendUpdate(true);
        clear(loss);
        clear(accuracy);
        bands.clear();
        bandColours.clear();
        boolean positive = true;
        int colour = 0;
        long distinctNames = shown.stream().map(StoredRun::name).distinct().count();
        for (StoredRun run : shown) {
            int epochs = Math.max(1, run.experiment().path("epochs").asInt(1));
            for (Map.Entry<String, StoredRun.Series> e : run.series().entrySet()) {
                StoredRun.Series s = e.getValue();
                double stepsPerEpoch = s.totalSteps > 0 ? (double) s.totalSteps / epochs : 1;
                double xScale = byEpoch.getSelection() ? 1 / stepsPerEpoch : 1;
                // the run's id only where names alone would not tell the runs apart
                String name = run.name() + " / " + e.getKey() + (distinctNames < shown.size() ? " (" + run.id() + ")"
                        : "");
                Color c = colour(colour++);
                List<double[]> steps = s.steps;
                if (!steps.isEmpty()) {
                    double[] x = Curves.column(steps, 0, xScale);
                    double[] raw = Curves.column(steps, 1, 1);
                    double[][] xy = Curves.downsample(x, Curves.smooth(raw, factor), 2 * width);
                    if (band.getSelection()) {
                        bands.add(Curves.band(x, raw, width / 2));
                        bandColours.add(c);
                    }
                    for (double v : xy[1]) {
                        positive &= v > 0;
                    }
                    line(loss, name, xy, c);
                }
                List<double[]> evaluations = new ArrayList<>(s.evaluations);
                evaluations.removeIf(v -> Double.isNaN(v[3]));
                if (!evaluations.isEmpty()) {
                    ILineSeries<?> points = line(accuracy, name, new double[][] { Curves.column(evaluations, 0, xScale),
                            Curves.column(evaluations, 3, 1) }, c);
                    points.setSymbolType(PlotSymbolType.CIRCLE);
                    points.setSymbolColor(c);
                }
            }
        }
        String x = byEpoch.getSelection() ? "epoch" : "step";
        loss.getAxisSet().getXAxis(0).getTitle().setText(x);
        accuracy.getAxisSet().getXAxis(0).getTitle().setText(x);
        loss.getAxisSet().getYAxis(0).enableLogScale(logScale.getSelection() && positive
                && loss.getSeriesSet().getSeries().length > 0);
        loss.getAxisSet().adjustRange();
        accuracy.getAxisSet().adjustRange();
        loss.suspendUpdate(false);
        accuracy.suspendUpdate(false);
        loss.redraw();
        accuracy.redraw();
    }

    /** Shades each loss curve's raw min/max range, behind the curves, in the curve's colour. */
    private void paintBands(org.eclipse.swt.graphics.GC gc) {
        var xAxis = loss.getAxisSet().getXAxis(0);
        var yAxis = loss.getAxisSet().getYAxis(0);
        gc.setAlpha(45);
        for (int k = 0; k < bands.size(); k++) {
            double[][] b = bands.get(k);
            List<Integer> polygon = new ArrayList<>();
            for (int i = 0; i < b[0].length; i++) {
                if (!Double.isNaN(b[2][i])) {
                    polygon.add(xAxis.getPixelCoordinate(b[0][i]));
                    polygon.add(yAxis.getPixelCoordinate(b[2][i]));
                }
            }
            for (int i = b[0].length - 1; i >= 0; i--) {
                if (!Double.isNaN(b[1][i])) {
                    polygon.add(xAxis.getPixelCoordinate(b[0][i]));
                    polygon.add(yAxis.getPixelCoordinate(b[1][i]));
                }
            }
            if (polygon.size() >= 6) {
                gc.setBackground(bandColours.get(k));
                gc.fillPolygon(polygon.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        gc.setAlpha(255);
    }

    private static void clear(Chart chart) {
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
    }

    private static ILineSeries<?> line(Chart chart, String name, double[][] xy, Color colour) {
        ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, name);
        series.setXSeries(xy[0]);
        series.setYSeries(xy[1]);
        series.setSymbolType(PlotSymbolType.NONE);
        series.setLineWidth(2);
        series.setAntialias(SWT.ON);
        series.setLineColor(colour);
        return series;
    }

    private static Color colour(int index) {
        int rgb = Colours.categorical(index);
        return new Color(new RGB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff));
    }

    /** The loss chart (for tests). */
    public Chart lossChart() {
        return loss;
    }

    /** The accuracy chart (for tests). */
    public Chart accuracyChart() {
        return accuracy;
    }

    @Override
    public void setFocus() {
        loss.setFocus();
    }
}
