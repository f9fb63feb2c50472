package org.optlab.ui.internal.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.plot.LineCharts;
import org.optlab.plot.Ticks;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.SweepPlots;
import org.optlab.runner.sweep.SweepReport;
import org.optlab.runner.sweep.Trial;
import org.optlab.ui.internal.charts.LabChart;

/**
 * What the Sweep view shows of a sweep folder at one moment, read off the UI thread: the rows of results.csv (computed
 * from the trials as {@link SweepFolder#resultRow} writes them, so the table runs ahead of the file while a phase
 * runs), the sensitivity and seed-band series (gathered by {@link SweepPlots}, as the report's pictures are) and the
 * ranking of {@link SweepReport#entries}, and the stability maps of a surface sweep over two hyper-parameters.
 */
public record SweepSnapshot(SweepFolder folder, List<String> header, List<List<String>> rows, List<Trial> trials,
        String axis, List<LabChart.Series> sensitivity, List<LabChart.Series> curves, List<SweepReport.Entry> ranking,
        int ended, Map<String, SweepPlots.Stability> stability) {

    /** The index of the objective in a row of results.csv: the numbers to round for display start there. */
    private static final int OBJECTIVE = 5;

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
                .entries(folder), ended, SweepPlots.stabilityMaps(folder));
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
            } else if (s.low() == null) {
                // a point without a mean (a trial diverged there) is a gap: the chart would join across a NaN
                int from = 0;
                for (int i = 0; i <= s.x().length; i++) {
                    if (i == s.x().length || Double.isNaN(s.y()[i])) {
                        if (i > from) {
                            out.add(new LabChart.Series(label, s.rgb(), java.util.Arrays.copyOfRange(s.x(), from, i),
                                    java.util.Arrays.copyOfRange(s.y(), from, i), null, s.style()
                                            == LineCharts.Style.LINE_AND_DOTS, null));
                        }
                        from = i + 1;
                    }
                }
            } else {
                out.add(new LabChart.Series(label, s.rgb(), s.x(), s.y(), s.low() == null ? null : new LabChart.Band(s
                        .x(), s.low(), s.high()), s.style() == LineCharts.Style.LINE_AND_DOTS, null));
            }
        }
        return out;
    }

    /**
     * The trials as the table shows them: results.csv's rows with their numbers from the objective on (objective,
     * seconds, hyper-parameters) to 4 significant digits; the other fields as they are.
     */
    public List<List<String>> displayRows() {
        List<List<String>> shown = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> fields = new ArrayList<>(row);
            for (int i = OBJECTIVE; i < fields.size(); i++) {
                fields.set(i, display(fields.get(i)));
            }
            shown.add(fields);
        }
        return shown;
    }

    /** A number to 4 significant digits; any other text as it is. */
    static String display(String field) {
        try {
            return field.isEmpty() ? field : Ticks.format(Double.parseDouble(field), 4);
        } catch (NumberFormatException e) {
            return field; // a setting that is not a number
        }
    }

    /** The ranking as the table shows it: rank, optimizer, best settings, n, mean ± std, 95 % CI, diverged. */
    public List<List<String>> rankingRows() {
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (SweepReport.Entry e : ranking) {
            boolean ranked = e.seeds().n() > 0;
            String settings = e.settings().entrySet().stream().map(x -> x.getKey() + " = " + (x.getValue() instanceof Number v
                    ? number(v.doubleValue()) : x.getValue())).collect(
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
        return Double.isNaN(v) ? "" : Ticks.format(v, 4);
    }
}
