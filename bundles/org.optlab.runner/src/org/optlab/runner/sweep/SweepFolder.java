package org.optlab.runner.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.Csv;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.Sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sweep's folder: {@code sweep.json} (the sweep with its experiment inlined, so that the folder stands alone on any
 * machine that sees it, and every trial planned so far), {@code trials/NNNN/} (a run folder each, done when it holds
 * {@link TrialOutcome#FILE}) and {@code results.csv}. The tune phase is planned when the folder is made; the seeds
 * phase once every tune trial is done. Trials are never renumbered: a resumed sweep finds its trials where they were.
 */
public final class SweepFolder {

    public static final String SWEEP = "sweep.json", RESULTS = "results.csv", TRIALS = "trials";
    /** The fixed columns of {@code results.csv}; one column per hyper-parameter follows, in name order. */
    public static final String RESULTS_HEADER = "trial,phase,optimizer,seed,status,objective,seconds";
    /** The status of a trial that has not ended (yet) in results.csv. */
    public static final String PENDING = "pending";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final ObjectNode definition;
    private final Sweep sweep;
    private final List<Trial> trials;
    private final java.util.Map<Integer, TrialOutcome> ended = new java.util.concurrent.ConcurrentHashMap<>();

    private SweepFolder(Path directory, ObjectNode definition, Sweep sweep, List<Trial> trials) {
        this.directory = directory;
        this.definition = definition;
        this.sweep = sweep;
        this.trials = trials;
    }

    /**
     * Opens the sweep of {@code file} in {@code directory}: a new folder gets {@code sweep.json} with the tune phase's
     * trials; a folder that already holds the same sweep is taken as it is (a resume); one holding another sweep is
     * refused.
     *
     * @throws ExperimentException for a bad sweep file (the message names the field)
     * @throws IOException when the folder cannot be read or written, or holds another sweep
     */
    public static SweepFolder create(Path file, Path directory, OptimizerRegistry optimizers, List<String> datasets)
            throws IOException {
        JsonNode source = ExperimentFiles.read(file);
        Path base = file.toAbsolutePath().getParent();
        Sweep sweep = Sweep.parse(source, base, optimizers, datasets);
        ObjectNode definition = ((ObjectNode) source).deepCopy();
        definition.set("experiment", sweep.experiment()); // inlined: the folder needs nothing beside it
        if (Files.exists(directory.resolve(SWEEP))) {
            SweepFolder existing = open(directory, optimizers, datasets);
            if (!existing.definition.equals(definition)) {
                throw new IOException(directory + " holds another sweep (" + existing.sweep.name() + "; its "
                        + SWEEP + " differs from " + file + "); choose another folder");
            }
            return existing;
        }
        if (Files.isDirectory(directory)) {
            try (var entries = Files.list(directory)) {
                if (entries.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
                    throw new IOException(directory + " is not empty and holds no sweep; choose an empty or new "
                            + "folder");
                }
            }
        }
        Files.createDirectories(directory.resolve(TRIALS));
        SweepFolder folder = new SweepFolder(directory, definition, sweep, new ArrayList<>(tunePhase(sweep)));
        folder.save();
        return folder;
    }

    /** The sweep in {@code directory}, as its {@code sweep.json} says. */
    public static SweepFolder open(Path directory, OptimizerRegistry optimizers, List<String> datasets)
            throws IOException {
        return open(directory, optimizers, datasets, true);
    }

    /**
     * The sweep in {@code directory} for running its trials: read as {@link #open} does, without making each
     * optimizer at each point again ({@link Sweep#readPlanned}); each trial's experiment is checked when it runs.
     */
    public static SweepFolder openForTrials(Path directory, OptimizerRegistry optimizers) throws IOException {
        return open(directory, optimizers, null, false);
    }

    private static SweepFolder open(Path directory, OptimizerRegistry optimizers, List<String> datasets,
            boolean checkEveryPoint) throws IOException {
        Path file = directory.resolve(SWEEP);
        if (!Files.isRegularFile(file)) {
            throw new IOException(directory + " holds no sweep (no " + SWEEP + ")");
        }
        JsonNode saved;
        try {
            saved = ExperimentFiles.read(file);
        } catch (ExperimentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (!saved.path("sweep").isObject() || !saved.path("trials").isArray()) {
            throw new IOException(file + " is not a sweep folder's file (expected \"sweep\" and \"trials\")");
        }
        ObjectNode definition = (ObjectNode) saved.get("sweep");
        Sweep sweep;
        try {
            sweep = checkEveryPoint ? Sweep.parse(definition, directory, optimizers, datasets) : Sweep.readPlanned(
                    definition, directory, optimizers);
        } catch (ExperimentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        List<Trial> trials = new ArrayList<>();
        saved.get("trials").forEach(t -> trials.add(Trial.fromJson(t)));
        return new SweepFolder(directory, definition, sweep, trials);
    }

    /** Every point of each optimizer's space with each tuning seed, optimizer by optimizer, point by point. */
    static List<Trial> tunePhase(Sweep sweep) {
        List<Trial> trials = new ArrayList<>();
        for (Sweep.SweepOptimizer o : sweep.optimizers()) {
            List<Map<String, Object>> points = o.space().points(sweep.tuningSeeds().get(0));
            for (int p = 0; p < points.size(); p++) {
                for (long seed : sweep.tuningSeeds()) {
                    trials.add(new Trial(trials.size(), Trial.TUNE, o.label(), p, seed, points.get(p)));
                }
            }
        }
        return trials;
    }

    public Path directory() {
        return directory;
    }

    public Sweep sweep() {
        return sweep;
    }

    /** The trials planned so far, by index. */
    public List<Trial> trials() {
        return List.copyOf(trials);
    }

    public Path trialDirectory(Trial trial) {
        return directory.resolve(TRIALS).resolve(trial.folder());
    }

    /**
     * How the trial ended, when it has. An ended trial's outcome never changes, so it is read once and kept (a few
     * numbers per trial: a sweep of 10,000 trials keeps 10,000 of them, never their metrics).
     */
    public Optional<TrialOutcome> outcome(Trial trial) {
        TrialOutcome known = ended.get(trial.index());
        if (known != null) {
            return Optional.of(known);
        }
        Path file = trialDirectory(trial).resolve(TrialOutcome.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            TrialOutcome read = TrialOutcome.fromJson(JSON.readTree(file.toFile()));
            ended.put(trial.index(), read);
            return Optional.of(read);
        } catch (IOException e) {
            return Optional.empty(); // unreadable: as if it had not ended, so it runs again
        }
    }

    /** The planned trials that have not ended. */
    public List<Trial> pending() {
        return trials.stream().filter(t -> outcome(t).isEmpty()).toList();
    }

    /**
     * What an engine runs next: the pending trials, else the seeds phase once the tune phase has ended (planned
     * here), else nothing: the sweep is complete. Whoever drives a sweep loops on this, so that a sweep resumed at
     * any point, between the phases too, goes on from there.
     */
    public List<Trial> next() throws IOException {
        List<Trial> pending = pending();
        return pending.isEmpty() ? planSeedsPhase() : pending;
    }

    /**
     * Plans the seeds phase once every tune trial has ended and it is not planned yet: each optimizer's best point
     * (the best mean objective over the tuning seeds, a diverged or failed trial counting as the worst; on a tie the
     * point that comes first) with every seed of the sweep. An optimizer whose every point diverged gets none.
     * Returns the trials added (none when there is nothing to add yet).
     */
    public List<Trial> planSeedsPhase() throws IOException {
        if (sweep.seeds().isEmpty() || trials.stream().anyMatch(t -> t.phase().equals(Trial.SEEDS))
                || !pending().isEmpty()) {
            return List.of();
        }
        List<Trial> added = new ArrayList<>();
        for (Sweep.SweepOptimizer o : sweep.optimizers()) {
            Optional<Trial> best = best(o.label());
            if (best.isEmpty()) {
                continue;
            }
            for (long seed : sweep.seeds()) {
                Trial t = new Trial(trials.size(), Trial.SEEDS, o.label(), best.get().point(), seed, best.get()
                        .settings());
                trials.add(t);
                added.add(t);
            }
        }
        save();
        return added;
    }

    /**
     * An optimizer's best tune point (a trial of it standing for the point), by the mean objective over the tuning
     * seeds; empty when no point has a finite mean.
     */
    public Optional<Trial> best(String optimizer) {
        Map<Integer, double[]> sums = new java.util.TreeMap<>(); // point -> {sum, count, any worst}
        Map<Integer, Trial> representative = new java.util.HashMap<>();
        for (Trial t : trials) {
            if (!t.phase().equals(Trial.TUNE) || !t.optimizer().equals(optimizer)) {
                continue;
            }
            Optional<TrialOutcome> o = outcome(t);
            double[] s = sums.computeIfAbsent(t.point(), k -> new double[3]);
            representative.putIfAbsent(t.point(), t);
            if (o.isPresent() && o.get().finished()) {
                s[0] += o.get().objective();
                s[1]++;
            } else {
                s[2] = 1; // diverged, failed or not run: the point scores worst
            }
        }
        Integer bestPoint = null;
        double bestMean = Double.NaN;
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            if (s[2] > 0 || s[1] == 0) {
                continue;
            }
            double mean = s[0] / s[1];
            if (bestPoint == null || sweep.objective().better(mean, bestMean)) {
                bestPoint = e.getKey();
                bestMean = mean;
            }
        }
        return bestPoint == null ? Optional.empty() : Optional.of(representative.get(bestPoint));
    }

    /** Writes {@code sweep.json} atomically. */
    private void save() throws IOException {
        ObjectNode saved = JSON.createObjectNode();
        saved.set("sweep", definition);
        ArrayNode list = saved.putArray("trials");
        trials.forEach(t -> list.add(t.toJson()));
        ResultFiles.writeJson(directory.resolve(SWEEP), saved);
    }

    /** The hyper-parameters set anywhere in the sweep (fixed or searched), in name order: results.csv's last columns. */
    public List<String> hyperParameters() {
        TreeSet<String> names = new TreeSet<>();
        for (Sweep.SweepOptimizer o : sweep.optimizers()) {
            names.addAll(o.fixed().keySet());
            names.addAll(o.space().names());
        }
        return List.copyOf(names);
    }

    /** The header of {@code results.csv} as fields: {@link #RESULTS_HEADER}'s, then {@link #hyperParameters()}. */
    public List<String> resultsHeader() {
        List<String> header = new ArrayList<>(List.of(RESULTS_HEADER.split(",")));
        header.addAll(hyperParameters());
        return header;
    }

    /**
     * A trial's row of {@code results.csv} as fields (unquoted): its status ({@link #PENDING} until it ends),
     * objective and seconds (empty until then), and the value of each of {@code names} (empty where the trial's
     * optimizer does not set it). Reads the trial's outcome once.
     */
    public List<String> resultRow(Trial t, List<String> names) {
        Optional<TrialOutcome> o = outcome(t);
        Sweep.SweepOptimizer optimizer = sweep.optimizers().stream().filter(x -> x.label().equals(t.optimizer()))
                .findFirst().orElse(null);
        List<String> row = new ArrayList<>(List.of(Integer.toString(t.index()), t.phase(), t.optimizer(), Long
                .toString(t.seed()), o.map(TrialOutcome::status).orElse(PENDING), o.filter(TrialOutcome::finished)
                        .map(x -> Csv.number(x.objective())).orElse(""), o.map(x -> Csv.number(x.seconds()))
                                .orElse("")));
        for (String n : names) {
            Object v = t.settings().containsKey(n) ? t.settings().get(n)
                    : optimizer != null ? optimizer.fixed().get(n) : null;
            row.add(v == null ? "" : v instanceof Number number ? Csv.number(number.doubleValue()) : v.toString());
        }
        return row;
    }

    /**
     * Writes {@code results.csv}: {@link #resultsHeader()}, then {@link #resultRow} for each planned trial, in index
     * order. One trial's outcome is read at a time.
     */
    public void writeResults() throws IOException {
        List<String> names = hyperParameters();
        ResultFiles.writeAtomically(directory.resolve(RESULTS), out -> {
            out.write(csvLine(resultsHeader()));
            for (Trial t : trials) {
                out.write(csvLine(resultRow(t, names)));
            }
        });
    }

    private static String csvLine(List<String> fields) {
        return String.join(",", fields.stream().map(Csv::field).toList()) + "\n";
    }
}
