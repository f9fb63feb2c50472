package org.optlab.ui.views;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import org.eclipse.core.runtime.jobs.Job;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.optlab.plot.LabelColours;
import org.optlab.plot.LineCharts;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.SeedGroups;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.charts.LabChart;
import org.optlab.ui.internal.training.GroupCurves;
import org.optlab.ui.internal.training.FileJob;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;


/**
 * Live curves of training runs: the train loss against step or epoch (log scale if wanted, smoothed if wanted) and
 * the test accuracy at each evaluation, for the runs selected in the Runs view (all runs when none is). Runs that
 * differ only in their seed are drawn as one group ({@link SeedGroups}): the mean of their curves with a band (± std
 * or min–max, chosen in the view) and n in the legend. Both charts share one x-range; each curve is labelled by its
 * optimizer and the settings that tell the groups apart, never a run id, and keeps its colour while its label is
 * shown. Updates are coalesced (one redraw every {@value #REFRESH_MS} ms at most) and every curve is downsampled to
 * about twice the chart's width.
 */
public final class TrainingChartsView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.trainingCharts";
    private static final int REFRESH_MS = 400;
    private static final double[] SMOOTHING = { 0, 0.6, 0.9, 0.99 };

    private LabChart loss;
    private LabChart accuracy;
    /** One colour per legend label while it is shown. */
    private final LabelColours colours = new LabelColours();
    private Button logScale;
    private Button logX;
    private Button byEpoch;
    private Combo band;
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
        options.setLayout(new GridLayout(8, false));
        logScale = check(options, Messages.TrainingChartsView_logScale, Messages.TrainingChartsView_logScaleTip, true);
        logX = check(options, Messages.TrainingChartsView_logX, Messages.TrainingChartsView_logXTip, false);
        byEpoch = check(options, Messages.TrainingChartsView_byEpoch, Messages.TrainingChartsView_byEpochTip, false);
        new Label(options, SWT.NONE).setText(Messages.TrainingChartsView_band);
        band = new Combo(options, SWT.READ_ONLY);
        for (GroupCurves.Band b : GroupCurves.Band.values()) {
            band.add(b.label());
        }
        band.select(GroupCurves.Band.STD.ordinal());
        band.setToolTipText(Messages.TrainingChartsView_bandTip);
        band.addListener(SWT.Selection, e -> refresh());
        new Label(options, SWT.NONE).setText(Messages.TrainingChartsView_smoothing);
        smoothing = new Combo(options, SWT.READ_ONLY);
        for (double s : SMOOTHING) {
            smoothing.add(s == 0 ? Messages.TrainingChartsView_noSmoothing
                    : NLS.bind(Messages.TrainingChartsView_ema, s));
        }
        smoothing.select(1);
        smoothing.addListener(SWT.Selection, e -> refresh());
        SashForm charts = new SashForm(parent, SWT.VERTICAL);
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        loss = new LabChart(charts);
        accuracy = new LabChart(charts);
        LabChart.linkX(loss, accuracy); // one x-range: zoom on either, both follow
        // one legend (the loss chart's) for both: its clicks hide a run's curve in both charts
        accuracy.setLegendVisible(false);
        loss.onToggle(label -> accuracy.setHidden(label, loss.isHidden(label)));
        store.addListener(onChange);
        getSite().getPage().addSelectionListener(RunsView.ID, onSelection);
        selectionChanged(null, getSite().getPage().getSelection(RunsView.ID)); // what is selected already
        loss.control().addDisposeListener(e -> {
            store.removeListener(onChange);
            getSite().getPage().removeSelectionListener(RunsView.ID, onSelection);
        });
        getViewSite().getActionBars().getToolBarManager()
                .add(new org.eclipse.jface.action.Action(Messages.RunsView_landscape) {
            {
                setToolTipText(Messages.TrainingChartsView_landscapeTip);
            }

            @Override
            public void run() {
                showLandscape();
            }
        });
        getViewSite().getActionBars().getToolBarManager()
                .add(new org.eclipse.jface.action.Action(Messages.TrainingChartsView_png) {
            {
                setToolTipText(Messages.TrainingChartsView_pngTip);
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
        String x = accuracy.xTitle();
        List<LineCharts.Panel> panels = List.of(
                new LineCharts.Panel(x, Messages.TrainingChartsView_trainLoss, loss.isLogY(), curves(loss)),
                new LineCharts.Panel(x, Messages.TrainingChartsView_testAccuracy, false, curves(accuracy)));
        int width = Math.max(640, loss.control().getSize().x);
        int height = Math.max(480, loss.control().getSize().y + accuracy.control().getSize().y);
        var display = loss.control().getDisplay();
        var statusLine = getViewSite().getActionBars().getStatusLineManager();
        FileJob job = new FileJob(Messages.TrainingChartsView_pngWhat, file, monitor -> {
            monitor.beginTask(Messages.TrainingChartsView_drawing, 1);
            if (!ImageIO.write(LineCharts.render(panels, width, height), "png", file.toFile())) {
                throw new IOException(Messages.FileJob_noPngWriter);
            }
        }, message -> display.asyncExec(() -> statusLine.setMessage(message)));
        job.schedule();
        return job;
    }

    /** The curves the chart shows (hidden ones left out), with the chart's labels and colours. */
    private static List<LineCharts.Series> curves(LabChart chart) {
        return chart.visibleSeries().stream().map(s -> new LineCharts.Series(s.label(), s.rgb(), s.x().clone(),
                s.y().clone())).toList();
    }

    private Button check(Composite parent, String text, String tip, boolean on) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(text);
        b.setToolTipText(tip);
        b.setSelection(on);
        b.addListener(SWT.Selection, e -> refresh());
        return b;
    }

    /** Chooses the smoothing (an EMA factor of the view's list, 0 for none) and the band, as the view's controls do. */
    public void setDrawing(double smoothingFactor, GroupCurves.Band shade) {
        for (int i = 0; i < SMOOTHING.length; i++) {
            if (SMOOTHING[i] == smoothingFactor) {
                smoothing.select(i);
            }
        }
        band.select(shade.ordinal());
        refresh();
    }

    /** The loss landscape of the run shown (the first of those selected, else the newest), in the Landscape view. */
    public LandscapeView showLandscape() {
        List<StoredRun> shown = selected.isEmpty() ? store.runs() : selected;
        if (shown.isEmpty()) {
            return null;
        }
        StoredRun run = selected.isEmpty() ? shown.get(shown.size() - 1) : shown.get(0);
        try {
            return LandscapeView.show(getSite().getPage(), run.directory());
        } catch (org.eclipse.ui.PartInitException e) {
            org.eclipse.core.runtime.ILog.of(getClass()).error(e.getMessage(), e);
            return null;
        }
    }

    /** The runs shown: those selected, or every run of the store when none is. */
    public List<StoredRun> shownRuns() {
        return selected.isEmpty() ? store.runs() : selected;
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
        var display = loss.control().getDisplay();
        display.asyncExec(() -> {
            if (refreshScheduled || loss.control().isDisposed()) {
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
        if (loss.control().isDisposed()) {
            return;
        }
        List<StoredRun> shown = selected.isEmpty() ? store.runs() : selected;
        int width = Math.max(200, loss.chart().getPlotArea().getSize().x);
        double factor = SMOOTHING[Math.max(0, smoothing.getSelectionIndex())];
        List<LabChart.Series> losses = new ArrayList<>();
        List<LabChart.Series> accuracies = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        GroupCurves.Band shade = GroupCurves.Band.values()[Math.max(0, band.getSelectionIndex())];
        List<SeedGroups.Group> groups = SeedGroups.of(shown);
        groups.forEach(g -> labels.add(g.label()));
        colours.retain(labels); // colours go to the labels shown
        for (SeedGroups.Group g : groups) {
            SeedGroups.Member first = g.members().get(0);
            int epochs = Math.max(1, first.run().experiment().path("epochs").asInt(1));
            long totalSteps = first.series().totalSteps;
            double stepsPerEpoch = totalSteps > 0 ? (double) totalSteps / epochs : 1;
            double xScale = byEpoch.getSelection() ? 1 / stepsPerEpoch : 1;
            int rgb = colours.rgb(g.label());
            String detail = g.size() > 1 ? NLS.bind(Messages.TrainingChartsView_n, g.size()) : null;
            GroupCurves.Curve l = GroupCurves.loss(g, xScale, factor, shade, 2 * width);
            if (l != null) {
                losses.add(new LabChart.Series(g.label(), rgb, l.x(), l.y(), l.low() == null ? null
                        : new LabChart.Band(l.x(), l.low(), l.high()), false, detail));
            }
            GroupCurves.Curve a = GroupCurves.accuracy(g, xScale, shade, 2 * width);
            if (a != null) {
                accuracies.add(new LabChart.Series(g.label(), rgb, a.x(), a.y(), a.low() == null ? null
                        : new LabChart.Band(a.x(), a.low(), a.high()), true, detail));
            }
        }
        String x = byEpoch.getSelection() ? Messages.TrainingChartsView_epoch : Messages.TrainingChartsView_step;
        String empty = shown.isEmpty() ? Messages.TrainingChartsView_noRuns : Messages.TrainingChartsView_noData;
        loss.setEmptyText(empty);
        accuracy.setEmptyText(shown.isEmpty() ? empty : Messages.TrainingChartsView_noEvaluation);
        String xTitle = logX.getSelection() ? NLS.bind(Messages.TrainingChartsView_logScaleTitle, x) : x;
        // the charts share their x-axis: its title once, under the lower one
        loss.setTitles("", logScale.getSelection()
                ? NLS.bind(Messages.TrainingChartsView_logScaleTitle, Messages.TrainingChartsView_trainLoss)
                : Messages.TrainingChartsView_trainLoss);
        accuracy.setTitles(xTitle, Messages.TrainingChartsView_testAccuracy);
        loss.setLogY(logScale.getSelection());
        loss.setLogX(logX.getSelection());
        accuracy.setLogX(logX.getSelection());
        loss.setSeries(losses);
        accuracy.setSeries(accuracies);
    }

    /** The loss chart (for tests). */
    public LabChart lossChart() {
        return loss;
    }

    /** The accuracy chart (for tests). */
    public LabChart accuracyChart() {
        return accuracy;
    }

    @Override
    public void setFocus() {
        loss.control().setFocus();
    }
}
