package org.optlab.runner.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.optlab.core.model.Workers;
import org.optlab.datasets.DatasetProvider;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.nd4j.Nd4jRuntime;
import org.optlab.optimizers.OptimizerProvider;
import org.optlab.optimizers.OptimizerRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;

/**
 * A sweep's worker: runs trials of one sweep folder one after another. {@code optlab sweep trials} (an OSGi child of
 * the local engine, a Slurm task) runs trials through it, and so does {@link #main}, the worker the local engine starts
 * on a plain class path ({@link org.optlab.runner.process.ClassPathLaunch}).
 */
public final class TrialWorker {

    /** How the one line of a worker that cannot go on begins (the engine stops the sweep on it). */
    static final String FAILED = "optlab sweep worker: ";

    private final Path directory;
    private final OptimizerRegistry optimizers;
    private final DatasetRegistry datasets;
    private final Path dataDirectory;
    private SweepFolder folder;

    /**
     * A worker of the sweep in {@code directory}.
     *
     * @param dataDirectory where full datasets are looked for first; null for the default places
     * @throws IOException when the sweep folder cannot be read
     */
    public TrialWorker(Path directory, OptimizerRegistry optimizers, DatasetRegistry datasets, Path dataDirectory)
            throws IOException {
        this.directory = directory;
        this.optimizers = optimizers;
        this.datasets = datasets;
        this.dataDirectory = dataDirectory;
        this.folder = open();
    }

