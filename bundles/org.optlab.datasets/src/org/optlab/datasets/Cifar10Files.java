package org.optlab.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Reads the binary version of CIFAR-10: each record is one label byte (0..9) then 3072 pixel bytes, 1024 red, 1024
 * green and 1024 blue, each plane row-major 32 x 32. Training data is {@code data_batch_1.bin} ..
 * {@code data_batch_5.bin}, test data {@code test_batch.bin}, all in one directory (10,000 records each in the
 * published set; any whole number of records is read). Features are scaled to [0, 1] in the same channel-first layout,
 * shape {@code {3, 32, 32}}.
 */
public final class Cifar10Files {

    public static final int CLASS_COUNT = 10;
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final List<String> TRAIN_FILES = IntStream.rangeClosed(1, 5).mapToObj(i -> "data_batch_" + i + ".bin")
            .toList();
    public static final String TEST_FILE = "test_batch.bin";

    private static final int[] SHAPE = { 3, 32, 32 };

    private Cifar10Files() {
    }

    /** The names of the six files missing from {@code directory}, in order; empty when all are there. */
    public static List<String> missingFiles(Path directory) {
        List<String> missing = new ArrayList<>();
        for (String name : allFiles()) {
            if (!Files.isRegularFile(directory.resolve(name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    /**
     * Reads the training batches and the test batch from {@code directory}.
     *
     * @throws DatasetException naming the missing files, or the file that is malformed and how
     */
    public static Split read(Path directory) {
        List<String> missing = missingFiles(directory);
        if (!missing.isEmpty()) {
            throw DatasetException.ofFile(directory, "missing " + String.join(", ", missing) + "; CIFAR-10 (binary"
                    + " version) needs " + String.join(", ", allFiles()));
        }
        List<Path> train = TRAIN_FILES.stream().map(directory::resolve).toList();
        return new Split(readFiles("cifar10/train", train), readFiles("cifar10/test", List.of(
                directory.resolve(TEST_FILE))));
    }

    /** Reads the records of {@code files}, in order, as one dataset. */
    public static Dataset readFiles(String id, List<Path> files) {
        long[] counts = files.stream().mapToLong(Cifar10Files::recordCount).toArray();
        long records = LongStream.of(counts).sum();
        if (records * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new DatasetException("", id + ": " + records + " records are too many for one array");
        }
        float[] features = new float[(int) records * IMAGE_BYTES];
        int[] labels = new int[(int) records];
        int next = 0;
        for (int f = 0; f < counts.length; f++) {
            readInto(files.get(f), (int) counts[f], features, labels, next);
            next += (int) counts[f];
        }
        return Dataset.classification(id, SHAPE, features, labels, CLASS_COUNT);
    }

    private static long recordCount(Path file) {
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw DatasetException.ofFile(file, e);
        }
        if (length == 0 || length % RECORD_BYTES != 0) {
            throw DatasetException.ofFile(file, "truncated: " + length + " bytes is not a positive whole number of "
                    + RECORD_BYTES + "-byte records (a label byte and 3072 pixels)");
        }
        return length / RECORD_BYTES;
    }

    /** Reads the {@code count} records of one file into the arrays, from example {@code first} on. */
    private static void readInto(Path file, int count, float[] features, int[] labels, int first) {
        byte[] record = new byte[RECORD_BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int r = 0; r < count; r++) {
                if (in.readNBytes(record, 0, RECORD_BYTES) < RECORD_BYTES) {
                    throw DatasetException.ofFile(file, "truncated while reading record " + r);
                }
                int i = first + r;
                int label = record[0] & 0xff;
                if (label >= CLASS_COUNT) {
                    throw DatasetException.ofFile(file, "label " + label + " of record " + r + " is outside [0, "
                            + CLASS_COUNT + ")");
                }
                labels[i] = label;
                PixelScale.toUnit(record, 1, features, i * IMAGE_BYTES, IMAGE_BYTES);
            }
        } catch (IOException e) {
            throw DatasetException.ofFile(file, e);
        }
    }

    private static List<String> allFiles() {
        List<String> all = new ArrayList<>(TRAIN_FILES);
        all.add(TEST_FILE);
        return all;
    }
}
