package org.optlab.runner.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.optlab.runner.experiment.ResultFiles;
import org.optlab.runner.process.ChildRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The lab's training runs, one directory each under {@code root} ({@code runs/<id>/}: {@code experiment.json},
 * the append-only {@code metrics.csv}, {@code summary.json} when it ends, {@code log.txt}). Each run executes in a
 * child JVM ({@link ChildRun}); at most {@link #maxConcurrent()} run at once and the rest wait in order. Runs found
 * on disk from an earlier session are listed too, with the status their files show. Thread-safe; listeners are
 * called on the thread where a change happens.
 */
public final class RunStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;
    private final Map<String, StoredRun> runs = new LinkedHashMap<>();
    private final Deque<StoredRun> waiting = new ArrayDeque<>();
    private final List<Consumer<StoredRun>> listeners = new CopyOnWriteArrayList<>();
    private int maxConcurrent;
    private volatile Path dataDirectory;

    public RunStore(Path root, int maxConcurrent) throws IOException {
        this.root = Files.createDirectories(root);
        this.maxConcurrent = Math.max(1, maxConcurrent);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (Files.exists(dir.resolve("experiment.json"))) {
                    StoredRun run = new StoredRun(dir.getFileName().toString(), dir, JSON.readTree(
                            dir.resolve("experiment.json").toFile()), this::changed, this::dataDirectory);
                    run.recover();
                    runs.put(run.id(), run);
                }
            }
        }
        runs.values().forEach(StoredRun::reattach); // children an earlier lab left running
    }

    public Path root() {
        return root;
    }

    public synchronized int maxConcurrent() {
        return maxConcurrent;
    }

    /** Changes the limit; waiting runs start if it grew. */
    public void setMaxConcurrent(int limit) {
        synchronized (this) {
            maxConcurrent = Math.max(1, limit);
        }
        startWaiting();
    }

    /** Where full datasets live (Preferences), passed to runs that start from now on; null for none. */
    public void setDataDirectory(Path directory) {
        dataDirectory = directory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Called with a run whenever it is added, changes status, reports progress or is deleted. */
    public void addListener(Consumer<StoredRun> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<StoredRun> listener) {
        listeners.remove(listener);
    }

    /** Every run, oldest first. */
    public synchronized List<StoredRun> runs() {
        return new ArrayList<>(runs.values());
    }

    /**
     * Stores the experiment in a new run directory and starts it, or queues it when {@link #maxConcurrent()} runs
     * are running.
     */
    public StoredRun submit(JsonNode experiment) throws IOException {
        String name = experiment.path("name").asText("experiment").replaceAll("[^A-Za-z0-9._-]", "_");
        StoredRun run;
        synchronized (this) {
            String base = LocalDateTime.now().format(ID_TIME) + "-" + name;
            String id = base;
            for (int n = 2; runs.containsKey(id) || Files.exists(root.resolve(id)); n++) {
                id = base + "-" + n;
            }
            Path dir = Files.createDirectories(root.resolve(id));
            ObjectNode copy = experiment.deepCopy();
            ResultFiles.writeJson(dir.resolve("experiment.json"), copy);
            run = new StoredRun(id, dir, copy, this::changed, this::dataDirectory);
            runs.put(id, run);
            waiting.add(run);
        }
        changed(run);
        startWaiting();
        return run;
    }

    /** Stops a running run (its files keep what it reported) or takes a waiting one out of the queue. */
    public void stop(StoredRun run) {
        synchronized (this) {
            if (waiting.remove(run)) {
                run.markStopped();
            }
        }
        run.stop();
    }

    /** Stops the run if needed and deletes its directory. */
    public void delete(StoredRun run) throws IOException {
        stop(run);
        run.awaitEnd();
        synchronized (this) {
            runs.remove(run.id());
        }
        org.optlab.runner.Trees.delete(run.directory());
        run.markDeleted();
        changed(run);
    }

    private void changed(StoredRun run) {
        if (run.status().isDone()) {
            startWaiting();
        }
        for (Consumer<StoredRun> listener : listeners) {
            listener.accept(run);
        }
    }

    private void startWaiting() {
        List<StoredRun> starting = new ArrayList<>();
        synchronized (this) {
            long running = runs.values().stream().filter(r -> r.status() == StoredRun.Status.RUNNING).count();
            while (running < maxConcurrent && !waiting.isEmpty()) {
                StoredRun next = waiting.poll();
                next.markStarting();
                starting.add(next);
                running++;
            }
        }
        for (StoredRun run : starting) {
            run.launch();
        }
    }
}
