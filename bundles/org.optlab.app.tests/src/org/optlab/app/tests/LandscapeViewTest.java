package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optlab.app.tests.Ui.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.landscape.LandscapeRun;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.training.TrainingRun;
import org.optlab.ui.internal.training.LandscapeJob;
import org.optlab.ui.views.LandscapeView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Landscape view on a run with snapshots: nothing yet, Compute (a child process), then the slice and its paths. */
class LandscapeViewTest {

    @Test
    void aRunsLandscapeIsComputedInAChildAndShownWithItsPaths() throws Exception {
        OptimizerRegistry optimizers = OptimizerRegistry.fromExtensions();
        DatasetRegistry datasets = DatasetRegistry.fromExtensions();
        Path run = Files.createTempDirectory("landscape-view").resolve("run");
        JsonNode json = new ObjectMapper().readTree("""
                {"name": "moons", "dataset": {"id": "moons", "n": 200, "test": 100},
                 "model": {"id": "mlp", "hidden": [6]}, "optimizers": [{"id": "sgd", "lr": 0.2},
                 {"id": "adam", "lr": 0.02}], "epochs": 2, "batch_size": 50, "seed": 2, "snapshots": 4}""");
        TrainingRun.run(TrainingExperiment.parse(json, optimizers, datasets.ids()), optimizers, datasets, null, run,
                TrainingRun.Listener.QUIET, null);
        ResultFiles.writeJson(run.resolve("experiment.json"), json);

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        LandscapeView view = LandscapeView.show(page, run);
        assertTrue(view.statusText().startsWith("Not computed yet"), view.statusText());
        assertFalse(view.drawing());
        view.compute();
        waitFor(display, () -> view.drawing() || view.statusText().startsWith("The loss landscape failed"));
        assertTrue(view.drawing(), view.statusText());
        assertTrue(view.statusText().startsWith("pca directions explain "), view.statusText());
        List<List<String>> rows = view.residualRows();
        assertEquals(List.of("sgd", "adam"), rows.stream().map(r -> r.get(0)).toList());
        assertTrue(Files.exists(run.resolve("landscape/pca/landscape.png")));

        // exports as for races: the picture as PNG, the paths moving as GIF, the grid and paths as CSV
        Path exports = Files.createTempDirectory("landscape-exports");
        for (var job : List.of(view.exportPng(exports.resolve("l.png")), view.exportGif(exports.resolve("l.gif"), 5),
                view.exportCsv(exports.resolve("l.csv")))) {
            waitFor(display, () -> job.getResult() != null);
            assertTrue(job.getResult().isOK(), job.getResult().toString());
        }
        assertTrue(Files.size(exports.resolve("l.png")) > 1000);
        assertEquals("GIF89a", new String(Files.readAllBytes(exports.resolve("l.gif")), 0, 6,
                java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("a,b,loss,accuracy", Files.readAllLines(exports.resolve("l.csv")).get(0));
        assertEquals("optimizer,step,a,b,loss,residual", Files.readAllLines(exports.resolve("l-paths.csv")).get(0));

        // the job's work is determinate, read from the child's progress lines; cancelling ends the child (its lock
        // on the folder is free again at once) before the slice is done
        Path big = run.resolve("landscape/big");
        List<Integer> begun = new java.util.ArrayList<>();
        List<String> subtasks = new java.util.ArrayList<>();
        int[] worked = { 0 };
        org.eclipse.core.runtime.NullProgressMonitor monitor = new org.eclipse.core.runtime.NullProgressMonitor() {
            @Override
            public void beginTask(String name, int total) {
                begun.add(total);
            }

            @Override
            public void worked(int work) {
                worked[0] += work;
            }

            @Override
            public void subTask(String name) {
                subtasks.add(name);
            }

            @Override
            public boolean isCanceled() {
                return subtasks.stream().anyMatch(t -> t.startsWith("grid: ")); // once the grid has begun
            }
        };
        assertThrows(org.eclipse.core.runtime.OperationCanceledException.class, () -> LandscapeJob.compute(
                new LandscapeJob.Request(run, big, new LandscapeRun.Options("pca", 501, 1.0, 100, 1)), monitor));
        assertEquals(List.of(1000), begun, "one determinate task");
        assertTrue(worked[0] >= 70 && worked[0] < 1000, "the phases before the grid, not the whole: " + worked[0]);
        assertTrue(subtasks.contains("examples: 1/1 done"), subtasks.toString());
        try (var lock = org.optlab.runner.RunFolder.hold(big)) {
            assertTrue(lock != null, "the child has ended");
        }
        assertFalse(Files.exists(big.resolve("landscape.csv")));

        // a run without snapshots says what it needs
        Path bare = Files.createDirectories(run.resolveSibling("bare"));
        Files.copy(run.resolve("experiment.json"), bare.resolve("experiment.json"));
        view.open(bare);
        assertTrue(view.statusText().contains("no snapshots"), view.statusText());
        assertFalse(view.drawing());
    }
}
