package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optlab.app.tests.Ui.waitFor;


import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.optlab.app.internal.LabPerspective;
import org.optlab.ui.views.CompareView;
import org.optlab.ui.views.GuidesView;
import org.optlab.ui.views.OptimizersView;
import org.optlab.ui.views.RunsView;
import org.optlab.ui.views.TrainingChartsView;
import org.optlab.ui.views.TrajectoryView;

/** Runs inside the OptLab application under the UI harness (on the UI thread). */
class LabPerspectiveTest {

    @Test
    void theLabPerspectiveShowsTheLabsViews() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window");
        assertEquals("OptLab", window.getShell().getText());
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(LabPerspective.ID, window);
        assertEquals(LabPerspective.ID, page.getPerspective().getId());

        OptimizersView optimizers = (OptimizersView) page.findView(OptimizersView.ID);
        assertNotNull(optimizers, "Optimizers view is not in the perspective");
        assertTrue(optimizers.optimizerRows().contains("SGD (sgd)"), optimizers.optimizerRows().toString());
        assertEquals(java.util.List.of(OptimizersView.ID, RunsView.ID, GuidesView.ID, TrajectoryView.ID,
                TrainingChartsView.ID, CompareView.ID, org.optlab.ui.views.SweepView.ID,
                org.optlab.ui.views.LandscapeView.ID), java.util.Arrays.asList(
                page.getShowViewShortcuts()),
                "Window > Show View lists the lab's views");
        assertTrue(java.util.Arrays.stream(page.getViewReferences()).noneMatch(v -> v.getId().equals(
                "org.optlab.ui.views.loss")), "the demo Loss view is gone");
        assertFalse(page.isEditorAreaVisible(), "no editor area until an experiment is opened");
    }

    @Test
    void theFirstWindowFitsTheScreensWorkArea() {
        // a 1366 x 768 laptop with a 27-pixel panel, a 1280 x 800 screen with a 30-pixel one, a full-HD screen
        assertEquals(new org.eclipse.swt.graphics.Point(1280, 741), LabPerspective.initialWindowSize(
                new org.eclipse.swt.graphics.Rectangle(0, 27, 1366, 741)));
        assertEquals(new org.eclipse.swt.graphics.Point(1280, 770), LabPerspective.initialWindowSize(
                new org.eclipse.swt.graphics.Rectangle(0, 0, 1280, 770)));
        assertEquals(new org.eclipse.swt.graphics.Point(1632, 918), LabPerspective.initialWindowSize(
                new org.eclipse.swt.graphics.Rectangle(0, 0, 1920, 1080)));
    }

    @Test
    void playingTheRaceMovesTheBalls() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        TrajectoryView view = (TrajectoryView) page.findView(TrajectoryView.ID);
        assertNotNull(view, "Trajectories view is not in the perspective");
        Display display = window.getShell().getDisplay();
        waitFor(display, () -> view.trajectories().size() == 12); // 4 optimizers x 3 starts
        view.show(0);
        java.util.List<double[]> atStart = view.ballPositions();
        assertEquals(-1.2, atStart.get(0)[0], 0); // the first start of Rosenbrock
        view.setPlaying(true);
        waitFor(display, () -> view.currentStep() >= 40);
        view.setPlaying(false);
        java.util.List<double[]> later = view.ballPositions();
        int moved = 0;
        for (int i = 0; i < later.size(); i++) {
            if (later.get(i)[0] != atStart.get(i)[0] || later.get(i)[1] != atStart.get(i)[1]) {
                moved++;
            }
        }
        assertEquals(12, moved, "every ball moved");

        java.nio.file.Path png = java.nio.file.Files.createTempFile("frame", ".png");
        view.exportPng(png).join();
        org.eclipse.swt.graphics.ImageData[] frames = new org.eclipse.swt.graphics.ImageLoader().load(png.toString());
        assertEquals(1, frames.length);
        assertTrue(frames[0].width > 100 && frames[0].height > 100, frames[0].width + " x " + frames[0].height);
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("trajectories", ".csv");
        view.exportCsv(csv).join();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertEquals("optimizer,start,step,x,y,loss", lines.get(0));
        assertEquals(1 + 12 * 501, lines.size());
    }

    @Test
    void editingTheFormReRunsAndEveryViewRendersAndExports() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        TrajectoryView view = (TrajectoryView) window.getActivePage().findView(TrajectoryView.ID);
        Display display = window.getShell().getDisplay();
        waitFor(display, () -> view.trajectories().size() == 12);
        java.util.List<org.optlab.runner.trajectory.Trajectory> before = view.trajectories();
        assertEquals(12, view.chart().labChart().series().size(), "one loss curve per trajectory");

        // typing a new lr for adam (the third optimizer) re-runs the race with it
        view.form().selectOptimizer(2);
        org.eclipse.swt.widgets.Text lr = view.form().fieldText("optimizers[2].lr").orElseThrow();
        lr.setText("0.01");
        waitFor(display, () -> view.trajectories() != before);
        var adam = view.experiment().optimizers().get(2);
        assertEquals(0.01, ((Number) adam.hyperParameters().get("lr")).doubleValue(), 0);
        var expected = org.optlab.runner.trajectory.TrajectoryEngine.run(view.experiment().surface(),
                view.experiment().starts(), 500, org.optlab.runner.trajectory.TrajectoryEngine.Noise.NONE,
                java.util.List.of(adam), org.optlab.optimizers.OptimizerRegistry.fromExtensions(), null);
        assertEquals(expected.get(0).last()[0], view.trajectories().get(6).last()[0], 0);
        assertTrue(view.trajectories().get(6).last()[0] != before.get(6).last()[0], "adam's path changed");

        // a value that is not a number is reported with its field, and nothing runs
        java.util.List<org.optlab.runner.trajectory.Trajectory> good = view.trajectories();
        lr.setText("fast");
        waitFor(display, () -> view.form().errorText().contains("field 'optimizers[2].lr'"));
        assertTrue(view.statusText().startsWith("Not run"), view.statusText());
        assertTrue(lr.getBackground().equals(display.getSystemColor(org.eclipse.swt.SWT.COLOR_YELLOW)));
        lr.setText("0.01");
        waitFor(display, () -> view.form().errorText().isEmpty() && view.trajectories() != good);

        // tuning sgd's lr puts the tuner's choice into the form, says so, and re-runs with it
        java.util.List<org.optlab.runner.trajectory.Trajectory> untuned = view.trajectories();
        view.tuneLearningRate(0);
        waitFor(display, () -> view.statusText().contains("; sgd: tuned lr = ") && view.trajectories() != untuned);
        var experiment = view.experiment();
        var choice = org.optlab.runner.sweep.LearningRateTuner.tune(view.form().document(), 0,
                org.optlab.optimizers.OptimizerRegistry.fromExtensions(), null).orElseThrow();
        // rounded to three significant digits, as a person would type it (not 0.250000025202532)
        double tuned = view.form().document().get("optimizers").get(0).get("lr").asDouble();
        assertEquals(tuned, Double.parseDouble(String.format(java.util.Locale.ROOT, "%.2e", choice.lr())), 0);
        assertEquals(choice.lr(), tuned, 0.005 * choice.lr());
        assertTrue(view.statusText().contains("; sgd: tuned lr = " + org.optlab.optimizers.HyperParameter.format(tuned)
                + " ("), view.statusText());
        assertEquals(tuned, ((Number) experiment.optimizers().get(0).hyperParameters().get("lr")).doubleValue(), 0);
        // the score in the note is shown to three significant digits as well
        java.util.regex.Matcher score = java.util.regex.Pattern.compile("steps: ([-0-9.eE]+)\\)").matcher(view.statusText());
        assertTrue(score.find(), view.statusText());
        String scoreText = score.group(1);
        String mantissa = scoreText.replaceFirst("[eE].*", "").replace("-", "").replace(".", "").replaceFirst("^0+", "");
        assertTrue(mantissa.length() <= 3, "three significant digits at most: " + scoreText);
        assertEquals(choice.score(), Double.parseDouble(scoreText), 0.005 * Math.abs(choice.score()));

        // the 3-D view draws frames; PNG and GIF exports decode
        int shown = view.canvas().framesShown();
        view.setView(org.optlab.plot.View.MESH);
        view.show(250);
        waitFor(display, () -> view.canvas().framesShown() > shown);
        assertTrue(view.canvas().renderer() instanceof org.optlab.plot.MeshRenderer);
        java.nio.file.Path png = java.nio.file.Files.createTempFile("mesh", ".png");
        view.exportPng(png).join();
        java.awt.image.BufferedImage still = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(view.canvas().control().getClientArea().width, still.getWidth());
        java.nio.file.Path gif = java.nio.file.Files.createTempFile("race", ".gif");
        view.exportGif(gif, 5).join();
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(5, reader.getNumImages(true));
        } finally {
            reader.dispose();
        }

        // a 1-D experiment file opens in the curve view
        java.nio.file.Path file = java.nio.file.Files.createTempFile("curve", ".json");
        java.nio.file.Files.writeString(file, """
                {"name": "wavy", "surface": {"id": "wavy_log"}, "steps": 50,
                 "optimizers": [{"id": "adam", "lr": 0.3}, {"id": "sgd", "lr": 0.1}]}
                """);
        view.openExperiment(file);
        waitFor(display, () -> view.experiment() != null && view.experiment().surface().id().equals("wavy_log"));
        assertTrue(view.canvas().renderer() instanceof org.optlab.plot.CurveRenderer);
        assertEquals(4, view.trajectories().size()); // 2 optimizers x the curve's 2 starts
        assertEquals(1, view.ballPositions().get(0).length);
        java.nio.file.Path saved = java.nio.file.Files.createTempFile("saved", ".json");
        view.saveExperiment(saved);
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(saved.toFile()));
    }

    @Test
    void aTrainingRunRunsInItsOwnProcessFillsTheChartsAndStops() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Display display = window.getShell().getDisplay();
        // a 1-epoch run on the embedded Fashion-MNIST subset, as File > Run Experiment starts it
        java.nio.file.Path quick = java.nio.file.Files.createTempFile("fashion", ".json");
        java.nio.file.Files.writeString(quick, """
                {"name": "ui-fashion", "dataset": {"id": "fashion-mnist", "subset": "embedded"},
                 "model": {"id": "softmax"}, "optimizers": [{"id": "adam", "lr": 0.001}], "epochs": 1,
                 "batch_size": 100}
                """);
        var run = org.optlab.ui.internal.training.RunExperimentHandler.run(quick, page);
        org.optlab.ui.views.RunsView runs = (org.optlab.ui.views.RunsView) page.findView(org.optlab.ui.views.RunsView.ID);
        org.optlab.ui.views.TrainingChartsView charts = (org.optlab.ui.views.TrainingChartsView) page
                .findView(org.optlab.ui.views.TrainingChartsView.ID);
        assertNotNull(runs);
        assertNotNull(charts);
        assertTrue(runs.runs().contains(run));
        waitFor(display, () -> run.status().isDone());
        assertEquals(org.optlab.runner.store.StoredRun.Status.FINISHED, run.status(), run.message());
        assertTrue(run.bestTestAccuracy() > 0.6, "softmax on the subset after one epoch: " + run.bestTestAccuracy());
        waitFor(display, () -> charts.lossChart().chart().getSeriesSet().getSeries().length > 0
                && charts.accuracyChart().chart().getSeriesSet().getSeries().length > 0);
        assertEquals(60, run.series().get("adam").steps.size()); // 6,000 examples in batches of 100
        // the row says what ran: optimizers, data and model, seed (the default), status
        java.util.List<String> cells = runs.row(run);
        assertEquals(java.util.List.of("finished", "100 %", "ui-fashion", "adam", "fashion-mnist / softmax", "42"),
                cells.subList(1, 7), cells.toString());
        runs.setGrouped(true); // one row per experiment, summing its runs up
        var group = runs.topRows().stream().map(org.optlab.ui.views.RunsView.ExperimentGroup.class::cast)
                .filter(g -> g.name().equals("ui-fashion")).findFirst().orElseThrow();
        assertEquals(java.util.List.of(run), group.runs());
        assertEquals(java.util.List.of("ui-fashion (1)", "1 finished", "100 %"), runs.row(group).subList(0, 3));
        runs.setGrouped(false);
        assertTrue(runs.topRows().contains(run));
        assertTrue(charts.lossChart().chart().getSeriesSet().getSeries()[0].getXSeries().length > 10);

        // the Compare view lists the run's optimizer with its final accuracy
        org.optlab.ui.views.CompareView compare = (org.optlab.ui.views.CompareView) page
                .showView(org.optlab.ui.views.CompareView.ID);
        compare.showRuns(java.util.List.of(run));
        assertEquals(1, compare.metricRows().size(), compare.metricRows().toString());
        var row = compare.metricRows().get(0);
        assertEquals(java.util.List.of("adam", "1"), row.subList(0, 2)); // one run: a group of one
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", run.bestTestAccuracy()), row.get(3));

        // a long run stops on request and keeps what it reported
        java.nio.file.Path slow = java.nio.file.Files.createTempFile("slow", ".json");
        java.nio.file.Files.writeString(slow, """
                {"name": "ui-slow", "dataset": {"id": "spirals", "n": 4000}, "model": {"id": "mlp", "hidden": [64]},
                 "optimizers": [{"id": "adam"}], "epochs": 1000, "batch_size": 16}
                """);
        var long_ = org.optlab.ui.internal.training.RunExperimentHandler.run(slow, page);
        waitFor(display, () -> long_.series().getOrDefault("adam", new org.optlab.runner.store.StoredRun.Series())
                .steps.size() > 50);
        org.optlab.ui.internal.training.Lab.runs().stop(long_);
        waitFor(display, () -> long_.status().isDone());
        assertEquals(org.optlab.runner.store.StoredRun.Status.STOPPED, long_.status());
        assertTrue(java.nio.file.Files.size(long_.directory().resolve("metrics.csv")) > 0);
        compare.showRuns(java.util.List.of(run, long_)); // they differ in name, dataset, model, epochs, batch size
        assertTrue(compare.differenceRows().stream().anyMatch(r -> r.get(0).equals("dataset.id")),
                compare.differenceRows().toString());
    }

    @Test
    void theTrainingEditorEditsChecksSyncsItsSourceSavesAndRuns() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Display display = window.getShell().getDisplay();
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("editor").resolve("quick.json");
        var editor = org.optlab.ui.internal.editor.NewExperimentHandler.create(file, page);
        assertNotNull(editor);
        assertEquals("quick", editor.document().get("name").asText());
        assertTrue(java.nio.file.Files.readString(file).contains("\"fashion-mnist\""));
        assertTrue(!editor.isDirty());

        // a field edits the document; a bad value is reported with its field
        var form = editor.form();
        form.fieldText("name").orElseThrow().setText("renamed");
        assertEquals("renamed", editor.document().get("name").asText());
        assertTrue(editor.isDirty());
        form.fieldText("seed").orElseThrow().setText("abc");
        assertTrue(form.errorText().startsWith("field 'seed': got \"abc\" (a string); expected a whole number"), form.errorText());
        form.fieldText("seed").orElseThrow().setText("7");
        assertEquals("", form.errorText());

        // the Source page shows the document, and its text becomes the document when leaving it
        editor.showPage(editor.sourcePage());
        assertTrue(editor.source().getText().contains("\"renamed\""), editor.source().getText());
        editor.source().setText("""
                {"name": "from-source", "dataset": {"id": "moons", "n": 300, "test": 100},
                 "model": {"id": "mlp", "hidden": [8]}, "optimizers": [{"id": "adam", "lr": 0.02}],
                 "epochs": 2, "batch_size": 50}
                """);
        editor.showPage(0);
        assertEquals("moons", editor.document().get("dataset").get("id").asText());
        assertEquals("from-source", form.fieldText("name").orElseThrow().getText());

        // Run saves the file and runs it
        var run = editor.runExperiment();
        assertNotNull(run);
        assertTrue(!editor.isDirty());
        assertEquals(editor.document(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()));
        waitFor(display, () -> run.status().isDone());
        assertEquals(org.optlab.runner.store.StoredRun.Status.FINISHED, run.status(), run.message());
        // closing the last editor hides the editor area: the charts below it get their space back
        assertTrue(page.isEditorAreaVisible());
        page.closeEditor(editor, false);
        waitFor(display, () -> !page.isEditorAreaVisible());
    }

    @Test
    void theNewExperimentWizardWritesAFileAndOpensIt() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("wizard");
        var wizard = new org.optlab.ui.internal.editor.NewExperimentWizard();
        var dialog = new org.eclipse.jface.wizard.WizardDialog(window.getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        assertEquals("The name may hold letters, digits, '.', '_' and '-'", wizard.fill("bad name", folder, true,
                "moons"));
        assertEquals(null, wizard.fill("moons-mlp", folder, true, "moons"));
        assertTrue(wizard.performFinish());
        dialog.close();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve("moons-mlp.json").toFile());
        assertEquals("moons", json.get("dataset").get("id").asText());
        assertEquals("moons-mlp", json.get("name").asText());
        assertTrue(window.getActivePage().getActiveEditor() instanceof org.optlab.ui.internal.editor.TrainingExperimentEditor);
        window.getActivePage().closeAllEditors(false);
        // the file is a valid experiment: it runs from the command line's parser without a problem
        org.optlab.runner.experiment.TrainingExperiment.parse(json,
                org.optlab.optimizers.OptimizerRegistry.fromExtensions(),
                org.optlab.datasets.DatasetRegistry.fromExtensions().ids());
    }

    @Test
    void theGuidesViewRunsAGuideAndOpensItsSteps() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Display display = window.getShell().getDisplay();
        org.optlab.ui.views.GuidesView guides = (org.optlab.ui.views.GuidesView) page
                .showView(org.optlab.ui.views.GuidesView.ID);
        guides.select(0); // step size on the bowl
        assertTrue(guides.text().startsWith("Step size on a quadratic"), guides.text());
        guides.runGuide();
        waitFor(display, () -> guides.text().contains("results:"));
        assertTrue(guides.text().contains("after 60 steps it is 7.66e-06 from the minimum"), guides.text());
        guides.openStep(); // the surface experiment opens in the Trajectories view
        TrajectoryView view = (TrajectoryView) page.findView(TrajectoryView.ID);
        waitFor(display, () -> view.experiment() != null && view.experiment().name().equals("step-size"));
        assertEquals(3, view.trajectories().size());
        // put the lab's default race back for the other tests
        java.nio.file.Path race = java.nio.file.Files.createTempFile("race", ".json");
        java.nio.file.Files.writeString(race, org.optlab.ui.internal.trajectory.ExperimentForm.defaultDocument().toString());
        view.openExperiment(race);
        waitFor(display, () -> view.experiment().name().equals("rosenbrock-race") && view.trajectories().size() == 12);
    }

    @Test
    void chartsOfTenRunsOfAHundredThousandStepsAreDownsampled() throws Exception {
        // ten runs of 100,000 steps each, as an earlier session left them on disk
        java.nio.file.Path root = java.nio.file.Files.createTempDirectory("runs");
        for (int r = 0; r < 10; r++) {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(root.resolve("run" + r));
            java.nio.file.Files.writeString(dir.resolve("experiment.json"), "{\"name\": \"r" + r + "\", \"epochs\": 100}");
            StringBuilder csv = new StringBuilder("optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds\n");
            for (int step = 1; step <= 100_000; step++) {
                int epoch = (step - 1) / 1000 + 1;
                csv.append("adam,").append(epoch).append(',').append(step).append(',')
                        .append(2.0 / Math.sqrt(step) * (1 + 0.1 * Math.sin(step))).append(",,,0.001,").append(step / 1000.0)
                        .append('\n');
                if (step % 1000 == 0) {
                    csv.append("adam,").append(epoch).append(',').append(step).append(",,0.5,0.8,,1.0\n");
                }
            }
            java.nio.file.Files.writeString(dir.resolve("metrics.csv"), csv);
        }
        var store = new org.optlab.runner.store.RunStore(root, 1);
        assertEquals(10, store.runs().size());
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        org.optlab.ui.views.TrainingChartsView charts = (org.optlab.ui.views.TrainingChartsView) page
                .showView(org.optlab.ui.views.TrainingChartsView.ID);
        long start = System.nanoTime();
        charts.showRuns(store.runs());
        charts.lossChart().chart().redraw();
        charts.lossChart().chart().update();
        double firstMs = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            charts.refresh();
            charts.lossChart().chart().update();
        }
        double refreshMs = (System.nanoTime() - start) / 1e6 / 5;
        // reported, not asserted (speed is measured, not tested): see docs/benchmarks.md
        System.out.printf("charts: 10 runs x 100,000 steps: first draw %.0f ms, refresh %.0f ms%n", firstMs, refreshMs);
        ISeries<?>[] series = charts.lossChart().chart().getSeriesSet().getSeries();
        assertEquals(10, series.length);
        int width = charts.lossChart().chart().getPlotArea().getSize().x;
        for (ISeries<?> s : series) {
            assertTrue(s.getXSeries().length <= 2 * Math.max(200, width), "downsampled: " + s.getXSeries().length);
        }
        charts.showRuns(java.util.List.of());
    }

}
