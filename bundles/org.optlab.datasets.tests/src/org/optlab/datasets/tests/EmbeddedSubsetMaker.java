package org.optlab.datasets.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.optlab.datasets.IdxFile;
import org.optlab.datasets.internal.IdxDirectory;

/**
 * Makes the embedded Fashion-MNIST subset bundled in {@code org.optlab.datasets/data/fashion-mnist-embedded/} from
 * the full data of the Debian package dataset-fashion-mnist: the first 600 examples of each class in the training
 * file and the first 100 of each class in t10k, kept in file order (the published files are already shuffled, so
 * classes stay interleaved). It writes the four IDX files gzipped under their standard names and
 * {@value #SOURCE_INDICES}, the index of each embedded example in its source file, which the tests use to check the
 * embedded images against the real ones.
 * <p>
 * The committed files were made with (from the repository root, after building the two bundles):
 *
 * <pre>
 * java -cp bundles/org.optlab.datasets/target/classes:bundles/org.optlab.datasets.tests/target/classes \
 *     org.optlab.datasets.tests.EmbeddedSubsetMaker /usr/share/datasets/fashion-mnist \
 *     bundles/org.optlab.datasets/data/fashion-mnist-embedded
 * </pre>
 */
public final class EmbeddedSubsetMaker {

    static final int TRAIN_PER_CLASS = 600;
    static final int TEST_PER_CLASS = 100;
    static final int CLASS_COUNT = 10;
    static final String SOURCE_INDICES = "source-indices.txt";
    /** Source-index lines start with these names of the source files. */
    static final String TRAIN = "train";
    static final String TEST = "t10k";

    private EmbeddedSubsetMaker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedSubsetMaker FULL_FASHION_MNIST_DIR OUTPUT_DIR");
            System.exit(2);
        }
        make(Path.of(args[0]), Path.of(args[1]));
    }

    /** Writes the subset of the full data in {@code source} to {@code target}. */
    static void make(Path source, Path target) throws IOException {
        IdxDirectory full = IdxDirectory.find(source)
                .orElseThrow(() -> new IllegalArgumentException(IdxDirectory.problem(source)));
        Files.createDirectories(target);
        Map<String, int[]> chosen = new LinkedHashMap<>();
        chosen.put(TRAIN, writeSubset(full.trainImages(), full.trainLabels(), TRAIN_PER_CLASS, target,
                IdxDirectory.TRAIN_IMAGES, IdxDirectory.TRAIN_LABELS));
        chosen.put(TEST, writeSubset(full.testImages(), full.testLabels(), TEST_PER_CLASS, target,
                IdxDirectory.TEST_IMAGES, IdxDirectory.TEST_LABELS));
        writeSourceIndices(chosen, target.resolve(SOURCE_INDICES));
    }

    private static int[] writeSubset(Path imagesFile, Path labelsFile, int perClass, Path target, String imagesName,
            String labelsName) throws IOException {
        IdxFile.Images images = IdxFile.readImages(imagesFile);
        IdxFile.Labels labels = IdxFile.readLabels(labelsFile);
        int[] indices = firstPerClass(labels, perClass);
        int imageBytes = images.rows() * images.columns();
        byte[] pixels = new byte[indices.length * imageBytes];
        byte[] chosenLabels = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(images.pixels(), indices[k] * imageBytes, pixels, k * imageBytes, imageBytes);
            chosenLabels[k] = (byte) labels.label(indices[k]);
        }
        Files.write(target.resolve(imagesName + ".gz"),
                IdxBytes.gzip(IdxBytes.images(indices.length, images.rows(), images.columns(), pixels)));
        Files.write(target.resolve(labelsName + ".gz"), IdxBytes.gzip(IdxBytes.labels(chosenLabels)));
        return indices;
    }

    /** The indices of the first {@code perClass} examples of each class, in file order. */
    static int[] firstPerClass(IdxFile.Labels labels, int perClass) {
        int[] taken = new int[CLASS_COUNT];
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < labels.count() && indices.size() < perClass * CLASS_COUNT; i++) {
            int label = labels.label(i);
            if (taken[label] < perClass) {
                taken[label]++;
                indices.add(i);
            }
        }
        if (indices.size() < perClass * CLASS_COUNT) {
            throw new IllegalArgumentException(labels.source() + " has fewer than " + perClass
                    + " examples of some class");
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void writeSourceIndices(Map<String, int[]> chosen, Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# Fashion-MNIST embedded subset: the index of each embedded example in its source file, in the\n")
                .append("# order of the embedded files (train: train-*-idx?-ubyte, t10k: t10k-*-idx?-ubyte).\n")
                .append("# The first ").append(TRAIN_PER_CLASS).append(" (train) and ").append(TEST_PER_CLASS)
                .append(" (t10k) examples of each class in file order; made by EmbeddedSubsetMaker.\n");
        chosen.forEach((name, indices) -> {
            for (int index : indices) {
                text.append(name).append(' ').append(index).append('\n');
            }
        });
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /** Reads {@value #SOURCE_INDICES}: source file name ({@code train}, {@code t10k}) to indices, in order. */
    static Map<String, int[]> readSourceIndices(InputStream in) {
        Map<String, List<Integer>> read = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] parts = line.split(" ");
                    read.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, int[]> result = new LinkedHashMap<>();
        read.forEach((name, list) -> result.put(name, list.stream().mapToInt(Integer::intValue).toArray()));
        return result;
    }
}