    private SweepFolder open() throws IOException {
        try {
            return SweepFolder.openForTrials(directory, optimizers);
        } catch (org.optlab.runner.experiment.ExperimentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Runs trial {@code index}, unless it has ended already (a task submitted again runs only what is missing): its
     * outcome. A trial planned since the folder was read (a worker kept for the seeds phase) is found by reading it
     * again.
     *
     * @throws IllegalArgumentException when the sweep has no such trial
     * @throws org.eclipse.core.runtime.OperationCanceledException when the monitor was cancelled during the trial
     */
    public TrialOutcome run(int index, IProgressMonitor monitor) throws IOException {
        if (index >= folder.trials().size()) {
            folder = open();
        }
        if (index < 0 || index >= folder.trials().size()) {
            throw new IllegalArgumentException("no trial " + index + " in " + folder.directory() + " (it has "
                    + folder.trials().size() + ")");
        }
        Trial t = folder.trials().get(index);
        Optional<TrialOutcome> ended = folder.outcome(t);
        if (ended.isPresent()) {
            return ended.get();
        }
        return TrialRunner.run(folder.sweep(), t, folder.trialDirectory(t), optimizers, datasets, dataDirectory,
                monitor);
    }

    /** The classes {@link #main} creates for these registries: every optimizer's and dataset's provider. */
    public static List<Class<?>> providerClasses(OptimizerRegistry optimizers, DatasetRegistry datasets) {
        List<Class<?>> classes = new ArrayList<>();
        for (var d : optimizers.descriptors()) {
            optimizers.provider(d.id()).ifPresent(p -> classes.add(p.getClass()));
        }
        datasets.providers().forEach(p -> classes.add(p.getClass()));
        return classes;
    }

    /**
     * Whether {@link #main} can create these classes as the extension registry would, and they can do without OSGi:
     * public, with a public constructor without arguments (a provider made by a factory or given initialization data
     * needs the registry), from a bundle without an activator (which may prepare what the provider uses).
     */
    public static boolean creatable(List<Class<?>> classes) {
        for (Class<?> c : classes) {
            Bundle bundle = FrameworkUtil.getBundle(c);
            if (!Modifier.isPublic(c.getModifiers())
                    || IExecutableExtension.class.isAssignableFrom(c) || (bundle != null
                            && bundle.getHeaders("").get(Constants.BUNDLE_ACTIVATOR) != null)) {
                return false;
            }
            try {
                if (!Modifier.isPublic(c.getConstructor().getModifiers())) {
                    return false;
                }
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
        return true;
    }

    /** The arguments of {@link #main} for a worker of the sweep in {@code directory}. */
    public static List<String> arguments(Path directory, int threads, Path dataDirectory, List<Class<?>> providers) {
        List<String> arguments = new ArrayList<>(List.of(directory.toString(), "--threads", Integer.toString(
                threads)));
        if (dataDirectory != null) {
            arguments.addAll(List.of("--data-dir", dataDirectory.toString()));
        }
        arguments.add("--providers");
        arguments.add(String.join(",", providers.stream().map(Class::getName).toList()));
        return arguments;
    }

    /**
     * The worker on a plain class path: {@code DIR --threads T [--data-dir D] --providers CLASS,...}; it runs the
     * trials whose indices it reads on stdin, one per line, and answers each with {@link LocalEngine#endedLine} on
     * stdout. It ends when stdin does; on an error it writes one line to stderr and exits 1:
     * beginning with {@link #FAILED} where every worker would fail alike (ND4J does not start, the sweep folder cannot
     * be read or written), otherwise naming the trial.
     */
    public static void main(String[] args) {
        Nd4jRuntime.configure(); // what the ND4J bundle's activator does in an OSGi child
        PrintStream out = System.out;
        try {
            Path directory = null;
            Path dataDirectory = null;
            int threads = 1;
            List<OptimizerProvider> optimizerProviders = new ArrayList<>();
            List<DatasetProvider> datasetProviders = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--data-dir" -> dataDirectory = Path.of(args[++i]);
                    case "--providers" -> {
                        for (String name : args[++i].split(",")) {
                            Object provider = Class.forName(name).getConstructor().newInstance();
                            if (provider instanceof OptimizerProvider o) {
                                optimizerProviders.add(o);
                            } else if (provider instanceof DatasetProvider d) {
                                datasetProviders.add(d);
                            } else {
                                throw new IllegalArgumentException(name + " provides no optimizer or dataset");
                            }
                        }
                    }
                    default -> directory = Path.of(args[i]);
                }
            }
            if (directory == null) {
                throw new IllegalArgumentException("no sweep folder given");
            }
            // ND4J's start (its native libraries, a third of the worker's) beside the reading of the sweep folder
            int t = threads;
            FutureTask<Void> backend = new FutureTask<>(() -> Workers.setThreads(t), null);
            Thread.ofPlatform().name("optlab worker backend").start(backend);
            TrialWorker worker = new TrialWorker(directory, OptimizerRegistry.ofAccepted(optimizerProviders),
                    new DatasetRegistry(datasetProviders), dataDirectory);
            try {
                backend.get();
            } catch (ExecutionException e) { // what the backend's start threw, as if thrown here
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) e.getCause();
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null;) {
                if (!line.isBlank()) {
                    TrialOutcome outcome;
                    try {
                        outcome = worker.run(Integer.parseInt(line.strip()), new NullProgressMonitor());
                    } catch (RuntimeException | LinkageError e) {
                        // a fault of this trial (an optimizer's bug at some setting): the engine fails this trial
                        // alone and starts another worker, as for a crash
                        System.err.println("optlab sweep worker, trial " + line.strip() + ": " + reason(e));
                        System.exit(1);
                        return;
                    }
                    out.println(LocalEngine.endedLine(outcome));
                    out.flush();
                }
            }
        } catch (Exception | LinkageError e) {
            System.err.println(FAILED + reason(e));
            System.exit(1);
        }
    }

    /**
     * One line for a failure: its message, or the first message down its causes (an ExceptionInInitializerError of
     * ND4J has none), and the innermost cause where that says more (the library that could not be loaded).
     */
    static String reason(Throwable e) {
        String first = null;
        Throwable inner = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (first == null && t.getMessage() != null) {
                first = t.getMessage().lines().findFirst().orElse("");
            }
            inner = t;
        }
        if (first == null) {
            return e.toString();
        }
        String innermost = inner.getMessage() != null ? inner.getMessage().lines().findFirst().orElse("") : "";
        return inner == e || innermost.isEmpty() || first.equals(innermost) ? first : first + " (" + innermost + ")";
    }
}
