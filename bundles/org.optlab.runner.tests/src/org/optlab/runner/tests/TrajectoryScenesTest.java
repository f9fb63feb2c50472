package org.optlab.runner.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.surface.Surfaces;
import org.optlab.plot.Colours;
import org.optlab.plot.LabelColours;
import org.optlab.plot.Scene;
import org.optlab.plot.Track;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryScenes;

/** A race colours its optimizers by label: removing one leaves the others' colours as they were. */
class TrajectoryScenesTest {

    private static List<Trajectory> paths(List<OptimizerEntry> entries) {
        List<Trajectory> paths = new ArrayList<>();
        for (OptimizerEntry e : entries) {
            for (int start = 0; start < 2; start++) { // two starts: both tracks get the optimizer's colour
                paths.add(new Trajectory(e, start, new double[] { 1, 0 }, new double[] { 1, 0 }, new double[] { 2, 0 },
                        new double[] { 1, 0 }, new double[] { 0.1, 0.1 }, 2, false));
            }
        }
        return paths;
    }

    private static Map<String, Integer> colours(Scene scene) {
        Map<String, Integer> colours = new LinkedHashMap<>();
        for (Track t : scene.tracks()) {
            Integer before = colours.put(t.label(), t.rgb());
            assertEquals(before == null ? t.rgb() : before, t.rgb(), "one colour per optimizer");
        }
        return colours;
    }

    @Test
    void removingAnOptimizerKeepsTheOthersColours() {
        var surface = Surfaces.byId("rosenbrock").orElseThrow();
        OptimizerEntry sgd = new OptimizerEntry(null, "sgd", Map.of("lr", 0.1));
        OptimizerEntry momentum = new OptimizerEntry(null, "momentum", Map.of("lr", 0.1));
        OptimizerEntry adam = new OptimizerEntry(null, "adam", Map.of("lr", 0.1));
        LabelColours colours = new LabelColours();
        List<OptimizerEntry> three = List.of(sgd, momentum, adam);
        Map<String, Integer> before = colours(TrajectoryScenes.of("race", surface, three, paths(three), colours));
        assertEquals(List.of(Colours.categorical(0), Colours.categorical(1), Colours.categorical(2)),
                List.copyOf(before.values()));
        List<OptimizerEntry> two = List.of(momentum, adam);
        Map<String, Integer> after = colours(TrajectoryScenes.of("race", surface, two, paths(two), colours));
        assertEquals(before.get("momentum  lr 0.1"), after.get("momentum  lr 0.1"));
        assertEquals(before.get("adam  lr 0.1"), after.get("adam  lr 0.1"));
        // without a shared LabelColours (the command line), colours follow the entries' order
        assertEquals(Colours.categorical(0), colours(TrajectoryScenes.of("race", surface, two, paths(two)))
                .get("momentum  lr 0.1"));
    }
}
