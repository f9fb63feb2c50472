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

    /** The header of a float32 array of {@code shape}, padded so that the data starts at a multiple of 64 bytes. */
    static byte[] header(int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes {@code data} as a float32 array of {@code shape}, atomically (a .part file moved into place). */
    public static void write(Path file, int[] shape, float[] data) throws IOException {
        long count = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count + " values, got "
                    + data.length);
        }
        try (RowWriter w = new RowWriter(file, shape)) {
            w.write(data);
        }
    }

    /**
     * Writes a float32 array row by row (a snapshot at a time), into {@code file}.part until closed with every value
     * written, then moved into place; closed early, the .part file is removed and {@code file} is left as it was.
     */
    public static final class RowWriter implements Closeable {
        private final Path file;
        private final Path part;
        private final OutputStream out;
        private final long expected;
        private long written;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        public RowWriter(Path file, int[] shape) throws IOException {
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("a negative dimension: " + Arrays.toString(shape));
                }
            }
            this.file = file;
            this.part = file.resolveSibling(file.getFileName() + ".part");
            this.expected = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
            this.out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16);
            out.write(header(shape));
        }

        /** Appends values (a row, or several). */
        public void write(float[] values) throws IOException {
            if (written + values.length > expected) {
                throw new IllegalArgumentException("more values than the shape holds (" + expected + ")");
            }
            for (float v : values) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                buffer.putFloat(v);
            }
            written += values.length;
        }

        private void flush() throws IOException {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
                out.close();
            } catch (IOException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            if (written != expected) {
                Files.deleteIfExists(part);
                throw new IOException(file + ": " + written + " of " + expected + " values written; not saved");
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
