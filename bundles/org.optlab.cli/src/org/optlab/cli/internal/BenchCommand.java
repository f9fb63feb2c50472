package org.optlab.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.optlab.bench.FrameBench;
import org.optlab.bench.OptimizerBench;
import org.optlab.bench.SurfaceBench;
import org.optlab.bench.SweepBench;
import org.optlab.bench.TrainingBench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code optlab bench optimizers|surfaces|training|sweep|landscape [--json FILE]}. */
@Command(name = "bench", description = "Measure speed.",
        subcommands = { BenchCommand.Optimizers.class, BenchCommand.SurfaceRuns.class, BenchCommand.Training.class,
            BenchCommand.Sweeps.class, BenchCommand.Landscapes.class },
        mixinStandardHelpOptions = true)
final class BenchCommand implements Runnable {

    @ParentCommand
    OptlabCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing what to bench: optimizers, surfaces, training, sweep or landscape");
    }

    @Command(name = "optimizers", mixinStandardHelpOptions = true,
            description = "Memory bandwidth, then the median step time of every optimizer (and of ND4J's built-in "
                    + "updater where one exists) on N float32 parameters.")
    static final class Optimizers implements Runnable {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--params", paramLabel = "N", description = "parameters per optimizer (default: ${DEFAULT-VALUE})")
        long params = 10_000_000;

        @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
        Path json;

        @Override
        public void run() {
            var out = bench.spec.commandLine().getOut();
            OptimizerBench.Report report = new OptimizerBench(3, 11).run(bench.root.registry(), params, line -> {
                out.println(line);
                out.flush();
            });
            if (json != null) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("params", report.params());
                document.put("bandwidth_gbs", report.bandwidthGbs());
                document.put("results", report.results().stream().map(r -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("optimizer", r.optimizer());
                    row.put("path", r.path());
                    row.put("ms", r.ms());
                    row.put("gbs", r.gbs());
                    row.put("fraction_of_bandwidth", r.fractionOfBandwidth());
                    return row;
                }).toList());
                writeJson(json, document);
            }
        }
    }

    @Command(name = "surfaces", mixinStandardHelpOptions = true,
            description = "Trajectory throughput (20 optimizers x 100 starts x 1,000 steps on Rosenbrock, one core) "
                    + "beside its floor (Adam as a plain loop over doubles, same starts and steps), then the time to "
                    + "draw a frame of the 2-D, 3-D and 1-D views at 1200x900.")
    static final class SurfaceRuns implements Runnable {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON")
        Path json;

        @Override
        public void run() {
            var out = bench.spec.commandLine().getOut();
            SurfaceBench.Report r = SurfaceBench.run(bench.root.registry(), 20, 100, 1000);
            out.printf("%d optimizers x %d starts x %d steps on rosenbrock = %,d optimizer steps in %.3f s on one core"
                    + " (%.0f ns per step); floor, Adam as a plain loop: %.1f ns per step (%.2fx); in CPU time %.0f"
                    + " against %.1f ns (%.2fx)%n", r.optimizers(), r.starts(), r.steps(), r.optimizerSteps(),
                    r.seconds(), r.nanosPerStep(), r.floorNanosPerStep(), r.nanosPerStep() / r.floorNanosPerStep(),
                    r.cpuNanosPerStep(), r.floorCpuNanosPerStep(), r.cpuNanosPerStep() / r.floorCpuNanosPerStep());
            out.flush();
            FrameBench.Report f = FrameBench.run(bench.root.registry());
            out.printf("frames at %dx%d (budget %.0f ms, 60 Hz): 2d %.2f ms (%.2f of budget; its background, once per"
                    + " size, %.0f ms), 3d %.2f ms (%.2f), 1d %.2f ms (%.2f)%n", FrameBench.WIDTH, FrameBench.HEIGHT,
                    FrameBench.BUDGET_MS, f.planFrameMs(), f.planFrameMs() / FrameBench.BUDGET_MS, f.planPrepareMs(),
                    f.meshFrameMs(), f.meshFrameMs() / FrameBench.BUDGET_MS, f.curveFrameMs(),
                    f.curveFrameMs() / FrameBench.BUDGET_MS);
            if (json != null) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("optimizers", r.optimizers());
                document.put("starts", r.starts());
                document.put("steps", r.steps());
                document.put("optimizer_steps", r.optimizerSteps());
                document.put("seconds", r.seconds());
                document.put("ns_per_step", r.nanosPerStep());
                document.put("floor_ns_per_step", r.floorNanosPerStep());
                document.put("cpu_ns_per_step", r.cpuNanosPerStep());
                document.put("floor_cpu_ns_per_step", r.floorCpuNanosPerStep());
                Map<String, Object> frames = new LinkedHashMap<>();
                frames.put("width", FrameBench.WIDTH);
                frames.put("height", FrameBench.HEIGHT);
                frames.put("budget_ms", FrameBench.BUDGET_MS);
                frames.put("plan_frame_ms", f.planFrameMs());
                frames.put("plan_background_ms", f.planPrepareMs());
                frames.put("mesh_frame_ms", f.meshFrameMs());
                frames.put("curve_frame_ms", f.curveFrameMs());
                document.put("frames", frames);
                writeJson(json, document);
            }
        }
    }

    @Command(name = "training", mixinStandardHelpOptions = true,
            description = "Training speed at batch 128 with Adam: examples per second of OptLab and of DL4J's "
                    + "MultiLayerNetwork of the same layers, and the step's floor (its matrix products alone), all "
                    + "measured in the same run.")
    static final class Training implements Runnable {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--model", paramLabel = "mlp|cnn",
                description = "mlp (784-256-10 relu) or cnn (conv 5x5x8 - relu - pool - conv 5x5x16 - relu - pool - "
                        + "dense; default: ${DEFAULT-VALUE})")
        String model = "mlp";

        @Option(names = "--threads", paramLabel = "N",
                description = "threads for ND4J, OpenBLAS and the layers' own loops (default: ND4J's own settings)")
        Integer threads;

        @Option(names = "--steps", paramLabel = "N", description = "timed steps (default: ${DEFAULT-VALUE})")
        int steps = 400;

        @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON")
        Path json;

        @Override
        public void run() {
            TrainingBench.Network network = switch (model) {
                case "mlp" -> TrainingBench.Network.MLP;
                case "cnn" -> TrainingBench.Network.CNN;
                default -> throw new IllegalArgumentException("--model must be mlp or cnn, got '" + model + "'");
            };
            if (threads != null && threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
            }
            var out = bench.spec.commandLine().getOut();
            TrainingBench.Report r = TrainingBench.run(bench.root.registry(), network, steps,
                    threads == null ? 0 : threads, line -> {
                out.println(line);
                out.flush();
            });
            if (json != null) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("model", network.key());
                document.put("network", r.model());
                document.put("batch_size", TrainingBench.BATCH);
                document.put("optimizer", "adam");
                document.put("threads", r.threads());
                document.put("optlab_examples_per_s", r.optlabExamplesPerSecond());
                document.put("dl4j_examples_per_s", r.dl4jExamplesPerSecond());
                document.put("ratio", r.ratio());
                document.put("optlab_step_ms", r.optlabStepMs());
                document.put("dl4j_step_ms", r.dl4jStepMs());
                document.put("floor_ms", r.floorMs());
                document.put("optlab_over_floor", r.ofFloor());
                writeJson(json, document);
            }
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = "A training sweep through the local engine (softmax, 1 epoch, the embedded Fashion-MNIST "
                    + "subset, an lr grid) against its ideal: the sum of the trials' own seconds over the workers.")
    static final class Sweeps implements Runnable {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--trials", paramLabel = "N", description = "trials (default: ${DEFAULT-VALUE})")
        int trials = 100;

        @Option(names = "--workers", paramLabel = "N", description = "worker processes (default: ${DEFAULT-VALUE})")
        int workers = 2;

        @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON")
        Path json;

        @Override
        public void run() {
            if (trials < 1) {
                throw new IllegalArgumentException("--trials must be at least 1, got " + trials);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
            }
            SweepBench.Report r;
            try {
                r = SweepBench.run(bench.root.registry(), bench.root.datasets(), trials, workers);
            } catch (IOException e) {
                throw new IllegalStateException("bench sweep: " + e.getMessage(), e);
            }
            var out = bench.spec.commandLine().getOut();
            out.printf(java.util.Locale.ROOT, "%d trials on %d workers: %.2f s wall, ideal %.2f s (the trials' own "
                    + "seconds / workers), ratio %.3f; the first trial began after %.2f s (the workers' start)%n",
                    r.trials(), r.workers(), r.wallSeconds(), r.idealSeconds(), r.ratio(), r.startSeconds());
            out.flush();
            if (json != null) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("trials", r.trials());
                document.put("workers", r.workers());
                document.put("wall_s", r.wallSeconds());
                document.put("ideal_s", r.idealSeconds());
                document.put("ratio", r.ratio());
                document.put("start_s", r.startSeconds());
                writeJson(json, document);
            }
        }
    }

    static void writeJson(Path json, Map<String, Object> document) {
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + json + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "landscape", mixinStandardHelpOptions = true,
            description = "A loss-landscape slice of the MLP 784-256-10 against its floor: the forward's matrix "
                    + "products alone, once per grid point, in the same run.")
    static final class Landscapes implements Runnable {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--grid", paramLabel = "N", description = "points per side (default: ${DEFAULT-VALUE})")
        int grid = 41;

        @Option(names = "--examples", paramLabel = "N", description = "examples per point (default: ${DEFAULT-VALUE})")
        int examples = 2000;

        @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON")
        Path json;

        @Override
        public void run() {
            if (grid < 2 || examples < 1) {
                throw new IllegalArgumentException("--grid must be at least 2 and --examples at least 1, got " + grid
                        + " and " + examples);
            }
            org.optlab.bench.LandscapeBench.Report r = org.optlab.bench.LandscapeBench.run(grid, examples);
            var out = bench.spec.commandLine().getOut();
            out.printf(java.util.Locale.ROOT, "%d x %d points of the MLP 784-256-10 on %d examples: %.2f s; its "
                    + "products alone %.2f s; %.0f %% of their speed%n", grid, grid, examples, r.seconds(),
                    r.floorSeconds(), 100 * r.efficiency());
            out.flush();
            if (json != null) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("grid", grid);
                document.put("examples", examples);
                document.put("parameters", r.parameters());
                document.put("seconds", r.seconds());
                document.put("floor_s", r.floorSeconds());
                document.put("efficiency", r.efficiency());
                writeJson(json, document);
            }
        }
    }
}
