package org.optlab.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;

import org.optlab.runner.training.Trainer;
import org.optlab.runner.training.TrainingRun;

/**
 * Training progress on stderr: on a terminal, one line per optimizer redrawn in place (a bar, the step, the running
 * loss); otherwise plain lines, one per evaluation, that logs and pipes keep.
 */
final class TrainingProgress implements TrainingRun.Listener {

    private static final int BAR = 24;
    /** Redraw at most this often on a terminal. */
    private static final long REDRAW_NANOS = 100_000_000;

    private final PrintWriter err;
    private final boolean terminal;
    private final int epochs;
    private long total;
    private long lastDraw;
    private double smoothedLoss = Double.NaN;

    TrainingProgress(PrintWriter err, boolean terminal, int epochs) {
        this.err = err;
        this.terminal = terminal;
        this.epochs = epochs;
    }

    @Override
    public void started(String optimizer, long totalSteps) {
        total = totalSteps;
        smoothedLoss = Double.NaN;
        if (!terminal) {
            err.println(optimizer + ": training, " + totalSteps + " steps");
            err.flush();
        }
    }

    @Override
    public void stepped(String optimizer, Trainer.StepMetrics m) {
        smoothedLoss = Double.isNaN(smoothedLoss) ? m.trainLoss() : 0.95 * smoothedLoss + 0.05 * m.trainLoss();
        long now = System.nanoTime();
        if (terminal && (now - lastDraw > REDRAW_NANOS || m.step() == total)) {
            lastDraw = now;
            int filled = (int) (BAR * m.step() / Math.max(1, total));
            err.printf(Locale.ROOT, "\r%-10s [%s%s] epoch %d/%d step %d/%d loss %.4f %5.1fs", optimizer,
                    "#".repeat(filled), " ".repeat(BAR - filled), m.epoch(), epochs, m.step(), total, smoothedLoss,
                    m.seconds());
            err.flush();
        }
    }

    @Override
    public void evaluated(String optimizer, Trainer.Evaluation e) {
        String line = String.format(Locale.ROOT, "%s: epoch %d/%d, step %d: test loss %.4f, test accuracy %s, %.1f s",
                optimizer, e.epoch(), epochs, e.step(), e.testLoss(),
                Double.isNaN(e.testAccuracy()) ? "-" : String.format(Locale.ROOT, "%.4f", e.testAccuracy()), e.seconds());
        err.println(terminal ? "\r" + line + " ".repeat(20) : line);
        err.flush();
    }
}
