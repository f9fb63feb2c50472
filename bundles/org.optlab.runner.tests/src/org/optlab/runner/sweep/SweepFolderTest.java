package org.optlab.runner.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;

/**
 * A sweep run in this process, trial after trial: plain gradient descent on the bowl x^2 + y^2 has the closed form
 * x_T = (1 - 2 lr)^T x_0, so the final loss of every point is known and so is the best learning rate.
 */
class SweepFolderTest {

    private static final OptimizerRegistry OPTIMIZERS = OptimizerRegistry.fromExtensions();
    private static final DatasetRegistry DATASETS = DatasetRegistry.fromExtensions();

    @TempDir
    Path root;

    private static final double[] LRS = { 0.05, 0.1, 0.2, 0.35, 0.6, 1.2 };
    private static final int STEPS = 7;

    private Path sweepFile() throws IOException {
        Path file = root.resolve("bowl.json");
        Files.writeString(file, """
                {"name": "bowl", "experiment": {"name": "bowl", "surface": {"id": "quadratic"},
                  "starts": [[-4, 3], [3, 4]], "steps": %d},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.05, 0.1, 0.2, 0.35, 0.6, 1.2]}},
                                {"id": "momentum", "label": "heavy", "momentum": 0.5, "search": {"lr": [0.1, 0.3]}}],
                 "objective": {"metric": "final_loss"}, "tuning": {"seeds": [1, 2]}, "seeds": [5, 6, 7]}
                """.formatted(STEPS));
        return file;
    }

    /** Runs every pending trial, then the seeds phase, as an engine would. */
    static void runAll(SweepFolder folder) throws IOException {
        for (int round = 0; round < 2; round++) {
            for (Trial t : folder.pending()) {
                TrialRunner.run(folder.sweep(), t, folder.trialDirectory(t), OPTIMIZERS, DATASETS, null, null);
            }
            folder.planSeedsPhase();
        }
        folder.writeResults();
    }

    /** GD's final loss on the bowl: the sum over both starts of (1 - 2 lr)^(2T) |x_0|^2, then their mean. */
    private static double closedForm(double lr) {
        return Math.pow(1 - 2 * lr, 2 * STEPS) * (25 + 25) / 2;
    }

    @Test
    void aWorkerReadsThePlannedSweepWithoutMakingEachOptimizerAgainAndChecksATrialAsItRunsIt() throws Exception {
        Path file = root.resolve("planned.json");
        Files.writeString(file, """
                {"name": "planned", "experiment": {"name": "p", "surface": {"id": "quadratic"}, "starts": [[1, 2]],
                  "steps": 3},
                 "optimizers": [{"id": "sgd", "search": {"lr": [0.125, 0.375]}}],
                 "objective": {"metric": "final_loss"}}""");
        Path out = root.resolve("planned");
        SweepFolder.create(file, out, OPTIMIZERS, DATASETS.ids());
        // its sweep.json edited after planning: a learning rate SGD refuses, in the space and in trial 1
        Path saved = out.resolve(SweepFolder.SWEEP);
        Files.writeString(saved, Files.readString(saved).replace("0.375", "-0.375"));
        IOException checked = assertThrows(IOException.class, () -> SweepFolder.open(out, OPTIMIZERS, DATASETS
                .ids()));
        assertTrue(checked.getMessage().contains("optimizers[0].search.lr"), checked.getMessage());

        SweepFolder forTrials = SweepFolder.openForTrials(out, OPTIMIZERS);
        assertEquals(2, forTrials.trials().size());
        TrialWorker worker = new TrialWorker(out, OPTIMIZERS, DATASETS, null);
        assertEquals(TrialOutcome.FINISHED, worker.run(0, null).status());
        TrialOutcome refused = worker.run(1, null);
        assertEquals(TrialOutcome.FAILED, refused.status());
        assertTrue(refused.error().contains("lr"), refused.error());
    }

