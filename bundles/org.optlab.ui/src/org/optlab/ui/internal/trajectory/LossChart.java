package org.optlab.ui.internal.trajectory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.swt.widgets.Composite;
import org.optlab.plot.Scene;
import org.optlab.plot.Track;
import org.optlab.ui.internal.charts.LabChart;
import org.optlab.ui.internal.Messages;

/**
 * Loss against step for every track of a scene (in the track's colour, labelled as the race's legend labels it), on a
 * log axis when every loss is positive, with a vertical marker at the step the playback bar shows. The loss axis ends
 * a little above the highest start, so that a diverging track leaves the chart instead of flattening the others.
 */
public final class LossChart {

    private final LabChart chart;

    public LossChart(Composite parent) {
        chart = new LabChart(parent);
        chart.setTitles(Messages.LossChart_step, Messages.LossChart_loss);
        chart.setEmptyText(Messages.LossChart_noRace);
        chart.setLogY(true);
    }

    public Composite control() {
        return chart.control();
    }

    /** The chart component (for tests). */
    public LabChart labChart() {
        return chart;
    }

    /** Plots the scene's tracks, replacing what was there. */
    public void setScene(Scene next) {
        boolean positive = true;
        double lowest = Double.POSITIVE_INFINITY;
        double highestStart = Double.NEGATIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        List<LabChart.Series> series = new ArrayList<>();
        for (Track t : next.tracks()) {
            int finite = 0;
            while (finite < t.length() && Double.isFinite(t.loss()[finite])) {
                finite++;
            }
            double[] loss = Arrays.copyOf(t.loss(), finite); // a diverged track ends before its first inf
            for (double v : loss) {
                positive &= v > 0;
                lowest = Math.min(lowest, v);
                highest = Math.max(highest, v);
            }
            if (finite > 0) {
                highestStart = Math.max(highestStart, loss[0]);
            }
            // the tracks of one optimizer (one per start) share its legend entry
            series.add(new LabChart.Series(t.label(), t.rgb(), IntStream.range(0, finite).asDoubleStream().toArray(),
                    loss));
        }
        double[] range = null;
        if (highestStart > Double.NEGATIVE_INFINITY) {
            // diverging tracks would squash the others: the axis stops a little above the highest start
            double top = positive ? Math.min(highest, highestStart * 100)
                    : Math.min(highest, highestStart + 2 * (highestStart - lowest));
            double bottom = lowest;
            if (!(top > bottom)) {
                top = positive ? bottom * 10 : bottom + 1;
            }
            range = new double[] { positive ? bottom / 1.2 : bottom - 0.05 * (top - bottom),
                    positive ? top * 1.5 : top + 0.05 * (top - bottom) };
        }
        chart.setSeries(series);
        chart.setYRange(range);
        chart.setTitles(Messages.LossChart_step,
                positive && !series.isEmpty() ? Messages.LossChart_logLoss : Messages.LossChart_loss);
    }

    /** Moves the step marker. */
    public void setStep(int s) {
        chart.setMarker(s);
    }
}
