package org.optlab.runner.sweep;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;


import org.optlab.plot.Colours;
import org.optlab.plot.HeatMaps;
import org.optlab.plot.LineCharts;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.Sweep;
import org.optlab.runner.experiment.TrajectoryResults;
import org.optlab.runner.store.SeedGroups;
import org.optlab.runner.training.MetricsCsv;

/**
 * The pictures of a sweep's report, drawn headless: {@code lr-sensitivity.png} (the objective against the learning
 * rate on a log axis, a line per optimizer and setting of its other hyper-parameters through the means over the tuning
 * seeds, every trial a dot), {@code seeds.png} (the learning curves of each optimizer's best setting: the mean over
 * the seeds with a ± 1 std band) and {@code final.png} (each best setting's final objective over the seeds: a dot per
 * seed, the mean, and the 95 % confidence interval as a band, optimizers side by side in rank order); and for a
 * surface sweep of an optimizer over a grid of two hyper-parameters, {@code stability-LABEL.png}, the objective over
 * that grid (log colour scale, diverged cells crossed): distill.pub's step-size/momentum picture for any optimizer.
 */
public final class SweepPlots {

    public static final String SENSITIVITY = "lr-sensitivity.png", SEEDS = "seeds.png", FINAL = "final.png";
    private static final int WIDTH = 1000, HEIGHT = 600;

    private SweepPlots() {
    }

    /** Draws the three pictures into the sweep's folder (those there is data for); returns the files written. */
    public static List<Path> write(SweepFolder folder, List<SweepReport.Entry> ranked) throws IOException {
        List<Path> written = new ArrayList<>();
        Sweep sweep = folder.sweep();
        String objective = sweep.objective().metric();
        Map<String, Integer> colour = colours(sweep);
        String axis = sensitivityAxis(sweep);
        if (axis != null) {
            List<LineCharts.Series> series = sensitivity(folder, axis, colour);
            if (!series.isEmpty()) {
                // losses span orders of magnitude; accuracies do not
                written.add(png(folder.directory().resolve(SENSITIVITY), new LineCharts.Panel(axis, objective, true,
                        !sweep.objective().maximize() && logY(series), series)));
            }
        }
        List<LineCharts.Series> curves = curves(folder, colour);
        if (!curves.isEmpty()) {
            written.add(png(folder.directory().resolve(SEEDS), new LineCharts.Panel(sweep.training() ? "step"
                    : "step", sweep.training() ? "train loss" : "loss", false, logY(curves), curves)));
        }
        for (Map.Entry<String, Stability> map : stabilityMaps(folder).entrySet()) {
            written.add(writeStability(folder, map.getKey(), map.getValue()));
        }
        List<LineCharts.Series> finals = finals(folder, ranked, colour);
        if (!finals.isEmpty()) {
            written.add(png(folder.directory().resolve(FINAL), new LineCharts.Panel("rank", objective, false, false,
                    finals)));
        }
        return written;
    }

    /** Each optimizer's colour, by label: the categorical colours in the sweep's order. */
    public static Map<String, Integer> colours(Sweep sweep) {
        Map<String, Integer> colour = new LinkedHashMap<>();
        sweep.optimizers().forEach(o -> colour.put(o.label(), Colours.categorical(colour.size())));
        return colour;
    }

    /** The x of the sensitivity chart: lr when any optimizer searches it, else the first searched name, or null. */
    public static String sensitivityAxis(Sweep sweep) {
        return sweep.optimizers().stream().anyMatch(o -> o.space().names().contains("lr")) ? "lr"
                : sweep.optimizers().stream().flatMap(o -> o.space().names().stream()).findFirst().orElse(null);
    }

    /** The file of an optimizer's stability map. */
    public static String stabilityFile(String optimizer) {
        return "stability-" + optimizer.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }

