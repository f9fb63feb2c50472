package org.optlab.runner.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.runner.Trees;

/** Deleting trees: folders with what is in them, single files, missing paths, and links left unfollowed. */
class TreesTest {

    @TempDir
    Path dir;

    @Test
    void aFolderGoesWithEverythingInItAndALinkOutOfItIsNotFollowed() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "kept");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("deep.txt"), "x");
        Files.writeString(dir.resolve("tree/top.txt"), "y");
        Files.createSymbolicLink(dir.resolve("tree/a/link"), outside);
        Trees.delete(dir.resolve("tree"));
        assertFalse(Files.exists(dir.resolve("tree")));
        assertTrue(Files.isRegularFile(outside), "the link's target stays");
    }

    @Test
    void aFileGoesAndAMissingPathIsNothingToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        Trees.delete(file);
        assertFalse(Files.exists(file));
        Trees.delete(dir.resolve("never"));
        Trees.deleteQuietly(dir.resolve("never/either"));
        assertTrue(Files.isDirectory(dir), "its parent stays");
    }
}
