package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.optlab.datasets.IdxFile;
import org.optlab.datasets.internal.FashionMnist;
import org.optlab.datasets.internal.IdxDirectory;

/** The committed embedded Fashion-MNIST subset against its description and, where installed, the real data. */
class EmbeddedSubsetTest {

    private static InputStream resource(String name) {
        InputStream in = FashionMnist.class.getResourceAsStream(FashionMnist.EMBEDDED_FOLDER + name);
        assertTrue(in != null, name + " is in the bundle");
        return in;
    }

    private static IdxFile.Images images(String name) throws IOException {
        try (InputStream in = resource(name + ".gz")) {
            return IdxFile.readImages(in, name);
        }
    }

    private static IdxFile.Labels labels(String name) throws IOException {
        try (InputStream in = resource(name + ".gz")) {
            return IdxFile.readLabels(in, name);
        }
    }

    private static Map<String, int[]> sourceIndices() throws IOException {
        try (InputStream in = resource(EmbeddedSubsetMaker.SOURCE_INDICES)) {
            return EmbeddedSubsetMaker.readSourceIndices(in);
        }
    }

    private static Optional<IdxDirectory> realData() {
        return IdxDirectory.find(Path.of(FashionMnist.SYSTEM_DIRECTORY));
    }

    @Test
    void countsPerClassAndSourceIndicesAreAsDocumented() throws IOException {
        Map<String, int[]> indices = sourceIndices();
        assertEquals(java.util.List.of(EmbeddedSubsetMaker.TRAIN, EmbeddedSubsetMaker.TEST),
                java.util.List.copyOf(indices.keySet()));
        check(images(IdxDirectory.TRAIN_IMAGES), labels(IdxDirectory.TRAIN_LABELS), 600,
                indices.get(EmbeddedSubsetMaker.TRAIN), 60_000);
        check(images(IdxDirectory.TEST_IMAGES), labels(IdxDirectory.TEST_LABELS), 100,
                indices.get(EmbeddedSubsetMaker.TEST), 10_000);
    }

    private static void check(IdxFile.Images images, IdxFile.Labels labels, int perClass, int[] indices,
            int sourceSize) {
        int size = 10 * perClass;
        assertEquals(size, images.count());
        assertEquals(28, images.rows());
        assertEquals(28, images.columns());
        assertEquals(size, labels.count());
        int[] counts = new int[10];
        for (int i = 0; i < size; i++) {
            counts[labels.label(i)]++;
        }
        int[] expected = new int[10];
        Arrays.fill(expected, perClass);
        assertArrayEquals(expected, counts, labels.source());
        // file order: strictly ascending indices into the source file
        assertEquals(size, indices.length);
        for (int k = 0; k < size; k++) {
            assertTrue(indices[k] >= 0 && indices[k] < sourceSize, "index " + indices[k]);
            assertTrue(k == 0 || indices[k] > indices[k - 1], "ascending at " + k);
        }
    }

    @Test
    void everyEmbeddedImageAndLabelIsTheRealOneAtItsSourceIndex() throws IOException {
        Optional<IdxDirectory> real = realData();
        assumeTrue(real.isPresent(), "dataset-fashion-mnist not installed");
        Map<String, int[]> indices = sourceIndices();
        compare(images(IdxDirectory.TRAIN_IMAGES), labels(IdxDirectory.TRAIN_LABELS),
                IdxFile.readImages(real.get().trainImages()), IdxFile.readLabels(real.get().trainLabels()),
                indices.get(EmbeddedSubsetMaker.TRAIN));
        compare(images(IdxDirectory.TEST_IMAGES), labels(IdxDirectory.TEST_LABELS),
                IdxFile.readImages(real.get().testImages()), IdxFile.readLabels(real.get().testLabels()),
                indices.get(EmbeddedSubsetMaker.TEST));
    }

    private static void compare(IdxFile.Images embedded, IdxFile.Labels embeddedLabels, IdxFile.Images full,
            IdxFile.Labels fullLabels, int[] indices) {
        int bytes = 28 * 28;
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            assertEquals(fullLabels.label(i), embeddedLabels.label(k), "label of embedded " + k);
            assertTrue(Arrays.equals(embedded.pixels(), k * bytes, (k + 1) * bytes, full.pixels(), i * bytes,
                    (i + 1) * bytes), "embedded image " + k + " is source image " + i);
        }
    }

    @Test
    void theSelectionIsTheFirstExamplesOfEachClass() throws IOException {
        Optional<IdxDirectory> real = realData();
        assumeTrue(real.isPresent(), "dataset-fashion-mnist not installed");
        Map<String, int[]> indices = sourceIndices();
        assertArrayEquals(EmbeddedSubsetMaker.firstPerClass(IdxFile.readLabels(real.get().trainLabels()), 600),
                indices.get(EmbeddedSubsetMaker.TRAIN));
        assertArrayEquals(EmbeddedSubsetMaker.firstPerClass(IdxFile.readLabels(real.get().testLabels()), 100),
                indices.get(EmbeddedSubsetMaker.TEST));
    }

    /** Read once per process: the same split again, holding what a fresh read of the bundled files holds. */
    @Test
    void theEmbeddedSubsetIsReadOnceAndEqualsAFreshRead() {
        org.optlab.datasets.Split cached = FashionMnist.embedded();
        assertTrue(cached == FashionMnist.embedded(), "the second call returns the split already read");
        org.optlab.datasets.Split fresh = IdxDirectory.readResources("fashion-mnist-embedded", FashionMnist.class,
                FashionMnist.EMBEDDED_FOLDER);
        assertTrue(fresh.train().features() != cached.train().features(), "a fresh read has its own arrays");
        for (String part : new String[] { "train", "test" }) {
            org.optlab.datasets.Dataset a = part.equals("train") ? cached.train() : cached.test();
            org.optlab.datasets.Dataset b = part.equals("train") ? fresh.train() : fresh.test();
            assertEquals(b.id(), a.id(), part);
            assertArrayEquals(b.exampleShape(), a.exampleShape(), part);
            assertArrayEquals(b.features(), a.features(), part);
            assertArrayEquals(b.labels(), a.labels(), part);
        }
    }
}
