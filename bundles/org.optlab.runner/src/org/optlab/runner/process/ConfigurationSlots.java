package org.optlab.runner.process;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Configuration areas for child JVMs of this installation that outlive the children, so that the next child starts
 * warm: Equinox keeps its resolved bundles in the area, and a child that finds them starts about a second sooner than
 * one that resolves every bundle again (a sweep's workers start once per sweep, and with trials of 0.1 s that second
 * is most of the sweep's overhead).
 * <p>
 * Two frameworks must not start in one area at the same moment (Equinox's storage manager races: exit code 13,
 * "Error reading configuration"), so an area is a slot held by one child at a time: the parent holds the slot's lock
 * for as long as its child lives, and writes the child's pid beside it, so that a child orphaned by a parent that was
 * killed keeps its slot until it has ended. The slots of one source configuration (the installation's, or a test
 * framework's) sit in the system's temporary folder, in a folder of the user's own: {@code N/configuration}, held
 * with {@code N.lock}, its child's pid in {@code N.pid}.
 */
public final class ConfigurationSlots {

    /** More slots than this means something leaks them: fail rather than fill the disk. */
    static final int MAX_SLOTS = 256;

    private ConfigurationSlots() {
    }

    /** A slot taken: its configuration area, held until {@link #close}. */
    public static final class Slot implements AutoCloseable {
        private final Path directory;
        private final FileChannel channel;
        private final FileLock lock;
        private final AtomicBoolean closed = new AtomicBoolean();

        Slot(Path directory, FileChannel channel, FileLock lock) {
            this.directory = directory;
            this.channel = channel;
            this.lock = lock;
        }

        /** The configuration area to start the child in. */
        public Path directory() {
            return directory;
        }

        /** Records the child now holding the slot, so that it keeps it should this process die before it. */
        public void holder(ProcessHandle child) throws IOException {
            Files.writeString(pidFile(directory), Long.toString(child.pid()), StandardCharsets.US_ASCII);
        }

        /** Gives the slot back (once its child has ended); again, nothing. */
        @Override
        public void close() {
            if (closed.getAndSet(true)) {
                return;
            }
            try {
                Files.deleteIfExists(pidFile(directory));
            } catch (IOException e) {
                // a stale pid names a process that is gone (or is not a child in this area): the next taker ignores it
            }
            unlock();
        }

        /**
         * Leaves the slot to its {@link #holder}, which keeps it while it runs, with nothing to give back: for a child
         * that outlives this process (a lab's run goes on when the lab is closed).
         */
        public void handOver() {
            if (!closed.getAndSet(true)) {
                unlock();
            }
        }

        private void unlock() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock in any case
            }
        }
    }

    /**
     * Takes the first free slot for children of one {@code kind} started from {@code source}, the configuration area
     * they are copied from; empty when there is no folder of the user's own to keep slots in (the caller then uses a
     * throw-away area). Children of another kind (another bundle list) have slots of their own, so that neither finds
     * an area resolved for the other.
     */
    public static Optional<Slot> take(Path source, String kind) throws IOException {
        Optional<Path> base = base(source, kind);
        return base.isPresent() ? Optional.of(take(base.get(), source)) : Optional.empty();
    }

    /** Takes the first free slot in {@code base}. */
    static Slot take(Path base, Path source) throws IOException {
        for (int i = 0; i < MAX_SLOTS; i++) {
            // the area one level down: p2 writes its bundle pool's artifacts.xml beside a configuration area
            Path directory = base.resolve(Integer.toString(i)).resolve("configuration");
            FileChannel channel = FileChannel.open(base.resolve(i + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) { // this process holds it already
                lock = null;
            }
            if (lock == null || inUse(directory)) {
                if (lock != null) {
                    lock.release();
                }
                channel.close();
                continue;
            }
            Files.createDirectories(directory);
            return new Slot(directory, channel, lock);
        }
        throw new IOException("all " + MAX_SLOTS + " configuration areas in " + base + " are in use (children of "
                + source + ")");
    }

    /**
     * Whether the pid written beside {@code directory} is a process still running in its slot (an orphaned child),
     * which names a file of the slot in its command line.
     */
    private static boolean inUse(Path directory) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile(directory), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        String slot = directory.getParent().toString() + java.io.File.separator; // its area, archive or cache
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> p.info().arguments())
                .map(arguments -> List.of(arguments).stream().anyMatch(a -> a.contains(slot))).orElse(false);
    }

    private static Path pidFile(Path directory) {
        Path slot = directory.getParent();
        return slot.resolveSibling(slot.getFileName() + ".pid");
    }

    /**
     * {@code TMPDIR/optlab-configurations-USER/HASH}: HASH names the source area and the time its config.ini was
     * written, so that the product's children and a test framework's never share a slot, and an area kept from an
     * earlier build of the same folder (another product, a test runtime written again) is not taken for this one's:
     * Equinox would start from bundles it resolved for the other. The user's folder is created private and used only
     * if it is the user's (in a temporary folder that others write to, a folder of that name may be someone else's).
     */
    static Optional<Path> base(Path source) throws IOException {
        return base(source, "");
    }

    /** The folder of the slots of children of {@code kind} ("" for those with every bundle). */
    static Optional<Path> base(Path source, String kind) throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^\\w.-]", "_");
        Path mine = Path.of(System.getProperty("java.io.tmpdir"), "optlab-configurations-" + user);
        try {
            Files.createDirectories(mine, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
            if (!Files.getOwner(mine).getName().equals(System.getProperty("user.name")) || !Files.isWritable(mine)) {
                return Optional.empty();
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        Path ini = source.resolve("config.ini");
        long written = Files.isRegularFile(ini) ? Files.getLastModifiedTime(ini).toMillis() : 0;
        if (!SWEPT.getAndSet(true)) {
            // in the background (a lab starts its first run from the display thread), and a little later: the
            // children that asked for a slot are starting now, and on two cores the sweep would slow them
            Thread sweeper = new Thread(() -> {
                try {
                    Thread.sleep(SWEEP_DELAY_MILLIS);
                    removeStale(mine);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "optlab stale configuration areas");
            sweeper.setDaemon(true);
            sweeper.start();
        }
        Path folder = Files.createDirectories(mine.resolve(hash(source.toAbsolutePath().normalize() + "|" + written
                + (kind.isEmpty() ? "" : "|" + kind))));
        Path names = folder.resolve(SOURCE);
        if (!Files.isRegularFile(names)) {
            Files.writeString(names, ini.toAbsolutePath().normalize() + "\n" + written + "\n",
                    StandardCharsets.UTF_8);
        }
        return Optional.of(folder);
    }

    /** The file in a source's folder that names its config.ini and the time it was written. */
    static final String SOURCE = "source.txt";

    /** How long after its first slot a process removes the stale folders. */
    static final long SWEEP_DELAY_MILLIS = 2000;

    /** Whether this process has removed the stale folders already (once is enough). */
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    /**
     * Removes the folders in {@code mine} whose config.ini is gone or was written again since (another build, an
     * install): their areas would never be taken again, and with the workers' class-data archives they hold 70 MB
     * each. A folder with a slot in use (locked, or held by a running child) stays.
     */
    static void removeStale(Path mine) {
        try (Stream<Path> folders = Files.list(mine)) {
            for (Path folder : folders.toList()) {
                if (stale(folder.resolve(SOURCE))) {
                    removeUnlessInUse(folder);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // left for the next process to try
        }
    }

    private static boolean stale(Path names) {
        try {
            List<String> lines = Files.readAllLines(names, StandardCharsets.UTF_8);
            Path ini = Path.of(lines.get(0));
            long written = Files.isRegularFile(ini) ? Files.getLastModifiedTime(ini).toMillis() : 0;
            return written == 0 || written != Long.parseLong(lines.get(1).strip());
        } catch (IOException | RuntimeException e) {
            return false; // no name (a folder from before they had one): not known to be stale
        }
    }

    private static void removeUnlessInUse(Path folder) throws IOException {
        List<FileChannel> held = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path lockFile : files.filter(f -> f.getFileName().toString().endsWith(".lock")).toList()) {
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                held.add(channel);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                String slot = lockFile.getFileName().toString().replace(".lock", "");
                if (lock == null || inUse(folder.resolve(slot).resolve("configuration"))) {
                    return; // in use
                }
            }
            // its name last: a removal cut short leaves a folder still known to be stale, for the next process
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(SOURCE)).toList()) {
                    org.optlab.runner.Trees.delete(entry);
                }
            }
            org.optlab.runner.Trees.delete(folder);
        } finally {
            for (FileChannel channel : held) {
                channel.close();
            }
        }
    }

    /**
     * A short name for {@code text}: its CRC-32C and CRC-32, in hex. It names folders and files of our own, where a
     * collision is as unlikely as 1 in 2^64 and harms nothing outside them; SHA-256 cost a sweep's first worker 20 ms
     * of its start in a cold JVM.
     */
    static String hash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(bytes);
        java.util.zip.CRC32 d = new java.util.zip.CRC32();
        d.update(bytes);
        return HexFormat.of().toHexDigits((int) c.getValue()) + HexFormat.of().toHexDigits((int) d.getValue());
    }
}
