package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.Cifar10Files;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.Split;

class Cifar10FilesTest {

    @TempDir
    Path dir;

    /** The byte of channel c (0 red, 1 green, 2 blue) at (y, x) of record r: distinct enough to catch any mix-up. */
    private static int pixel(int r, int c, int y, int x) {
        return (r * 101 + c * 50 + y * 7 + x * 3) % 256;
    }

    /** Records in the published layout: label, then the red, green and blue planes, each row-major 32 x 32. */
    private static byte[] records(int... labels) {
        byte[] bytes = new byte[labels.length * Cifar10Files.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            int offset = r * Cifar10Files.RECORD_BYTES;
            bytes[offset] = (byte) labels[r];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        bytes[offset + 1 + c * 1024 + y * 32 + x] = (byte) pixel(r, c, y, x);
                    }
                }
            }
        }
        return bytes;
    }

    @Test
    void aTwoRecordFileReadsBackChannelFirst() throws IOException {
        Path file = Files.write(dir.resolve("data_batch_1.bin"), records(3, 9));
        Dataset d = Cifar10Files.readFiles("two", List.of(file));
        assertEquals(2, d.size());
        assertArrayEquals(new int[] { 3, 32, 32 }, d.exampleShape());
        assertEquals(10, d.classCount());
        assertArrayEquals(new int[] { 3, 9 }, d.labels());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        assertEquals(pixel(r, c, y, x) / 255f, d.feature(r, c * 1024 + y * 32 + x), 0f);
                    }
                }
            }
        }
        // spot checks by hand: record 1, green, row 2, column 5 is (101 + 50 + 14 + 15) % 256 = 180
        assertEquals(180 / 255f, d.feature(1, 1024 + 2 * 32 + 5), 0f);
        // record 1, blue, row 31, column 31 is (101 + 100 + 217 + 93) % 256 = 255
        assertEquals(1f, d.feature(1, 2 * 1024 + 31 * 32 + 31), 0f);
    }

    @Test
    void aDirectoryReadsAllSixFilesInOrder() throws IOException {
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), records(i, i - 1));
        }
        Files.write(dir.resolve("test_batch.bin"), records(7));
        Split split = Cifar10Files.read(dir);
        assertArrayEquals(new int[] { 1, 0, 2, 1, 3, 2, 4, 3, 5, 4 }, split.train().labels());
        assertArrayEquals(new int[] { 7 }, split.test().labels());
        assertEquals(pixel(1, 2, 3, 4) / 255f, split.train().feature(9, 2 * 1024 + 3 * 32 + 4), 0f);
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        byte[] two = records(1, 2);
        Path file = Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(two, two.length - 1));
        var e = assertThrows(DatasetException.class, () -> Cifar10Files.readFiles("x", List.of(file)));
        assertEquals(file + ": truncated: 6145 bytes is not a positive whole number of 3073-byte records (a label"
                + " byte and 3072 pixels)", e.getMessage());
    }

    @Test
    void labelTenIsOutOfRange() throws IOException {
        Path file = Files.write(dir.resolve("data_batch_2.bin"), records(0, 10));
        var e = assertThrows(DatasetException.class, () -> Cifar10Files.readFiles("x", List.of(file)));
        assertEquals(file + ": label 10 of record 1 is outside [0, 10)", e.getMessage());
    }

    @Test
    void aMissingBatchIsNamed() throws IOException {
        for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_4.bin", "data_batch_5.bin",
                "test_batch.bin")) {
            Files.write(dir.resolve(name), records(1));
        }
        assertEquals(List.of("data_batch_3.bin"), Cifar10Files.missingFiles(dir));
        var e = assertThrows(DatasetException.class, () -> Cifar10Files.read(dir));
        assertEquals(dir + ": missing data_batch_3.bin; CIFAR-10 (binary version) needs data_batch_1.bin,"
                + " data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin",
                e.getMessage());
    }
}
