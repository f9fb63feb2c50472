package org.optlab.runner.training;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.optlab.runner.experiment.Csv;

/**
 * The codec of {@code metrics.csv}, for its writer and its readers alike. The header is {@link #HEADER}; then a row
 * per optimizer step (test columns empty) and a row per evaluation (train_loss and lr empty). An empty cell means
 * "not measured"; a loss that was NaN is written {@code NaN}.
 *
 * <p>
 * Writing is append-only: rows are collected and written in one call at every evaluation and at least every
 * {@link #FLUSH_ROWS} rows. When a write fails (a full disk), the file is cut back to its last whole row, so a killed or
 * failed run always leaves a file whose every line is complete.
 */
public final class MetricsCsv implements Closeable {

    public static final String HEADER = "optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds";
    static final int FLUSH_ROWS = 200;

    /**
     * One line of the file. A step's row has its train loss (NaN when the loss was) and rate; an evaluation's row its
     * test loss and accuracy. A NaN rate (an optimizer without one) or accuracy (regression) is an empty cell.
     */
    public record Row(String optimizer, int epoch, long step, boolean evaluation, double trainLoss, double testLoss,
            double testAccuracy, double lr, double seconds) {

        static Row step(String optimizer, Trainer.StepMetrics m) {
            return new Row(optimizer, m.epoch(), m.step(), false, m.trainLoss(), Double.NaN, Double.NaN, m.lr(),
                    m.seconds());
        }

        static Row evaluation(String optimizer, Trainer.Evaluation e) {
            return new Row(optimizer, e.epoch(), e.step(), true, Double.NaN, e.testLoss(), e.testAccuracy(), Double.NaN,
                    e.seconds());
        }
    }

    /** Where the bytes go: a file channel, or a test's stand-in for a disk that fills up. */
    interface Sink extends Closeable {
        void write(ByteBuffer bytes) throws IOException;

        /** Cuts the file back to {@code size} bytes. */
        void truncate(long size) throws IOException;
    }

    private final Sink out;
    private final StringBuilder pending = new StringBuilder();
    private long written;
    private int unflushed;

    /** Creates the file with its header (replacing an older one). */
    public MetricsCsv(Path file) throws IOException {
        this(channel(file));
    }

    MetricsCsv(Sink sink) throws IOException {
        this.out = sink;
        pending.append(HEADER).append('\n');
        flush();
    }

    private static Sink channel(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        return new Sink() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }

            @Override
            public void truncate(long size) throws IOException {
                channel.truncate(size);
                channel.position(size);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    public void step(String optimizer, Trainer.StepMetrics m) throws IOException {
        append(Row.step(optimizer, m));
        if (++unflushed >= FLUSH_ROWS) {
            flush();
        }
    }

    public void evaluation(String optimizer, Trainer.Evaluation e) throws IOException {
        append(Row.evaluation(optimizer, e));
        flush();
    }

    private void append(Row row) {
        pending.append(format(row)).append('\n');
    }

    /** Writes the rows collected so far, in one write call; on failure the file ends at its last whole row. */
    public void flush() throws IOException {
        if (!pending.isEmpty()) {
            byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
            pending.setLength(0);
            try {
                out.write(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                try {
                    out.truncate(written);
                } catch (IOException cut) {
                    e.addSuppressed(cut);
                }
                throw e;
            }
            written += bytes.length;
        }
        unflushed = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    /** One row as a line of the file, without the line break. */
    public static String format(Row row) {
        boolean e = row.evaluation();
        return Csv.field(row.optimizer()) + ',' + row.epoch() + ',' + row.step() + ',' + cell(row.trainLoss(), !e)
                + ',' + cell(row.testLoss(), e) + ',' + cell(row.testAccuracy(), e && !Double.isNaN(row.testAccuracy()))
                + ',' + cell(row.lr(), !e && !Double.isNaN(row.lr())) + ','
                + String.format(Locale.ROOT, "%.3f", row.seconds());
    }

    /** A measured value (NaN written as {@code NaN}), or an empty cell for a column this row does not measure. */
    private static String cell(double value, boolean measured) {
        return measured ? Csv.number(value) : "";
    }

    /**
     * One line of the file as a row.
     *
     * @throws IllegalArgumentException when the line is not a row of {@code metrics.csv}
     */
    public static Row parse(String line) {
        List<String> f = Csv.fields(line);
        if (f.size() != 8) {
            throw new IllegalArgumentException("expected 8 fields, found " + f.size());
        }
        boolean evaluation = f.get(3).isEmpty();
        if (evaluation == f.get(4).isEmpty()) {
            throw new IllegalArgumentException("a row has either a train_loss (a step) or a test_loss (an evaluation)");
        }
        return new Row(f.get(0), Integer.parseInt(f.get(1)), Long.parseLong(f.get(2)), evaluation,
                Csv.number(f.get(3)), Csv.number(f.get(4)), Csv.number(f.get(5)), Csv.number(f.get(6)),
                Csv.number(f.get(7)));
    }

    /**
     * The rows of a file (an empty list when it has none yet); a line that is not a row is skipped, as a run killed
     * in the middle of a line by a crash of the machine could leave one.
     */
    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            try {
                rows.add(parse(lines.get(i)));
            } catch (IllegalArgumentException e) {
                // not a whole row
            }
        }
        return rows;
    }
}
