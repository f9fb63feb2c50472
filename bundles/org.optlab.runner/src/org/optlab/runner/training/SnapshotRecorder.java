package org.optlab.runner.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.optlab.core.model.Model;
import org.optlab.runner.landscape.Npy;
import org.optlab.runner.landscape.Snapshots;

/**
 * Records one optimizer's parameters at the run's snapshot steps (its start, K spread over it, its end) as rows of
 * {@code snapshots/LABEL.npy}, beside the run's {@code snapshots/layout.json}. Closing it saves the rows recorded so
 * far: a run that stopped or diverged keeps the start of its path.
 */
final class SnapshotRecorder implements AutoCloseable {

    /** Records nothing (an experiment without {@code snapshots}). */
    private static final SnapshotRecorder NONE = new SnapshotRecorder(null, List.of(), null);

    private final Model model;
    private final List<Long> steps;
    private final Npy.RowWriter writer;
    private int next;
    private boolean closed;

    private SnapshotRecorder(Model model, List<Long> steps, Npy.RowWriter writer) {
        this.model = model;
        this.steps = steps;
        this.writer = writer;
    }

    /**
     * Starts recording {@code model} (initialized, not trained yet: its first row) for {@code k} snapshots over a run
     * of {@code total} steps; none when {@code k} is 0.
     */
    static SnapshotRecorder open(int k, long total, Model model, Path run, String label) throws IOException {
        if (k == 0) {
            return NONE;
        }
        List<Long> steps = Snapshots.steps(k, total);
        Path folder = Files.createDirectories(run.resolve(Snapshots.FOLDER));
        Snapshots.writeLayout(folder, Snapshots.layout(model.parameters(), steps));
        float[] start = Snapshots.flatten(model.parameters());
        SnapshotRecorder r = new SnapshotRecorder(model, steps, new Npy.RowWriter(folder.resolve(Snapshots.file(
                label)), start.length));
        r.writer.write(start);
        r.next = 1;
        return r;
    }

    /** After step {@code step} (1 for the first update): a row when it is a snapshot step. */
    void stepped(long step) throws IOException {
        if (writer != null && next < steps.size() && steps.get(next) == step) {
            writer.write(Snapshots.flatten(model.parameters()));
            next++;
        }
    }

    @Override
    public void close() {
        if (writer == null || closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
