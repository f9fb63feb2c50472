package org.optlab.ui.views;

import java.util.Map;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.ui.part.ViewPart;
import org.optlab.core.objective.DiagonalQuadratic;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.ObjectiveRun;
import org.optlab.runner.RunTrace;

/**
 * Loss against step for a run computed through the whole stack: SGD (lr 0.05) on f(w) = 0.5 w^T diag(1, 10) w from
 * (1, 1), on the ND4J backend, in a background job; the chart is filled when the job ends.
 */
public final class LossView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.loss";
    /** Family of the jobs this view schedules, so callers (tests) can join them. */
    public static final Object JOB_FAMILY = LossView.class;

    static final double LEARNING_RATE = 0.05;
    static final int STEPS = 100;
    static final double[] CURVATURES = { 1, 10 };
    static final double[] START = { 1, 1 };

    private Chart chart;

    @Override
    public void createPartControl(Composite parent) {
        chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setText("Loss");
        chart.getAxisSet().getXAxis(0).getTitle().setText("step");
        chart.getAxisSet().getYAxis(0).getTitle().setText("loss (log scale)");
        chart.getLegend().setPosition(SWT.BOTTOM);
        schedule(parent.getDisplay());
    }

    private void schedule(Display display) {
        DiagonalQuadratic objective = new DiagonalQuadratic(CURVATURES);
        Job job = new Job("Running SGD on " + objective.name()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                var sgd = OptimizerRegistry.fromExtensions().create("sgd", Map.of("lr", LEARNING_RATE));
                RunTrace trace = ObjectiveRun.run(objective, sgd, START, STEPS, monitor);
                display.asyncExec(() -> show(trace));
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == JOB_FAMILY;
            }
        };
        job.schedule();
    }

    private void show(RunTrace trace) {
        if (chart.isDisposed()) {
            return;
        }
        chart.getTitle().setText("Loss of " + trace.optimizerId() + " (lr " + LEARNING_RATE + ") on " + trace.objective());
        ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE,
                trace.optimizerId() + ", lr " + LEARNING_RATE);
        series.setXSeries(IntStream.rangeClosed(0, trace.steps()).asDoubleStream().toArray());
        series.setYSeries(trace.losses());
        series.setSymbolType(PlotSymbolType.NONE);
        series.setLineWidth(2);
        series.setLineColor(chart.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE));
        chart.getAxisSet().getYAxis(0).enableLogScale(true);
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    /** The chart, for tests. */
    public Chart chart() {
        return chart;
    }

    @Override
    public void setFocus() {
        chart.setFocus();
    }
}
