package org.optlab.runner.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The bundles a command-line child of this installation needs (a sweep's worker): {@code org.optlab.cli}, every
 * bundle that contributes to one of OptLab's extension points (optimizers, datasets, engines: plug-ins included), the
 * bundles the installation starts at launch, and everything those are wired to, with the fragments of each. A child
 * started with these alone leaves out the lab's window, p2 and help (about 90 of the product's 133 bundles) and
 * starts in 0.25 s less CPU. p2's dropins reconciler is left out too: only the installation itself reconciles.
 */
public final class ChildBundles {

    /** The kind of kept configuration slots ({@link ConfigurationSlots#take(Path, String)}) of children with these. */
    public static final String KIND = "command-line";

    /** The command line's bundle: the application children run. */
    static final String COMMAND_LINE = "org.optlab.cli";

    private ChildBundles() {
    }

    /**
     * The symbolic names, read from this running framework; empty outside one, when it has no command-line bundle, or
     * when the installation lists no bundles in {@code bundlesInfo} (a test framework lists them in its config.ini):
     * the child then gets every bundle.
     */
    public static Optional<Set<String>> commandLine(Path bundlesInfo) {
        BundleContext context = frameworkContext();
        if (context == null || !Files.isRegularFile(bundlesInfo)) {
            return Optional.empty();
        }
        Set<String> roots = new HashSet<>();
        roots.add(COMMAND_LINE);
        try {
            roots.addAll(startedAtLaunch(Files.readAllLines(bundlesInfo)));
        } catch (IOException e) {
            return Optional.empty();
        }
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        if (registry != null) {
            for (IExtensionPoint point : registry.getExtensionPoints()) {
                if (point.getNamespaceIdentifier().startsWith("org.optlab")) {
                    for (IExtension extension : point.getExtensions()) {
                        roots.add(extension.getContributor().getName());
                    }
                }
            }
        }
        List<Bundle> all = List.of(context.getBundles());
        if (all.stream().noneMatch(b -> COMMAND_LINE.equals(b.getSymbolicName()))) {
            return Optional.empty();
        }
        return Optional.of(closure(all.stream().filter(b -> roots.contains(b.getSymbolicName())).toList()));
    }

    /**
     * The system bundle's context, which lists every bundle: this bundle has no activator and need not be started,
     * so it may have no context of its own; it reaches the system bundle through its wire to org.osgi.framework.
     */
    private static BundleContext frameworkContext() {
        Bundle self = FrameworkUtil.getBundle(ChildBundles.class);
        BundleWiring wiring = self != null ? self.adapt(BundleWiring.class) : null;
        if (wiring == null) {
            return null;
        }
        return wiring.getRequiredWires(null).stream().map(w -> w.getProvider().getBundle()).filter(b -> b
                .getBundleId() == 0).findFirst().map(Bundle::getBundleContext).orElse(null);
    }

    /** The bundles a {@code bundles.info} starts at launch (its fifth field), less p2's. */
    static Set<String> startedAtLaunch(List<String> bundlesInfo) {
        Set<String> started = new TreeSet<>();
        for (String line : bundlesInfo) {
            String[] fields = line.split(",");
            if (!line.startsWith("#") && fields.length >= 5 && fields[4].strip().equals("true")
                    && !fields[0].startsWith("org.eclipse.equinox.p2.")) {
                started.add(fields[0]);
            }
        }
        return started;
    }

