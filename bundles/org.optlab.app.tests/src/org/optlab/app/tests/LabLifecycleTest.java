package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optlab.app.tests.Ui.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.optlab.runner.process.ChildRun;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.training.FileJob;
import org.optlab.ui.internal.training.GuideJob;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.internal.training.RunsOnClose;
import org.optlab.ui.views.GuidesView;
import org.optlab.ui.views.TrajectoryView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lifecycles in the lab (under the UI harness, on the UI thread): closing with runs going asks, and leaving them
 * running leaves them to the next start; guides run through the run store and can be stopped; exports are jobs that
 * say where the file went; failures in the background reach the Error Log.
 */
class LabLifecycleTest {

    private static final String LONG = """
            {"name": "ui-long", "dataset": {"id": "spirals", "n": 4000}, "model": {"id": "mlp", "hidden": [64]},
             "optimizers": [{"id": "adam"}], "epochs": 1000, "batch_size": 16, "evaluate_every": 50}
            """;

    /** Nothing may be left running: closing the workbench at the end would ask about it. */
    @AfterAll
    static void stopEverything() {
        RunStore store = Lab.openedRuns();
        if (store != null) {
            store.runs().forEach(store::stop);
        }
    }

    @Test
    void closingWithRunsGoingAsksAndDoesWhatTheAnswerSays() throws Exception {
        Path root = Files.createTempDirectory("close-runs");
        RunStore store = new RunStore(root, 1);
        List<String> asked = new CopyOnWriteArrayList<>();
        // nothing going: nothing is asked
        assertTrue(RunsOnClose.confirm(store, q -> {
            asked.add(q);
            return RunsOnClose.Choice.CANCEL;
        }));
        assertTrue(asked.isEmpty());

        StoredRun running = store.submit(new ObjectMapper().readTree(LONG));
        StoredRun waiting = store.submit(new ObjectMapper().readTree(LONG)); // the limit is 1: it waits
        Display display = Display.getCurrent();
        waitFor(display, () -> running.series().getOrDefault("adam", new StoredRun.Series()).steps.size() > 5);
        assertEquals(StoredRun.Status.WAITING, waiting.status());

        // Cancel: the lab stays open and nothing changes
        assertFalse(RunsOnClose.confirm(store, q -> {
            asked.add(q);
            return RunsOnClose.Choice.CANCEL;
        }));
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).startsWith("1 run is still running and 1 run is waiting to start"), asked.get(0));
        assertEquals(StoredRun.Status.RUNNING, running.status());
        assertEquals(StoredRun.Status.WAITING, waiting.status());

        // Leave running: the lab may close; the child goes on; the waiting run, which needs the lab, is stopped
        assertTrue(RunsOnClose.confirm(store, q -> RunsOnClose.Choice.LEAVE));
        ProcessHandle child = ChildRun.findRunning(running.directory()).orElseThrow();
        assertEquals(StoredRun.Status.RUNNING, running.status());
        assertEquals(StoredRun.Status.STOPPED, waiting.status());
        long rows = Files.size(running.directory().resolve("metrics.csv"));
        waitFor(display, () -> size(running.directory().resolve("metrics.csv")) > rows);

        // the next start finds it running, follows it, and Stop there asks nothing more of the first lab
        RunStore next = new RunStore(root, 1);
        StoredRun found = next.runs().stream().filter(r -> r.id().equals(running.id())).findFirst().orElseThrow();
        assertEquals(StoredRun.Status.RUNNING, found.status(), found.message());
        assertTrue(found.message().startsWith("re-attached"), found.message());
        int seen = found.series().getOrDefault("adam", new StoredRun.Series()).steps.size();
        waitFor(display, () -> found.series().getOrDefault("adam", new StoredRun.Series()).steps.size() > seen);

        // Stop: every run ends before the lab closes
        assertTrue(RunsOnClose.confirm(next, q -> RunsOnClose.Choice.STOP));
        assertFalse(child.isAlive(), "the child was stopped");
        waitFor(display, () -> found.status().isDone() && running.status().isDone());
        assertEquals(StoredRun.Status.STOPPED, found.status(), found.message());
        assertTrue(RunsOnClose.confirm(next, q -> {
            throw new AssertionError("nothing is going: nothing to ask");
        }));
    }

    /** The Guides view with guide {@code index} selected, whose title starts with {@code title}. */
    private static GuidesView guide(IWorkbenchPage page, int index, String title) throws Exception {
        GuidesView guides = (GuidesView) page.showView(GuidesView.ID);
        guides.select(index);
        assertTrue(guides.text().startsWith(title), guides.text());
        return guides;
    }

    /** Runs the selected guide and waits until it has ended well and the view knows it. */
    private static GuideJob runToItsEnd(GuidesView guides) {
        GuideJob job = guides.runGuide();
        waitFor(Display.getCurrent(), () -> job.getResult() != null && !guides.guideRunning());
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        return job;
    }

    @Test
    void aGuideRunsItsTrainingThroughTheRunStoreInChildProcesses() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = Display.getCurrent();
        GuidesView guides = guide(page, 5, "Adam against SGD on Fashion-MNIST");
        int before = Lab.runs().runs().size();
        GuideJob job = runToItsEnd(guides);
        assertTrue(job.isUser());
        waitFor(display, () -> guides.text().contains("results:"));
        assertEquals(1, job.runs().size());
        StoredRun run = job.runs().get(0);
        assertEquals(before + 1, Lab.runs().runs().size());
        assertTrue(Lab.runs().runs().contains(run), "the guide's run is a run of the store");
        assertEquals(StoredRun.Status.FINISHED, run.status(), run.message());
        assertTrue(Files.exists(run.directory().resolve(ChildRun.PROCESS)), "it ran in a child process");
        assertTrue(guides.text().contains("results: " + run.directory()), guides.text());
        // the numbers quoted are the run's own: its last evaluation per optimizer
        for (var series : run.series().entrySet()) {
            double[] last = series.getValue().evaluations.get(series.getValue().evaluations.size() - 1);
            String accuracy = String.format(java.util.Locale.ROOT, "%.4g", last[3]);
            assertTrue(guides.text().contains(accuracy), series.getKey() + " " + accuracy + " in " + guides.text());
        }
        // Open step now shows that run rather than training again
        assertTrue(guides.openStep());
        assertEquals(before + 1, Lab.runs().runs().size(), "no second run");
        var charts = (org.optlab.ui.views.TrainingChartsView) page.findView(org.optlab.ui.views.TrainingChartsView.ID);
        assertEquals(List.of(run), charts.shownRuns());
    }

    @Test
    void openStepOnAGuideSweepThatRanShowsItsFolderInTheSweepView() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = Display.getCurrent();
        GuidesView guides = guide(page, 8, "A fair comparison");
        GuideJob job = runToItsEnd(guides);
        assertTrue(guides.openStep());
        var sweeps = (org.optlab.ui.views.SweepView) page.findView(org.optlab.ui.views.SweepView.ID);
        waitFor(display, () -> sweeps.snapshot() != null);
        Path folder = org.optlab.runner.guide.GuideRun.stepFolder(job.out(), 0, org.optlab.runner.guide.Guides.all()
                .get(8).steps().get(0));
        assertEquals(folder, sweeps.snapshot().folder().directory(), "the guide's own sweep, not a new one");
        assertTrue(sweeps.trialRows().size() >= 30, sweeps.trialRows().toString());
    }

    @Test
    void theRealHillGuideComputesItsLandscapeInAChildAsTheLandscapeViewDoes() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = Display.getCurrent();
        GuidesView guides = guide(page, 9, "SGD, momentum and Adam on the real hill");
        GuideJob job = runToItsEnd(guides);
        waitFor(display, () -> guides.text().contains("results:"));
        StoredRun run = job.runs().get(0);
        Path out = run.directory().resolve("landscape/pca");
        assertTrue(Files.exists(out.resolve("landscape.png")), guides.text());
        // the slice's log is the child's (optlab landscape's progress lines, to the whole slice); in the lab's own
        // process nothing writes one
        List<String> log = Files.readAllLines(out.resolve("log.txt"));
        List<org.optlab.runner.process.ProgressLine> progress = log.stream().flatMap(l -> org.optlab.runner.process
                .ProgressLine.parse(l).stream()).toList();
        assertEquals(new org.optlab.runner.process.ProgressLine("files", 1, 1), progress.get(progress.size() - 1),
                log.toString());
        assertTrue(log.contains("grid: 961/961 done"), log.toString());
        assertTrue(log.get(log.size() - 1).startsWith("31 x 31 points on 1000 examples"), log.toString());
        // the numbers the guide quotes are the slice's
        double pc1 = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("explained_variance").path(
                0).asDouble();
        assertTrue(guides.text().contains(String.format(java.util.Locale.ROOT, "%.4g", 100 * pc1)), guides.text());
    }

    @Test
    void aGuideIsStoppedWithTheRunItWaitsFor() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = Display.getCurrent();
        GuidesView guides = (GuidesView) page.showView(GuidesView.ID);
        guides.select(7); // three training steps
        GuideJob job = guides.runGuide();
        waitFor(display, () -> !job.runs().isEmpty() && job.runs().get(0).series().values().stream()
                .anyMatch(s -> s.steps.size() > 5));
        StoredRun run = job.runs().get(0);
        assertEquals(StoredRun.Status.RUNNING, run.status());
        job.cancel();
        waitFor(display, () -> job.getResult() != null && run.status().isDone());
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
        assertEquals(StoredRun.Status.STOPPED, run.status(), run.message());
        assertEquals(1, job.runs().size(), "no later step started");
        waitFor(display, () -> guides.text().contains("The guide was cancelled: its run " + run.id() + " was stopped"));
    }

    @Test
    void exportsAreJobsThatSayWhereTheFileWentAndFailuresReachTheErrorLog() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = Display.getCurrent();
        TrajectoryView view = (TrajectoryView) page.showView(TrajectoryView.ID);
        // whatever race the other tests left on display
        waitFor(display, () -> view.experiment() != null && !view.trajectories().isEmpty());
        Path png = Files.createTempDirectory("export").resolve("frame.png");
        Job job = view.exportPng(png);
        assertTrue(job.belongsTo(FileJob.FAMILY) && job.isUser());
        AtomicReference<Thread> worker = new AtomicReference<>();
        waitFor(display, () -> {
            if (job.getThread() != null) {
                worker.compareAndSet(null, job.getThread());
            }
            return job.getResult() != null;
        });
        assertEquals(IStatus.OK, job.getResult().getSeverity());
        assertTrue(job.getResult().getMessage().startsWith("Saved the frame as PNG to " + png), job.getResult().getMessage());
        assertTrue(worker.get() == null || worker.get() != display.getThread(), "drawn off the UI thread");
        waitFor(display, () -> view.lastExport().contains(png.toString()));
        assertEquals(1, new org.eclipse.swt.graphics.ImageLoader().load(png.toString()).length);

        // the training charts are drawn headless in a job too: the curves shown, in their colours
        Path runs = Files.createTempDirectory("chart-runs");
        Path dir = Files.createDirectories(runs.resolve("run1"));
        Files.writeString(dir.resolve("experiment.json"), "{\"name\": \"r\", \"epochs\": 1}");
        StringBuilder csv = new StringBuilder("optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds\n");
        for (int step = 1; step <= 200; step++) {
            csv.append("adam,1,").append(step).append(',').append(2.0 / step).append(",,,0.001,").append(step)
                    .append('\n');
        }
        Files.writeString(dir.resolve("metrics.csv"), csv.append("adam,1,200,,0.5,0.8,,200\n"));
        var charts = (org.optlab.ui.views.TrainingChartsView) page.showView(org.optlab.ui.views.TrainingChartsView.ID);
        charts.showRuns(new RunStore(runs, 1).runs());
        Path chartsPng = png.resolveSibling("charts.png");
        Job chartsJob = charts.exportPng(chartsPng);
        assertTrue(chartsJob.belongsTo(FileJob.FAMILY));
        waitFor(display, () -> chartsJob.getResult() != null);
        assertEquals(IStatus.OK, chartsJob.getResult().getSeverity(), chartsJob.getResult().getMessage());
        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(chartsPng.toFile());
        int first = charts.lossChart().series().get(0).rgb(); // the PNG uses the chart's colours
        long coloured = 0;
        for (int py = 0; py < picture.getHeight(); py++) {
            for (int px = 0; px < picture.getWidth(); px++) {
                coloured += (picture.getRGB(px, py) & 0xffffff) == first ? 1 : 0;
            }
        }
        assertTrue(coloured > 200, "the run's curve is drawn: " + coloured + " pixels of its colour");
        charts.showRuns(List.of());

        // a long GIF can be cancelled while it draws, and leaves no file
        Path gif = png.resolveSibling("race.gif");
        Job long_ = view.exportGif(gif, 2000);
        waitFor(display, () -> long_.getState() == Job.RUNNING);
        long_.cancel();
        waitFor(display, () -> long_.getResult() != null);
        assertEquals(IStatus.CANCEL, long_.getResult().getSeverity());
        assertFalse(Files.exists(gif));
        assertFalse(Files.exists(gif.resolveSibling("race.gif.part")));

        // a file that cannot be written is reported in the Error Log (and shown), not only in a label
        List<IStatus> logged = new CopyOnWriteArrayList<>();
        ILogListener listener = (status, plugin) -> logged.add(status);
        Platform.addLogListener(listener);
        try {
            Path nowhere = png.resolveSibling("missing-folder").resolve("frame.png");
            Job failing = view.exportPng(nowhere);
            waitFor(display, () -> failing.getResult() != null
                    && logged.stream().anyMatch(s -> s.getMessage().startsWith("Could not save the frame as PNG")));
            IStatus status = logged.stream().filter(s -> s.getMessage().startsWith("Could not save")).findFirst()
                    .orElseThrow();
            assertEquals(IStatus.ERROR, status.getSeverity());
            assertTrue(status.getMessage().contains(nowhere.toString()), status.getMessage());

            // a training run that fails in the background is reported the same way
            StoredRun failed = Lab.runs().submit(new ObjectMapper().readTree("""
                    {"name": "ui-fails", "dataset": {"id": "moons", "subset": "full"}, "model": {"id": "mlp"},
                     "optimizers": [{"id": "adam"}]}
                    """));
            waitFor(display, () -> logged.stream().anyMatch(s -> s.getMessage().startsWith("The run " + failed.id()
                    + " failed: ")));
            assertEquals(StoredRun.Status.FAILED, failed.status());
        } finally {
            Platform.removeLogListener(listener);
            closeOtherShells(display);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Closes the status dialogs the reports opened (every shell but the workbench window's). */
    private static void closeOtherShells(Display display) {
        Shell main = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        for (int i = 0; i < 20; i++) {
            display.readAndDispatch();
        }
        for (Shell shell : display.getShells()) {
            if (shell != main && !shell.isDisposed() && shell.isVisible()) {
                shell.close();
            }
        }
    }

}
