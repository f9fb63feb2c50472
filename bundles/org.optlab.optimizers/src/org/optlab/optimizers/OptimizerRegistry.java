package org.optlab.optimizers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.Status;

/**
 * The optimizers contributed to the {@code org.optlab.optimizers} extension point, sorted by id. A contribution that
 * cannot be loaded (missing class, failing constructor or descriptor, duplicate id) is logged once with the
 * contributing plugin's name and skipped; the others stay usable.
 */
public final class OptimizerRegistry {

    /** The extension point's fully qualified id. */
    public static final String EXTENSION_POINT = "org.optlab.optimizers";

    private final Map<String, OptimizerProvider> providers;
    private final List<String> problems;

    /** A registry over the given providers (for tests and headless use without the extension registry). */
    public OptimizerRegistry(Collection<? extends OptimizerProvider> providers) {
        Map<String, OptimizerProvider> byId = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        providers.stream().sorted((a, b) -> a.descriptor().id().compareTo(b.descriptor().id())).forEach(p -> {
            String id = p.descriptor().id();
            if (byId.putIfAbsent(id, p) != null) {
                found.add("optimizer id '" + id + "' is contributed twice; the second is ignored");
            }
        });
        this.providers = Collections.unmodifiableMap(byId);
        this.problems = found;
    }

    /** Reads every contribution to {@link #EXTENSION_POINT} from the platform's extension registry. */
    public static OptimizerRegistry fromExtensions() {
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        if (registry == null) {
            throw new IllegalStateException("no extension registry: OptLab's optimizers need a running OSGi platform");
        }
        List<OptimizerProvider> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (IConfigurationElement element : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
            String plugin = element.getContributor().getName();
            try {
                Object created = element.createExecutableExtension("class");
                if (created instanceof OptimizerProvider provider) {
                    provider.descriptor();
                    loaded.add(provider);
                } else {
                    problems.add(plugin + ": " + element.getAttribute("class") + " does not implement "
                            + OptimizerProvider.class.getName());
                }
            } catch (CoreException | RuntimeException | LinkageError e) {
                problems.add(plugin + ": cannot load optimizer " + element.getAttribute("class") + ": " + e);
            }
        }
        OptimizerRegistry result = new OptimizerRegistry(loaded);
        result.problems.addAll(0, problems);
        ILog log = ILog.of(OptimizerRegistry.class);
        result.problems.forEach(p -> log.log(Status.warning(p)));
        return result;
    }

    /** The descriptors of all usable optimizers, sorted by id. */
    public List<OptimizerDescriptor> descriptors() {
        return providers.values().stream().map(OptimizerProvider::descriptor).toList();
    }

    public Optional<OptimizerDescriptor> descriptor(String id) {
        return Optional.ofNullable(providers.get(id)).map(OptimizerProvider::descriptor);
    }

    /**
     * Creates optimizer {@code id} from the given hyper-parameter values (defaults for the rest).
     *
     * @throws IllegalArgumentException for an unknown id (the message lists the known ones)
     * @throws InvalidHyperParameterException for a bad value
     */
    public Optimizer create(String id, Map<String, ?> hyperParameters) {
        OptimizerProvider provider = providers.get(id);
        if (provider == null) {
            throw new IllegalArgumentException("unknown optimizer '" + id + "'; known: " + providers.keySet());
        }
        return new Optimizer(provider, provider.descriptor().configure(hyperParameters), providers::get);
    }

    /** Contributions that were skipped, one line each naming the plugin and the problem. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
