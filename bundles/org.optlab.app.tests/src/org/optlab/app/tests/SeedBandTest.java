package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.optlab.runner.store.RunStore;
import org.optlab.ui.internal.charts.LabChart;
import org.optlab.ui.internal.training.GroupCurves;
import org.optlab.ui.views.TrainingChartsView;

/** Three runs that differ only in their seed are one curve: their mean, with a band of ± their std, and n = 3. */
class SeedBandTest {

    /** The offsets of the three seeds' losses from a shared curve, and their accuracies' offsets. */
    private static final double[] OFFSET = { 0, 0.3, 0.9 };

    private static void run(Path dir, long seed, double offset) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("experiment.json"), "{\"name\": \"seeds\", \"seed\": " + seed
                + ", \"epochs\": 2, \"optimizers\": [{\"id\": \"adam\"}]}");
        StringBuilder csv = new StringBuilder("optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds\n");
        for (int step = 1; step <= 100; step++) {
            int epoch = (step - 1) / 50 + 1;
            csv.append("adam,").append(epoch).append(',').append(step).append(',').append(2.0 / step + offset)
                    .append(",,,0.01,").append(step).append('\n');
            if (step % 50 == 0) {
                csv.append("adam,").append(epoch).append(',').append(step).append(",,0.5,").append(0.6 + offset / 10)
                        .append(",,").append(step).append('\n');
            }
        }
        Files.writeString(dir.resolve("metrics.csv"), csv);
        Files.writeString(dir.resolve("summary.json"), "{\"status\": \"finished\"}");
    }

    @Test
    void threeSeedsAreOneCurveWithTheirMeanAndStd() throws Exception {
        Path root = Files.createTempDirectory("seeds");
        for (int s = 0; s < 3; s++) {
            run(root.resolve("run-" + s), s + 1, OFFSET[s]);
        }
        RunStore store = new RunStore(root, 1);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        TrainingChartsView charts = (TrainingChartsView) page.showView(TrainingChartsView.ID);
        charts.showRuns(store.runs());
        charts.setDrawing(0, GroupCurves.Band.STD);
        try {
            List<LabChart.Series> losses = charts.lossChart().series();
            assertEquals(1, losses.size(), "one group");
            LabChart.Series loss = losses.get(0);
            assertEquals("adam", loss.label()); // nothing but the seed differs: the optimizer's label alone
            assertEquals("n=3", loss.detail());
            // by hand: the offsets 0, 0.3, 0.9 have mean 0.4 and squared deviations 0.16 + 0.01 + 0.25 = 0.42,
            // over n - 1 = 2: a std of sqrt(0.21)
            double std = Math.sqrt(0.21);
            assertEquals(100, loss.x().length);
            for (int i : new int[] { 0, 9, 99 }) {
                double step = i + 1;
                assertEquals(step, loss.x()[i]);
                assertEquals(2.0 / step + 0.4, loss.y()[i], 1e-12);
                assertEquals(2.0 / step + 0.4 - std, loss.band().low()[i], 1e-12);
                assertEquals(2.0 / step + 0.4 + std, loss.band().high()[i], 1e-12);
            }
            LabChart.Series accuracy = charts.accuracyChart().series().get(0);
            assertArrayEquals(new double[] { 50, 100 }, accuracy.x());
            assertArrayEquals(new double[] { 0.64, 0.64 }, accuracy.y(), 1e-12);
            assertEquals(0.64 + std / 10, accuracy.band().high()[1], 1e-12);

            // min-max: the extremes over the seeds
            charts.setDrawing(0, GroupCurves.Band.MIN_MAX);
            loss = charts.lossChart().series().get(0);
            assertEquals(2.0 / 10, loss.band().low()[9], 1e-12);
            assertEquals(2.0 / 10 + 0.9, loss.band().high()[9], 1e-12);
            charts.setDrawing(0, GroupCurves.Band.NONE);
            assertNull(charts.lossChart().series().get(0).band());
        } finally {
            charts.setDrawing(0.6, GroupCurves.Band.STD);
            charts.showRuns(List.of());
        }
    }
}
