package org.optlab.runner.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;
import org.optlab.runner.trajectory.TrajectoryEngine.Noise;

/** Trajectories against closed forms, known minima, divergence and seeded noise. */
class TrajectoryEngineTest {

    private static final OptimizerRegistry REGISTRY = OptimizerRegistry.fromExtensions();

    private static List<Trajectory> run(Surface surface, List<double[]> starts, int steps, Noise noise,
            OptimizerEntry... optimizers) {
        return TrajectoryEngine.run(surface, starts, steps, noise, List.of(optimizers), REGISTRY, null);
    }

    private static OptimizerEntry gd(double lr) {
        return OptimizerEntry.of("sgd", Map.of("lr", lr));
    }

    @Test
    void gradientDescentOnTheParabolaFollowsTheClosedForm() {
        // f = x^2, g = 2x: x_t = (1 - 2 lr)^t x_0
        Trajectory t = run(Surfaces.byId("parabola").orElseThrow(), List.of(new double[] { -8 }), 200, Noise.NONE,
                gd(0.01)).get(0);
        assertEquals(201, t.length());
        for (int step = 0; step <= 200; step++) {
            double expected = Math.pow(1 - 2 * 0.01, step) * -8;
            assertEquals(expected, t.x()[step], 1e-12 * Math.abs(expected) + 1e-300, "step " + step);
            assertEquals(expected * expected, t.loss()[step], 1e-11 * expected * expected);
        }
    }

    @Test
    void gradientDescentOnTheSaddleEscapesAlongY() {
        // f = x^2 - y^2: x_t = (1 - 2 lr)^t x_0, y_t = (1 + 2 lr)^t y_0
        Trajectory t = run(Surfaces.byId("saddle").orElseThrow(), List.of(new double[] { -3, -0.1 }), 180,
                Noise.NONE, gd(0.01)).get(0);
        for (int step = 0; step <= 180; step++) {
            assertEquals(Math.pow(0.98, step) * -3, t.x()[step], 1e-12 * 3);
            assertEquals(Math.pow(1.02, step) * -0.1, t.y()[step], 1e-12 * Math.abs(t.y()[step]));
        }
    }

    @Test
    void gradientDescentOnAFormulaSurfaceFollowsTheClosedForm() {
        // f = (x/4)^2 + (y/2)^2 = x^2 / 16 + y^2 / 4: x_t = (1 - 2 lr / 16)^t, y_t = (1 - 2 lr / 4)^t from (1, 1)
        Trajectory t = run(Surfaces.formula("(x/4)^2 + (y/2)^2"), List.of(new double[] { 1, 1 }), 1000, Noise.NONE,
                gd(0.01)).get(0);
        for (int step = 0; step <= 1000; step += 50) {
            assertEquals(Math.pow(1 - 0.02 / 16, step), t.x()[step], 1e-12);
            assertEquals(Math.pow(1 - 0.02 / 4, step), t.y()[step], 1e-12);
        }
    }

    @Test
    void adamReachesRosenbrocksMinimum() {
        Trajectory t = run(Surfaces.byId("rosenbrock").orElseThrow(), List.of(new double[] { -1.2, 1 }), 5000,
                Noise.NONE, OptimizerEntry.of("adam", Map.of("lr", 0.02))).get(0);
        double[] end = t.last();
        assertEquals(1, end[0], 1e-3, "x");
        assertEquals(1, end[1], 2e-3, "y");
    }

    @Test
    void himmelblausFourMinimaFromFourStarts() {
        Surface himmelblau = Surfaces.byId("himmelblau").orElseThrow();
        List<Trajectory> runs = run(himmelblau, himmelblau.starts(), 2000, Noise.NONE, gd(0.01));
        Set<Integer> reached = new HashSet<>();
        for (Trajectory t : runs) {
            for (int m = 0; m < himmelblau.minima().size(); m++) {
                double[] minimum = himmelblau.minima().get(m);
                if (Math.hypot(t.last()[0] - minimum[0], t.last()[1] - minimum[1]) < 1e-6) {
                    reached.add(m);
                }
            }
        }
        assertEquals(Set.of(0, 1, 2, 3), reached);
    }

