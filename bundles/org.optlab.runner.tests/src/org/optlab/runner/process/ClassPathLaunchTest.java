package org.optlab.runner.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain class path of a child without OSGi: folders packed, signed jars copied unsigned, the AOT cache named. */
class ClassPathLaunchTest {

    @TempDir
    Path dir;

    private static Path jar(Path file, String... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (String e : entries) {
                jar.putNextEntry(new JarEntry(e));
                jar.write(e.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = new ArrayList<>(Collections.list(zip.entries()).stream().map(e -> e.getName())
                    .toList());
            Collections.sort(names);
            return names;
        }
    }

    @Test
    void aFolderIsPackedWithoutTheEntriesNestedInItAndOnlyOnce() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.createDirectories(bundle.resolve("org/x"));
        Files.writeString(bundle.resolve("org/x/A.class"), "a");
        Files.createDirectories(bundle.resolve("lib"));
        Path nested = jar(bundle.resolve("lib/n.jar"), "n/N.class");
        Path jars = dir.resolve("jars");

        List<Path> plain = ClassPathLaunch.plain(List.of(bundle, nested), jars);
        assertEquals(2, plain.size());
        assertEquals(nested, plain.get(1), "an unsigned jar stays where it is");
        assertTrue(plain.get(0).startsWith(jars) && plain.get(0).toString().endsWith(".jar"), plain.toString());
        assertEquals(List.of("org/x/A.class"), entries(plain.get(0)), "the nested jar is its own entry");

        FileTime written = Files.getLastModifiedTime(plain.get(0));
        assertEquals(plain, ClassPathLaunch.plain(List.of(bundle, nested), jars), "the same folder, the same jar");
        assertEquals(written, Files.getLastModifiedTime(plain.get(0)), "not written again");

        Files.writeString(bundle.resolve("org/x/B.class"), "b"); // the folder changed: another jar
        Path again = ClassPathLaunch.plain(List.of(bundle, nested), jars).get(0);
        assertNotEquals(plain.get(0), again);
        assertEquals(List.of("org/x/A.class", "org/x/B.class"), entries(again));
    }

    @Test
    void aSignedJarIsCopiedWithoutItsSignature() throws IOException {
        Path signed = jar(dir.resolve("signed.jar"), "META-INF/MANIFEST.MF", "META-INF/ECLIPSE_.SF",
                "META-INF/ECLIPSE_.RSA", "META-INF/maven/pom.xml", "org/s/S.class");
        Path unsigned = jar(dir.resolve("unsigned.jar"), "META-INF/MANIFEST.MF", "org/u/U.class");
        Path jars = dir.resolve("jars");

        List<Path> plain = ClassPathLaunch.plain(List.of(signed, unsigned), jars);
        assertTrue(plain.get(0).startsWith(jars), plain.toString());
        assertEquals(List.of("META-INF/MANIFEST.MF", "META-INF/maven/pom.xml", "org/s/S.class"), entries(plain.get(
                0)));
        assertEquals(unsigned, plain.get(1));
        assertEquals(plain, ClassPathLaunch.plain(List.of(signed, unsigned), jars), "found again, not made again");
        try (var listed = Files.list(jars)) {
            assertEquals(2, listed.count(), "the copy and the mark of the unsigned jar");
        }
    }

