package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.Cifar10Files;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;
import org.optlab.datasets.internal.Cifar10;
import org.optlab.datasets.internal.Mnist;

/** The providers of MNIST and CIFAR-10, which read only the user's own copy. */
class FileDatasetsTest {

    @TempDir
    Path dir;

    private static DatasetRequest request(Map<String, Object> options, Path defaultDirectory) {
        return new DatasetRequest(1, options, defaultDirectory);
    }

    @Test
    void mnistReadsFromPathOrTheDatasetsFolder() throws IOException {
        IdxBytes.writeTinySet(dir.resolve("own"), false);
        Split split = new Mnist().load(request(Map.of("path", dir.resolve("own").toString()), null));
        assertEquals("mnist/train", split.train().id());
        assertArrayEquals(new int[] { 0, 1, 2 }, split.train().labels());
        IdxBytes.writeTinySet(dir.resolve("datasets/mnist"), true);
        assertArrayEquals(new int[] { 3, 4 }, new Mnist().load(request(Map.of(), dir.resolve("datasets"))).test()
                .labels());
    }

    @Test
    void mnistWithoutACopySaysItIsNotBundledAndHowToPointToIt() {
        var e = assertThrows(DatasetException.class, () -> new Mnist().load(request(Map.of(), null)));
        assertEquals("path", e.field());
        assertEquals("mnist: MNIST is not bundled with OptLab; set \"path\" to a directory with"
                + " train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],"
                + " t10k-labels-idx1-ubyte[.gz] (or set a datasets folder and put them in its mnist folder)",
                e.getMessage());
        e = assertThrows(DatasetException.class, () -> new Mnist().load(request(Map.of(), dir)));
        assertEquals("path", e.field());
        assertEquals(true, e.getMessage().endsWith("(or put them in " + dir.resolve("mnist")
                + ", where nothing was found)"), e.getMessage());
        e = assertThrows(DatasetException.class,
                () -> new Mnist().load(request(Map.of("path", dir.toString()), null)));
        assertEquals("mnist: " + dir + " has no train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],"
                + " t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]; set path to a directory with"
                + " train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],"
                + " t10k-labels-idx1-ubyte[.gz]", e.getMessage());
    }

    private void writeCifar(Path directory) throws IOException {
        Files.createDirectories(directory);
        byte[] record = new byte[Cifar10Files.RECORD_BYTES];
        for (int i = 1; i <= 5; i++) {
            record[0] = (byte) i;
            Files.write(directory.resolve("data_batch_" + i + ".bin"), record);
        }
        record[0] = 0;
        record[Cifar10Files.RECORD_BYTES - 1] = (byte) 255; // the last blue pixel
        Files.write(directory.resolve("test_batch.bin"), record);
    }

    @Test
    void cifar10ReadsTheDirectoryOrTheFolderTheArchiveUnpacksTo() throws IOException {
        writeCifar(dir.resolve("cifar-10-batches-bin"));
        Split split = new Cifar10().load(request(Map.of("path", dir.toString()), null));
        assertArrayEquals(new int[] { 1, 2, 3, 4, 5 }, split.train().labels());
        assertArrayEquals(new int[] { 3, 32, 32 }, split.test().exampleShape());
        assertEquals(1f, split.test().feature(0, 3071));
        Path datasets = dir.resolve("datasets");
        writeCifar(datasets.resolve("cifar10"));
        assertEquals(5, new Cifar10().load(request(Map.of(), datasets)).train().size());
    }

    @Test
    void cifar10WithoutACopyNamesWhatIsMissing() throws IOException {
        var e = assertThrows(DatasetException.class, () -> new Cifar10().load(request(Map.of(), null)));
        assertEquals("path", e.field());
        assertEquals("cifar10: CIFAR-10 is not bundled with OptLab; set \"path\" to the directory with"
                + " data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin and"
                + " test_batch.bin (the binary version)", e.getMessage());
        writeCifar(dir);
        Files.delete(dir.resolve("data_batch_3.bin"));
        e = assertThrows(DatasetException.class,
                () -> new Cifar10().load(request(Map.of("path", dir.toString()), null)));
        assertEquals("path", e.field());
        assertEquals("cifar10: " + dir + " has no data_batch_3.bin; set path to the directory with data_batch_1.bin,"
                + " data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin and test_batch.bin",
                e.getMessage());
    }
}