    /**
     * The plain class path of the bundles of {@code classes} and of every bundle they are wired to, fragments included,
     * with the OSGi framework's jar (for the types in signatures): each bundle's jar or folder and its Bundle-ClassPath,
     * or in development mode ({@code dev}: Equinox's -dev properties, by symbolic name or "*") its class folders. The
     * bundles' own entries come first, in name order, then the jars nested in folder bundles (ND4J's bundle carries
     * its libraries so: where one of them holds another version of a library that is also a bundle, the bundle's
     * version, which OptLab's code was built against, wins). Empty outside a framework, or where a class comes from no
     * bundle or a bundle's classes are not plain files (a jar nested in a jar bundle, a bundle that is not a file).
     */
    public static Optional<List<Path>> classPath(Collection<Class<?>> classes, Properties dev) {
        List<Bundle> roots = new ArrayList<>();
        for (Class<?> c : classes) {
            Bundle bundle = FrameworkUtil.getBundle(c);
            if (bundle == null) {
                return Optional.empty();
            }
            roots.add(bundle);
        }
        Set<Path> own = new LinkedHashSet<>();
        Set<Path> nested = new LinkedHashSet<>();
        try {
            own.add(Path.of(Bundle.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            for (Bundle b : closureBundles(roots).stream().sorted(Comparator.comparing(Bundle::getSymbolicName))
                    .toList()) {
                if (b.getBundleId() == 0) {
                    continue; // the framework, above
                }
                Optional<File> location = FileLocator.getBundleFileLocation(b);
                if (location.isEmpty()) {
                    return Optional.empty();
                }
                Path root = location.get().toPath().toAbsolutePath().normalize();
                String devEntries = dev.getProperty(b.getSymbolicName(), dev.getProperty("*"));
                if (devEntries != null) {
                    for (String entry : devEntries.split(",")) {
                        Path p = root.resolve(entry.strip());
                        if (Files.exists(p)) {
                            own.add(p);
                        }
                    }
                }
                for (String entry : bundleClassPath(b.getHeaders("").get(Constants.BUNDLE_CLASSPATH))) {
                    if (entry.equals(".")) {
                        if (devEntries == null) { // in development mode, the project's folder: no classes there
                            own.add(root);
                        }
                    } else if (Files.isDirectory(root)) {
                        Path p = root.resolve(entry).normalize();
                        if (Files.exists(p)) {
                            nested.add(p);
                        }
                    } else {
                        return Optional.empty(); // nested in a jar: only Equinox knows where it unpacked it
                    }
                }
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
        List<Path> path = new ArrayList<>(own);
        nested.stream().filter(p -> !own.contains(p)).forEach(path::add);
        return Optional.of(path);
    }

    /** A Bundle-ClassPath header's entries, "." where it has none. */
    static List<String> bundleClassPath(String header) {
        if (header == null || header.isBlank()) {
            return List.of(".");
        }
        List<String> entries = new ArrayList<>();
        for (String clause : header.split(",")) {
            for (String path : clause.split(";")) {
                path = path.strip();
                if (!path.isEmpty() && !path.contains("=")) { // not a parameter or directive
                    entries.add(path.startsWith("/") ? path.substring(1) : path);
                }
            }
        }
        return entries;
    }

    /** The symbolic names of {@code roots} and of every bundle they are wired to, fragments included. */
    static Set<String> closure(Collection<Bundle> roots) {
        Set<String> names = new TreeSet<>();
        closureBundles(roots).forEach(b -> names.add(b.getSymbolicName()));
        return names;
    }

    private static Set<Bundle> closureBundles(Collection<Bundle> roots) {
        Set<Bundle> seen = new HashSet<>(roots);
        Deque<Bundle> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            BundleWiring wiring = todo.pop().adapt(BundleWiring.class);
            if (wiring == null) {
                continue; // not resolved: nothing it needs is known
            }
            for (BundleWire wire : wiring.getRequiredWires(null)) { // packages, bundles, hosts, extenders...
                if (seen.add(wire.getProvider().getBundle())) {
                    todo.push(wire.getProvider().getBundle());
                }
            }
            for (BundleWire wire : wiring.getProvidedWires(HostNamespace.HOST_NAMESPACE)) { // its fragments
                if (seen.add(wire.getRequirer().getBundle())) {
                    todo.push(wire.getRequirer().getBundle());
                }
            }
        }
        return seen;
    }

    /** {@code bundlesInfo} with only the lines of {@code keep} (and its comments). */
    static String only(List<String> bundlesInfo, Set<String> keep) {
        StringBuilder kept = new StringBuilder();
        for (String line : bundlesInfo) {
            if (line.startsWith("#") || keep.contains(line.split(",")[0])) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}
