package org.optlab.runner.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;

/** Every guide runs, quotes only numbers its runs produced, and shows what it says it shows. */
class GuidesTest {

    @TempDir
    Path dir;

    private final OptimizerRegistry optimizers = OptimizerRegistry.fromExtensions();
    private final DatasetRegistry datasets = DatasetRegistry.fromExtensions();

    private List<Map<String, Map<String, Object>>> run(Guide guide, StringWriter text) throws Exception {
        return GuideRun.run(guide, optimizers, datasets, dir.resolve(guide.id()), new PrintWriter(text));
    }

    private static double number(Map<String, Map<String, Object>> step, String label, String metric) {
        return ((Number) step.get(label).get(metric)).doubleValue();
    }

    @Test
    void thereAreTenGuidesAndEachRunsEveryStep() throws Exception {
        List<Guide> guides = Guides.all();
        assertEquals(List.of("step-size", "momentum-valley", "nesterov-momentum", "adaptive-rosenbrock",
                "saddle-escape", "adam-sgd-fashion", "adamw-l2", "warmup-schedules", "fair-comparison", "real-hill"),
                guides.stream().map(Guide::id).toList());
        for (Guide guide : guides) {
            StringWriter text = new StringWriter();
            var results = run(guide, text);
            assertEquals(guide.steps().size(), results.size());
            assertFalse(text.toString().matches("(?s).*\\{[^{}:]+:[a-z0-9_]+}.*"), "unfilled quote in " + text);
            try (var folders = Files.list(dir.resolve(guide.id()))) {
                // a run's folder has its summary, a sweep's its report
                assertEquals(guide.steps().size(), folders.filter(f -> Files.exists(f.resolve("summary.json"))
                        || Files.exists(f.resolve("report.json"))).count());
            }
        }
    }

