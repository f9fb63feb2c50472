package org.optlab.runner.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;

/** The engines contributed to {@value #EXTENSION_POINT}, by id; a contribution that cannot be used is a problem. */
public final class SweepEngines {

    public static final String EXTENSION_POINT = "org.optlab.runner.engines";

    private final Map<String, IConfigurationElement> byId = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    private SweepEngines() {
    }

    /** Reads the contributions from the platform's extension registry. */
    public static SweepEngines fromExtensions() {
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        if (registry == null) {
            throw new IllegalStateException("no extension registry: OptLab's sweep engines need a running OSGi "
                    + "platform");
        }
        SweepEngines engines = new SweepEngines();
        for (IConfigurationElement e : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
            String id = e.getAttribute("id");
            if (id == null || id.isBlank()) {
                engines.problems.add(e.getContributor().getName() + ": an engine without an id; it is ignored");
            } else if (engines.byId.putIfAbsent(id, e) != null) {
                engines.problems.add(e.getContributor().getName() + ": engine id '" + id + "' is contributed already"
                        + " by " + engines.byId.get(id).getContributor().getName() + "; this one is ignored");
            }
        }
        return engines;
    }

    /** The ids of the engines, sorted. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** What could not be used, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * The engine with this id, created anew.
     *
     * @throws IllegalStateException when its class cannot be created (the message names the contribution)
     */
    public Optional<SweepEngine> create(String id) {
        IConfigurationElement e = byId.get(id);
        if (e == null) {
            return Optional.empty();
        }
        try {
            Object created = e.createExecutableExtension("class");
            if (created instanceof SweepEngine engine) {
                return Optional.of(engine);
            }
            throw new IllegalStateException("engine '" + id + "' of " + e.getContributor().getName()
                    + " does not implement " + SweepEngine.class.getName());
        } catch (CoreException | LinkageError ex) {
            throw new IllegalStateException("engine '" + id + "' of " + e.getContributor().getName()
                    + " cannot be created: " + ex.getMessage(), ex);
        }
    }
}