    @Test
    void aDivergingTrajectoryStopsAndIsFlagged() {
        // lr 1.5 on x^2: x <- (1 - 3) x = -2x, past 1e6 * 20 after 25 steps
        List<Trajectory> runs = run(Surfaces.byId("parabola").orElseThrow(), List.of(new double[] { -8 }), 100,
                Noise.NONE, gd(1.5), gd(0.1));
        Trajectory diverged = runs.get(0);
        assertTrue(diverged.diverged());
        assertEquals(23, diverged.length());
        assertFalse(runs.get(1).diverged(), "the other run goes on");
        assertEquals(101, runs.get(1).length());
    }

    @Test
    void noiseIsSeeded() {
        Surface bowl = Surfaces.byId("quadratic").orElseThrow();
        List<double[]> starts = List.of(new double[] { 3, 3 });
        double[] a = run(bowl, starts, 50, new Noise(0.5, 7), gd(0.05)).get(0).x();
        double[] b = run(bowl, starts, 50, new Noise(0.5, 7), gd(0.05)).get(0).x();
        double[] c = run(bowl, starts, 50, new Noise(0.5, 8), gd(0.05)).get(0).x();
        assertArrayEquals(a, b, 0);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void recordsTheScheduledLearningRateAndTheGradientNorm() {
        Trajectory t = run(Surfaces.byId("quadratic").orElseThrow(), List.of(new double[] { 3, 4 }), 3, Noise.NONE,
                gd(0.1)).get(0);
        assertEquals(0.1, t.lr()[0]);
        assertEquals(10, t.gradientNorm()[0], 1e-15); // |(6, 8)|
    }

    @Test
    void aStartOfTheWrongDimensionIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> run(Surfaces.byId("rosenbrock").orElseThrow(),
                List.of(new double[] { 1 }), 10, Noise.NONE, gd(0.1)));
        assertEquals("starts[0] has 1 coordinates; rosenbrock needs 2", e.getMessage());
    }

    private static com.fasterxml.jackson.databind.JsonNode race(String text) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    }

    @Test
    void tunerFindsTheOneStepLearningRateOfGradientDescentOnTheBowl() throws Exception {
        // f = x^2 + y^2: GD gives x_1 = (1 - 2 lr) x_0, at the minimum after one step exactly when lr = 0.5; the fine
        // grid around the coarse best 10^-0.5 has 10^-0.3 = 0.501
        var choice = org.optlab.runner.sweep.LearningRateTuner.tune(race("""
                {"surface": {"id": "quadratic"}, "starts": [[3, -2]], "steps": 5,
                 "optimizers": [{"id": "sgd", "lr": 0.1}]}"""), 0, REGISTRY, null).orElseThrow();
        assertEquals(0.5, choice.lr(), 0.01);
        assertEquals(0, choice.score(), 1e-3);
    }

    @Test
    void tunedAdamBeatsItsDefaultOnRosenbrock() throws Exception {
        Surface rosenbrock = Surfaces.byId("rosenbrock").orElseThrow();
        List<double[]> starts = List.of(new double[] { -1.2, 1 });
        OptimizerEntry adam = OptimizerEntry.of("adam", Map.of());
        var choice = org.optlab.runner.sweep.LearningRateTuner.tune(race("""
                {"surface": {"id": "rosenbrock"}, "starts": [[-1.2, 1]], "steps": 300, "noise": {"sigma": 0.1},
                 "optimizers": [{"id": "sgd"}, {"id": "adam", "beta1": 0.9}]}"""), 1, REGISTRY, null).orElseThrow();
        Trajectory byDefault = run(rosenbrock, starts, 300, Noise.NONE, adam).get(0);
        double defaultDistance = Math.hypot(byDefault.last()[0] - 1, byDefault.last()[1] - 1);
        assertTrue(choice.score() < defaultDistance / 2, choice + " against the default's " + defaultDistance);
        // the score is the tuned rate's own race, without the noise
        Trajectory tuned = run(rosenbrock, starts, 300, Noise.NONE, OptimizerEntry.of("adam", Map.of("lr",
                choice.lr(), "beta1", 0.9))).get(0);
        assertEquals(Math.hypot(tuned.last()[0] - 1, tuned.last()[1] - 1), choice.score(), 1e-12);
        assertTrue(org.optlab.runner.sweep.LearningRateTuner.tune(race("""
                {"surface": {"id": "rosenbrock"}, "starts": [[-1.2, 1]], "steps": 10,
                 "optimizers": [{"id": "lookahead"}]}"""), 0, REGISTRY, null).isEmpty(),
                "lookahead has no lr of its own");
    }

    /**
     * The engine steps an optimizer's starts together as one vector where the rule is elementwise; each trajectory
     * must still be, bit for bit, what one optimizer stepping that start alone gives: checked against such a loop
     * written here, with gradient noise, a rule with reductions (lamb), a wrapper (lookahead), a schedule-free and a
     * diverging setting.
     */
    @Test
    void aRaceGivesEachStartExactlyWhatItsOwnOptimizerGives() {
        Surface rosenbrock = Surfaces.byId("rosenbrock").orElseThrow();
        List<double[]> starts = List.of(new double[] { -1.5, 2.5 }, new double[] { 1.5, 1.5 }, new double[] { -1, 1 },
                new double[] { 0.5, -0.5 }, new double[] { -1.9, 2.9 });
        List<OptimizerEntry> entries = List.of(OptimizerEntry.of("adam", Map.of("lr", 0.05)),
                OptimizerEntry.of("lamb", Map.of()), OptimizerEntry.of("rprop", Map.of()),
                OptimizerEntry.of("lookahead", Map.of()), OptimizerEntry.of("nadam", Map.of()),
                OptimizerEntry.of("momentum", Map.of("lr", 2e-3)), gd(4e-3));
        Noise noise = new Noise(0.5, 7);
        int steps = 300;
        List<Trajectory> race = TrajectoryEngine.run(rosenbrock, starts, steps, noise, entries, REGISTRY, null);
        assertEquals(entries.size() * starts.size(), race.size());
        double limit = TrajectoryEngine.DIVERGENCE_FACTOR * Math.max(1, rosenbrock.domain().size());
        int diverged = 0;
        for (int e = 0; e < entries.size(); e++) {
            for (int s = 0; s < starts.size(); s++) {
                int index = e * starts.size() + s;
                Trajectory got = race.get(index);
                assertEquals(s, got.start());
                assertEquals(entries.get(e).label(), got.optimizer().label());
                // one optimizer, one start: the engine's loop as it was before runs were batched
                org.optlab.optimizers.Optimizer optimizer = REGISTRY.create(entries.get(e).id(),
                        entries.get(e).hyperParameters());
                org.optlab.core.VectorParameter w = org.optlab.core.VectorParameter.of("w", starts.get(s));
                org.optlab.optimizers.ParamGroup group = optimizer.addParamGroup(List.of(w));
                int lrIndex = group.indexOf("lr");
                java.util.Random random = new java.util.Random(noise.seed() * 1_000_003L + index);
                double[] g = new double[2];
                int length = 0;
                boolean gone = false;
                for (int t = 0; t <= steps; t++) {
                    double[] p = w.value();
                    double f = rosenbrock.valueAndGradient(p, g);
                    String at = got.optimizer().label() + " from start " + s + ", step " + t;
                    assertEquals(p[0], got.x()[t], 0, at);
                    assertEquals(p[1], got.y()[t], 0, at);
                    assertEquals(f, got.loss()[t], 0, at);
                    assertEquals(Math.sqrt(g[0] * g[0] + g[1] * g[1]), got.gradientNorm()[t], 0, at);
                    assertEquals(lrIndex >= 0 ? group.value(lrIndex, optimizer.steps()) : Double.NaN, got.lr()[t], 0,
                            at);
                    length = t + 1;
                    if (!(Double.isFinite(f) && Double.isFinite(p[0]) && Double.isFinite(p[1])
                            && Math.abs(p[0]) <= limit && Math.abs(p[1]) <= limit)) {
                        gone = true;
                        break;
                    }
                    if (t < steps) {
                        for (int i = 0; i < 2; i++) {
                            w.gradient()[i] = g[i] + noise.sigma() * random.nextGaussian();
                        }
                        optimizer.step();
                    }
                }
                assertEquals(length, got.length(), got.optimizer().label() + " from start " + s);
                assertEquals(gone, got.diverged(), got.optimizer().label() + " from start " + s);
                diverged += gone ? 1 : 0;
            }
        }
        assertTrue(diverged > 0 && diverged < race.size(), "some runs diverge, not all: " + diverged);
    }
}
