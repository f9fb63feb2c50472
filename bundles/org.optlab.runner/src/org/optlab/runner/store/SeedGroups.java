package org.optlab.runner.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.optlab.runner.experiment.ExperimentDiff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs over seeds: the optimizers of runs whose experiments differ only in their {@code seed} form one group, which
 * charts draw as a mean with a band and tables show as mean ± std. A group's setting is its experiment with the seed
 * left out and the optimizer list replaced by that one optimizer's entry, so that two optimizers of one run are two
 * groups and the same optimizer in the runs of one experiment file started with seeds 1, 2 and 3 is one group of 3.
 */
public final class SeedGroups {

    /** One optimizer of one run. */
    public record Member(StoredRun run, String optimizer) {

        /** The member's series (empty while nothing was reported). */
        public StoredRun.Series series() {
            StoredRun.Series s = run.series().get(optimizer);
            return s == null ? new StoredRun.Series() : s;
        }
    }

    /**
     * Members with one setting, in the order first seen; {@code label} is the optimizer's label plus the settings that
     * differ between the groups it was formed with (never a run id).
     */
    public record Group(String optimizer, String label, JsonNode setting, List<Member> members) {

        public int size() {
            return members.size();
        }

        /** The members' seeds, in order (42, the default, where an experiment sets none). */
        public List<Long> seeds() {
            return members.stream().map(m -> m.run().experiment().path("seed").asLong(42)).toList();
        }
    }

    /** At each x, the mean, sample standard deviation (n - 1, as torch.std), min, max and count of the values. */
    public record Spread(double[] x, double[] mean, double[] std, double[] min, double[] max, int[] n) {
    }

    /** Mean, sample standard deviation, min, max and count of some values (NaN where there are none). */
    public record Summary(double mean, double std, double min, double max, int n) {

        public static Summary of(double... values) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    n++;
                }
            }
            if (n == 0) {
                return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double mean = sum / n;
            double squares = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    squares += (v - mean) * (v - mean);
                }
            }
            return new Summary(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, min, max, n);
        }
    }

    private static final int MAX_LABEL_DETAILS = 3;

    private SeedGroups() {
    }

    /** The groups of these runs' optimizers, in the order first seen. */
    public static List<Group> of(List<StoredRun> runs) {
        Map<String, List<Member>> byKey = new LinkedHashMap<>();
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        Map<String, String> optimizers = new LinkedHashMap<>();
        for (StoredRun run : runs) {
            for (String optimizer : optimizersOf(run)) {
                JsonNode setting = setting(run.experiment(), optimizer);
                String key = setting.toString();
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Member(run, optimizer));
                settings.putIfAbsent(key, setting);
                optimizers.putIfAbsent(key, optimizer);
            }
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        // the label names the settings that tell a group apart: those of the experiment that differ between any of
        // the groups, and those of the optimizer's entry that differ between the groups of the same optimizer
        List<JsonNode> experiments = keys.stream().map(k -> (JsonNode) withoutOptimizer(settings.get(k))).toList();
        List<ExperimentDiff.Difference> differences = ExperimentDiff.of(experiments);
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < keys.size(); g++) {
            String optimizer = optimizers.get(keys.get(g));
            List<String> details = new ArrayList<>();
            // names tell experiments apart best: where they differ, the name stands for the experiment's settings
            var name = differences.stream().filter(d -> d.path().equals("name")).findFirst();
            if (name.isPresent() && name.get().values().get(g) != null) {
                details.add(name.get().values().get(g));
            } else {
                for (ExperimentDiff.Difference d : differences) {
                    detail(details, d.path(), d.values().get(g));
                }
            }
            List<String> sameOptimizer = keys.stream().filter(k -> optimizers.get(k).equals(optimizer)).toList();
            List<ExperimentDiff.Difference> entries = ExperimentDiff.of(sameOptimizer.stream()
                    .map(k -> settings.get(k).path("optimizer")).toList());
            for (ExperimentDiff.Difference d : entries) {
                detail(details, d.path(), d.values().get(sameOptimizer.indexOf(keys.get(g))));
            }
            groups.add(new Group(optimizer, details.isEmpty() ? optimizer : optimizer + " (" + String.join(", ",
                    details) + ")", settings.get(keys.get(g)), List.copyOf(byKey.get(keys.get(g)))));
        }
        return groups;
    }

    private static void detail(List<String> details, String path, String value) {
        if (value != null && details.size() < MAX_LABEL_DETAILS) {
            details.add(path + "=" + value);
        }
    }

    private static ObjectNode withoutOptimizer(JsonNode setting) {
        ObjectNode copy = ((ObjectNode) setting).deepCopy();
        copy.remove("optimizer");
        return copy;
    }

    /** The optimizer labels of a run: those its series report, else those its experiment lists. */
    private static List<String> optimizersOf(StoredRun run) {
        List<String> labels = new ArrayList<>(run.series().keySet());
        for (JsonNode o : run.experiment().path("optimizers")) {
            String label = o.path("label").asText(o.path("id").asText("?"));
            if (!labels.contains(label)) {
                labels.add(label);
            }
        }
        return labels;
    }

    /** The experiment without its seed, with {@code optimizers} replaced by the entry labelled {@code optimizer}. */
    private static JsonNode setting(JsonNode experiment, String optimizer) {
        ObjectNode setting = experiment.isObject() ? ((ObjectNode) experiment).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        setting.remove("seed");
        setting.remove("optimizers");
        for (JsonNode o : experiment.path("optimizers")) {
            if (o.path("label").asText(o.path("id").asText("?")).equals(optimizer)) {
                setting.set("optimizer", o);
            }
        }
        if (!setting.has("optimizer")) {
            setting.putObject("optimizer").put("label", optimizer);
        }
        return setting;
    }

    /**
     * The spread of curves given as {x[], y[]}: at every x that any of them has (sorted), the statistics of the values
     * the curves have at exactly that x. Non-finite values (a diverged member) are left out of the statistics.
     */
    public static Spread spread(List<double[][]> curves) {
        TreeMap<Double, List<Double>> byX = new TreeMap<>();
        for (double[][] c : curves) {
            for (int i = 0; i < c[0].length; i++) {
                byX.computeIfAbsent(c[0][i], k -> new ArrayList<>()).add(c[1][i]);
            }
        }
        int size = byX.size();
        Spread out = new Spread(new double[size], new double[size], new double[size], new double[size],
                new double[size], new int[size]);
        int i = 0;
        for (Map.Entry<Double, List<Double>> e : byX.entrySet()) {
            Summary s = Summary.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            out.x()[i] = e.getKey();
            out.mean()[i] = s.mean();
            out.std()[i] = s.std();
            out.min()[i] = s.min();
            out.max()[i] = s.max();
            out.n()[i] = s.n();
            i++;
        }
        return out;
    }
}
