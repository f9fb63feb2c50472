package org.optlab.datasets.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes IDX content field by field, so tests can also write it wrong. */
final class IdxBytes {

    private IdxBytes() {
    }

    /** A header with the given magic number and dimensions (big-endian int32s), then {@code data}. */
    static byte[] idx(int magic, int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.putInt(magic);
        for (int d : dimensions) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    /** Unsigned-byte images: magic 0x00000803, dimensions count, rows, columns. */
    static byte[] images(int count, int rows, int columns, byte[] pixels) {
        return idx(0x00000803, new int[] { count, rows, columns }, pixels);
    }

    /** Unsigned-byte labels: magic 0x00000801, dimension count. */
    static byte[] labels(byte[] labels) {
        return idx(0x00000801, new int[] { labels.length }, labels);
    }

    /**
     * Writes a tiny MNIST-format dataset into {@code directory} under the standard names (with {@code .gz} when
     * zipped): 3 training and 2 test images of 2 x 2 pixels; training labels 0, 1, 2, test labels 3, 4.
     */
    static void writeTinySet(Path directory, boolean zipped) throws IOException {
        Files.createDirectories(directory);
        String suffix = zipped ? ".gz" : "";
        byte[][] contents = { images(3, 2, 2, new byte[12]), labels(new byte[] { 0, 1, 2 }),
                images(2, 2, 2, new byte[] { 0, 0, 0, 0, 0, 0, 0, (byte) 255 }), labels(new byte[] { 3, 4 }) };
        String[] names = { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte" };
        for (int i = 0; i < names.length; i++) {
            Files.write(directory.resolve(names[i] + suffix), zipped ? gzip(contents[i]) : contents[i]);
        }
    }

    /** Gzip at the best compression level (Java writes no timestamp, so equal input gives equal output). */
    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
