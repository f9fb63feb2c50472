package org.optlab.runner.trajectory;

import java.util.ArrayList;
import java.util.List;

import org.optlab.core.surface.Surface;
import org.optlab.optimizers.HyperParameter;
import org.optlab.plot.LabelColours;
import org.optlab.plot.Scene;
import org.optlab.plot.Track;
import org.optlab.runner.OptimizerEntry;

/** Trajectories as a {@link Scene} to draw: one colour per optimizer label and one legend entry per optimizer entry. */
public final class TrajectoryScenes {

    private TrajectoryScenes() {
    }

    /**
     * @param entries the experiment's optimizers, in order: the labels get colours in this order (a fresh
     *        {@link LabelColours}) and each trajectory the legend entry "label  lr value" (the learning rate its
     *        trajectories actually used)
     */
    public static Scene of(String title, Surface surface, List<OptimizerEntry> entries, List<Trajectory> trajectories) {
        return of(title, surface, entries, trajectories, new LabelColours());
    }

    /**
     * As {@link #of(String, Surface, List, List)}, colouring each optimizer by its label with {@code colours}, which
     * is told that the entries' labels are the live ones: a label keeps its colour from one race to the next.
     */
    public static Scene of(String title, Surface surface, List<OptimizerEntry> entries, List<Trajectory> trajectories,
            LabelColours colours) {
        colours.retain(entries.stream().map(OptimizerEntry::label).toList());
        List<Track> tracks = new ArrayList<>();
        for (Trajectory t : trajectories) {
            tracks.add(new Track(legend(t), colours.rgb(t.optimizer().label()), t.x(), t.y(), t.loss(), t.length()));
        }
        return new Scene(title, surface, tracks);
    }

    /** "adam  lr 0.05", or the label alone for optimizers without a learning rate. */
    static String legend(Trajectory t) {
        double lr = t.lr().length > 0 ? t.lr()[0] : Double.NaN;
        return Double.isFinite(lr) ? t.optimizer().label() + "  lr " + HyperParameter.format(lr) : t.optimizer().label();
    }
}
