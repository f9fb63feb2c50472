package org.optlab.ui.internal.trajectory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.optlab.plot.Scene;
import org.optlab.plot.Track;

/**
 * Loss against step for every track of a scene (one colour per optimizer, one legend entry each), on a log axis when
 * every loss is positive, with a vertical marker at the step the playback bar shows. The loss axis ends a little above
 * the highest start, so that a diverging track leaves the chart instead of flattening the others.
 */
public final class LossChart {

    private final Chart chart;
    private int step;
    private Scene scene;

    public LossChart(Composite parent) {
        chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setVisible(false);
        chart.getAxisSet().getXAxis(0).getTitle().setText("step");
        chart.getAxisSet().getYAxis(0).getTitle().setText("loss");
        chart.getLegend().setPosition(SWT.RIGHT);
        chart.getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                if (scene == null) {
                    return;
                }
                int x = chart.getAxisSet().getXAxis(0).getPixelCoordinate(step);
                e.gc.setForeground(chart.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
                e.gc.setLineStyle(SWT.LINE_DASH);
                e.gc.drawLine(x, 0, x, e.height);
                e.gc.setLineStyle(SWT.LINE_SOLID);
            }

            @Override
            public boolean drawBehindSeries() {
                return false;
            }
        });
    }

    public Chart control() {
        return chart;
    }

    /** Plots the scene's tracks, replacing what was there. */
    public void setScene(Scene next) {
        scene = next;
        for (ISeries<?> old : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(old.getId());
        }
        boolean positive = true;
        double lowest = Double.POSITIVE_INFINITY;
        double highestStart = Double.NEGATIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        Set<String> inLegend = new HashSet<>();
        List<Track> tracks = next.tracks();
        for (int i = 0; i < tracks.size(); i++) {
            Track t = tracks.get(i);
            int finite = 0;
            while (finite < t.length() && Double.isFinite(t.loss()[finite])) {
                finite++;
            }
            double[] loss = java.util.Arrays.copyOf(t.loss(), finite); // a diverged track ends before its first inf
            for (double v : loss) {
                positive &= v > 0;
                lowest = Math.min(lowest, v);
                highest = Math.max(highest, v);
            }
            if (finite > 0) {
                highestStart = Math.max(highestStart, loss[0]);
            }
            ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE,
                    t.label() + " #" + i);
            series.setDescription(t.label());
            series.setXSeries(IntStream.range(0, finite).asDoubleStream().toArray());
            series.setYSeries(loss);
            series.setSymbolType(PlotSymbolType.NONE);
            series.setLineWidth(2);
            series.setAntialias(SWT.ON);
            int rgb = t.rgb();
            series.setLineColor(new Color(new RGB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff)));
            series.setVisibleInLegend(inLegend.add(t.label()));
        }
        chart.getAxisSet().getYAxis(0).enableLogScale(positive && !tracks.isEmpty());
        chart.getAxisSet().getYAxis(0).getTitle().setText(positive ? "loss (log scale)" : "loss");
        chart.getAxisSet().adjustRange();
        if (highestStart > Double.NEGATIVE_INFINITY) {
            // diverging tracks would squash the others: the axis stops a little above the highest start
            double top = positive ? Math.min(highest, highestStart * 100)
                    : Math.min(highest, highestStart + 2 * (highestStart - lowest));
            double bottom = lowest;
            if (!(top > bottom)) {
                top = positive ? bottom * 10 : bottom + 1;
            }
            chart.getAxisSet().getYAxis(0).setRange(new org.eclipse.swtchart.Range(bottom, positive ? top * 1.5
                    : top + 0.05 * (top - bottom)));
        }
        chart.redraw();
    }

    /** Moves the step marker. */
    public void setStep(int s) {
        step = s;
        chart.redraw();
    }
}