    @Test
    void theCacheIsNamedAfterTheJvmItsOptionsAndEachJarsSizeAndTime() throws IOException {
        Path a = jar(dir.resolve("a.jar"), "a/A.class");
        List<String> options = List.of("-XX:TieredStopAtLevel=1");
        String name = ClassPathLaunch.cacheName(options, List.of(a), "/usr/bin/java");
        assertTrue(name.startsWith("worker-") && name.endsWith(Runtime.version().feature() >= 25 ? ".aot" : ".jsa"),
                name);
        assertEquals(name, ClassPathLaunch.cacheName(options, List.of(a), "/usr/bin/java"));
        if (Runtime.version().feature() >= 25) {
            assertNotEquals(name, ClassPathLaunch.cacheName(List.of(), List.of(a), "/usr/bin/java"), "options");
            assertNotEquals(name, ClassPathLaunch.cacheName(options, List.of(a), "/opt/java"), "another JVM");
            Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() - 60_000));
            assertNotEquals(name, ClassPathLaunch.cacheName(options, List.of(a), "/usr/bin/java"), "a jar's time");
        }
        // the user's own archive or log settings are left alone
        assertNull(ClassPathLaunch.cacheName(List.of("-Xlog:gc"), List.of(a), "/usr/bin/java"));
        assertNull(ClassPathLaunch.cacheName(List.of("-XX:AOTCache=/x.aot"), List.of(a), "/usr/bin/java"));
    }

    @Test
    void aMissingCacheIsWrittenAtTheEndAndAnExistingOneMapped() throws IOException {
        Path slot = Files.createDirectories(dir.resolve("0"));
        Files.writeString(slot.resolve("worker-0123456789abcdef.aot"), "an earlier build's");
        List<String> writing = ClassPathLaunch.withCache(List.of("-Da=b"), slot, "worker-fedcba9876543210.aot");
        assertEquals("-Da=b", writing.get(0));
        assertTrue(writing.contains("-XX:AOTCacheOutput=" + slot.resolve("worker-fedcba9876543210.aot")), writing
                .toString());
        assertTrue(writing.stream().anyMatch(a -> a.startsWith("-Xlog:all=warning") && a.endsWith(":stderr")),
                "the JVM's log goes to stderr, not to the worker's answers: " + writing);
        assertFalse(Files.exists(slot.resolve("worker-0123456789abcdef.aot")), "the old cache is removed");

        Files.writeString(slot.resolve("worker-fedcba9876543210.aot"), "written");
        List<String> mapping = ClassPathLaunch.withCache(List.of(), slot, "worker-fedcba9876543210.aot");
        assertTrue(mapping.contains("-XX:AOTCache=" + slot.resolve("worker-fedcba9876543210.aot")), mapping
                .toString());
        assertEquals(List.of("-Da=b"), ClassPathLaunch.withCache(List.of("-Da=b"), slot, null), "none: as given");

        // a child killed while writing it leaves the JVM's .config beside an empty cache: written again
        Files.writeString(slot.resolve("worker-fedcba9876543210.aot"), "");
        Files.writeString(slot.resolve("worker-fedcba9876543210.aot.config"), "half");
        List<String> again = ClassPathLaunch.withCache(List.of(), slot, "worker-fedcba9876543210.aot");
        assertTrue(again.contains("-XX:AOTCacheOutput=" + slot.resolve("worker-fedcba9876543210.aot")), again
                .toString());
        try (var left = Files.list(slot)) {
            assertEquals(List.of(), left.toList(), "nothing of the unfinished cache stays");
        }
    }

    @Test
    void aChildTellsWhichCacheItWritesAndAFailedOnesIsDiscarded() throws IOException {
        Path slot = Files.createDirectories(dir.resolve("1"));
        Path cache = slot.resolve("worker-fedcba9876543210.aot");
        List<String> writing = ClassPathLaunch.withCache(List.of("-Da=b"), slot, cache.getFileName().toString());
        assertEquals(cache, new ClassPathLaunch.Child(writing, null).cacheWritten());
        Files.writeString(cache, "few classes"); // what the JVM left when the child ended
        List<String> mapping = ClassPathLaunch.withCache(List.of(), slot, cache.getFileName().toString());
        assertNull(new ClassPathLaunch.Child(mapping, null).cacheWritten(), "a child that maps it writes none");
        Files.writeString(slot.resolve(cache.getFileName() + ".config"), "half"); // had it been killed writing it
        ClassPathLaunch.discardCache(cache);
        try (var left = Files.list(slot)) {
            assertEquals(List.of(), left.toList(), "the next child writes it again");
        }
        ClassPathLaunch.discardCache(cache); // nothing there: no error
    }

    @Test
    void anArgumentFileLineIsQuotedSoThatSpacesAndBackslashesSurvive() throws Exception {
        assertEquals("\"/a b/c.jar\"", ClassPathLaunch.quoted("/a b/c.jar"));
        assertEquals("\"x\\\\y \\\"z\\\"\"", ClassPathLaunch.quoted("x\\y \"z\""));
        // the JVM reads it back as it was: a child prints its arguments
        Path src = dir.resolve("Echo.java");
        Files.writeString(src, "public class Echo { public static void main(String[] a) { for (String s : a) "
                + "System.out.println(\"[\" + s + \"]\"); } }");
        Path file = dir.resolve("args");
        List<String> arguments = List.of("plain", "with space", "back\\slash", "\"quoted\"", "");
        List<String> lines = new ArrayList<>(List.of(ClassPathLaunch.quoted(src.toString()))); // as the main class
        arguments.forEach(a -> lines.add(ClassPathLaunch.quoted(a)));
        Files.write(file, lines);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + file)
                .redirectErrorStream(true).start();
        List<String> printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        assertEquals(0, p.waitFor(), printed.toString());
        assertEquals(arguments.stream().map(a -> "[" + a + "]").toList(), printed);
    }
}
