package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;
import org.optlab.datasets.internal.FashionMnist;

class FashionMnistTest {

    @TempDir
    Path dir;

    private static DatasetRequest request(Map<String, Object> options, Path defaultDirectory) {
        return new DatasetRequest(1, options, defaultDirectory);
    }

    /** A provider that finds no system-wide copy. */
    private FashionMnist withoutSystemCopy() {
        return new FashionMnist(dir.resolve("no-system-copy"));
    }

    private static void assertImages(Dataset d, int size, int perClass) {
        assertEquals(size, d.size());
        assertArrayEquals(new int[] { 1, 28, 28 }, d.exampleShape());
        assertEquals(784, d.featureCount());
        assertEquals(10, d.classCount());
        int[] counts = new int[10];
        for (int label : d.labels()) {
            counts[label]++;
        }
        for (int k = 0; k < 10; k++) {
            assertEquals(perClass, counts[k], d.id() + " class " + k);
        }
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float x : d.features()) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertEquals(0f, min, d.id() + " darkest pixel");
        assertEquals(1f, max, d.id() + " brightest pixel");
    }

    @Test
    void theEmbeddedSubsetLoadsFromTheBundle() {
        Split split = new FashionMnist().load(request(Map.of("subset", "embedded"), null));
        assertEquals("fashion-mnist-embedded/train", split.train().id());
        assertImages(split.train(), 6000, 600);
        assertImages(split.test(), 1000, 100);
    }

    @Test
    void withoutAFullCopyTheDefaultIsTheEmbeddedSubset() {
        Split split = withoutSystemCopy().load(request(Map.of(), dir.resolve("datasets")));
        assertEquals("fashion-mnist-embedded/test", split.test().id());
        assertEquals(6000, split.train().size());
    }

    @Test
    void theFullSetLoadsWhenInstalled() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.SYSTEM_DIRECTORY)), "dataset-fashion-mnist not installed");
        Split split = new FashionMnist().load(request(Map.of("subset", "full"), null));
        assertEquals("fashion-mnist/train", split.train().id());
        assertImages(split.train(), 60_000, 6000);
        assertImages(split.test(), 10_000, 1000);
        assertEquals(9, split.train().labels()[0]); // the first training image is an ankle boot
    }

    @Test
    void pathThenTheDatasetsFolderThenTheSystemCopy() throws IOException {
        Path datasets = dir.resolve("datasets");
        IdxBytes.writeTinySet(datasets.resolve("fashion-mnist"), true);
        Split fromFolder = new FashionMnist().load(request(Map.of(), datasets));
        assertEquals("fashion-mnist/train", fromFolder.train().id());
        assertArrayEquals(new int[] { 0, 1, 2 }, fromFolder.train().labels());
        assertArrayEquals(new int[] { 1, 2, 2 }, fromFolder.train().exampleShape());

        Path own = dir.resolve("own");
        IdxBytes.writeTinySet(own, false);
        Split fromPath = new FashionMnist().load(request(Map.of("path", own.toString()), datasets));
        assertArrayEquals(new int[] { 3, 4 }, fromPath.test().labels());
        assertEquals(1f, fromPath.test().feature(1, 3));
    }

    @Test
    void aBadPathIsNamedWithWhatIsMissing() throws IOException {
        Path nowhere = dir.resolve("nowhere");
        var e = assertThrows(DatasetException.class,
                () -> new FashionMnist().load(request(Map.of("subset", "full", "path", nowhere.toString()), null)));
        assertEquals("path", e.field());
        assertEquals("fashion-mnist: " + nowhere + " is not a directory; set path to a directory with"
                + " train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],"
                + " t10k-labels-idx1-ubyte[.gz]", e.getMessage());
        IdxBytes.writeTinySet(nowhere, true);
        Files.delete(nowhere.resolve("t10k-labels-idx1-ubyte.gz"));
        e = assertThrows(DatasetException.class,
                () -> new FashionMnist().load(request(Map.of("path", nowhere.toString()), null)));
        assertEquals("path", e.field());
        assertTrue(e.getMessage().startsWith("fashion-mnist: " + nowhere + " has no t10k-labels-idx1-ubyte[.gz];"),
                e.getMessage());
    }

    @Test
    void fullWithoutAnyCopySaysWhereItLookedAndHowToFixIt() {
        Path datasets = dir.resolve("datasets");
        var e = assertThrows(DatasetException.class,
                () -> withoutSystemCopy().load(request(Map.of("subset", "full"), datasets)));
        assertEquals("subset", e.field());
        assertEquals("fashion-mnist: the full data set is not installed; looked in [" + datasets.resolve(
                "fashion-mnist") + ", " + dir.resolve("no-system-copy") + "]. Install the Debian package"
                + " dataset-fashion-mnist, or set \"path\" to a directory with train-images-idx3-ubyte[.gz],"
                + " train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz], or use"
                + " \"subset\": \"embedded\" (6,000 / 1,000 examples bundled with OptLab)", e.getMessage());
    }

    @Test
    void optionsAreChecked() {
        var e = assertThrows(DatasetException.class,
                () -> new FashionMnist().load(request(Map.of("subset", "embedded", "path", "/x"), null)));
        assertEquals("path", e.field());
        e = assertThrows(DatasetException.class, () -> new FashionMnist().load(request(Map.of("subset", "all"), null)));
        assertEquals("subset", e.field());
        assertEquals("subset = \"all\" is invalid; expected one of [embedded, full]", e.getMessage());
        Map<String, Object> options = new HashMap<>();
        options.put("n", 100);
        e = assertThrows(DatasetException.class, () -> new FashionMnist().load(request(options, null)));
        assertEquals("unknown option 'n'; known: [path, subset]", e.getMessage());
    }
}
