package org.optlab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a folder with everything in it: the one walk every place that removes a tree uses. */
public final class Trees {

    private Trees() {
    }

    /**
     * Deletes {@code path}, a file or a folder with everything in it (links are removed, not followed); nothing when
     * it is not there. Files that vanish meanwhile are not an error.
     */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes what it can of {@code path}: for temporary folders, which the system cleans in the end. */
    public static void deleteQuietly(Path path) {
        try {
            delete(path);
        } catch (IOException e) {
            // left to the system's cleaning of temporary folders
        }
    }
}
