package org.optlab.runner.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipFile;
import java.util.stream.Stream;

/**
 * A child JVM of this installation that runs a class's {@code main} on a plain class path, without OSGi: for children
 * whose start is most of their work, such as a sweep's workers whose trials take 30 ms each.
 * <p>
 * Why: an OSGi child spends about half of its start in Equinox (the framework, its start levels, class loading
 * through bundle files), and its class-data archive helps little, since the JVM must still read every class of a
 * bundle from its jar and skips the platform's signed jars. On a plain class path, JDK 25's AOT cache (JEP 483, 514)
 * holds every class the child loaded, parsed and linked. A softmax sweep worker then starts in about 0.5 s of CPU
 * instead of 1.2 s (docs/benchmarks.md).
 * <p>
 * Only for code that needs no OSGi service, bundle activator or extension registry: the caller names the classes it
 * will create (the contributions it would have read from the registry), and their bundles with everything they are
 * wired to make the class path ({@link ChildBundles#classPath}). The AOT cache is kept in a slot of its own
 * ({@link ConfigurationSlots}, kind {@value #KIND}), one child at a time: the first child writes it when it ends,
 * the next ones map it. Its name hashes the JVM, its options and every jar's size and time, so that another build
 * gets a cache of its own. Folders on the class path are packed into jars beside the slots first, as the JVM
 * caches classes from jars only, and signed jars copied without their signatures ({@link #plain}).
 */
public final class ClassPathLaunch {

    /** The kind of the slots of these children. */
    public static final String KIND = "class-path";

    private final ChildRun.SelfLaunch self;
    private final Class<?> main;
    private final List<Path> classPath;
    /** The folder of this installation's slots of this kind ({@link ConfigurationSlots#base}). */
    private final Path slots;
    /** The AOT cache's file name in a slot, null for none (a JVM given cache or log options of its own). */
    private final String cache;

    private ClassPathLaunch(ChildRun.SelfLaunch self, Class<?> main, List<Path> classPath, Path slots, String cache) {
        this.self = self;
        this.main = main;
        this.classPath = classPath;
        this.slots = slots;
        this.cache = cache;
    }

    /** A child's command and the slot it holds (hand it to the child: {@link ConfigurationSlots.Slot#holder}). */
    public record Child(List<String> command, ConfigurationSlots.Slot slot) {

        /** The AOT cache this child writes when it ends; null where it maps one or has none. */
        public Path cacheWritten() {
            return command.stream().filter(a -> a.startsWith(CACHE_OUTPUT)).map(a -> Path.of(a.substring(
                    CACHE_OUTPUT.length()))).findFirst().orElse(null);
        }
    }

    private static final String CACHE_OUTPUT = "-XX:AOTCacheOutput=";