    @Test
    void theBestLearningRateOfGradientDescentIsTheClosedFormsBest() throws Exception {
        SweepFolder folder = SweepFolder.create(sweepFile(), root.resolve("out"), OPTIMIZERS, DATASETS.ids());
        // tune: sgd 6 points x 2 seeds, heavy 2 x 2
        assertEquals(16, folder.trials().size());
        assertEquals(List.of(0, 0, 1, 1), folder.trials().subList(0, 4).stream().map(Trial::point).toList());
        assertEquals(List.of(1L, 2L, 1L, 2L), folder.trials().subList(0, 4).stream().map(Trial::seed).toList());
        runAll(folder);
        assertEquals(16 + 2 * 3, folder.trials().size(), "the seeds phase: each optimizer's best with 3 seeds");
        assertTrue(folder.pending().isEmpty());

        int bestIndex = 0;
        for (int i = 0; i < LRS.length; i++) {
            Trial t = folder.trials().get(2 * i);
            TrialOutcome o = folder.outcome(t).orElseThrow();
            if (LRS[i] == 1.2) { // |1 - 2.4| > 1: it grows without bound
                assertEquals(TrialOutcome.FINISHED, o.status(), "7 steps of x1.4 stay in bounds: " + o);
            }
            assertEquals(closedForm(LRS[i]), o.objective(), 1e-12 * Math.max(1, closedForm(LRS[i])), "lr " + LRS[i]);
            if (closedForm(LRS[i]) < closedForm(LRS[bestIndex])) {
                bestIndex = i;
            }
        }
        assertEquals(0.6, LRS[bestIndex]); // |1 - 1.2| = 0.2 is the smallest factor of the grid
        Trial best = folder.best("sgd").orElseThrow();
        assertEquals(LRS[bestIndex], (double) best.settings().get("lr"));
        List<Trial> seeds = folder.trials().stream().filter(t -> t.phase().equals(Trial.SEEDS)).toList();
        assertEquals(List.of("sgd", "sgd", "sgd", "heavy", "heavy", "heavy"), seeds.stream().map(Trial::optimizer)
                .toList());
        assertEquals(List.of(5L, 6L, 7L), seeds.subList(0, 3).stream().map(Trial::seed).toList());
        assertEquals(0.6, (double) seeds.get(0).settings().get("lr"));

        List<String> csv = Files.readAllLines(root.resolve("out").resolve(SweepFolder.RESULTS));
        assertEquals("trial,phase,optimizer,seed,status,objective,seconds,lr,momentum", csv.get(0));
        assertEquals(1 + 22, csv.size());
        List<String> first = org.optlab.runner.experiment.Csv.fields(csv.get(1));
        assertEquals(List.of("0", "tune", "sgd", "1", "finished"), first.subList(0, 5));
        assertEquals(closedForm(0.05), Double.parseDouble(first.get(5)), 1e-12);
        assertEquals(List.of("0.05", ""), first.subList(7, 9)); // sgd sets no momentum
        List<String> heavy = org.optlab.runner.experiment.Csv.fields(csv.get(13));
        assertEquals(List.of("12", "tune", "heavy"), heavy.subList(0, 3));
        assertEquals(List.of("0.1", "0.5"), heavy.subList(7, 9)); // the fixed momentum has its column too
        List<SweepReport.Entry> report = SweepReport.write(folder);
        assertEquals("sgd", report.get(0).optimizer(), "sgd at 0.6 ends nearer the minimum than heavy's best");
        assertEquals(3, report.get(0).seeds().n());
        assertEquals(closedForm(0.6), report.get(0).seeds().mean(), 1e-20);
        assertEquals(0, report.get(0).seeds().std(), 0); // a race without noise is the same for every seed
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(root.resolve("out").resolve(
                SweepReport.JSON_FILE).toFile());
        assertEquals("[\"sgd\",\"heavy\"]", json.get("ranking").toString());
        assertEquals(0.6, json.get("optimizers").get(0).get("best_settings").get("lr").asDouble());
        assertTrue(json.get("complete").asBoolean());
        assertTrue(Files.readString(root.resolve("out").resolve(SweepReport.MARKDOWN_FILE)).contains("| 1 | sgd | "
                + "lr = 0.6 |"));
        for (String png : new String[] { SweepPlots.SENSITIVITY, SweepPlots.SEEDS, SweepPlots.FINAL }) {
            var image = javax.imageio.ImageIO.read(root.resolve("out").resolve(png).toFile());
            assertEquals(1000, image.getWidth(), png);
        }
        // every trial folder is an ordinary run folder
        Path trial0 = folder.trialDirectory(folder.trials().get(0));
        for (String f : new String[] { "experiment.json", "summary.json", "trajectories.csv", "trial.json" }) {
            assertTrue(Files.exists(trial0.resolve(f)), f);
        }
    }

