package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.IdxFile;

class IdxFileTest {

    @TempDir
    Path dir;

    /** 3 images of 2 x 4 pixels; values run over the whole unsigned range (200 is negative as a Java byte). */
    private static final byte[] PIXELS = new byte[3 * 2 * 4];
    static {
        for (int i = 0; i < PIXELS.length; i++) {
            PIXELS[i] = (byte) (i * 11);
        }
    }
    private static final byte[] LABELS = { 9, 0, 4 };

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static String message(Executable read) {
        return assertThrows(DatasetException.class, read).getMessage();
    }

    @Test
    void rawAndGzippedFilesReadBackExactly() throws IOException {
        byte[] images = IdxBytes.images(3, 2, 4, PIXELS);
        byte[] labels = IdxBytes.labels(LABELS);
        // the gzipped copies get names without .gz: the format is recognised by content, not by name
        for (boolean zipped : new boolean[] { false, true }) {
            Path imageFile = write("images-" + zipped, zipped ? IdxBytes.gzip(images) : images);
            Path labelFile = write("labels-" + zipped, zipped ? IdxBytes.gzip(labels) : labels);
            IdxFile.Images read = IdxFile.readImages(imageFile);
            assertEquals(3, read.count());
            assertEquals(2, read.rows());
            assertEquals(4, read.columns());
            assertArrayEquals(PIXELS, read.pixels());
            assertEquals(15 * 11, read.pixel(1, 1, 3)); // image 1, row 1, column 3: byte (1 * 2 + 1) * 4 + 3
            IdxFile.Labels readLabels = IdxFile.readLabels(labelFile);
            assertArrayEquals(LABELS, readLabels.values());

            Dataset d = IdxFile.toDataset("tiny", read, readLabels, 10);
            assertArrayEquals(new int[] { 1, 2, 4 }, d.exampleShape());
            assertEquals(3, d.size());
            assertArrayEquals(new int[] { 9, 0, 4 }, d.labels());
            for (int i = 0; i < PIXELS.length; i++) {
                assertEquals((PIXELS[i] & 0xff) / 255f, d.features()[i], 0f, "feature " + i);
            }
            assertEquals(253 / 255f, d.feature(2, 7), 0f); // the last pixel, 23 * 11
        }
    }

    @Test
    void everyByteValueScalesToTheBitsOfTheDivision() throws IOException {
        byte[] all = new byte[256];
        for (int b = 0; b < all.length; b++) {
            all[b] = (byte) b;
        }
        IdxFile.Images images = IdxFile.readImages(write("all-images", IdxBytes.images(1, 16, 16, all)));
        IdxFile.Labels labels = IdxFile.readLabels(write("one-label", IdxBytes.labels(new byte[] { 3 })));
        float[] x = IdxFile.toDataset("all", images, labels, 10).features();
        for (int b = 0; b < all.length; b++) {
            assertEquals(Float.floatToRawIntBits(b / 255f), Float.floatToRawIntBits(x[b]), "byte " + b);
        }
    }

    @Test
    void readsFromAStreamNamingTheSourceInErrors() {
        IdxFile.Labels labels = IdxFile.readLabels(new ByteArrayInputStream(IdxBytes.gzip(IdxBytes.labels(LABELS))),
                "bundle:/labels.gz");
        assertArrayEquals(LABELS, labels.values());
        assertEquals("bundle:/labels.gz: truncated: expected 3 label bytes, found 1", message(() -> IdxFile
                .readLabels(new ByteArrayInputStream(Arrays.copyOf(IdxBytes.labels(LABELS), 9)), "bundle:/labels.gz")));
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        Path file = write("t10k-images-idx3-ubyte", IdxBytes.idx(0x12340803, new int[] { 3, 2, 4 }, PIXELS));
        assertEquals(file + ": not an IDX file: magic number 0x12340803; expected 0x00000803 for images",
                message(() -> IdxFile.readImages(file)));
    }

    @Test
    void wrongDataTypeIsNamed() throws IOException {
        // 0x0D is the IDX code for float32
        Path file = write("images", IdxBytes.idx(0x00000D03, new int[] { 3, 2, 4 }, PIXELS));
        assertEquals(file + ": magic number 0x00000D03 has data type 0x0D, not unsigned bytes (0x08); expected"
                + " 0x00000803 for images", message(() -> IdxFile.readImages(file)));
    }

