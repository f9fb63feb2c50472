package org.optlab.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code optlab install SITE}, {@code optlab uninstall FEATURE} and {@code optlab plugins}: optimizer plugins are p2
 * features, installed into this installation's profile by its own p2 director (a child process); they take effect
 * at the next start, in the window and on the command line alike. OptLab's own features cannot be uninstalled.
 */
final class PluginCommands {

    /** The files that make a folder or the top of a zip a p2 repository. */
    private static final Set<String> INDEXES = Set.of("content.jar", "content.xml", "content.xml.xz",
            "compositeContent.jar", "compositeContent.xml", "p2.index");

    private PluginCommands() {
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install the plugins (features) of a p2 update site, a zip file or a folder, into this "
                    + "OptLab; they are available from the next start.")
    static final class Install implements Runnable {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SITE", description = "the update site: a .zip file or a folder")
        Path site;

        @Override
        public void run() {
            String url = siteUrl(site);
            Installation target = Installation.current();
            var listed = target.director(List.of("-repository", url, "-list"));
            if (listed.code() != 0) {
                throw new IllegalStateException("p2 cannot read the update site " + site + ": " + listed.reason());
            }
            List<String> features = new ArrayList<>();
            for (String line : listed.lines()) {
                int equals = line.indexOf('=');
                if (equals > 0 && line.substring(0, equals).endsWith(Installation.GROUP)) {
                    features.add(line.substring(0, equals).strip());
                }
            }
            if (features.isEmpty()) {
                throw new IllegalStateException(site + " offers no feature to install");
            }
            var err = spec.commandLine().getErr();
            String names = String.join(", ", features.stream().map(Installation::featureId).toList());
            err.println("optlab: installing " + names + " from " + site + "...");
            err.flush();
            var installed = target.director(List.of("-repository", url, "-installIU", String.join(",", features),
                    "-profileProperties", "org.eclipse.update.install.features=true"));
            if (installed.code() != 0) {
                throw new IllegalStateException("p2 could not install " + names + ": " + installed.reason());
            }
            err.println("optlab: installed " + names
                    + "; the plugins' optimizers are available from the next start (optlab list optimizers)");
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove an installed plugin feature (optlab plugins lists them); its optimizers are gone "
                    + "from the next start. OptLab's own features stay.")
    static final class Uninstall implements Runnable {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FEATURE",
                description = "the feature's id, e.g. com.example.optlab.optimizers.feature")
        String feature;

        @Override
        public void run() {
            String id = Installation.featureId(feature.strip());
            Installation target = Installation.current();
            Installation.Profile profile = target.profile();
            if (profile.ownFeatures().contains(id)) {
                throw new IllegalStateException(id + " is part of OptLab and cannot be uninstalled; optlab plugins"
                        + " lists the plugins that can");
            }
            if (!profile.rootFeatures().containsKey(id)) {
                Map<String, String> plugins = profile.plugins();
                throw new IllegalStateException(id + " is not installed; " + (plugins.isEmpty()
                        ? "no plugins are (jars in dropins/ are removed by deleting them)"
                        : "installed plugins: " + String.join(", ", plugins.keySet())));
            }
            var removed = target.director(List.of("-uninstallIU", id + Installation.GROUP));
            if (removed.code() != 0) {
                throw new IllegalStateException("p2 could not remove " + id + ": " + removed.reason());
            }
            spec.commandLine().getErr().println("optlab: removed " + id + "; its optimizers are gone from the next"
                    + " start");
        }
    }

    @Command(name = "plugins", mixinStandardHelpOptions = true,
            description = "List the installed plugin features (id and version), less OptLab's own.")
    static final class Plugins implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Installation target = Installation.current();
            Map<String, String> plugins = target.profile().plugins();
            if (plugins.isEmpty()) {
                spec.commandLine().getErr().println("optlab: no plugins installed (optlab install SITE adds some;"
                        + " jars in dropins/ count too)");
            }
            plugins.forEach((id, version) -> spec.commandLine().getOut().println(id + " " + version));
        }
    }

    /**
     * The p2 URL of an update site given as a folder or a zip file.
     *
     * @throws IllegalStateException saying why {@code site} is not an update site
     */
    static String siteUrl(Path site) {
        if (!Files.exists(site)) {
            throw new IllegalStateException(site + " does not exist; expected an update site (a .zip file or a"
                    + " folder)");
        }
        Path path = site.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            if (INDEXES.stream().noneMatch(index -> Files.isRegularFile(path.resolve(index)))) {
                throw new IllegalStateException(site + " is not a p2 update site (no content.jar, content.xml or"
                        + " content.xml.xz in it)");
            }
            return path.toUri().toString();
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (INDEXES.stream().noneMatch(index -> zip.getEntry(index) != null)) {
                throw new IllegalStateException(site + " is not a zipped p2 update site (no content.jar or"
                        + " content.xml at its top)");
            }
        } catch (ZipException e) {
            throw new IllegalStateException(site + " is neither a folder nor a zip file; expected an update site");
        } catch (IOException e) {
            throw new IllegalStateException(site + ": cannot read: " + e.getMessage());
        }
        return "jar:" + path.toUri() + "!/";
    }
}
