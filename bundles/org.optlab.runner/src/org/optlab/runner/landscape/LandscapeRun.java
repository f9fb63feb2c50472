package org.optlab.runner.landscape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.SubMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.model.Model;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.datasets.DatasetRequest;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.plot.LabelColours;
import org.optlab.plot.PlanRenderer;
import org.optlab.plot.Scene;
import org.optlab.plot.Track;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.training.TrainingRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code optlab landscape RUN_DIR --out DIR}: the loss on a 2-D slice through a training run's parameters, with every
 * optimizer's path on it, from the run's {@code experiment.json} and {@code snapshots/}. Writes {@value #CSV}
 * ({@code a,b,loss,accuracy}), {@value #DIRECTIONS} (float32 [2, n]), {@value #CENTER} (float32 [n]), {@value #PATHS}
 * ({@code optimizer,step,a,b,loss,residual}), {@value #SUMMARY} and {@value #PNG}.
 */
public final class LandscapeRun {

    public static final String CSV = "landscape.csv", PATHS = "paths.csv", DIRECTIONS = "directions.npy",
            CENTER = "center.npy", SUMMARY = "summary.json", PNG = "landscape.png";
    public static final String PCA = "pca", RANDOM = "random";

    /** With pca the paths fill this share of the span (a margin shows the loss around their ends). */
    static final double PATH_EXTENT = 0.8;

    /** The examples evaluated at once (the slice's forward passes, no backward). */
    static final int BATCH = 2000;

    /** How the slice is taken. */
    public record Options(String directions, int grid, double span, int examples, long seed) {
        public Options {
            if (!directions.equals(PCA) && !directions.equals(RANDOM)) {
                throw new IllegalArgumentException("--directions must be pca or random, got '" + directions + "'");
            }
            if (grid < 2 || grid > 1001) {
                throw new IllegalArgumentException("--grid must be from 2 to 1001 points, got " + grid);
            }
            if (!(span > 0) || Double.isInfinite(span)) {
                throw new IllegalArgumentException("--span must be positive, got " + span);
            }
            if (examples < 1) {
                throw new IllegalArgumentException("--examples must be at least 1, got " + examples);
            }
        }
    }

    /** The phases of a slice, in order, as {@link Progress} hears them. */
    public static final String SNAPSHOTS = "snapshots", PLANE = "directions", EXAMPLES = "examples", GRID = "grid",
            PROJECTIONS = "paths", FILES = "files";
    private static final List<String> PHASES = List.of(SNAPSHOTS, PLANE, EXAMPLES, GRID, PROJECTIONS, FILES);
    /** Each phase's share of the whole, in per mille: the grid's forward passes are nearly all of the time. */
    private static final int[] WEIGHTS = { 20, 30, 20, 850, 60, 20 };

    /** Hears how far a slice has got: {@code done} of {@code total} units of {@code phase} (files, points, snapshots). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (phase, done, total) -> {
        };

        void update(String phase, long done, long total);
    }

    /**
     * The share of the whole slice done at {@code done} of {@code total} of {@code phase}, in [0, 1]: the phases before
     * it done, this one in proportion (an unknown phase: 0).
     */
    public static double fraction(String phase, long done, long total) {
        int k = PHASES.indexOf(phase);
        if (k < 0) {
            return 0;
        }
        int before = 0;
        for (int i = 0; i < k; i++) {
            before += WEIGHTS[i];
        }
        double part = total <= 0 ? 1 : Math.min(1, Math.max(0, (double) done / total));
        return (before + WEIGHTS[k] * part) / 1000.0;
    }

    /** What was computed: the share of the paths' spread along each direction, the optimizers, the time. */
    public record Result(double[] explained, List<String> optimizers, int examples, double seconds) {
    }

    private LandscapeRun() {
    }

    /**
     * Computes the slice of the run in {@code run} into {@code out}.
     *
     * @throws IOException one line naming what is missing or wrong (no experiment.json, no snapshots, a bad file)
     */
    public static Result run(Path run, Path out, Options options, OptimizerRegistry optimizers,
            DatasetRegistry datasets, Path dataDirectory, IProgressMonitor monitor) throws IOException {
        return run(run, out, options, optimizers, datasets, dataDirectory, Progress.NONE, monitor);
    }

    /**
     * Computes the slice of the run in {@code run} into {@code out}, telling {@code told} how far it has got (phase by
     * phase, the grid point by point); {@code monitor} may cancel it.
     *
     * @throws IOException one line naming what is missing or wrong (no experiment.json, no snapshots, a bad file)
     */
    public static Result run(Path run, Path out, Options options, OptimizerRegistry optimizers,
            DatasetRegistry datasets, Path dataDirectory, Progress told, IProgressMonitor monitor)
            throws IOException {
        long started = System.nanoTime();
        SubMonitor progress = SubMonitor.convert(monitor, "loss landscape of " + run.getFileName(), 100);
        TrainingExperiment experiment = experiment(run, optimizers, datasets);
        Path folder = run.resolve(Snapshots.FOLDER);
        if (!Files.isDirectory(folder)) {
            throw new IOException(run + " has no snapshots: run its experiment with \"snapshots\": K (e.g. 20) to "
                    + "record the optimizers' parameters");
        }
        Snapshots.Layout layout = Snapshots.readLayout(folder);
        List<String> labels = experiment.optimizers().stream().map(OptimizerEntry::label).toList();
        List<float[][]> paths = new ArrayList<>();
        told.update(SNAPSHOTS, 0, labels.size());
        for (String label : labels) {
            Path file = folder.resolve(Snapshots.file(label));
            if (!Files.exists(file)) {
                throw new IOException(run + ": no snapshots of " + label + " (" + file.getFileName() + ")");
            }
            Npy.Array a = Npy.read(file);
            if (a.shape().length != 2 || a.shape()[1] != layout.size() || a.shape()[0] < 1) {
                throw new IOException(file + ": expected rows of " + layout.size() + " parameters, got shape "
                        + java.util.Arrays.toString(a.shape()));
            }
            float[][] rows = new float[a.shape()[0]][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = a.row(i);
            }
            paths.add(rows);
            told.update(SNAPSHOTS, paths.size(), labels.size());
        }
        told.update(PLANE, 0, 1);

        // the plane
        float[] center;
        float[] d0, d1;
        double[] explained;
        double scale = 1;
        if (options.directions().equals(PCA)) {
            center = paths.get(0)[0];
            Directions.Principal p = Directions.principal(deltas(paths, center));
            d0 = p.first();
            d1 = p.second();
            double extent = 0;
            for (float[][] path : paths) {
                for (float[] row : path) {
                    Directions.Projection c = Directions.project(row, center, d0, d1);
                    extent = Math.max(extent, Math.max(Math.abs(c.a()), Math.abs(c.b())));
                }
            }
            // both directions by the same factor, so that every path lies inside the span
            scale = extent > 0 ? extent / (PATH_EXTENT * options.span()) : 1;
            scaleInPlace(d0, scale);
            scaleInPlace(d1, scale);
            explained = p.explained();
        } else {
            float[][] last = paths.get(0);
            center = last[last.length - 1];
            Random random = new Random(options.seed());
            List<Directions.Filters> filters = Snapshots.filters(layout);
            d0 = Directions.random(center, filters, random);
            d1 = Directions.random(center, filters, random);
            explained = shares(deltas(paths, center), d0, d1);
        }
        progress.worked(5);
        told.update(PLANE, 1, 1);

        // the loss at every grid point, on the first examples of the training split
        told.update(EXAMPLES, 0, 1);
        Dataset train = load(experiment, datasets, dataDirectory);
        int n = Math.min(options.examples(), train.size());
        INDArray[] data = examples(train, n);
        Model model = TrainingRun.model(experiment.model(), train);
        Landscape.Evaluator evaluator = Landscape.of(model, data[0], data[1], BATCH, train.isClassification());
        told.update(EXAMPLES, 1, 1);
        long points = (long) options.grid() * options.grid();
        told.update(GRID, 0, points);
        Landscape.Slice slice = Landscape.slice(center, d0, d1, options.grid(), options.span(), evaluator,
                new ProgressMonitorWrapper(progress.split(85)) {
                    private long done;

                    @Override
                    public void worked(int work) {
                        super.worked(work);
                        done += work; // the slice works one unit per point
                        told.update(GRID, Math.min(done, points), points);
                    }
                });

        // each snapshot on the plane, its loss and how far off the plane it lies
        Files.createDirectories(out);
        List<Track> tracks = new ArrayList<>();
        LabelColours colours = LabelColours.of(labels);
        StringBuilder csv = new StringBuilder("optimizer,step,a,b,loss,residual\n");
        int snapshots = paths.stream().mapToInt(path -> path.length).sum(), projected = 0;
        told.update(PROJECTIONS, 0, snapshots);
        for (int o = 0; o < labels.size(); o++) {
            float[][] path = paths.get(o);
            double[] a = new double[path.length], b = new double[path.length], loss = new double[path.length];
            for (int i = 0; i < path.length; i++) {
                Directions.Projection c = Directions.project(path[i], center, d0, d1);
                a[i] = c.a();
                b[i] = c.b();
                loss[i] = evaluator.at(path[i])[0];
                long step = i < layout.steps().size() ? layout.steps().get(i) : -1;
                csv.append(csvField(labels.get(o))).append(',').append(step).append(',').append(number(c.a()))
                        .append(',').append(number(c.b())).append(',').append(number(loss[i])).append(',')
                        .append(number(c.residual())).append('\n');
                told.update(PROJECTIONS, ++projected, snapshots);
            }
            tracks.add(new Track(labels.get(o), colours.rgb(labels.get(o)), a, b, loss, path.length));
        }
        progress.worked(5);
        told.update(FILES, 0, 1);
        String text = csv.toString();
        ResultFiles.writeAtomically(out.resolve(PATHS), w -> w.write(text));
        ResultFiles.writeAtomically(out.resolve(CSV), w -> {
            w.write("a,b,loss,accuracy\n");
            double[] c = slice.coordinates();
            for (int j = 0; j < c.length; j++) {
                for (int i = 0; i < c.length; i++) {
                    double acc = slice.accuracy()[j][i];
                    w.write(number(c[i]) + "," + number(c[j]) + "," + number(slice.loss()[j][i]) + ","
                            + (Double.isNaN(acc) ? "" : number(acc)) + "\n");
                }
            }
        });
        float[] both = new float[2 * d0.length];
        System.arraycopy(d0, 0, both, 0, d0.length);
        System.arraycopy(d1, 0, both, d0.length, d1.length);
        Npy.write(out.resolve(DIRECTIONS), new int[] { 2, d0.length }, both);
        Npy.write(out.resolve(CENTER), new int[] { center.length }, center);
        Scene scene = new Scene(title(experiment.name(), options.directions()), surface(experiment.name(), options
                .directions(), explained, slice), tracks);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", run.toAbsolutePath().toString());
        summary.put("directions", options.directions());
        summary.put("explained_variance", List.of(explained[0], explained[1]));
        summary.put("center", options.directions().equals(PCA) ? "the shared start" : "the final parameters of "
                + labels.get(0));
        if (options.directions().equals(PCA)) {
            summary.put("scale", scale);
        } else {
            summary.put("seed", options.seed());
        }
        summary.put("grid", options.grid());
        summary.put("span", options.span());
        summary.put("examples", n);
        summary.put("parameters", layout.size());
        summary.put("optimizers", labels);
        summary.put("seconds", seconds);
        summary.put("files", List.of(CSV, PATHS, DIRECTIONS, CENTER, PNG));
        ResultFiles.writeJson(out.resolve(SUMMARY), summary);
        ResultFiles.writePng(out.resolve(PNG), new PlanRenderer(scene).render(900, 760, scene.lastStep()));
        told.update(FILES, 1, 1);
        progress.done();
        return new Result(explained, labels, n, seconds);
    }

    /** One snapshot on the plane: its step, coordinates, own loss and distance off the plane. */
    public record PathPoint(long step, double a, double b, double loss, double residual) {
    }

    /** A slice read back from its folder: the grid, the paths by optimizer (in file order), and the summary. */
    public record Loaded(Landscape.Slice slice, Map<String, List<PathPoint>> paths, JsonNode summary) {
    }

    /** Reads what {@link #run} wrote into {@code out}; a folder that does not hold it is one line naming the file. */
    public static Loaded read(Path out) throws IOException {
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(out.resolve(SUMMARY).toFile());
        } catch (IOException e) {
            throw new IOException(out + " holds no loss landscape (" + SUMMARY + ": " + e.getMessage().lines()
                    .findFirst().orElse("") + ")", e);
        }
        int grid = summary.path("grid").asInt();
        double span = summary.path("span").asDouble();
        List<String> rows = Files.readAllLines(out.resolve(CSV));
        if (grid < 2 || rows.size() != 1 + grid * grid) {
            throw new IOException(out.resolve(CSV) + ": expected " + grid * grid + " points of a " + grid + " x "
                    + grid + " grid, got " + (rows.size() - 1));
        }
        double[][] loss = new double[grid][grid];
        double[][] accuracy = new double[grid][grid];
        for (int r = 1; r < rows.size(); r++) {
            String[] f = rows.get(r).split(",", -1);
            int j = (r - 1) / grid, i = (r - 1) % grid;
            loss[j][i] = Double.parseDouble(f[2]);
            accuracy[j][i] = f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]);
        }
        Map<String, List<PathPoint>> paths = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(out.resolve(PATHS));
        for (String line : lines.subList(1, lines.size())) {
            // the label may be quoted (RFC 4180); the five numbers follow the last five commas
            int cut = line.length();
            for (int k = 0; k < 5; k++) {
                cut = line.lastIndexOf(',', cut - 1);
            }
            String label = line.substring(0, cut);
            if (label.startsWith("\"")) {
                label = label.substring(1, label.length() - 1).replace("\"\"", "\"");
            }
            String[] f = line.substring(cut + 1).split(",");
            paths.computeIfAbsent(label, k -> new ArrayList<>()).add(new PathPoint(Long.parseLong(f[0]),
                    Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(
                            f[4])));
        }
        return new Loaded(new Landscape.Slice(Landscape.coordinates(grid, span), loss, accuracy), paths, summary);
    }

    /** The scene the trajectory lab's renderers draw: the loss as a surface, each path as a track with its balls. */
    public static Scene scene(String title, Loaded loaded) {
        LabelColours colours = LabelColours.of(loaded.paths().keySet());
        List<Track> tracks = new ArrayList<>();
        loaded.paths().forEach((label, points) -> tracks.add(new Track(label, colours.rgb(label), points.stream()
                .mapToDouble(PathPoint::a).toArray(), points.stream().mapToDouble(PathPoint::b).toArray(), points
                        .stream().mapToDouble(PathPoint::loss).toArray(), points.size())));
        JsonNode explained = loaded.summary().path("explained_variance");
        return new Scene(title, surface(title, loaded.summary().path("directions").asText(PCA), new double[] {
            explained.path(0).asDouble(Double.NaN), explained.path(1).asDouble(Double.NaN) }, loaded.slice()),
                tracks);
    }

    private static String title(String experiment, String directions) {
        return experiment + ": loss on " + (directions.equals(PCA) ? "the paths' principal plane"
                : "filter-normalised random directions");
    }

    /** The slice as a surface whose axes say which direction each is and how much of the paths it shows. */
    private static SampledSurface surface(String name, String directions, double[] explained, Landscape.Slice slice) {
        String[] axes = new String[2];
        for (int k = 0; k < 2; k++) {
            axes[k] = (directions.equals(PCA) ? "PC " : "random direction ") + (k + 1) + (Double.isFinite(
                    explained[k]) ? String.format(Locale.ROOT, " (%.1f %% of the paths' variance)", 100
                            * explained[k]) : "");
        }
        return new SampledSurface(name, slice.coordinates(), slice.loss(), axes[0], axes[1]);
    }

    private static TrainingExperiment experiment(Path run, OptimizerRegistry optimizers, DatasetRegistry datasets)
            throws IOException {
        Path file = run.resolve("experiment.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(run + " is not a training run's folder (no experiment.json)");
        }
        try {
            return TrainingExperiment.parse(ExperimentFiles.read(file), optimizers, datasets.ids());
        } catch (ExperimentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Dataset load(TrainingExperiment e, DatasetRegistry datasets, Path dataDirectory)
            throws IOException {
        try {
            return datasets.load(e.dataset().id(), new DatasetRequest(e.seed(), e.dataset().options(),
                    dataDirectory)).train();
        } catch (DatasetException ex) {
            throw new IOException("the run's dataset " + e.dataset().id() + ": " + ex.getMessage(), ex);
        }
    }

    /** The first {@code n} examples and their targets (one-hot for a classification) as float32 arrays. */
    static INDArray[] examples(Dataset d, int n) {
        int f = d.featureCount();
        float[] x = java.util.Arrays.copyOf(d.features(), n * f);
        int k = d.isClassification() ? d.classCount() : d.targetCount();
        float[] t = new float[n * k];
        for (int i = 0; i < n; i++) {
            if (d.isClassification()) {
                t[i * k + d.labels()[i]] = 1;
            } else {
                System.arraycopy(d.targets(), i * k, t, i * k, k);
            }
        }
        long[] shape = new long[1 + d.exampleShape().length];
        shape[0] = n;
        for (int i = 0; i < d.exampleShape().length; i++) {
            shape[i + 1] = d.exampleShape()[i];
        }
        return new INDArray[] { Nd4j.create(x, shape, 'c'), Nd4j.create(t, new long[] { n, k }, 'c') };
    }

    /** Every snapshot of every path relative to {@code center}. */
    private static float[][] deltas(List<float[][]> paths, float[] center) {
        List<float[]> rows = new ArrayList<>();
        for (float[][] path : paths) {
            for (float[] row : path) {
                float[] d = new float[row.length];
                for (int k = 0; k < row.length; k++) {
                    d[k] = row[k] - center[k];
                }
                rows.add(d);
            }
        }
        return rows.toArray(new float[0][]);
    }

    /** The share of the rows' squared norm along each of two directions (each taken at unit length). */
    private static double[] shares(float[][] rows, float[] d0, float[] d1) {
        double n0 = Math.sqrt(Directions.dot(d0, d0)), n1 = Math.sqrt(Directions.dot(d1, d1));
        double total = 0, s0 = 0, s1 = 0;
        for (float[] r : rows) {
            total += Directions.dot(r, r);
            double p0 = Directions.dot(r, d0) / n0, p1 = Directions.dot(r, d1) / n1;
            s0 += p0 * p0;
            s1 += p1 * p1;
        }
        return total == 0 ? new double[] { 0, 0 } : new double[] { s0 / total, s1 / total };
    }

    private static void scaleInPlace(float[] d, double factor) {
        for (int k = 0; k < d.length; k++) {
            d[k] = (float) (d[k] * factor);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Double.toString(v);
    }

    private static String csvField(String s) {
        return s.matches("[^,\"\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
