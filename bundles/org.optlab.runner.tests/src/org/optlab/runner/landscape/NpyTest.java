package org.optlab.runner.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy codec against the format's definition, read and written byte by byte here. */
class NpyTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenFileIsWhatTheFormatSaysByteForByte() throws IOException {
        Path file = dir.resolve("a.npy");
        float[] values = { 1.5f, -2f, 0f, Float.MIN_VALUE, 3.25e7f, -0f };
        Npy.write(file, new int[] { 2, 3 }, values);
        byte[] bytes = Files.readAllBytes(file);
        // magic, version 1.0
        assertEquals(0x93, bytes[0] & 0xff);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8; // little-endian uint16
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals(0, (10 + headerLength) % 64, "the data starts at a multiple of 64 bytes");
        assertTrue(header.endsWith("\n"), header);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        // then the values, little-endian float32, row-major
        assertEquals(10 + headerLength + 4 * values.length, bytes.length);
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(data.getFloat()));
        }
        Npy.Array back = Npy.read(file);
        assertArrayEquals(new int[] { 2, 3 }, back.shape());
        assertArrayEquals(values, back.data());
        assertArrayEquals(new float[] { Float.MIN_VALUE, 3.25e7f, -0f }, back.row(1));
    }

    @Test
    void aOneDimensionalShapeHasItsTrailingComma() throws IOException {
        Path file = dir.resolve("c.npy");
        Npy.write(file, new int[] { 4 }, new float[] { 1, 2, 3, 4 });
        String header = new String(Files.readAllBytes(file), 10, 118, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }"), header);
        assertArrayEquals(new int[] { 4 }, Npy.read(file).shape());
    }

    @Test
    void aFileAsNumPyWritesItIsRead() throws IOException {
        // built here from the definition: version 1.0, NumPy's own spacing, padded to 128 bytes in all
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 1), }";
        String text = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length(), 0 });
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer values = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).putFloat(7f)
                .putFloat(-1e-3f);
        out.write(values.array());
        Path file = dir.resolve("numpy.npy");
        Files.write(file, out.toByteArray());
        Npy.Array a = Npy.read(file);
        assertArrayEquals(new int[] { 3, 1 }, a.shape());
        assertArrayEquals(new float[] { 0.1f, 7f, -1e-3f }, a.data());
    }

    @Test
    void badFilesAreOneLineNamingTheFile() throws IOException {
        Path notNpy = dir.resolve("x.npy");
        Files.writeString(notNpy, "hello");
        assertTrue(assertThrows(IOException.class, () -> Npy.read(notNpy)).getMessage().startsWith(notNpy
                + " is not a .npy file"));
        Path doubles = dir.resolve("d.npy");
        Npy.write(doubles, new int[] { 1 }, new float[] { 1 });
        byte[] b = Files.readAllBytes(doubles);
        String patched = new String(b, StandardCharsets.ISO_8859_1).replace("'<f4'", "'<f8'");
        Files.write(doubles, patched.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(doubles)).getMessage().contains(
                "expected float32 ('<f4') in C order, got '<f8'"));
        Path cut = dir.resolve("cut.npy");
        Npy.write(cut, new int[] { 100 }, new float[100]);
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(cut)).getMessage().contains("ends before"));
    }

    @Test
    void aRowWriterSaysHowManyRowsItWroteOnlyAtTheEnd() throws IOException {
        Path file = dir.resolve("rows.npy");
        try (Npy.RowWriter w = new Npy.RowWriter(file, 2)) {
            for (int i = 0; i < 3; i++) {
                w.write(new float[] { i, -i - 0.5f });
            }
            assertFalse(Files.exists(file), "nothing in place before it is complete");
            assertThrows(IllegalArgumentException.class, () -> w.write(new float[3]));
        }
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(128, 10 + headerLength);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", new String(bytes, 10,
                headerLength, StandardCharsets.US_ASCII).strip());
        assertArrayEquals(new float[] { 0, -0.5f, 1, -1.5f, 2, -2.5f }, Npy.read(file).data());
        assertFalse(Files.exists(dir.resolve("rows.npy.part")));
        // no row at all: a valid empty array
        try (Npy.RowWriter w = new Npy.RowWriter(dir.resolve("none.npy"), 4)) {
            assertEquals(0, w.rows());
        }
        assertArrayEquals(new int[] { 0, 4 }, Npy.read(dir.resolve("none.npy")).shape());
        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("bad.npy"), new int[] { 2, 2 },
                new float[3]));
    }
}
