package org.optlab.runner.training;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.optlab.runner.experiment.ResultFiles;

/**
 * {@code metrics.csv}, append-only: the header {@code optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds},
 * then a row per optimizer step (test columns empty) and a row per evaluation (train_loss and lr empty). Rows are
 * collected in memory and written in one write call at every evaluation and at least every {@link #FLUSH_ROWS} rows,
 * always whole rows, so a run that is killed leaves a file whose every line is complete.
 */
public final class MetricsLog implements Closeable {

    public static final String HEADER = "optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds";
    static final int FLUSH_ROWS = 200;

    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder();
    private int unflushed;

    /** Creates the file with its header (replacing an older one). */
    public MetricsLog(Path file) throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        pending.append(HEADER).append('\n');
        flush();
    }

    public void step(String optimizer, Trainer.StepMetrics m) throws IOException {
        row(optimizer, m.epoch(), m.step(), number(m.trainLoss()), "", "", number(m.lr()), m.seconds());
        if (++unflushed >= FLUSH_ROWS) {
            flush();
        }
    }

    public void evaluation(String optimizer, Trainer.Evaluation e) throws IOException {
        row(optimizer, e.epoch(), e.step(), "", number(e.testLoss()), number(e.testAccuracy()), "", e.seconds());
        flush();
    }

    private void row(String optimizer, int epoch, long step, String trainLoss, String testLoss, String accuracy,
            String lr, double seconds) throws IOException {
        pending.append(ResultFiles.csvField(optimizer)).append(',').append(epoch).append(',').append(step).append(',')
                .append(trainLoss).append(',').append(testLoss).append(',').append(accuracy).append(',').append(lr)
                .append(',').append(String.format(Locale.ROOT, "%.3f", seconds)).append('\n');
    }

    /** Writes the rows collected so far, in one write call. */
    public void flush() throws IOException {
        if (!pending.isEmpty()) {
            out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            pending.setLength(0);
        }
        unflushed = 0;
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    /** A number as Java prints doubles (shortest round trip); empty for NaN. */
    static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

}
