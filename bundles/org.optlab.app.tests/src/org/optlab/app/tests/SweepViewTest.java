package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optlab.app.tests.Ui.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.Csv;
import org.optlab.runner.store.SeedGroups;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.SweepReport;
import org.optlab.runner.sweep.Trial;
import org.optlab.runner.sweep.TrialRunner;
import org.optlab.ui.internal.charts.LabChart;
import org.optlab.ui.internal.training.RunSweepHandler;
import org.optlab.ui.internal.training.SweepRun;
import org.optlab.ui.views.SweepView;
import org.optlab.ui.views.TrajectoryView;

/**
 * The Sweep view on a surface sweep run in this process (noisy gradients, so that seeds differ), checked against the
 * folder's results.csv and the report; and Run Sweep, which runs a sweep file in a child process that the view follows
 * to its end.
 */
class SweepViewTest {

    private static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.fromExtensions();
    private static final DatasetRegistry DATASETS = DatasetRegistry.fromExtensions();

    private static Path sweepFile(Path root, String name, String seeds) throws Exception {
        Path file = root.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "experiment": {"name": "bowl", "surface": {"id": "quadratic"},
                  "starts": [[-4, 3], [3, 4]], "steps": 20, "noise": {"sigma": 0.5, "seed": 1}},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.05, 0.1, 0.3]}},
                                {"id": "momentum", "label": "heavy", "momentum": 0.5, "search": {"lr": [0.05, 0.2]}}],
                 "objective": {"metric": "final_loss"}, "tuning": {"seeds": [1, 2]}, "seeds": %s}
                """.formatted(name, seeds));
        return file;
    }

    private static SweepView view(IWorkbenchPage page) throws Exception {
        return (SweepView) page.showView(SweepView.ID);
    }

    private static List<List<String>> csv(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve(SweepFolder.RESULTS)).stream().map(Csv::fields).toList();
    }

    /**
     * The table's rows are results.csv's: the same text up to the objective, then the same numbers to the 4
     * significant digits shown.
     */
    private static void assertTableShows(List<List<String>> csv, List<List<String>> table) {
        assertEquals(csv.size() - 1, table.size());
        for (int r = 0; r < table.size(); r++) {
            List<String> expected = csv.get(r + 1);
            List<String> shown = table.get(r);
            assertEquals(expected.subList(0, 5), shown.subList(0, 5));
            assertEquals(expected.size(), shown.size());
            for (int c = 5; c < expected.size(); c++) {
                if (expected.get(c).isEmpty()) {
                    assertEquals("", shown.get(c));
                    continue;
                }
                double value = Double.parseDouble(expected.get(c));
                assertEquals(value, Double.parseDouble(shown.get(c)), 5e-4 * Math.abs(value), "row " + r + " column "
                        + csv.get(0).get(c) + ": " + shown.get(c));
            }
        }
    }

    @Test
    void aSweepFolderShowsItsTrialsSensitivityAndRanking() throws Exception {
        Path root = Files.createTempDirectory("sweepview");
        Path dir = root.resolve("out");
        SweepFolder folder = SweepFolder.create(sweepFile(root, "bowl", "[5, 6, 7]"), dir, OPTIMIZERS, DATASETS
                .ids());
        for (int round = 0; round < 2; round++) { // the tune phase, then the seeds phase it plans
            for (Trial t : folder.pending()) {
                TrialRunner.run(folder.sweep(), t, folder.trialDirectory(t), OPTIMIZERS, DATASETS, null, null);
            }
            folder.planSeedsPhase();
        }
        List<SweepReport.Entry> report = SweepReport.write(folder);
        List<List<String>> csv = csv(dir);
        assertEquals(1 + 10 + 6, csv.size(), "10 tune trials, then 2 optimizers x 3 seeds");

        // as a folder written on a Slurm cluster has it: the engine's files beside the trials
        Files.createDirectories(dir.resolve("slurm/logs"));
        Files.writeString(dir.resolve("slurm/logs/12_0.out"), "ended 0 finished\n");
        Files.writeString(dir.resolve("slurm/jobs.json"), "{\"jobs\": [{\"job\": \"12\", \"kind\": \"trials\", "
                + "\"tasks\": [[0, 1]]}]}");

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        SweepView view = view(page);
        view.open(dir);
        waitFor(display, () -> view.snapshot() != null && view.trialRows().size() == csv.size() - 1);

        // the table is results.csv: its header, and each row field by field (numbers to 4 significant digits)
        assertEquals(csv.get(0), view.snapshot().header());
        assertEquals(csv.subList(1, csv.size()), view.snapshot().rows());
        assertTableShows(csv, view.trialRows());
        assertTrue(view.statusText().contains("16 of 16 trials ended"), view.statusText());

        // the ranking's first row is the report's first entry; its mean is the mean of its seeds' rows of the csv
        List<String> first = view.rankingRows().get(0);
        SweepReport.Entry best = report.get(0);
        assertEquals(List.of("1", best.optimizer()), first.subList(0, 2));
        assertEquals("lr = " + org.optlab.plot.Ticks.format((Double) best.settings().get("lr"), 4), first.get(2));
        assertEquals("3", first.get(3));
        double[] seeds = csv.stream().filter(r -> r.get(1).equals("seeds") && r.get(2).equals(best.optimizer()))
                .mapToDouble(r -> Double.parseDouble(r.get(5))).toArray();
        SeedGroups.Summary bySeeds = SeedGroups.Summary.of(seeds);
        assertTrue(bySeeds.std() > 0, "noisy gradients: the seeds end apart");
        String[] meanStd = first.get(4).split(" \u00b1 ");
        assertEquals(bySeeds.mean(), Double.parseDouble(meanStd[0]), 1e-3 * bySeeds.mean());
        assertEquals(bySeeds.std(), Double.parseDouble(meanStd[1]), 1e-3 * bySeeds.std());
        assertTrue(first.get(5).startsWith("["), first.get(5));
        assertEquals(2, view.rankingRows().size());

        // the sensitivity chart: a line per optimizer through the mean objective of its tuning trials at each lr,
        // and a dot per trial (the seeds phase's too)
        Map<String, TreeMap<Double, List<Double>>> byLr = new TreeMap<>();
        for (List<String> r : csv.subList(1, csv.size()).stream().filter(r -> r.get(1).equals("tune")).toList()) {
            byLr.computeIfAbsent(r.get(2), k -> new TreeMap<>()).computeIfAbsent(Double.parseDouble(r.get(7)),
                    k -> new ArrayList<>()).add(Double.parseDouble(r.get(5)));
        }
        LabChart chart = view.sensitivityChart();
        assertTrue(chart.isLogX(), "lr on a log axis");
        List<LabChart.Series> lines = chart.series().stream().filter(LabChart.Series::line).toList();
        List<LabChart.Series> dots = chart.series().stream().filter(s -> !s.line()).toList();
        assertEquals(List.of("sgd", "heavy"), lines.stream().map(LabChart.Series::label).toList());
        for (LabChart.Series line : lines) {
            TreeMap<Double, List<Double>> expected = byLr.get(line.label());
            assertEquals(expected.keySet().stream().toList(), java.util.Arrays.stream(line.x()).boxed().toList());
            for (int i = 0; i < line.x().length; i++) {
                double mean = expected.get(line.x()[i]).stream().mapToDouble(Double::doubleValue).average()
                        .orElseThrow();
                assertEquals(mean, line.y()[i], 1e-12 * mean, line.label() + " at lr " + line.x()[i]);
            }
        }
        assertEquals(16, dots.stream().mapToInt(s -> s.x().length).sum(), "a dot per trial");
        // the seed bands: one curve per optimizer with a band, n = 3 seeds
        assertEquals(2, view.curvesChart().series().size());
        assertTrue(view.curvesChart().series().stream().allMatch(s -> s.band() != null && s.label().endsWith(
                "(n=3)")), view.curvesChart().series().toString());

        // Open Trial: a surface trial's experiment opens in the Trajectories view, with the trial's lr
        Trial trial = view.snapshot().trials().get(4); // sgd, lr 0.3, seed 1
        view.openTrial(trial);
        TrajectoryView trajectories = (TrajectoryView) page.findView(TrajectoryView.ID);
        waitFor(display, () -> trajectories.experiment() != null && trajectories.experiment().name().equals("bowl")
                && trajectories.experiment().optimizers().size() == 1);
        assertEquals(0.3, ((Number) trajectories.experiment().optimizers().get(0).hyperParameters().get("lr"))
                .doubleValue(), 0);
    }

    @Test
    void aTwoAxisSurfaceSweepShowsItsStabilityMapAndACellOpensItsRace() throws Exception {
        Path root = Files.createTempDirectory("stability");
        Path file = root.resolve("two.json");
        Files.writeString(file, """
                {"name": "two", "experiment": {"name": "b", "surface": {"id": "quadratic"}, "starts": [[1, 1]],
                  "steps": 60},
                 "optimizers": [{"id": "momentum", "search": {"lr": [0.1, 0.4, 1.5], "momentum": [0, 0.5]}}],
                 "objective": {"metric": "final_loss"}}""");
        Path dir = root.resolve("out");
        SweepFolder folder = SweepFolder.create(file, dir, OPTIMIZERS, DATASETS.ids());
        for (Trial t : folder.pending()) {
            TrialRunner.run(folder.sweep(), t, folder.trialDirectory(t), OPTIMIZERS, DATASETS, null, null);
        }
        SweepReport.write(folder);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        SweepView view = view(page);
        view.open(dir);
        waitFor(display, () -> view.snapshot() != null && view.stabilityMap().control().isVisible());
        var map = view.stabilityMap();
        waitFor(display, () -> map.control().getSize().x > 200 && map.control().getSize().y > 100);
        // the cell of lr 0.4 (column 1), momentum 0.5 (row 1, the upper one): a click there opens that race
        var size = map.control().getSize();
        var area = org.optlab.plot.HeatMaps.plotArea(size.x, size.y);
        int x = area.x + area.width / 2;
        int y = area.y + area.height / 4;
        assertArrayEquals(new int[] { 1, 1 }, map.cellAt(x, y));
        org.eclipse.swt.widgets.Event down = new org.eclipse.swt.widgets.Event();
        down.x = x;
        down.y = y;
        down.button = 1;
        map.control().notifyListeners(org.eclipse.swt.SWT.MouseDown, down);
        TrajectoryView trajectories = (TrajectoryView) page.findView(TrajectoryView.ID);
        waitFor(display, () -> trajectories.experiment() != null && trajectories.experiment().name().equals("b"));
        var hyper = trajectories.experiment().optimizers().get(0).hyperParameters();
        assertEquals(0.4, ((Number) hyper.get("lr")).doubleValue(), 0);
        assertEquals(0.5, ((Number) hyper.get("momentum")).doubleValue(), 0);
    }

    @Test
    void runSweepRunsAFileInAChildAndTheViewFollowsItToTheEnd() throws Exception {
        Path root = Files.createTempDirectory("runsweep");
        Path file = sweepFile(root, "tiny", "[5, 6]");
        Path out = root.resolve("sweeps").resolve("tiny-1");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        SweepRun run = RunSweepHandler.run(file, out, page);
        SweepView view = view(page);
        assertTrue(view.canStop(), "Stop is offered while it runs");
        waitFor(display, () -> !run.isAlive() && view.snapshot() != null && view.snapshot().complete()
                && !view.canStop());
        assertEquals(0, run.exitCode(), run.error());
        assertTrue(Files.readString(out.resolveSibling("tiny-1.log")).contains("tiny"), "the child's output is logged");
        // every trial in the table, as the finished sweep's results.csv has them
        List<List<String>> csv = csv(out);
        assertEquals(1 + 10 + 4, csv.size());
        waitFor(display, () -> view.snapshot().rows().equals(csv.subList(1, csv.size())));
        assertTableShows(csv, view.trialRows());
        assertTrue(view.trialRows().stream().noneMatch(r -> r.get(4).equals(SweepFolder.PENDING)));
        assertFalse(view.rankingRows().isEmpty());
        assertNotEquals("", view.rankingRows().get(0).get(0));
    }

    @Test
    void stopEndsTheSweepAndRunSweepOnTheSameFolderResumesIt() throws Exception {
        Path root = Files.createTempDirectory("stopsweep");
        Path file = root.resolve("long.json");
        Files.writeString(file, """
                {"name": "long", "experiment": {"name": "r", "surface": {"id": "rosenbrock"}, "starts": [[-1.2, 1]],
                  "steps": 20000},
                 "optimizers": [{"id": "sgd", "search": {"lr": {"log": [1e-5, 1e-3], "points": 12}}}],
                 "objective": {"metric": "final_loss"}}
                """);
        Path out = root.resolve("long-1");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        SweepRun first = RunSweepHandler.run(file, out, page);
        SweepView view = view(page);
        waitFor(display, () -> Files.exists(out.resolve(SweepFolder.SWEEP)));
        view.stopRun();
        waitFor(display, () -> !first.isAlive() && !view.canStop());
        assertTrue(first.stopped());
        waitFor(display, () -> view.statusText().contains("stopped"));

        SweepRun second = RunSweepHandler.run(file, out, page);
        waitFor(display, () -> !second.isAlive() && view.snapshot() != null && view.snapshot().complete()
                && !view.canStop());
        assertEquals(0, second.exitCode(), second.error());
        List<List<String>> csv = csv(out);
        assertEquals(1 + 12, csv.size());
        waitFor(display, () -> view.snapshot().rows().equals(csv.subList(1, csv.size())));
        assertTableShows(csv, view.trialRows());
        assertFalse(view.statusText().contains("stopped"), view.statusText());
    }

    @Test
    void aBadSweepFileFailsWithTheCommandLinesOneLine() throws Exception {
        Path root = Files.createTempDirectory("badsweep");
        Path file = root.resolve("bad.json");
        Files.writeString(file, """
                {"name": "bad", "experiment": {"name": "b", "surface": {"id": "quadratic"}, "starts": [[1, 1]]},
                 "optimizers": [{"id": "sgd", "search": {"lr": {"log": [1e-3, 1], "points": 0}}}],
                 "objective": {"metric": "final_loss"}}
                """);
        java.util.concurrent.CompletableFuture<SweepRun> ended = new java.util.concurrent.CompletableFuture<>();
        SweepRun run = SweepRun.start(file, root.resolve("out"), ended::complete);
        assertEquals(run, ended.get(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, run.exitCode());
        assertTrue(run.error().startsWith("optlab: "), run.error());
        assertTrue(run.error().contains("optimizers[0].search.lr"), run.error());
        assertFalse(run.stopped());
    }

    @Test
    void aTrainingTrialOpensAsARunInTrainingCharts() throws Exception {
        Path root = Files.createTempDirectory("trainsweep");
        Path file = root.resolve("moons.json");
        Files.writeString(file, """
                {"name": "moons", "experiment": {"name": "m", "dataset": {"id": "moons", "n": 200, "test": 100},
                  "model": {"id": "mlp", "hidden": [8]}, "epochs": 1, "batch_size": 20},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.01, 0.1]}}],
                 "objective": {"metric": "final_test_loss"}, "seeds": [3, 4]}
                """);
        Path dir = root.resolve("out");
        SweepFolder folder = SweepFolder.create(file, dir, OPTIMIZERS, DATASETS.ids());
        for (int round = 0; round < 2; round++) {
            for (Trial t : folder.pending()) {
                TrialRunner.run(folder.sweep(), t, folder.trialDirectory(t), OPTIMIZERS, DATASETS, null, null);
            }
            folder.planSeedsPhase();
        }
        SweepReport.write(folder);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        SweepView view = view(page);
        view.open(dir);
        waitFor(display, () -> view.snapshot() != null && view.snapshot().folder().directory().equals(dir));
        assertEquals(4, view.trialRows().size(), "2 tune trials, then the best lr with 2 seeds");
        // the seed band of a training sweep: the train loss per step of the 2 seeds' trials, mean and band
        LabChart.Series band = view.curvesChart().series().get(0);
        assertTrue(band.label().endsWith("(n=2)") && band.band() != null, band.label());
        List<double[]> losses = new ArrayList<>();
        for (Trial t : view.snapshot().trials().subList(2, 4)) {
            losses.add(lastTrainLoss(folder.trialDirectory(t)));
        }
        int last = band.x().length - 1;
        assertEquals(losses.get(0)[0], band.x()[last], 0, "the last step");
        assertEquals((losses.get(0)[1] + losses.get(1)[1]) / 2, band.y()[last], 1e-9);

        // Open Trial: the trial's run in Training Charts, its loss curve the trial's metrics.csv
        org.optlab.ui.views.TrainingChartsView charts = (org.optlab.ui.views.TrainingChartsView) page.showView(
                org.optlab.ui.views.TrainingChartsView.ID);
        charts.setDrawing(0, org.optlab.ui.internal.training.GroupCurves.Band.STD);
        try {
            view.openTrial(view.snapshot().trials().get(3));
            LabChart.Series loss = charts.lossChart().series().get(0);
            assertEquals(1, charts.lossChart().series().size());
            double[] expected = lastTrainLoss(folder.trialDirectory(view.snapshot().trials().get(3)));
            assertEquals(expected[0], loss.x()[loss.x().length - 1], 0);
            assertEquals(expected[1], loss.y()[loss.y().length - 1], 1e-9);
        } finally {
            charts.setDrawing(0.6, org.optlab.ui.internal.training.GroupCurves.Band.STD);
            charts.showRuns(List.of());
        }
    }

    /** The last training step of a trial's metrics.csv and its train loss, read here. */
    private static double[] lastTrainLoss(Path trial) throws Exception {
        List<String> lines = Files.readAllLines(trial.resolve("metrics.csv"));
        List<String> header = Csv.fields(lines.get(0));
        double[] last = null;
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = Csv.fields(line);
            String loss = f.get(header.indexOf("train_loss"));
            if (!loss.isEmpty()) {
                last = new double[] { Double.parseDouble(f.get(header.indexOf("step"))), Double.parseDouble(loss) };
            }
        }
        return last;
    }
}