    @Test
    void aLabelsFileIsNotTakenForImages() throws IOException {
        Path file = write("labels", IdxBytes.labels(LABELS));
        assertEquals(file + ": magic number 0x00000801 has 1 dimensions, but images have 3; expected 0x00000803 for"
                + " images", message(() -> IdxFile.readImages(file)));
    }

    @Test
    void truncatedDataIsReportedWithBothLengths() throws IOException {
        byte[] images = IdxBytes.images(3, 2, 4, PIXELS);
        Path raw = write("raw", Arrays.copyOf(images, images.length - 5));
        assertEquals(raw + ": truncated: expected 24 image bytes, found 19", message(() -> IdxFile.readImages(raw)));
        // a gzip stream cut off in the middle: the bytes that could be inflated are counted
        byte[] zipped = IdxBytes.gzip(images);
        Path cut = write("cut.gz", Arrays.copyOf(zipped, zipped.length - 12));
        String cutMessage = message(() -> IdxFile.readImages(cut));
        assertEquals(0, cutMessage.indexOf(cut + ": truncated: "), cutMessage);
        // the header itself cut short
        Path header = write("header", Arrays.copyOf(images, 10));
        assertEquals(header + ": truncated: expected a 16-byte header, found 10 bytes",
                message(() -> IdxFile.readImages(header)));
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        byte[] labels = IdxBytes.labels(LABELS);
        byte[] longer = Arrays.copyOf(labels, labels.length + 2);
        Path raw = write("train-labels-idx1-ubyte", longer);
        assertEquals(raw + ": 2 trailing bytes after the 3 label bytes", message(() -> IdxFile.readLabels(raw)));
        Path zipped = write("train-labels-idx1-ubyte.gz", IdxBytes.gzip(longer));
        assertEquals(zipped + ": 2 trailing bytes after the 3 label bytes", message(() -> IdxFile.readLabels(zipped)));
    }

    @Test
    void zeroAndNegativeDimensionsAreRejected() throws IOException {
        Path zero = write("zero", IdxBytes.idx(0x00000803, new int[] { 3, 0, 4 }, new byte[0]));
        assertEquals(zero + ": dimension rows = 0 is invalid; every dimension must be positive",
                message(() -> IdxFile.readImages(zero)));
        // 0xFFFFFFF0 read as a signed int32
        Path negative = write("negative", IdxBytes.idx(0x00000801, new int[] { -16 }, new byte[0]));
        assertEquals(negative + ": dimension count = -16 is invalid; every dimension must be positive",
                message(() -> IdxFile.readLabels(negative)));
        Path huge = write("huge", IdxBytes.idx(0x00000803, new int[] { 100_000, 1000, 1000 }, new byte[0]));
        assertEquals(huge + ": dimensions [100000, 1000, 1000] are too large for one array",
                message(() -> IdxFile.readImages(huge)));
    }

    @Test
    void labelsOutOfRangeAndCountMismatchAreNamed() throws IOException {
        IdxFile.Images images = IdxFile.readImages(write("images", IdxBytes.images(3, 2, 4, PIXELS)));
        Path labelFile = write("labels", IdxBytes.labels(new byte[] { 1, (byte) 200, 2 }));
        IdxFile.Labels labels = IdxFile.readLabels(labelFile);
        assertEquals(labelFile + ": label 200 of example 1 is outside [0, 10)",
                message(() -> IdxFile.toDataset("x", images, labels, 10)));
        Path twoLabels = write("two-labels", IdxBytes.labels(new byte[] { 1, 2 }));
        IdxFile.Labels two = IdxFile.readLabels(twoLabels);
        assertEquals(dir.resolve("images") + " has 3 images but " + twoLabels + " has 2 labels",
                message(() -> IdxFile.toDataset("x", images, two, 10)));
    }

    @Test
    void missingAndEmptyFilesAreNamed() throws IOException {
        Path missing = dir.resolve("nowhere-idx3-ubyte.gz");
        assertEquals(missing + ": no such file", message(() -> IdxFile.readImages(missing)));
        Path empty = write("empty", new byte[0]);
        assertEquals(empty + ": truncated: expected a 4-byte IDX magic number, found 0 bytes",
                message(() -> IdxFile.readLabels(empty)));
    }
}
