package org.optlab.runner.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.distribution.TDistribution;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.Sweep;
import org.optlab.runner.store.SeedGroups;

/**
 * What a sweep found, from the trials that have ended (a partial sweep reports what it has): per optimizer its best
 * settings and their tuning objective, and over the seeds phase n, mean, sample std, min, max and a 95 % confidence
 * interval of the mean (Student's t with n - 1 degrees of freedom); and the ranking by that mean. Written as {@code
 * report.json} and {@code report.md} with the pictures of {@link SweepPlots}; every number comes from the trials'
 * {@code trial.json}, read one at a time.
 */
public final class SweepReport {

    public static final String JSON_FILE = "report.json", MARKDOWN_FILE = "report.md";

    /** One optimizer's line of the report. */
    public record Entry(String optimizer, Map<String, Object> settings, double tuningObjective,
            SeedGroups.Summary seeds, double[] confidence, int diverged, int failed, int pending) {
    }

    private SweepReport() {
    }

    /** The report's entries, ranked: the best mean over the seeds first, optimizers without results last. */
    public static List<Entry> entries(SweepFolder folder) {
        Sweep sweep = folder.sweep();
        List<Entry> entries = new ArrayList<>();
        for (Sweep.SweepOptimizer o : sweep.optimizers()) {
            Optional<Trial> best = folder.best(o.label());
            int diverged = 0;
            int failed = 0;
            int pending = 0;
            List<Double> tuning = new ArrayList<>();
            List<Double> seeds = new ArrayList<>();
            for (Trial t : folder.trials()) {
                if (!t.optimizer().equals(o.label())) {
                    continue;
                }
                Optional<TrialOutcome> outcome = folder.outcome(t);
                if (outcome.isEmpty()) {
                    pending++;
                    continue;
                }
                switch (outcome.get().status()) {
                    case TrialOutcome.DIVERGED -> diverged++;
                    case TrialOutcome.FAILED -> failed++;
                    default -> {
                    }
                }
                if (best.isPresent() && t.point() == best.get().point() && outcome.get().finished()) {
                    (t.phase().equals(Trial.TUNE) ? tuning : seeds).add(outcome.get().objective());
                }
            }
            // without a seeds phase (none asked, or not run yet) the tuning seeds of the best point stand in
            List<Double> over = seeds.isEmpty() ? tuning : seeds;
            SeedGroups.Summary summary = SeedGroups.Summary.of(over.stream().mapToDouble(Double::doubleValue)
                    .toArray());
            entries.add(new Entry(o.label(), best.map(Trial::settings).orElse(Map.of()), SeedGroups.Summary.of(tuning
                    .stream().mapToDouble(Double::doubleValue).toArray()).mean(), summary, confidence(summary),
                    diverged, failed, pending));
        }
        Comparator<Entry> byMean = Comparator.comparingDouble(e -> sweep.objective().maximize() ? -e.seeds().mean()
                : e.seeds().mean());
        entries.sort(Comparator.comparing((Entry e) -> e.seeds().n() == 0).thenComparing(byMean));
        return entries;
    }

    /** The 95 % confidence interval of the mean: mean ± t(0.975, n - 1) s / sqrt(n); NaNs below two values. */
    static double[] confidence(SeedGroups.Summary s) {
        if (s.n() < 2) {
            return new double[] { Double.NaN, Double.NaN };
        }
        double half = new TDistribution(s.n() - 1).inverseCumulativeProbability(0.975) * s.std() / Math.sqrt(s.n());
        return new double[] { s.mean() - half, s.mean() + half };
    }

    /** Writes results.csv, report.json and report.md into the sweep's folder. */
    public static List<Entry> write(SweepFolder folder) throws IOException {
        folder.writeResults();
        List<Entry> entries = entries(folder);
        Sweep sweep = folder.sweep();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("name", sweep.name());
        report.put("objective", Map.of("metric", sweep.objective().metric(), "goal", sweep.objective().maximize()
                ? "max" : "min"));
        int ended = (int) folder.trials().stream().filter(t -> folder.outcome(t).isPresent()).count();
        report.put("trials", folder.trials().size());
        report.put("trials_ended", ended);
        report.put("complete", ended == folder.trials().size() && (sweep.seeds().isEmpty() || folder.trials()
                .stream().anyMatch(t -> t.phase().equals(Trial.SEEDS))));
        List<Map<String, Object>> optimizers = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("optimizer", e.optimizer());
            o.put("best_settings", e.settings());
            o.put("tuning_objective", finite(e.tuningObjective()));
            o.put("n", e.seeds().n());
            o.put("mean", finite(e.seeds().mean()));
            o.put("std", finite(e.seeds().std()));
            o.put("min", finite(e.seeds().min()));
            o.put("max", finite(e.seeds().max()));
            o.put("ci95", Double.isNaN(e.confidence()[0]) ? null : List.of(e.confidence()[0], e.confidence()[1]));
            o.put("diverged", e.diverged());
            o.put("failed", e.failed());
            o.put("pending", e.pending());
            optimizers.add(o);
        }
        report.put("optimizers", optimizers);
        report.put("ranking", entries.stream().filter(e -> e.seeds().n() > 0).map(Entry::optimizer).toList());
        ResultFiles.writeJson(folder.directory().resolve(JSON_FILE), report);
        List<java.nio.file.Path> pictures = SweepPlots.write(folder, entries);
        ResultFiles.writeAtomically(folder.directory().resolve(MARKDOWN_FILE), out -> out.write(markdown(sweep,
                entries, ended, folder.trials().size(), pictures)));
        return entries;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String markdown(Sweep sweep, List<Entry> entries, int ended, int total,
            List<java.nio.file.Path> pictures) {
        StringBuilder md = new StringBuilder();
        md.append("# Sweep ").append(sweep.name()).append("\n\n");
        md.append("Objective: `").append(sweep.objective().metric()).append("` (")
                .append(sweep.objective().maximize() ? "higher" : "lower").append(" is better). Trials ended: ")
                .append(ended).append(" of ").append(total).append(".\n\n");
        md.append("| rank | optimizer | best settings | tuning | n | mean ± std | 95 % CI | min | max | diverged |\n");
        md.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        int rank = 1;
        for (Entry e : entries) {
            md.append("| ").append(e.seeds().n() > 0 ? Integer.toString(rank++) : "").append(" | ")
                    .append(e.optimizer()).append(" | ").append(settings(e.settings())).append(" | ")
                    .append(number(e.tuningObjective())).append(" | ").append(e.seeds().n()).append(" | ")
                    .append(number(e.seeds().mean())).append(e.seeds().n() > 1 ? " ± " + number(e.seeds().std()) : "")
                    .append(" | ").append(Double.isNaN(e.confidence()[0]) ? "" : "[" + number(e.confidence()[0])
                            + ", " + number(e.confidence()[1]) + "]")
                    .append(" | ").append(number(e.seeds().min())).append(" | ").append(number(e.seeds().max()))
                    .append(" | ").append(e.diverged()).append(" |\n");
        }
        md.append('\n');
        for (java.nio.file.Path p : pictures) {
            String name = p.getFileName().toString();
            md.append("![").append(name.replace(".png", "")).append("](").append(name).append(")\n\n");
        }
        return md.toString();
    }

    private static String settings(Map<String, Object> settings) {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> parts.add(k + " = " + v)); // as the grid has them
        return String.join(", ", parts);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
    }
}
