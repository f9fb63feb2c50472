package org.optlab.runner.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.optlab.runner.trajectory.Trajectory;


/**
 * Writes a trajectory experiment's results: {@code trajectories.csv} with the header
 * {@code optimizer,start,step,x,y,loss} (y empty for 1-D curves) and {@code summary.json}. Each file is written to a
 * temporary name and moved into place, so a reader never sees half a file.
 */
public final class TrajectoryResults {

    public static final String CSV_HEADER = "optimizer,start,step,x,y,loss";

    private TrajectoryResults() {
    }

    /**
     * @param gif the GIF this run also writes into {@code dir}, relative to it (listed in the summary's files), or null
     */
    public static void write(SurfaceExperiment experiment, List<Trajectory> trajectories, Path dir, String gif)
            throws IOException {
        Files.createDirectories(dir);
        writeCsv(trajectories, dir.resolve("trajectories.csv"));
        Map<String, Object> summary = summary(experiment, trajectories);
        List<String> files = new ArrayList<>(List.of("trajectories.csv", "summary.json"));
        if (gif != null) {
            files.add(gif);
        }
        summary.put("files", files);
        ResultFiles.writeJson(dir.resolve("summary.json"), summary);
    }

    /** The summary of a race stopped before it was complete: its status, and no trajectories. */
    public static void writeStopped(SurfaceExperiment experiment, Path dir) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", experiment.name());
        summary.put("status", "stopped");
        summary.put("steps", experiment.steps());
        summary.put("runs", List.of());
        summary.put("files", List.of("summary.json"));
        ResultFiles.writeJson(dir.resolve("summary.json"), summary);
    }

    /**
     * The loss at each step of a {@code trajectories.csv}, averaged over the starts (and optimizers) that reached the
     * step: {x = step, y = mean loss}. Read line by line; a line that is not a row is skipped.
     */
    public static double[][] meanLossPerStep(Path file) throws IOException {
        java.util.List<double[]> sums = new java.util.ArrayList<>(); // per step: {sum, count}
        try (var lines = java.nio.file.Files.lines(file)) {
            lines.skip(1).forEach(line -> {
                List<String> f = Csv.fields(line);
                if (f.size() != 6) {
                    return;
                }
                try {
                    int step = Integer.parseInt(f.get(2));
                    double loss = Csv.number(f.get(5));
                    while (sums.size() <= step) {
                        sums.add(new double[2]);
                    }
                    sums.get(step)[0] += loss;
                    sums.get(step)[1]++;
                } catch (NumberFormatException e) {
                    // not a row
                }
            });
        }
        double[][] xy = new double[2][sums.size()];
        for (int step = 0; step < sums.size(); step++) {
            xy[0][step] = step;
            xy[1][step] = sums.get(step)[1] == 0 ? Double.NaN : sums.get(step)[0] / sums.get(step)[1];
        }
        return xy;
    }

    /** Writes {@code trajectories.csv}-style rows (header {@link #CSV_HEADER}) of these trajectories to {@code file}. */
    public static void writeCsv(List<Trajectory> trajectories, Path file) throws IOException {
        ResultFiles.writeAtomically(file, out -> {
            out.write(CSV_HEADER);
            out.write('\n');
            for (Trajectory t : trajectories) {
                String prefix = Csv.field(t.optimizer().label()) + "," + t.start() + ",";
                for (int step = 0; step < t.length(); step++) {
                    out.write(prefix + step + "," + t.x()[step] + "," + (t.y() == null ? "" : t.y()[step]) + ","
                            + t.loss()[step] + "\n");
                }
            }
        });
    }

    private static Map<String, Object> summary(SurfaceExperiment experiment, List<Trajectory> trajectories) {
        Map<String, Object> surface = new LinkedHashMap<>();
        surface.put("id", experiment.surface().id());
        surface.put("name", experiment.surface().name());
        surface.put("formula", experiment.surface().formula());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Trajectory t : trajectories) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("optimizer", t.optimizer().label());
            run.put("id", t.optimizer().id());
            run.put("start", t.start());
            run.put("start_point", experiment.starts().get(t.start()));
            run.put("final_point", t.last());
            run.put("final_loss", finite(t.finalLoss()));
            run.put("steps_run", t.length() - 1);
            run.put("diverged", t.diverged());
            run.put("distance_to_nearest_minimum", distanceToNearestMinimum(experiment, t.last()));
            runs.add(run);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", experiment.name());
        summary.put("status", "finished");
        summary.put("surface", surface);
        summary.put("steps", experiment.steps());
        summary.put("runs", runs);
        return summary;
    }

    /** The distance from {@code point} to the surface's nearest known minimum (null when it has none). */
    public static Double distanceToNearestMinimum(SurfaceExperiment experiment, double[] point) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] minimum : experiment.surface().minima()) {
            double squares = 0;
            for (int i = 0; i < point.length; i++) {
                squares += (point[i] - minimum[i]) * (point[i] - minimum[i]);
            }
            best = Math.min(best, Math.sqrt(squares));
        }
        return finite(best);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

}