    /** An optimizer's stability map: the grid to draw, and the trial of each cell (row, column) to open. */
    public record Stability(HeatMaps.Grid grid, Trial[][] trials) {
    }

    /**
     * The stability map of each optimizer of a surface sweep that searches a grid of exactly two hyper-parameters,
     * by label.
     */
    public static Map<String, Stability> stabilityMaps(SweepFolder folder) {
        Map<String, Stability> maps = new LinkedHashMap<>();
        if (!folder.sweep().training()) {
            for (Sweep.SweepOptimizer o : folder.sweep().optimizers()) {
                if (o.space().names().size() == 2 && !o.space().isRandom()) {
                    maps.put(o.label(), stability(folder, o));
                }
            }
        }
        return maps;
    }

    /**
     * An optimizer's objective over its two searched hyper-parameters (the first across, the second up), each cell
     * the mean over the tuning seeds, a cell where a trial diverged or failed marked.
     */
    private static Stability stability(SweepFolder folder, Sweep.SweepOptimizer o) {
        String across = o.space().names().get(0);
        String up = o.space().names().get(1);
        List<Map<String, Object>> points = o.space().points(folder.sweep().tuningSeeds().get(0));
        List<Double> xs = points.stream().map(p -> ((Number) p.get(across)).doubleValue()).distinct().sorted()
                .toList();
        List<Double> ys = points.stream().map(p -> ((Number) p.get(up)).doubleValue()).distinct().sorted().toList();
        double[][] sums = new double[ys.size()][xs.size()];
        int[][] counts = new int[ys.size()][xs.size()];
        boolean[][] bad = new boolean[ys.size()][xs.size()];
        Trial[][] trials = new Trial[ys.size()][xs.size()];
        for (Trial t : folder.trials()) {
            if (!t.optimizer().equals(o.label()) || !t.phase().equals(Trial.TUNE)) {
                continue;
            }
            int c = xs.indexOf(((Number) t.settings().get(across)).doubleValue());
            int r = ys.indexOf(((Number) t.settings().get(up)).doubleValue());
            if (trials[r][c] == null) {
                trials[r][c] = t;
            }
            Optional<TrialOutcome> outcome = folder.outcome(t);
            if (outcome.isPresent() && outcome.get().finished()) {
                sums[r][c] += outcome.get().objective();
                counts[r][c]++;
            } else if (outcome.isPresent()) {
                bad[r][c] = true;
            }
        }
        double[][] values = new double[ys.size()][xs.size()];
        boolean[][] pending = new boolean[ys.size()][xs.size()];
        for (int r = 0; r < ys.size(); r++) {
            for (int c = 0; c < xs.size(); c++) {
                values[r][c] = bad[r][c] || counts[r][c] == 0 ? Double.NaN : sums[r][c] / counts[r][c];
                pending[r][c] = !bad[r][c] && counts[r][c] == 0; // not run yet: blank, not crossed
            }
        }
        return new Stability(new HeatMaps.Grid(o.label() + ": " + folder.sweep().objective().metric()
                + " (crossed: diverged)", across, up, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), values, pending), trials);
    }

    private static Path writeStability(SweepFolder folder, String optimizer, Stability map) throws IOException {
        Path file = folder.directory().resolve(stabilityFile(optimizer));
        int width = Math.max(WIDTH / 2, Math.min(1600, 200 + 24 * map.grid().x().length));
        int height = Math.max(HEIGHT / 2, Math.min(1200, 120 + 24 * map.grid().y().length));
        return write(file, HeatMaps.render(map.grid(), width, height));
    }

    private static boolean logY(List<LineCharts.Series> series) {
        for (LineCharts.Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v) && v <= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Path png(Path file, LineCharts.Panel panel) throws IOException {
        return write(file, LineCharts.render(List.of(panel), WIDTH, HEIGHT));
    }

    private static Path write(Path file, BufferedImage image) throws IOException {
        ResultFiles.writePng(file, image);
        return file;
    }

    /**
     * Per optimizer and setting of its other hyper-parameters: the mean line over the tuning seeds (a gap where a
     * trial diverged), then its trials as dots (unlabelled), for the trials that have ended. Shared with the lab.
     */
    public static List<LineCharts.Series> sensitivity(SweepFolder folder, String axis, Map<String, Integer> colour) {
        // optimizer + other settings -> x -> {objective (NaN for a diverged or failed trial), 1 for a tune trial}
        Map<String, TreeMap<Double, List<double[]>>> lines = new LinkedHashMap<>();
        Map<String, String> optimizerOf = new LinkedHashMap<>();
        for (Trial t : folder.trials()) {
            Object x = t.settings().get(axis);
            Optional<TrialOutcome> o = folder.outcome(t);
            if (!(x instanceof Number n) || o.isEmpty()) {
                continue;
            }
            Map<String, Object> others = new TreeMap<>(t.settings());
            others.remove(axis);
            String setting = others.toString().replace("{", "").replace("}", "");
            // one optimizer: its settings alone name the lines (the legend has little room in the lab)
            String key = others.isEmpty() ? t.optimizer() : folder.sweep().optimizers().size() == 1 ? setting
                    : t.optimizer() + " (" + setting + ")";
            optimizerOf.put(key, t.optimizer());
            lines.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(n.doubleValue(), k -> new ArrayList<>())
                    .add(new double[] { o.get().finished() ? o.get().objective() : Double.NaN,
                            t.phase().equals(Trial.TUNE) ? 1 : 0 });
        }
        List<LineCharts.Series> series = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, List<double[]>>> line : lines.entrySet()) {
            int rgb = colour.getOrDefault(optimizerOf.get(line.getKey()), 0x444444);
            List<Double> xs = new ArrayList<>(line.getValue().keySet());
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] mean = new double[x.length];
            List<double[]> dots = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                List<double[]> values = line.getValue().get(xs.get(i));
                // the line: the mean over the tuning seeds (the seeds phase would bend it at the best point); a point
                // where a tuning trial diverged has no mean, a gap in the line; a dot for every trial
                double[] tuning = values.stream().filter(v -> v[1] == 1).mapToDouble(v -> v[0]).toArray();
                mean[i] = tuning.length == 0 || java.util.Arrays.stream(tuning).anyMatch(Double::isNaN) ? Double.NaN
                        : SeedGroups.Summary.of(tuning).mean();
                for (double[] v : values) {
                    dots.add(new double[] { x[i], v[0] });
                }
            }
            series.add(new LineCharts.Series(line.getKey(), rgb, x, mean, null, null, LineCharts.Style.LINE));
            series.add(new LineCharts.Series(null, rgb, dots.stream().mapToDouble(d -> d[0]).toArray(),
                    dots.stream().mapToDouble(d -> d[1]).toArray(), null, null, LineCharts.Style.DOTS));
        }
        return series;
    }

    /**
     * Per optimizer, the learning curves of its seeds-phase trials (or its best point's tuning trials): mean ± std.
     * Shared with the lab.
     */
    public static List<LineCharts.Series> curves(SweepFolder folder, Map<String, Integer> colour)
            throws IOException {
        List<LineCharts.Series> series = new ArrayList<>();
        for (Sweep.SweepOptimizer o : folder.sweep().optimizers()) {
            Optional<Trial> best = folder.best(o.label());
            if (best.isEmpty()) {
                continue;
            }
            boolean seedsPhase = folder.trials().stream().anyMatch(t -> t.phase().equals(Trial.SEEDS)
                    && t.optimizer().equals(o.label()));
            List<double[][]> members = new ArrayList<>();
            for (Trial t : folder.trials()) {
                if (!t.optimizer().equals(o.label()) || t.point() != best.get().point()
                        || !t.phase().equals(seedsPhase ? Trial.SEEDS : Trial.TUNE)
                        || folder.outcome(t).filter(TrialOutcome::finished).isEmpty()) {
                    continue;
                }
                members.add(curve(folder.trialDirectory(t), folder.sweep().training()));
            }
            if (members.isEmpty()) {
                continue;
            }
            SeedGroups.Spread s = SeedGroups.spread(members);
            double[] low = new double[s.x().length];
            double[] high = new double[s.x().length];
            for (int i = 0; i < low.length; i++) {
                low[i] = s.mean()[i] - s.std()[i];
                high[i] = s.mean()[i] + s.std()[i];
            }
            series.add(new LineCharts.Series(o.label() + " (n=" + members.size() + ")", colour.get(o.label()), s.x(),
                    s.mean(), low, high, LineCharts.Style.LINE));
        }
        return series;
    }

    /** A trial's learning curve: train loss per step (training) or the loss per step averaged over the starts. */
    private static double[][] curve(Path trial, boolean training) throws IOException {
        if (!java.nio.file.Files.exists(trial.resolve(training ? "metrics.csv" : "trajectories.csv"))) {
            return new double[][] { {}, {} }; // a folder copied without its curves: nothing to draw
        }
        if (!training) {
            return TrajectoryResults.meanLossPerStep(trial.resolve("trajectories.csv"));
        }
        List<double[]> points = new ArrayList<>();
        for (MetricsCsv.Row r : MetricsCsv.read(trial.resolve("metrics.csv"))) {
            if (!r.evaluation()) {
                points.add(new double[] { r.step(), r.trainLoss() });
            }
        }
        return new double[][] { points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray() };
    }

    /** Per optimizer in rank order at x = its rank: a dot per seed, its mean, and its confidence interval. */
    private static List<LineCharts.Series> finals(SweepFolder folder, List<SweepReport.Entry> ranked,
            Map<String, Integer> colour) {
        List<LineCharts.Series> series = new ArrayList<>();
        int rank = 0;
        for (SweepReport.Entry e : ranked) {
            if (e.seeds().n() == 0) {
                continue;
            }
            rank++;
            List<Double> values = new ArrayList<>();
            Optional<Trial> best = folder.best(e.optimizer());
            boolean seedsPhase = folder.trials().stream().anyMatch(t -> t.phase().equals(Trial.SEEDS)
                    && t.optimizer().equals(e.optimizer()));
            for (Trial t : folder.trials()) {
                if (t.optimizer().equals(e.optimizer()) && best.isPresent() && t.point() == best.get().point()
                        && t.phase().equals(seedsPhase ? Trial.SEEDS : Trial.TUNE)) {
                    folder.outcome(t).filter(TrialOutcome::finished).ifPresent(o -> values.add(o.objective()));
                }
            }
            int rgb = colour.get(e.optimizer());
            double[] x = new double[values.size()];
            java.util.Arrays.fill(x, rank);
            series.add(new LineCharts.Series(null, rgb, x, values.stream().mapToDouble(Double::doubleValue).toArray(),
                    null, null, LineCharts.Style.DOTS));
            double[] span = { rank - 0.25, rank + 0.25 };
            double[] mean = { e.seeds().mean(), e.seeds().mean() };
            double[] low = Double.isNaN(e.confidence()[0]) ? null : new double[] { e.confidence()[0],
                    e.confidence()[0] };
            double[] high = low == null ? null : new double[] { e.confidence()[1], e.confidence()[1] };
            series.add(new LineCharts.Series(rank + ". " + e.optimizer(), rgb, span, mean, low, high,
                    LineCharts.Style.LINE));
        }
        if (rank > 0) { // half a rank of room on either side, so the first and last bands are not cut
            series.add(new LineCharts.Series(null, 0, new double[] { 0.5, rank + 0.5 }, new double[] { Double.NaN,
                    Double.NaN }, null, null, LineCharts.Style.DOTS));
        }
        return series;
    }
}
