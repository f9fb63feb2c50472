package org.optlab.ui.internal.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.plot.LineCharts;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.SweepPlots;
import org.optlab.runner.sweep.SweepReport;
import org.optlab.runner.sweep.Trial;
import org.optlab.ui.internal.charts.LabChart;

/**
 * What the Sweep view shows of a sweep folder at one moment, read off the UI thread: the rows of results.csv (computed
 * from the trials as {@link SweepFolder#resultRow} writes them, so the table runs ahead of the file while a phase
 * runs), the sensitivity and seed-band series (gathered by {@link SweepPlots}, as the report's pictures are) and the
 * ranking of {@link SweepReport#entries}.
 */
public record SweepSnapshot(SweepFolder folder, List<String> header, List<List<String>> rows, List<Trial> trials,
        String axis, List<LabChart.Series> sensitivity, List<LabChart.Series> curves, List<SweepReport.Entry> ranking,
        int ended) {

    /** Reads the sweep in {@code directory} as it is now. */
    public static SweepSnapshot read(Path directory) throws IOException {
        SweepFolder folder = SweepFolder.open(directory, OptimizerRegistry.fromExtensions(), DatasetRegistry
                .fromExtensions().ids());
        List<String> names = folder.hyperParameters();
        List<Trial> trials = folder.trials();
        List<List<String>> rows = new ArrayList<>();
        int ended = 0;
        for (Trial t : trials) {
            List<String> row = folder.resultRow(t, names);
            rows.add(row);
            ended += row.get(4).equals(SweepFolder.PENDING) ? 0 : 1;
        }
        Map<String, Integer> colours = SweepPlots.colours(folder.sweep());
        String axis = SweepPlots.sensitivityAxis(folder.sweep());
        List<LabChart.Series> sensitivity = axis == null ? List.of() : convert(SweepPlots.sensitivity(folder, axis,
                colours));
        List<LabChart.Series> curves = convert(SweepPlots.curves(folder, colours));
        return new SweepSnapshot(folder, folder.resultsHeader(), rows, trials, axis, sensitivity, curves, SweepReport
                .entries(folder), ended);
    }

    /**
     * The report's series as the lab's chart draws them: lines (a band where they have one) and dots; unlabelled dots
     * take the label of the line before them, so that one legend entry hides both.
     */
    static List<LabChart.Series> convert(List<LineCharts.Series> series) {
        List<LabChart.Series> out = new ArrayList<>();
        String last = "";
        for (LineCharts.Series s : series) {
            String label = s.label() != null ? s.label() : last;
            last = label;
            if (s.style() == LineCharts.Style.DOTS) {
                out.add(LabChart.Series.dots(label, s.rgb(), s.x(), s.y()));
            } else {
                out.add(new LabChart.Series(label, s.rgb(), s.x(), s.y(), s.low() == null ? null : new LabChart.Band(s
                        .x(), s.low(), s.high()), s.style() == LineCharts.Style.LINE_AND_DOTS, null));
            }
        }
        return out;
    }

    /** The ranking as the table shows it: rank, optimizer, best settings, n, mean ± std, 95 % CI, diverged. */
    public List<List<String>> rankingRows() {
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (SweepReport.Entry e : ranking) {
            boolean ranked = e.seeds().n() > 0;
            String settings = e.settings().entrySet().stream().map(x -> x.getKey() + " = " + x.getValue()).collect(
                    Collectors.joining(", "));
            String mean = !ranked ? "" : e.seeds().n() == 1 ? number(e.seeds().mean()) : number(e.seeds().mean())
                    + " \u00b1 " + number(e.seeds().std());
            String ci = Double.isNaN(e.confidence()[0]) ? "" : "[" + number(e.confidence()[0]) + ", " + number(e
                    .confidence()[1]) + "]";
            rows.add(List.of(ranked ? Integer.toString(rank++) : "", e.optimizer(), settings, Integer.toString(e
                    .seeds().n()), mean, ci, Integer.toString(e.diverged())));
        }
        return rows;
    }

    /** Whether every planned trial has ended. */
    public boolean complete() {
        return ended == trials.size();
    }

    static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
    }
}
