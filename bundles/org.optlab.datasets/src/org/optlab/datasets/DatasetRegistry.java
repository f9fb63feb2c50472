package org.optlab.datasets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;

/**
 * The datasets contributed to the {@code org.optlab.datasets} extension point, sorted by id. A contribution that
 * cannot be used (missing class, failing constructor or id, duplicate id) is reported once in {@link #problems()}
 * with its source (the contributing plugin, or the provider's class) and skipped; the others stay usable.
 */
public final class DatasetRegistry {

    /** The extension point's fully qualified id. */
    public static final String EXTENSION_POINT = "org.optlab.datasets";

    /** A provider and where it came from, for the problem messages. */
    private record Contribution(String source, DatasetProvider provider) {
    }

    private final Map<String, Contribution> byId = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    /** A registry over the given providers (for tests and headless use without the extension registry). */
    public DatasetRegistry(Collection<? extends DatasetProvider> providers) {
        this(providers.stream().map(p -> new Contribution(p.getClass().getName(), p)).toList(), List.of());
    }

    private DatasetRegistry(List<Contribution> contributions, List<String> earlierProblems) {
        problems.addAll(earlierProblems);
        for (Contribution contribution : contributions) {
            String id;
            try {
                id = contribution.provider().id();
            } catch (RuntimeException e) {
                problems.add(contribution.source() + ": cannot read the dataset id: " + e);
                continue;
            }
            if (id == null || id.isBlank()) {
                problems.add(contribution.source() + ": the dataset has no id; ignored");
                continue;
            }
            Contribution first = byId.putIfAbsent(id, contribution);
            if (first != null) {
                problems.add(contribution.source() + ": dataset id '" + id + "' is contributed already by "
                        + first.source() + "; this one is ignored");
            }
        }
    }

    /** Reads every contribution to {@link #EXTENSION_POINT} from the platform's extension registry. */
    public static DatasetRegistry fromExtensions() {
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        if (registry == null) {
            throw new IllegalStateException("no extension registry: OptLab's datasets need a running OSGi platform");
        }
        List<Contribution> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (IConfigurationElement element : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
            String source = element.getContributor().getName() + " (" + element.getAttribute("class") + ")";
            try {
                Object created = element.createExecutableExtension("class");
                if (created instanceof DatasetProvider provider) {
                    loaded.add(new Contribution(source, provider));
                } else {
                    problems.add(source + ": does not implement " + DatasetProvider.class.getName());
                }
            } catch (CoreException | RuntimeException | LinkageError e) {
                problems.add(source + ": cannot create the dataset provider: " + describe(e));
            }
        }
        return new DatasetRegistry(loaded, problems);
    }

    /** The error and its root cause: the registry's CoreException alone only says that creation failed. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e instanceof CoreException ? e.getMessage() : e.toString();
        return root == e ? message : message + " (" + root + ")";
    }

    /** The ids of all usable datasets, sorted. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** All usable providers, sorted by id. */
    public List<DatasetProvider> providers() {
        return byId.values().stream().map(Contribution::provider).toList();
    }

    public Optional<DatasetProvider> byId(String id) {
        return Optional.ofNullable(byId.get(id)).map(Contribution::provider);
    }

    /**
     * Loads dataset {@code id}.
     *
     * @throws DatasetException for an unknown id (field {@code id}; the message lists the known ones), a bad option
     *         or a bad file
     */
    public Split load(String id, DatasetRequest request) {
        DatasetProvider provider = byId(id)
                .orElseThrow(() -> new DatasetException("id", "unknown dataset '" + id + "'; known: " + ids()));
        return Objects.requireNonNull(provider.load(request), () -> id + ": the provider returned no data");
    }

    /** Contributions that were skipped, one line each naming the source and the problem. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
