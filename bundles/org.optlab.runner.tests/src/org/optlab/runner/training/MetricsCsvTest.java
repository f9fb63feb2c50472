package org.optlab.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.optlab.runner.experiment.Csv;

/** The one codec of metrics.csv: what it writes reads back the same, and a full disk never leaves half a line. */
class MetricsCsvTest {

    /** A disk that takes {@code capacity} bytes, then fails the write that would pass it, after taking part of it. */
    private static final class FillingDisk implements MetricsCsv.Sink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int capacity;

        FillingDisk(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void write(ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                if (bytes.size() >= capacity) {
                    throw new IOException("No space left on device");
                }
                bytes.write(data.get());
            }
        }

        @Override
        public void truncate(long size) {
            byte[] kept = java.util.Arrays.copyOf(bytes.toByteArray(), (int) size);
            bytes.reset();
            bytes.writeBytes(kept);
        }

        @Override
        public void close() {
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static Trainer.StepMetrics step(long step, double loss) {
        return new Trainer.StepMetrics(1, step, loss, 0.5, 1, 0.01, step * 0.25);
    }

    @Test
    void rowsRoundTripWithAwkwardLabelsAndNonFiniteValues() {
        for (String label : List.of("adam", "adam#2", "a,b", "say \"hi\"", "ünï – 漢字", "\"", ",", "")) {
            for (MetricsCsv.Row row : List.of(MetricsCsv.Row.step(label, step(3, Double.NaN)),
                    MetricsCsv.Row.step(label, step(4, Double.POSITIVE_INFINITY)),
                    MetricsCsv.Row.step(label, new Trainer.StepMetrics(2, 9, 0.125, Double.NaN, 1, 1, 1.5)),
                    MetricsCsv.Row.evaluation(label, new Trainer.Evaluation(2, 9, Double.NaN, 0.75, 2)),
                    MetricsCsv.Row.evaluation(label, new Trainer.Evaluation(2, 9, 0.5, Double.NaN, 2)))) {
                String line = MetricsCsv.format(row);
                assertEquals(row, MetricsCsv.parse(line), line);
            }
        }
    }

    @Test
    void cellsSayNaNForANaNLossAndNothingForWhatWasNotMeasured() {
        assertEquals("sgd,1,3,NaN,,,0.5,0.750", MetricsCsv.format(MetricsCsv.Row.step("sgd", step(3, Double.NaN))));
        assertEquals("sgd,2,9,,NaN,0.75,,2.000", MetricsCsv.format(MetricsCsv.Row.evaluation("sgd",
                new Trainer.Evaluation(2, 9, Double.NaN, 0.75, 2))));
        assertEquals("\"a,b\",1,3,0.25,,,0.5,0.750", MetricsCsv.format(MetricsCsv.Row.step("a,b", step(3, 0.25))));
        assertEquals(List.of("a\"b", "", "c,d"), Csv.fields("\"a\"\"b\",,\"c,d\""));
        assertThrows(IllegalArgumentException.class, () -> Csv.fields("\"open"));
        assertThrows(IllegalArgumentException.class, () -> MetricsCsv.parse("sgd,1,3,0.25"));
        assertThrows(IllegalArgumentException.class, () -> MetricsCsv.parse("sgd,1,3,,,,,0.1"));
    }

    @Test
    void aFullDiskLeavesOnlyWholeLines() throws IOException {
        for (int capacity = 70; capacity < 400; capacity += 7) {
            FillingDisk disk = new FillingDisk(capacity);
            IOException failure = null;
            try (MetricsCsv csv = new MetricsCsv(disk)) {
                for (int s = 1; s <= 30; s++) {
                    csv.step("adam", step(s, 1.0 / s));
                    if (s % 3 == 0) {
                        csv.evaluation("adam", new Trainer.Evaluation(1, s, 0.5, 0.8, s));
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
            assertTrue(failure != null && failure.getMessage().contains("No space left"), "capacity " + capacity);
            String text = disk.text();
            assertTrue(text.isEmpty() || text.endsWith("\n"), "a partial line at capacity " + capacity + ": " + text);
            List<String> lines = text.lines().toList();
            if (!lines.isEmpty()) {
                assertEquals(MetricsCsv.HEADER, lines.get(0));
                lines.subList(1, lines.size()).forEach(MetricsCsv::parse);
            }
        }
    }
}
