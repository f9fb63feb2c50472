package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.optlab.app.internal.LabPerspective;
import org.optlab.ui.views.LossView;
import org.optlab.ui.views.OptimizersView;
import org.optlab.ui.views.TrajectoryView;

/** Runs inside the OptLab application under the UI harness (on the UI thread). */
class LabPerspectiveTest {

    @Test
    void theLabPerspectiveShowsTheOptimizersAndAPlottedLossCurve() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window");
        assertEquals("OptLab", window.getShell().getText());
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(LabPerspective.ID, window);
        assertEquals(LabPerspective.ID, page.getPerspective().getId());

        OptimizersView optimizers = (OptimizersView) page.findView(OptimizersView.ID);
        assertNotNull(optimizers, "Optimizers view is not in the perspective");
        assertTrue(optimizers.optimizerRows().contains("SGD (sgd)"), optimizers.optimizerRows().toString());

        LossView loss = (LossView) page.findView(LossView.ID);
        assertNotNull(loss, "Loss view is not in the perspective");
        Display display = window.getShell().getDisplay();
        waitFor(display, () -> Job.getJobManager().find(LossView.JOB_FAMILY).length == 0
                && loss.chart().getSeriesSet().getSeries().length > 0);

        ISeries<?>[] series = loss.chart().getSeriesSet().getSeries();
        assertEquals(1, series.length);
        double[] y = series[0].getYSeries();
        double[] x = series[0].getXSeries();
        assertEquals(101, y.length);
        assertEquals(100, x[100], 0);
        // SGD lr 0.05 on 0.5 w^T diag(1, 10) w from (1, 1): f_t = 0.5 * (0.95^(2t) + 10 * 0.25^t)
        assertEquals(5.5, y[0], 0);
        for (int t : new int[] { 1, 10, 100 }) {
            double expected = 0.5 * (Math.pow(0.95, 2 * t) + 10 * Math.pow(0.25, t));
            assertEquals(expected, y[t], 1e-12 * expected, "loss at step " + t);
        }
        assertTrue(loss.chart().getAxisSet().getYAxis(0).isLogScaleEnabled());
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
        view.exportPng(png);
        org.eclipse.swt.graphics.ImageData[] frames = new org.eclipse.swt.graphics.ImageLoader().load(png.toString());
        assertEquals(1, frames.length);
        assertTrue(frames[0].width > 100 && frames[0].height > 100, frames[0].width + " x " + frames[0].height);
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("trajectories", ".csv");
        view.exportCsv(csv);
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertEquals("optimizer,start,step,x,y,loss", lines.get(0));
        assertEquals(1 + 12 * 501, lines.size());
    }

    /** Runs the event loop until the condition holds, failing after 60 s. */
    private static void waitFor(Display display, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the loss curve");
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
    }
}
