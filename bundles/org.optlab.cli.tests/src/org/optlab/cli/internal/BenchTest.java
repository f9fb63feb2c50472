package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.bench.SurfaceBench;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.OptimizerEntry;
import org.optlab.runner.trajectory.Trajectory;
import org.optlab.runner.trajectory.TrajectoryEngine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The benchmarks the CLI runs, called directly and through the command line. */
class BenchTest {

    @TempDir
    Path dir;

    @Test
    void surfaceBenchRunsTheRequestedGrid() {
        var report = SurfaceBench.run(OptimizerRegistry.fromExtensions(), 3, 10, 20);
        assertEquals(3, report.optimizers());
        assertEquals(10, report.starts());
        assertEquals(600, report.optimizerSteps());
        assertTrue(report.seconds() > 0 && report.nanosPerStep() > 0);
        assertTrue(report.floorSeconds() > 0 && report.floorNanosPerStep() > 0);
        assertTrue(report.cpuSeconds() > 0 && report.floorCpuNanosPerStep() > 0);
        assertEquals(report.cpuSeconds() * 1e9 / 600, report.cpuNanosPerStep(), 1e-9 * report.cpuNanosPerStep());
        assertEquals(report.floorSeconds() * 1e9 / 200, report.floorNanosPerStep(), 1e-9 * report.floorNanosPerStep());
    }

    /** The floor is a second implementation of Adam on Rosenbrock: it must follow the lab's Adam. */
    @Test
    void theFloorFollowsTheLabsAdam() {
        Surface rosenbrock = Surfaces.byId("rosenbrock").orElseThrow();
        List<double[]> starts = SurfaceBench.grid(rosenbrock.domain(), 9);
        int steps = 1000;
        double[][][] floor = SurfaceBench.floorAdam(starts, steps);
        List<Trajectory> lab = TrajectoryEngine.run(rosenbrock, starts, steps, TrajectoryEngine.Noise.NONE,
                List.of(OptimizerEntry.of("adam", Map.of())), OptimizerRegistry.fromExtensions(), null);
        for (int s = 0; s < starts.size(); s++) {
            Trajectory t = lab.get(s);
            assertEquals(steps + 1, t.length());
            for (int k : new int[] { 0, 1, 10, 500, steps }) {
                // equal but for 1 - beta^t, which the floor keeps as a running product instead of a power
                assertEquals(t.x()[k], floor[s][0][k], 1e-9, "x of start " + s + " at step " + k);
                assertEquals(t.y()[k], floor[s][1][k], 1e-9, "y of start " + s + " at step " + k);
                assertEquals(t.loss()[k], floor[s][2][k], 1e-9 * Math.max(1, t.loss()[k]), "loss " + s + ", " + k);
            }
            assertTrue(floor[s][0][steps] != starts.get(s)[0], "the floor moved start " + s);
        }
    }

    @Test
    void benchSurfacesJsonHasTheFloorBesideTheLab() throws Exception {
        Path json = dir.resolve("surfaces.json");
        Cli.Result r = Cli.run("bench", "surfaces", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        for (String field : new String[] { "optimizers", "starts", "steps", "optimizer_steps", "seconds",
                "ns_per_step", "frames" }) {
            assertTrue(report.has(field), field + " kept: " + report);
        }
        double lab = report.get("ns_per_step").asDouble();
        double floor = report.get("floor_ns_per_step").asDouble();
        assertTrue(floor > 0 && Double.isFinite(floor), report.toString());
        for (String field : new String[] { "cpu_ns_per_step", "floor_cpu_ns_per_step" }) {
            assertTrue(report.get(field).asDouble() > 0, field + " in " + report);
        }
        assertEquals(report.get("seconds").asDouble() * 1e9 / report.get("optimizer_steps").asDouble(), lab,
                1e-6 * lab);
        assertTrue(r.out().contains("floor"), r.out());
    }

    @Test
    void benchSweepJsonHasItsFieldsAndTheRatioOfWallToIdeal() throws Exception {
        Path json = dir.resolve("out/sweep.json");
        Cli.Result r = Cli.run("bench", "sweep", "--trials", "4", "--workers", "2", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        Set<String> fields = new TreeSet<>();
        report.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("trials", "workers", "wall_s", "ideal_s", "ratio", "start_s"), fields);
        assertEquals(4, report.get("trials").asInt());
        assertEquals(2, report.get("workers").asInt());
        double wall = report.get("wall_s").asDouble();
        double ideal = report.get("ideal_s").asDouble();
        assertTrue(wall > 0 && ideal > 0, report.toString());
        assertEquals(wall / ideal, report.get("ratio").asDouble(), 1e-12 * wall / ideal);
        double start = report.get("start_s").asDouble();
        assertTrue(start > 0.1 && start < wall, "the workers' start is part of the wall time: " + report);
        assertTrue(r.out().contains("4 trials on 2 workers"), r.out());
    }

    @Test
    void benchSweepRejectsNoTrials() {
        Cli.Result r = Cli.run("bench", "sweep", "--trials", "0");
        assertEquals(1, r.code());
        assertEquals("optlab: --trials must be at least 1, got 0", r.err().strip());
    }

    @Test
    void benchAloneNamesEveryBench() {
        Cli.Result r = Cli.run("bench");
        assertEquals(OptlabCommand.USAGE, r.code()); // a usage error, as for every command: the line, then the usage
        String first = r.err().lines().filter(l -> !l.startsWith("WARNING")).findFirst().orElse("");
        assertTrue(first.startsWith("Missing what to bench: "), r.err());
        for (String bench : java.util.List.of("optimizers", "surfaces", "training", "sweep", "landscape")) {
            assertTrue(first.contains(bench), bench + " in: " + first);
        }
    }
}