    @Test
    void aTrainingGridUpToAThousandRecordsItsDivergedTrialsAndGoesOn() throws Exception {
        Path file = root.resolve("grid.json");
        Files.writeString(file, """
                {"name": "grid", "experiment": {"name": "g", "dataset": {"id": "moons", "n": 400, "test": 200},
                  "model": {"id": "mlp", "hidden": [32]}, "epochs": 3, "batch_size": 20},
                 "optimizers": [{"id": "sgd", "search": {"lr": {"log": [1e-2, 1000], "points": 6}}}],
                 "objective": {"metric": "final_test_loss"}, "seeds": [1, 2]}""");
        SweepFolder folder = SweepFolder.create(file, root.resolve("grid"), OPTIMIZERS, DATASETS.ids());
        runAll(folder);
        assertTrue(folder.pending().isEmpty(), "the sweep completes");
        TrialOutcome blown = folder.outcome(folder.trials().get(5)).orElseThrow();
        assertEquals(1000.0, (double) folder.trials().get(5).settings().get("lr"));
        assertEquals(TrialOutcome.DIVERGED, blown.status(), "lr 1000 blows the logits up: " + blown);
        assertTrue(Double.isNaN(blown.objective()));
        List<String> csv = Files.readAllLines(root.resolve("grid").resolve(SweepFolder.RESULTS));
        assertTrue(csv.get(6).startsWith("5,tune,sgd,42,diverged,,"), csv.get(6));
        // the best is a finite one, and its seeds ran
        double best = (double) folder.best("sgd").orElseThrow().settings().get("lr");
        assertTrue(best < 1000, "best lr " + best);
        assertEquals(2, folder.trials().stream().filter(t -> t.phase().equals(Trial.SEEDS)).count());
        List<SweepReport.Entry> report = SweepReport.write(folder);
        assertEquals(1, report.get(0).diverged());
        assertEquals(2, report.get(0).seeds().n());
    }

    @Test
    void aSurfaceSweepOverTwoAxesDrawsItsStabilityMap() throws Exception {
        Path file = root.resolve("two.json");
        // GD with momentum on the bowl: lr 1.5 with momentum 0 multiplies x by -2 each step, which the 60 steps
        // carry past the divergence bound; lr 0.1 converges with either momentum
        Files.writeString(file, """
                {"name": "two", "experiment": {"name": "b", "surface": {"id": "quadratic"}, "starts": [[1, 1]],
                  "steps": 60},
                 "optimizers": [{"id": "momentum", "search": {"lr": [0.1, 1.5], "momentum": [0, 0.5]}}],
                 "objective": {"metric": "final_loss"}}""");
        SweepFolder folder = SweepFolder.create(file, root.resolve("two"), OPTIMIZERS, DATASETS.ids());
        runAll(folder);
        assertEquals(TrialOutcome.DIVERGED, folder.outcome(folder.trials().get(2)).orElseThrow().status());
        SweepReport.write(folder);
        var image = javax.imageio.ImageIO.read(root.resolve("two").resolve(SweepPlots.stabilityFile("momentum"))
                .toFile());
        java.awt.Rectangle area = org.optlab.plot.HeatMaps.plotArea(image.getWidth(), image.getHeight());
        // column lr = 1.5 (right), row momentum = 0 (bottom): the diverged cell is grey
        // (the middle of the cell's top edge: away from its cross)
        assertEquals(0xbbbbbb, image.getRGB(area.x + area.width * 3 / 4, area.y + area.height / 2 + 4) & 0xffffff);
        // lr = 0.1 (left) converged: a viridis colour, not grey
        assertTrue((image.getRGB(area.x + area.width / 4, area.y + area.height / 2 + 4) & 0xffffff) != 0xbbbbbb);
    }

