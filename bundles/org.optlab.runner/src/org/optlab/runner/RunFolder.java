package org.optlab.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A run's output folder, held by one writer at a time. Opening it takes an exclusive lock on {@value #LOCK} (released
 * when the folder is closed or the process ends, however it ends) and refuses a folder that already holds the results
 * of a run, unless asked to clear them first. Every run, from the command line, the lab or a sweep, opens its folder
 * this way, so two runs never mix their rows and a new run never sits beside an old run's summary.
 */
public final class RunFolder implements AutoCloseable {

    /** The lock file; it stays in the folder (removing it would let a second writer lock a new file). */
    public static final String LOCK = ".optlab.lock";
    /** The files and folders a run writes: what {@code --force} clears and what makes a folder "used". */
    public static final List<String> RESULTS = List.of("summary.json", "metrics.csv", "trajectories.csv", "snapshots");

    /** The folder cannot be used: in use by another run, or holding results; the message says which and what to do. */
    public static final class UnavailableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }
    }

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolder(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed and takes it for one run.
     *
     * @param replace clear the results of an earlier run first (the command line's {@code --force}); without it a
     *        folder holding results is refused
     * @param holder what holds the folder, for the message a second writer gets (e.g. "optlab run a.json")
     * @throws UnavailableException when another run holds the folder, or it holds results and {@code replace} is false
     * @throws IOException when the folder cannot be created or written
     */
    public static RunFolder open(Path directory, boolean replace, String holder) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UnavailableException(directory + " is a file, not a folder");
        }
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this same process
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String other = holderOf(channel);
            channel.close();
            throw new UnavailableException(directory + " is in use by another run" + (other.isEmpty() ? "" : " (" + other
                    + ")") + "; wait for it to end, or choose another folder");
        }
        RunFolder folder = new RunFolder(directory, channel, lock);
        try {
            String line = holder + ", pid " + ProcessHandle.current().pid() + ", since "
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
            List<String> old = results(directory);
            if (!old.isEmpty() && !replace) {
                throw new UnavailableException(directory + " already holds the results of a run (" + String.join(", ",
                        old) + "); add --force to replace them, or choose another folder");
            }
            for (String name : old) {
                Trees.delete(directory.resolve(name));
            }
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
        return folder;
    }

    /**
     * Takes {@code directory}'s lock file (created with the folder if need be) for this process, and nothing more: for
     * commands that drive a folder one at a time without being a run's ({@code optlab sweep}, {@code optlab
     * landscape}). Returns the channel that holds it (closing it lets go; so does the process ending), or null when
     * another process, or another holder in this one, has it.
     */
    public static FileChannel hold(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                channel.close();
                return null;
            }
        } catch (OverlappingFileLockException e) {
            channel.close();
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** The result files and folders of an earlier run in {@code directory}, and files a failed write left behind. */
    public static List<String> results(Path directory) throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : RESULTS) {
            if (Files.exists(directory.resolve(name))) {
                found.add(name);
            }
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).sorted().forEach(found::add);
        }
        // Files the run wrote beside the usual ones (a GIF asked for inside the folder), as its summary lists them.
        Path base = directory.toAbsolutePath().normalize();
        try {
            for (JsonNode file : new ObjectMapper().readTree(directory.resolve("summary.json").toFile()).path("files")) {
                Path written = base.resolve(file.asText()).normalize();
                String name = base.relativize(written).toString();
                if (written.startsWith(base) && !found.contains(name) && Files.isRegularFile(written)) {
                    found.add(name);
                }
            }
        } catch (IOException e) {
            // no summary, or not one that can be read: nothing more to find
        }
        return found;
    }

    private static String holderOf(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(1024);
            channel.read(bytes, 0);
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    public Path directory() {
        return directory;
    }

    /** Lets the folder go (another run may take it; its results stay). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
