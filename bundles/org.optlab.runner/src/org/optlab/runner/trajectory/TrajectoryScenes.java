package org.optlab.runner.trajectory;

import java.util.ArrayList;
import java.util.List;

import org.optlab.core.surface.Surface;
import org.optlab.optimizers.HyperParameter;
import org.optlab.plot.Colours;
import org.optlab.plot.Scene;
import org.optlab.plot.Track;
import org.optlab.runner.OptimizerEntry;

/** Trajectories as a {@link Scene} to draw: one colour and one legend entry per optimizer entry. */
public final class TrajectoryScenes {

    private TrajectoryScenes() {
    }

    /**
     * @param entries the experiment's optimizers, in order: entry i gets the i-th categorical colour and the legend
     *        entry "label  lr value" (the learning rate its trajectories actually used)
     */
    public static Scene of(String title, Surface surface, List<OptimizerEntry> entries, List<Trajectory> trajectories) {
        List<Track> tracks = new ArrayList<>();
        for (Trajectory t : trajectories) {
            int index = entries.indexOf(t.optimizer());
            tracks.add(new Track(legend(t), Colours.categorical(Math.max(0, index)), t.x(), t.y(), t.loss(),
                    t.length()));
        }
        return new Scene(title, surface, tracks);
    }

    /** "adam  lr 0.05", or the label alone for optimizers without a learning rate. */
    static String legend(Trajectory t) {
        double lr = t.lr().length > 0 ? t.lr()[0] : Double.NaN;
        return Double.isFinite(lr) ? t.optimizer().label() + "  lr " + HyperParameter.format(lr) : t.optimizer().label();
    }
}