    /**
     * Removes the AOT cache a child wrote ({@link Child#cacheWritten}) and what is left of its writing, so that the
     * next child of the slot writes it again: for a child that failed, whose cache holds only the classes it got to.
     */
    public static void discardCache(Path cache) throws IOException {
        Files.deleteIfExists(cache);
        Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + ".config"));
    }

    /**
     * A launch of {@code self}'s JVM with its options that runs {@code main} on the class path of it and of
     * {@code classes}, prepared once for any number of children; empty where that class path cannot be made (outside
     * OSGi, a class from no bundle, a jar in a jar) or there is no folder of the user's own to keep its jars and
     * caches in: the caller then starts an OSGi child.
     */
    public static Optional<ClassPathLaunch> of(ChildRun.SelfLaunch self, Class<?> main, Collection<Class<?>> classes)
            throws IOException {
        List<Class<?>> roots = new ArrayList<>(classes);
        roots.add(main);
        Optional<List<Path>> path = ChildBundles.classPath(roots, self.developmentClassPath());
        Optional<Path> base = path.isPresent() ? ConfigurationSlots.base(self.configuration(), KIND)
                : Optional.empty();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        List<Path> plain = plain(path.get(), base.get().resolve("classes"));
        String name = cacheName(self.jvmArguments(), plain, self.java());
        return Optional.of(new ClassPathLaunch(self, main, plain, base.get(), name));
    }

    /** The class path, folders and signed jars replaced by their plain jars ({@link #plain}). */
    public List<Path> classPath() {
        return classPath;
    }

    /**
     * Takes a slot for a child that runs the main class with {@code arguments}: its command. The class path, the main
     * class and its arguments go to {@code argumentsFile} (the JVM's {@code @file}), which the command names: the JDK
     * reads no more than 4,096 bytes of another process's command line ({@link ProcessHandle.Info#arguments} is
     * empty beyond), and a slot is known to be in use by its child's command line ({@link ConfigurationSlots}).
     */
    public Child child(List<String> arguments, Path argumentsFile) throws IOException {
        // the folder found when this launch was prepared: finding it again cost each worker's start a few ms
        ConfigurationSlots.Slot slot = ConfigurationSlots.take(Files.createDirectories(slots), self.configuration());
        try {
            List<String> file = new ArrayList<>(List.of("-cp", String.join(File.pathSeparator, classPath.stream()
                    .map(Path::toString).toList()), main.getName()));
            file.addAll(arguments);
            Files.write(argumentsFile, file.stream().map(ClassPathLaunch::quoted).toList());
            List<String> command = new ArrayList<>();
            command.add(self.java());
            command.addAll(withCache(self.jvmArguments(), slot.directory().getParent(), cache));
            command.add("@" + argumentsFile);
            return new Child(command, slot);
        } catch (IOException | RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    /** An argument as a line of a JVM {@code @file}: in double quotes, where a backslash escapes. */
    static String quoted(String argument) {
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * The name of the AOT cache of children with these JVM options and class path (JDK 25+; JDK 19-24 get a dynamic
     * class-data archive): a hash of the JVM, its options and every jar's size and time, so that another build or
     * other options get a cache of their own. Null where the JVM was given an archive, a cache or log settings of its
     * own: those are left alone.
     */
    static String cacheName(List<String> arguments, List<Path> classPath, String java) throws IOException {
        boolean own = arguments.stream().anyMatch(a -> a.startsWith("-Xshare") || a.startsWith("-Xlog")
                || a.contains("SharedArchiveFile") || a.contains("AOTCache") || a.contains("AOTMode")
                || a.contains("ArchiveClassesAtExit") || a.contains("AutoCreateSharedArchive"));
        if (own) {
            return null;
        }
        if (Runtime.version().feature() < 25) {
            return "worker.jsa";
        }
        StringBuilder identity = new StringBuilder(java).append('\n').append(Runtime.version()).append('\n');
        arguments.forEach(a -> identity.append(a).append('\n'));
        for (Path p : classPath) {
            identity.append(p).append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p)
                    .toMillis()).append('\n');
        }
        return "worker-" + ConfigurationSlots.hash(identity.toString()) + ".aot";
    }

    /**
     * {@code arguments} with the cache {@code name} of slot folder {@code slot}: mapped where it exists whole, else
     * written when the child ends (the slot's other caches, and what is left of an unfinished one, removed). The
     * JVM's log goes to stderr, stdout being the child's output, and the cache's own messages (classes it skips) are
     * off.
     */
    static List<String> withCache(List<String> arguments, Path slot, String name) throws IOException {
        if (name == null) {
            return arguments;
        }
        Path cache = slot.resolve(name);
        if (name.endsWith(".jsa")) {
            return ChildRun.SelfLaunch.classDataArchive(arguments, cache);
        }
        List<String> with = new ArrayList<>(arguments);
        with.addAll(List.of("-Xlog:disable", "-Xlog:all=warning,aot=off,cds=off:stderr"));
        // the JVM removes its .config file once the cache is whole: one left means a child killed while writing it
        // (an empty cache then), which the JVM would map in silence, and skip, at every start
        Path unfinished = slot.resolve(name + ".config");
        if (Files.isRegularFile(cache) && !Files.exists(unfinished) && Files.size(cache) > 0) {
            with.add("-XX:AOTCache=" + cache);
        } else {
            try (Stream<Path> old = Files.list(slot)) { // of an earlier build or other options
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("worker-")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            with.add(CACHE_OUTPUT + cache);
        }
        return with;
    }

    /**
     * {@code classPath} as the AOT cache can hold it, made once in {@code jars}: each folder replaced by a jar of it
     * (what lies under another entry of the class path, such as a folder bundle's nested jars, left out), each signed
     * jar by a copy without its signature. The JVM checks a signature when it first loads a class of the jar (RSA,
     * 40 ms of a worker's start) and the cache skips the classes of signed jars; Equinox does not check them either,
     * unless told to. A copy's name hashes its source's path, size and time; a jar found unsigned is marked so.
     */
    static List<Path> plain(List<Path> classPath, Path jars) throws IOException {
        List<Path> plain = new ArrayList<>();
        for (Path entry : classPath) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                plain.add(entry);
                continue;
            }
            plain.add(attributes.isDirectory() ? packed(entry, classPath, jars) : unsigned(entry, attributes, jars));
        }
        return plain;
    }

    private static Path packed(Path folder, List<Path> classPath, Path jars) throws IOException {
        Set<Path> others = new HashSet<>(classPath);
        others.remove(folder);
        SortedMap<Path, Long> files = new TreeMap<>(); // and their times
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir,
                    BasicFileAttributes attributes) {
                return others.contains(dir) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file,
                    BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !others.contains(file)) {
                    files.put(file, attributes.lastModifiedTime().toMillis());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        StringBuilder identity = new StringBuilder(folder.toString());
        files.forEach((f, time) -> identity.append('\n').append(folder.relativize(f)).append(' ').append(time));
        Path jar = jars.resolve(folder.getFileName() + "-" + ConfigurationSlots.hash(identity.toString()) + ".jar");
        if (!Files.isRegularFile(jar)) {
            write(jar, out -> {
                for (Path f : files.keySet()) {
                    out.putNextEntry(new JarEntry(folder.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            });
        }
        return jar;
    }

    private static Path unsigned(Path jar, BasicFileAttributes attributes, Path jars) throws IOException {
        String key = ConfigurationSlots.hash(jar + " " + attributes.size() + " " + attributes.lastModifiedTime()
                .toMillis());
        String name = jar.getFileName().toString();
        Path copy = jars.resolve(name.substring(0, name.length() - (name.endsWith(".jar") ? 4 : 0)) + "-" + key
                + ".jar");
        Path unsignedMark = jars.resolve(key + ".unsigned");
        if (Files.exists(unsignedMark)) { // most jars: asked first
            return jar;
        }
        if (Files.exists(copy)) {
            return copy;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().noneMatch(e -> signature(e.getName()))) {
                Files.createDirectories(jars);
                Files.write(unsignedMark, new byte[0]);
                return jar;
            }
            write(copy, out -> {
                for (var e : Collections.list(zip.entries())) {
                    if (!signature(e.getName())) {
                        out.putNextEntry(new JarEntry(e.getName()));
                        try (var in = zip.getInputStream(e)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            });
            return copy;
        }
    }

    /** Whether a jar entry is part of a signature: META-INF/*.SF and its block (.RSA, .DSA, .EC). */
    private static boolean signature(String entry) {
        String upper = entry.toUpperCase(Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', 9) < 0 && (upper.endsWith(".SF")
                || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }

    private interface JarWriter {
        void write(JarOutputStream out) throws IOException;
    }

    /** Writes {@code jar} through a partial file, so that no one sees half of it; one written already stays. */
    private static void write(Path jar, JarWriter content) throws IOException {
        Files.createDirectories(jar.getParent());
        Path partial = Files.createTempFile(jar.getParent(), "writing", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jarOut = new JarOutputStream(
                    out)) {
                content.write(jarOut);
            }
            Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // written at the same moment by another
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