    @Test
    void aSweepOfTenThousandTrialsReports() throws Exception {
        Path file = root.resolve("big.json");
        Files.writeString(file, """
                {"name": "big", "experiment": {"name": "b", "surface": {"id": "quadratic"}, "steps": 10},
                 "optimizers": [{"id": "sgd", "search": {"lr": {"log": [1e-4, 1], "points": 10000}}}],
                 "objective": {"metric": "final_loss"}}""");
        SweepFolder folder = SweepFolder.create(file, root.resolve("big"), OPTIMIZERS, DATASETS.ids());
        assertEquals(10_000, folder.trials().size());
        // every trial "ended" with objective |lr - 0.1| (what an engine leaves: a trial.json each), one diverged
        for (Trial t : folder.trials()) {
            double lr = (double) t.settings().get("lr");
            TrialOutcome o = t.index() == 9999 ? new TrialOutcome(t.index(), TrialOutcome.DIVERGED, Double.NaN, 0.001,
                    null) : new TrialOutcome(t.index(), TrialOutcome.FINISHED, Math.abs(lr - 0.1), 0.001, null);
            Files.createDirectories(folder.trialDirectory(t));
            org.optlab.runner.experiment.ResultFiles.writeJson(folder.trialDirectory(t).resolve(TrialOutcome.FILE),
                    o.toJson());
        }
        SweepFolder reopened = SweepFolder.open(root.resolve("big"), OPTIMIZERS, DATASETS.ids());
        List<SweepReport.Entry> report = SweepReport.write(reopened);
        double best = (double) report.get(0).settings().get("lr");
        // the grid point nearest 0.1: exponents step by 4/9999; 10^-1 sits at index 7499.25, so index 7499
        assertEquals(Math.pow(10, -4 + 7499 * 4.0 / 9999), best, 1e-15);
        assertEquals(1, report.get(0).diverged());
        assertEquals(10_001, Files.readAllLines(root.resolve("big").resolve(SweepFolder.RESULTS)).size());
    }

    @Test
    void theConfidenceIntervalUsesStudentsT() {
        // s = sqrt(0.002 / 3); t(0.975, 3) = 3.182446305284263 (published tables: 3.182)
        var s = org.optlab.runner.store.SeedGroups.Summary.of(0.81, 0.83, 0.85, 0.87);
        double half = 3.182446305284263 * Math.sqrt(0.002 / 3) / 2;
        double[] ci = SweepReport.confidence(s);
        assertEquals(0.84 - half, ci[0], 1e-9); // the table's t to 16 digits, commons-math's to about 11
        assertEquals(0.84 + half, ci[1], 1e-9);
        assertTrue(Double.isNaN(SweepReport.confidence(org.optlab.runner.store.SeedGroups.Summary.of(0.5))[0]));
    }

    @Test
    void aFolderResumesItsOwnSweepAndRefusesAnother() throws Exception {
        Path out = root.resolve("out");
        SweepFolder first = SweepFolder.create(sweepFile(), out, OPTIMIZERS, DATASETS.ids());
        Trial t = first.trials().get(3);
        TrialRunner.run(first.sweep(), t, first.trialDirectory(t), OPTIMIZERS, DATASETS, null, null);
        SweepFolder again = SweepFolder.create(sweepFile(), out, OPTIMIZERS, DATASETS.ids());
        assertEquals(15, again.pending().size(), "one trial done, fifteen to go");
        assertEquals(again.trials(), first.trials());

        Files.writeString(sweepFile(), Files.readString(root.resolve("bowl.json")).replace("[5, 6, 7]", "[5]"));
        IOException e = assertThrows(IOException.class, () -> SweepFolder.create(root.resolve("bowl.json"), out,
                OPTIMIZERS, DATASETS.ids()));
        assertTrue(e.getMessage().contains("holds another sweep"), e.getMessage());

        Path busy = Files.createDirectories(root.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        e = assertThrows(IOException.class, () -> SweepFolder.create(sweepFile(), busy, OPTIMIZERS, DATASETS.ids()));
        assertEquals(busy + " is not empty and holds no sweep; choose an empty or new folder", e.getMessage());
    }
}
