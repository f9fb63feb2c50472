package org.optlab.runner.landscape;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1.0, for float32 arrays in C (row-major) order: the one codec of the parameter
 * snapshots and the landscape's directions, so that any tool reads them ({@code numpy.load}). The file is the magic
 * {@code \x93NUMPY}, the version (1, 0), a little-endian uint16 header length, the header (a Python dict literal:
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (k, n), }} padded with blanks and ended by a newline so that
 * the data starts at a multiple of 64 bytes), then the values, little-endian.
 */
public final class Npy {

    private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
    private static final int ALIGN = 64;
    private static final Pattern HEADER = Pattern.compile("\\{\\s*'descr':\\s*'([^']*)',\\s*'fortran_order':\\s*"
            + "(True|False),\\s*'shape':\\s*\\(([^)]*)\\),?\\s*\\}\\s*");

    /** An array: its shape and its values in row-major order. */
    public record Array(int[] shape, float[] data) {
        /** Row {@code i} of a two-dimensional array. */
        public float[] row(int i) {
            int n = shape[1];
            return Arrays.copyOfRange(data, i * n, (i + 1) * n);
        }
    }

    private Npy() {
    }

    /** The size of a {@link RowWriter}'s header: room for any two dimensions, a multiple of 64. */
    static final int ROWS_HEADER = 128;

    /** The header of a float32 array of {@code shape}, padded so that the data starts at a multiple of 64 bytes. */
    static byte[] header(int[] shape) {
        return header(shape, 0);
    }

    /** The header, padded to {@code size} bytes (0: to the next multiple of 64). */
    static byte[] header(int[] shape, int size) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = size > 0 ? size - unpadded : (ALIGN - unpadded % ALIGN) % ALIGN;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes {@code data} as a float32 array of {@code shape}, atomically (a .part file moved into place). */
    public static void write(Path file, int[] shape, float[] data) throws IOException {
        long count = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        if (count != data.length || Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count + " values, got "
                    + data.length);
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
            out.write(header(shape));
            ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(data);
            out.write(b.array());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes a float32 array [rows, columns] a row at a time (a snapshot at a time, the count known only at the end:
     * a run may stop early), into {@code file}.part, with a header of a fixed {@value #ROWS_HEADER} bytes written again
     * with the final row count on close; then moved into place. A part row, or a failed write, leaves nothing.
     */
    public static final class RowWriter implements Closeable {
        private final Path file;
        private final Path part;
        private final java.nio.channels.FileChannel channel;
        private final int columns;
        private final ByteBuffer buffer;
        private long rows;
        private boolean failed;

        public RowWriter(Path file, int columns) throws IOException {
            if (columns < 1) {
                throw new IllegalArgumentException("columns must be at least 1, got " + columns);
            }
            this.file = file;
            this.part = file.resolveSibling(file.getFileName() + ".part");
            this.columns = columns;
            this.buffer = ByteBuffer.allocate(4 * columns).order(ByteOrder.LITTLE_ENDIAN);
            this.channel = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
            channel.write(ByteBuffer.wrap(header(new int[] { 0, columns }, ROWS_HEADER)), 0);
            channel.position(ROWS_HEADER);
        }

        /** Appends one row. */
        public void write(float[] row) throws IOException {
            if (row.length != columns) {
                throw new IllegalArgumentException("a row of " + row.length + " values, expected " + columns);
            }
            buffer.clear();
            buffer.asFloatBuffer().put(row);
            buffer.limit(4 * columns);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            rows++;
        }

        public long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            try (channel) {
                if (!failed) {
                    channel.write(ByteBuffer.wrap(header(new int[] { (int) rows, columns }, ROWS_HEADER)), 0);
                }
            } catch (IOException e) {
                failed = true;
                throw e;
            } finally {
                if (failed) {
                    Files.deleteIfExists(part);
                }
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Reads a float32 {@code .npy} file in C order; anything else is an IOException naming the file and what it is. */
    public static Array read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(
                new java.io.BufferedInputStream(in, 1 << 16))) {
            byte[] magic = data.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a .npy file (no \\x93NUMPY at its start)");
            }
            int major = data.readUnsignedByte();
            data.readUnsignedByte();
            int length;
            if (major == 1) {
                length = Short.toUnsignedInt(Short.reverseBytes(data.readShort()));
            } else if (major == 2 || major == 3) {
                length = Integer.reverseBytes(data.readInt());
            } else {
                throw new IOException(file + ": .npy version " + major + " is not known");
            }
            byte[] text = new byte[length];
            data.readFully(text);
            Matcher m = HEADER.matcher(new String(text, StandardCharsets.US_ASCII));
            if (!m.matches()) {
                throw new IOException(file + ": a .npy header that cannot be read: " + new String(text,
                        StandardCharsets.US_ASCII).strip());
            }
            if (!m.group(1).equals("<f4") || m.group(2).equals("True")) {
                throw new IOException(file + ": expected float32 ('<f4') in C order, got '" + m.group(1) + "'"
                        + (m.group(2).equals("True") ? " in Fortran order" : ""));
            }
            String[] dims = m.group(3).split(",");
            int[] shape = Arrays.stream(dims).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(
                    Integer::parseInt).toArray();
            long count = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
            if (count > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": " + count + " values are more than one array holds");
            }
            float[] values = new float[(int) count];
            byte[] bytes = new byte[1 << 16];
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length;) {
                int n = Math.min(bytes.length / 4, values.length - i);
                data.readFully(bytes, 0, n * 4);
                b.clear();
                for (int j = 0; j < n; j++) {
                    values[i + j] = b.getFloat();
                }
                i += n;
            }
            return new Array(shape, values);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " ends before its values do (cut off?)", e);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": a .npy shape that cannot be read: " + e.getMessage(), e);
        }
    }
}