    @Test
    void theFairComparisonTunesEachOptimizerAndRunsItsBestOverFiveSeeds() throws Exception {
        StringWriter text = new StringWriter();
        var results = run(Guides.byId("fair-comparison").orElseThrow(), text).get(0);
        assertEquals(java.util.Set.of("sgd", "momentum", "adam"), results.keySet()); // in rank order
        for (var r : results.values()) {
            assertEquals(5, r.get("n"), () -> failures(dir.resolve("fair-comparison")));
            double mean = (double) r.get("mean");
            assertTrue(mean > 0.6 && mean < 0.95, "softmax after one epoch on the subset: " + mean);
            assertTrue((double) r.get("ci_low") < mean && mean < (double) r.get("ci_high"));
        }
        // the report agrees with the numbers quoted: sgd's mean as the text gives it
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.list(dir.resolve(
                "fair-comparison")).filter(Files::isDirectory).findFirst().orElseThrow().resolve("report.json")
                .toFile());
        assertEquals(3, report.get("ranking").size());
        assertTrue(text.toString().contains("SGD: best lr "), text.toString());
    }

    /** What failed trials of the sweeps under {@code root} say (for an assertion's message). */
    private static String failures(java.nio.file.Path root) {
        try (var files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals("trial.json")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).filter(t -> t.contains("failed")).findFirst().orElse("no failed trial");
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void theRealHillDrawsTheLandscapeOfItsRunWithItsPaths() throws Exception {
        Guide guide = Guides.byId("real-hill").orElseThrow();
        StringWriter text = new StringWriter();
        // the landscape goes through the guide's Landscapes (the lab's is a child process): here the in-process one,
        // heard, so that what the step quotes can only come from the files the slice wrote
        List<String> asked = new java.util.ArrayList<>();
        GuideRun.Landscapes here = GuideRun.inProcessLandscapes(optimizers, datasets, null);
        Map<String, Map<String, Object>> step = GuideRun.run(guide, optimizers, dir.resolve(guide.id()),
                new PrintWriter(text), GuideRun.inProcess(optimizers, datasets), (run, out, options) -> {
                    asked.add(dir.resolve(guide.id()).relativize(out) + " " + options);
                    here.compute(run, out, options);
                }, () -> false).get(0);
        assertEquals(List.of(Path.of("1-train-an-mlp-on-fashion-mnist-with-three-optimizers-then-slice-its-loss-along-"
                + "their-paths", "landscape", "pca") + " Options[directions=pca, grid=31, span=1.0, examples=1000, "
                + "seed=1]"), asked);
        double pc1 = number(step, "landscape", "pc1"), pc2 = number(step, "landscape", "pc2");
        assertTrue(pc1 >= pc2 && pc2 > 0 && pc1 + pc2 <= 100 + 1e-9, pc1 + " " + pc2);
        // the text quotes them (metric names with digits included)
        assertTrue(text.toString().contains(String.format(java.util.Locale.ROOT, "explain %.4g %% and %.4g %%", pc1,
                pc2)), text.toString());
        for (String label : List.of("sgd", "momentum", "adam")) {
            assertTrue(number(step, label, "accuracy") > 0.6, label + ": " + step.get(label));
            assertTrue(number(step, label, "residual") >= 0);
        }
        try (var folders = Files.list(dir.resolve("real-hill"))) {
            Path run = folders.filter(Files::isDirectory).findFirst().orElseThrow();
            assertTrue(Files.exists(run.resolve("landscape/pca/landscape.png")));
            assertTrue(Files.exists(run.resolve("snapshots/adam.npy")));
        }
        assertFalse(text.toString().matches("(?s).*\\{[^{}:]+:[a-z0-9_]+}.*"), text.toString());
    }

    @Test
    void theStepSizeGuideShowsTheClosedForm() throws Exception {
        // distance after t steps from (4, 3): 5 |1 - 2 lr|^t
        var step = run(Guides.byId("step-size").orElseThrow(), new StringWriter()).get(0);
        assertEquals(5 * Math.pow(0.8, 60), number(step, "lr 0.1", "distance"), 1e-12);
        assertEquals(5 * Math.pow(0.8, 60), number(step, "lr 0.9", "distance"), 1e-12);
        assertEquals(Boolean.TRUE, step.get("lr 1.5").get("diverged"));
    }

    @Test
    void theSurfaceGuidesShowWhatTheirTextSays() throws Exception {
        var valley = run(Guides.byId("momentum-valley").orElseThrow(), new StringWriter()).get(0);
        assertTrue(number(valley, "momentum 0.9", "distance") < number(valley, "sgd", "distance") / 5);
        var nesterov = run(Guides.byId("nesterov-momentum").orElseThrow(), new StringWriter()).get(0);
        assertTrue(number(nesterov, "nesterov", "distance") < number(nesterov, "momentum", "distance") / 3);
        var saddle = run(Guides.byId("saddle-escape").orElseThrow(), new StringWriter()).get(0);
        assertTrue(number(saddle, "sgd", "loss") > -0.01, "sgd stays on the saddle");
        assertTrue(number(saddle, "adam", "loss") < -10, "adam walks away");
        assertTrue(number(saddle, "momentum", "loss") < number(saddle, "adam", "loss"), "momentum's velocity compounds");
        var adaptive = run(Guides.byId("adaptive-rosenbrock").orElseThrow(), new StringWriter()).get(0);
        assertTrue(number(adaptive, "adam", "distance") < 0.01, "adam reaches the minimum");
        assertTrue(number(adaptive, "adadelta", "distance") > number(adaptive, "adam", "distance"), "adadelta is slow");
    }

    @Test
    void quotesAreFilledFromTheRunsAndUnknownOnesAreRefused() {
        Map<String, Map<String, Object>> results = Map.of("adam", Map.of("distance", 0.00012345, "diverged", false,
                "steps", 60));
        assertEquals("   at 1.23e-04 after 60 steps, diverged: no",
                GuideRun.fill("at {adam:distance} after {adam:steps} steps, diverged: {adam:diverged}", results));
        try {
            GuideRun.fill("{sgd:distance}", results);
            throw new AssertionError("an unknown quote was accepted");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("{sgd:distance}"));
        }
    }
}
