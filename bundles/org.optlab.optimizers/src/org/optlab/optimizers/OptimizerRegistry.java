package org.optlab.optimizers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.Status;
import org.optlab.core.VectorParameter;

/**
 * The optimizers contributed to the {@code org.optlab.optimizers} extension point, sorted by id. A contribution that
 * cannot be used (missing class, failing constructor, bad descriptor, an update rule that fails on its first step,
 * duplicate id) is reported once, naming the contributing plugin, and skipped; the others stay usable.
 */
public final class OptimizerRegistry {

    /** The extension point's fully qualified id. */
    public static final String EXTENSION_POINT = "org.optlab.optimizers";

    /** The plugin name recorded for providers given directly rather than through the extension registry. */
    public static final String DIRECT = "(given directly)";

    private static OptimizerRegistry shared;

    private final Map<String, OptimizerProvider> providers;
    private final Map<String, String> plugins;
    private final List<String> problems = new ArrayList<>();

    /** A registry over the given providers (for tests and headless use without the extension registry). */
    public OptimizerRegistry(Collection<? extends OptimizerProvider> providers) {
        this(contributions(providers), List.of(), true);
    }

    /**
     * A registry over providers that another registry accepted already, without taking their first step again: for a
     * sweep's worker, given its parent's usable providers, to which those 20 first steps cost 50 ms of its start.
     */
    public static OptimizerRegistry ofAccepted(Collection<? extends OptimizerProvider> providers) {
        return new OptimizerRegistry(contributions(providers), List.of(), false);
    }

    private record Contribution(String plugin, OptimizerProvider provider) {
    }

    private static List<Contribution> contributions(Collection<? extends OptimizerProvider> providers) {
        return providers.stream().map(p -> new Contribution(DIRECT, p)).toList();
    }

    private OptimizerRegistry(List<Contribution> contributions, List<String> earlierProblems, boolean probe) {
        problems.addAll(earlierProblems);
        Map<String, Contribution> byId = new LinkedHashMap<>();
        for (Contribution c : contributions) {
            OptimizerDescriptor descriptor;
            try {
                descriptor = c.provider().descriptor();
            } catch (RuntimeException | LinkageError e) {
                problems.add(c.plugin() + ": " + c.provider().getClass().getName() + " has a bad descriptor: " + e);
                continue;
            }
            if (descriptor == null) {
                problems.add(c.plugin() + ": " + c.provider().getClass().getName() + " returns no descriptor");
                continue;
            }
            Contribution earlier = byId.putIfAbsent(descriptor.id(), c);
            if (earlier != null) {
                problems.add(c.plugin() + ": optimizer id '" + descriptor.id() + "' is contributed already by "
                        + earlier.plugin() + "; ignored");
            }
        }
        Map<String, OptimizerProvider> candidates = new LinkedHashMap<>();
        byId.forEach((id, c) -> candidates.put(id, c.provider()));
        Map<String, OptimizerProvider> usable = new java.util.TreeMap<>();
        Map<String, String> pluginOf = new LinkedHashMap<>();
        byId.forEach((id, c) -> {
            String failure = probe ? firstStepFailure(c.provider(), candidates) : null;
            if (failure == null) {
                usable.put(id, c.provider());
                pluginOf.put(id, c.plugin());
            } else {
                problems.add(c.plugin() + ": optimizer '" + id + "' (" + c.provider().getClass().getName() + ") "
                        + failure);
            }
        });
        this.providers = Collections.unmodifiableMap(usable);
        this.plugins = Collections.unmodifiableMap(pluginOf);
    }

    /**
     * Takes one step with the defaults on a two-element vector, so that a rule which cannot be written or run is
     * found when the lab starts rather than in the middle of a race. Returns null when the step succeeds.
     */
    private static String firstStepFailure(OptimizerProvider provider, Map<String, OptimizerProvider> all) {
        try {
            Optimizer probe = new Optimizer(provider, provider.descriptor().defaults(), all::get);
            VectorParameter w = VectorParameter.of("probe", new double[] { 1, -2 });
            w.gradient()[0] = 0.5;
            w.gradient()[1] = -1;
            probe.addParamGroup(List.of(w));
            probe.step();
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "fails its first step with its defaults: " + e;
        }
    }

    /**
     * The registry of the running platform, read once and shared, so that each skipped contribution is reported
     * (logged) once however many parts of the lab ask.
     */
    public static synchronized OptimizerRegistry fromExtensions() {
        if (shared == null) {
            shared = readExtensions();
            ILog log = ILog.of(OptimizerRegistry.class);
            shared.problems.forEach(p -> log.log(Status.warning(p)));
        }
        return shared;
    }

    private static OptimizerRegistry readExtensions() {
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        if (registry == null) {
            throw new IllegalStateException("no extension registry: OptLab's optimizers need a running OSGi platform");
        }
        List<Contribution> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (IConfigurationElement element : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
            String plugin = element.getContributor().getName();
            try {
                Object created = element.createExecutableExtension("class");
                if (created instanceof OptimizerProvider provider) {
                    loaded.add(new Contribution(plugin, provider));
                } else {
                    problems.add(plugin + ": " + element.getAttribute("class") + " does not implement "
                            + OptimizerProvider.class.getName());
                }
            } catch (Exception | LinkageError e) {
                problems.add(plugin + ": cannot create optimizer " + element.getAttribute("class") + ": "
                        + rootCause(e));
            }
        }
        return new OptimizerRegistry(loaded, problems, true);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? e.toString() : e.getMessage() + " (" + cause + ")";
    }

    /** The descriptors of all usable optimizers, sorted by id. */
    public List<OptimizerDescriptor> descriptors() {
        return providers.values().stream().map(OptimizerProvider::descriptor).toList();
    }

    public Optional<OptimizerDescriptor> descriptor(String id) {
        return Optional.ofNullable(providers.get(id)).map(OptimizerProvider::descriptor);
    }

    /** The provider of optimizer {@code id} (for the conformance kit and wrappers that include other optimizers). */
    public Optional<OptimizerProvider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /** The plugin (bundle symbolic name) that contributed optimizer {@code id}, or {@link #DIRECT}. */
    public Optional<String> plugin(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    /**
     * Creates optimizer {@code id} from the given hyper-parameter values (defaults for the rest).
     *
     * @throws IllegalArgumentException for an unknown id (the message lists the known ones)
     * @throws InvalidHyperParameterException for a bad value
     * @throws IllegalStateException when the contributed rule fails for these values (the message names the plugin)
     */
    public Optimizer create(String id, Map<String, ?> hyperParameters) {
        OptimizerProvider provider = providers.get(id);
        if (provider == null) {
            throw new IllegalArgumentException("unknown optimizer '" + id + "'; known: " + providers.keySet());
        }
        HyperParameters values = provider.descriptor().configure(hyperParameters);
        try {
            return new Optimizer(provider, values, providers::get);
        } catch (InvalidHyperParameterException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("optimizer '" + id + "' from " + plugins.get(id)
                    + " cannot write its update rule for " + values + ": " + e, e);
        }
    }

    /** Contributions that were skipped, one line each naming the plugin and the problem. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
