package org.optlab.datasets.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.optlab.datasets.DatasetException;
import org.optlab.datasets.IdxFile;
import org.optlab.datasets.Split;

/**
 * The four IDX files of an MNIST-format dataset (MNIST, Fashion-MNIST) under their standard names, each raw or with
 * {@code .gz} appended.
 */
public record IdxDirectory(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final List<String> NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    public static final int CLASS_COUNT = 10;

    /** For messages: the four names, each with an optional {@code .gz}. */
    public static String expectedFiles() {
        return String.join(", ", NAMES.stream().map(name -> name + "[.gz]").toList());
    }

    /** The four files in {@code directory}, or empty when any is missing. */
    public static Optional<IdxDirectory> find(Path directory) {
        List<Path> files = new ArrayList<>();
        for (String name : NAMES) {
            Optional<Path> file = file(directory, name);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            files.add(file.get());
        }
        return Optional.of(new IdxDirectory(files.get(0), files.get(1), files.get(2), files.get(3)));
    }

    /** What is wrong with {@code directory} as an IDX dataset directory, for a message; empty when nothing is. */
    public static String problem(Path directory) {
        if (!Files.isDirectory(directory)) {
            return directory + " is not a directory";
        }
        List<String> missing = NAMES.stream().filter(name -> file(directory, name).isEmpty())
                .map(name -> name + "[.gz]").toList();
        return missing.isEmpty() ? "" : directory + " has no " + String.join(", ", missing);
    }

    /** The file {@code name}, else {@code name.gz}, when present. */
    private static Optional<Path> file(Path directory, String name) {
        for (String candidate : new String[] { name, name + ".gz" }) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** Reads the four files; dataset ids {@code id/train} and {@code id/test}. */
    public Split read(String id) {
        return new Split(
                IdxFile.toDataset(id + "/train", IdxFile.readImages(trainImages), IdxFile.readLabels(trainLabels),
                        CLASS_COUNT),
                IdxFile.toDataset(id + "/test", IdxFile.readImages(testImages), IdxFile.readLabels(testLabels),
                        CLASS_COUNT));
    }

    /**
     * Reads the four files gzipped as {@code folder + name + ".gz"} from the class loader of {@code anchor}: from the
     * bundle's jar or folder alike, since only streams are used.
     */
    public static Split readResources(String id, Class<?> anchor, String folder) {
        return new Split(
                IdxFile.toDataset(id + "/train", images(anchor, folder + TRAIN_IMAGES + ".gz"),
                        labels(anchor, folder + TRAIN_LABELS + ".gz"), CLASS_COUNT),
                IdxFile.toDataset(id + "/test", images(anchor, folder + TEST_IMAGES + ".gz"),
                        labels(anchor, folder + TEST_LABELS + ".gz"), CLASS_COUNT));
    }

    private static IdxFile.Images images(Class<?> anchor, String resource) {
        try (InputStream in = open(anchor, resource)) {
            return IdxFile.readImages(in, resource);
        } catch (IOException e) {
            throw new DatasetException("", resource + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static IdxFile.Labels labels(Class<?> anchor, String resource) {
        try (InputStream in = open(anchor, resource)) {
            return IdxFile.readLabels(in, resource);
        } catch (IOException e) {
            throw new DatasetException("", resource + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream open(Class<?> anchor, String resource) {
        InputStream in = anchor.getResourceAsStream(resource);
        if (in == null) {
            throw new DatasetException("", resource + ": not found beside " + anchor.getName()
                    + "; the installation is incomplete");
        }
        return in;
    }
}
