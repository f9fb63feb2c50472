package org.optlab.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, the data type {@code 0x08} for
 * unsigned bytes, the number of dimensions, then each dimension as an int32) followed by exactly the product of the
 * dimensions in bytes. Images have magic {@code 0x00000803} (count, rows, columns), labels {@code 0x00000801}
 * (count). Files may be gzipped; that is recognised by the gzip magic bytes {@code 1f 8b}, not by the name. Every
 * problem is a {@link DatasetException} naming the file (or resource) and what is wrong.
 */
public final class IdxFile {

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    private IdxFile() {
    }

    /** Images as stored: {@code count} images of {@code rows x columns} unsigned bytes, row-major. */
    public record Images(String source, int count, int rows, int columns, byte[] pixels) {

        /** The pixel value 0..255 of image i at (row, column). */
        public int pixel(int i, int row, int column) {
            return pixels[(i * rows + row) * columns + column] & 0xff;
        }
    }

    /** Labels as stored: one unsigned byte per example. */
    public record Labels(String source, byte[] values) {

        public int count() {
            return values.length;
        }

        public int label(int i) {
            return values[i] & 0xff;
        }
    }

    public static Images readImages(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        } catch (IOException e) {
            throw DatasetException.ofFile(file, e);
        }
    }

    public static Labels readLabels(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        } catch (IOException e) {
            throw DatasetException.ofFile(file, e);
        }
    }

    /** Reads images from a stream (raw or gzipped); {@code source} names it in messages. Does not close it. */
    public static Images readImages(InputStream in, String source) {
        Content content = read(in, source, IMAGES_MAGIC, "image", "count", "rows", "columns");
        int[] dims = content.dimensions();
        return new Images(source, dims[0], dims[1], dims[2], content.data());
    }

    /** Reads labels from a stream (raw or gzipped); {@code source} names it in messages. Does not close it. */
    public static Labels readLabels(InputStream in, String source) {
        return new Labels(source, read(in, source, LABELS_MAGIC, "label", "count").data());
    }

    /**
     * Pairs images with their labels as a dataset of shape {@code {1, rows, columns}}, pixels scaled to [0, 1].
     *
     * @throws DatasetException when the counts differ or a label is outside {@code [0, classCount)}
     */
    public static Dataset toDataset(String id, Images images, Labels labels, int classCount) {
        if (images.count() != labels.count()) {
            throw new DatasetException("", images.source() + " has " + images.count() + " images but "
                    + labels.source() + " has " + labels.count() + " labels");
        }
        int[] y = new int[labels.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.label(i);
            if (y[i] >= classCount) {
                throw new DatasetException("", labels.source() + ": label " + y[i] + " of example " + i
                        + " is outside [0, " + classCount + ")");
            }
        }
        byte[] pixels = images.pixels();
        float[] x = new float[pixels.length];
        PixelScale.toUnit(pixels, 0, x, 0, pixels.length);
        return Dataset.classification(id, new int[] { 1, images.rows(), images.columns() }, x, y, classCount);
    }

    private record Content(int[] dimensions, byte[] data) {
    }

    /**
     * Reads one IDX stream: checks the magic (zero bytes, data type, dimension count), the dimensions (positive, not
     * too large), and that the data is exactly as long as they say.
     */
    private static Content read(InputStream raw, String source, int magic, String what, String... dimensionNames) {
        try {
            InputStream in = unzipped(raw);
            byte[] head = readUpTo(in, 4);
            if (head.length < 4) {
                throw fail(source, "truncated: expected a 4-byte IDX magic number, found " + head.length + " bytes");
            }
            int found = ByteBuffer.wrap(head).getInt();
            String expected = String.format("expected 0x%08X for %ss", magic, what);
            if (head[0] != 0 || head[1] != 0) {
                throw fail(source, String.format("not an IDX file: magic number 0x%08X; %s", found, expected));
            }
            if (head[2] != UNSIGNED_BYTE) {
                throw fail(source, String.format("magic number 0x%08X has data type 0x%02X, not unsigned bytes (0x08);"
                        + " %s", found, head[2] & 0xff, expected));
            }
            if (head[3] != dimensionNames.length) {
                throw fail(source, String.format("magic number 0x%08X has %d dimensions, but %ss have %d; %s", found,
                        head[3] & 0xff, what, dimensionNames.length, expected));
            }
            byte[] dimensionBytes = readUpTo(in, 4 * dimensionNames.length);
            if (dimensionBytes.length < 4 * dimensionNames.length) {
                throw fail(source, "truncated: expected a " + (4 + 4 * dimensionNames.length) + "-byte header, found "
                        + (4 + dimensionBytes.length) + " bytes");
            }
            ByteBuffer dimensionBuffer = ByteBuffer.wrap(dimensionBytes); // big-endian, as IDX is
            int[] dims = new int[dimensionNames.length];
            long length = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = dimensionBuffer.getInt();
                if (dims[d] <= 0) {
                    throw fail(source, "dimension " + dimensionNames[d] + " = " + dims[d] + " is invalid; every"
                            + " dimension must be positive");
                }
                length *= dims[d];
                if (length > MAX_BYTES) {
                    throw fail(source, "dimensions " + Arrays.toString(Arrays.copyOf(dims, d + 1))
                            + " are too large for one array");
                }
            }
            byte[] data = readUpTo(in, (int) length);
            if (data.length < length) {
                throw fail(source, "truncated: expected " + length + " " + what + " bytes, found " + data.length);
            }
            long trailing;
            try {
                trailing = in.transferTo(OutputStream.nullOutputStream());
            } catch (EOFException e) {
                throw fail(source, "truncated: the gzip stream ends before its end marker");
            }
            if (trailing > 0) {
                throw fail(source, trailing + " trailing bytes after the " + length + " " + what + " bytes");
            }
            return new Content(dims, data);
        } catch (IOException e) {
            throw new DatasetException("", source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The stream itself, or its decompressed content when it starts with the gzip magic bytes 1f 8b. */
    private static InputStream unzipped(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /**
     * Up to {@code length} bytes, fewer when the stream ends (a gzip stream that ends early counts as ending). The
     * buffer grows as data arrives, so a corrupt header claiming gigabytes does not allocate them up front.
     */
    private static byte[] readUpTo(InputStream in, int length) throws IOException {
        byte[] buffer = new byte[Math.min(length, 1 << 20)];
        int filled = 0;
        try {
            while (filled < length) {
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
                }
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
        } catch (EOFException e) {
            // GZIPInputStream reports a cut-off stream this way; the caller reports it as truncated.
        }
        return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    }

    private static DatasetException fail(String source, String problem) {
        return new DatasetException("", source + ": " + problem);
    }
}
