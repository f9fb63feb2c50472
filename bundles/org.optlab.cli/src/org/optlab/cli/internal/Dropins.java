package org.optlab.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The jars in an installation's dropins/ folder that did not become plugins. p2's dropins reconciler passes over a
 * jar it cannot read without a word to the user (only the workspace's .log knows); these checks say it where the
 * other skipped contributions are said: on stderr of {@code optlab list optimizers}, naming the file.
 */
final class Dropins {

    /** dropins/*.jar, dropins/NAME/plugins/*.jar and dropins/NAME/eclipse/plugins/*.jar are all read by p2. */
    private static final int DEPTH = 4;

    private Dropins() {
    }

    /** The problems of the running installation's dropins/, one line each, starting with the file's path. */
    static List<String> problems() {
        if (System.getProperty("osgi.install.area") == null && Installation.forTests == null) {
            return List.of();
        }
        Path folder = Installation.current().folder();
        Bundle self = FrameworkUtil.getBundle(Dropins.class);
        Function<String, Bundle> installed = name -> {
            if (self == null || self.getBundleContext() == null) {
                return null;
            }
            for (Bundle b : self.getBundleContext().getBundles()) {
                if (name.equals(b.getSymbolicName())) {
                    return b;
                }
            }
            return null;
        };
        return problems(folder, installed);
    }

    /**
     * The problems of {@code installation}/dropins: a jar that is not a readable zip, one without an OSGi manifest
     * (neither a bundle nor a feature), and a bundle the framework installed but could not resolve.
     *
     * @param installed the framework's bundle of a symbolic name, or null when there is none
     */
    static List<String> problems(Path installation, Function<String, Bundle> installed) {
        Path dropins = installation.resolve("dropins");
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dropins)) {
            return problems;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.walk(dropins, DEPTH)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(dropins + ": cannot read the folder: " + e.getMessage());
            return problems;
        }
        for (Path jar : jars) {
            String name = installation.relativize(jar).toString();
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                Manifest manifest = file.getManifest();
                String symbolicName = manifest == null ? null
                        : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                if (symbolicName == null) {
                    if (file.getEntry("feature.xml") == null) {
                        problems.add(name + ": not a plugin (no Bundle-SymbolicName in META-INF/MANIFEST.MF); expected"
                                + " an OSGi bundle jar");
                    }
                    continue;
                }
                String id = symbolicName.split(";")[0].strip();
                Bundle bundle = installed.apply(id);
                if (bundle != null && bundle.getState() == Bundle.INSTALLED) {
                    problems.add(name + ": plugin " + id + " is installed but cannot run: its required plugins or"
                            + " packages are missing (see its MANIFEST.MF)");
                }
            } catch (IOException e) {
                problems.add(name + ": not a readable jar (" + e.getMessage() + "); replace or delete it");
            }
        }
        return problems;
    }
}
