package org.optlab.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.optlab.runner.process.ChildRun.SelfLaunch;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The OptLab installation this command line runs from, as p2 sees it: its folder, its p2 profile (what is
 * installed, and which features are OptLab's own), and its p2 director, run as a child process that changes the
 * installation's profile (the new plugins appear at the next start).
 */
final class Installation {

    /** The p2 id suffix of a feature's group unit. */
    static final String GROUP = ".feature.group";

    private static final String PROPERTY_ROOT = "org.eclipse.equinox.p2.type.root";
    private static final String PROPERTY_PRODUCT = "org.eclipse.equinox.p2.type.product";

    private final Path folder;

    Installation(Path folder) {
        this.folder = folder;
    }

    /** Tests point the commands at a fake installation; null: the running framework's. */
    static volatile Installation forTests;

    /** The installation of the running framework ({@code osgi.install.area}). */
    static Installation current() {
        if (forTests != null) {
            return forTests;
        }
        String area = System.getProperty("osgi.install.area");
        if (area == null) {
            throw new IllegalStateException("this is not an OptLab installation (osgi.install.area is not set)");
        }
        try {
            return new Installation(Path.of(new URI(area.replace(" ", "%20"))));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Installation(Path.of(area.replaceFirst("^file:", "")));
        }
    }

    Path folder() {
        return folder;
    }

    /** The name of the installation's p2 profile (config.ini's eclipse.p2.profile). */
    String profileName() {
        Properties ini = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve("configuration/config.ini"))) {
            ini.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(folder + " is not an OptLab installation (no configuration/config.ini)");
        }
        return ini.getProperty("eclipse.p2.profile", "DefaultProfile");
    }

    /** What the profile says: its root features with their versions, and the features the product consists of. */
    record Profile(Map<String, String> rootFeatures, Set<String> ownFeatures) {

        /** The installed features that are not OptLab's own: the plugins, id (without .feature.group) to version. */
        Map<String, String> plugins() {
            Map<String, String> plugins = new LinkedHashMap<>();
            rootFeatures.forEach((id, version) -> {
                if (!ownFeatures.contains(id)) {
                    plugins.put(id, version);
                }
            });
            return plugins;
        }
    }

    /** Reads the newest state of the installation's p2 profile. */
    Profile profile() {
        Path registry = folder.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/" + profileName() + ".profile");
        Path newest;
        try (Stream<Path> states = Files.list(registry)) {
            // p2 names each state of a profile by its time stamp in milliseconds
            newest = states.filter(p -> p.getFileName().toString().matches("\\d+\\.profile(\\.gz)?"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().split("\\.")[0])))
                    .orElseThrow(() -> new IOException("no profile state in it"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the p2 profile of " + folder + " (" + registry + "): "
                    + e.getMessage());
        }
        try (InputStream raw = Files.newInputStream(newest);
                InputStream in = newest.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return parseProfile(in);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read the p2 profile " + newest + ": " + e.getMessage());
        }
    }

    /**
     * Parses a p2 profile: root features are the roots (property {@value #PROPERTY_ROOT}) whose id ends in
     * {@value #GROUP}; OptLab's own are the features a product unit (property {@value #PROPERTY_PRODUCT}) requires.
     */
    static Profile parseProfile(InputStream xml) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document = factory.newDocumentBuilder().parse(xml);
        Set<String> own = new LinkedHashSet<>();
        for (Element unit : elements(document.getElementsByTagName("unit"))) {
            if (!"true".equals(property(unit, PROPERTY_PRODUCT))) {
                continue;
            }
            for (Element required : elements(unit.getElementsByTagName("required"))) {
                String name = required.getAttribute("name");
                if ("org.eclipse.equinox.p2.iu".equals(required.getAttribute("namespace")) && name.endsWith(GROUP)) {
                    own.add(featureId(name));
                }
            }
        }
        Map<String, String> roots = new LinkedHashMap<>();
        for (Element ius : elements(document.getElementsByTagName("iuProperties"))) {
            String id = ius.getAttribute("id");
            if (id.endsWith(GROUP) && "true".equals(property(ius, PROPERTY_ROOT))) {
                roots.put(featureId(id), ius.getAttribute("version"));
            }
        }
        return new Profile(roots, own);
    }

    /** A feature's id as users write it: "com.example.feature" for "com.example.feature.feature.group". */
    static String featureId(String id) {
        return id.endsWith(GROUP) ? id.substring(0, id.length() - GROUP.length()) : id;
    }

    private static String property(Element owner, String name) {
        for (Element property : elements(owner.getElementsByTagName("property"))) {
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    /** What a p2 director run printed (stdout and stderr together) and its exit code. */
    record DirectorResult(int code, List<String> lines) {

        /** p2's own explanation in one line: its messages, less the progress and timing lines. */
        String reason() {
            List<String> said = lines.stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("Operation ") && !l.startsWith("Installing ")
                            && !l.startsWith("Uninstalling ") && !l.startsWith("WARNING: "))
                    .toList();
            return said.isEmpty() ? "p2 exited with code " + code : String.join(" ", said);
        }
    }

    /**
     * Runs this installation's p2 director ({@code -destination} this folder, its profile) with {@code arguments}
     * in a child JVM started like this one. It runs on the installation's own configuration area, as a start of
     * the product would: on a copy, p2's dropins reconciler (started in every framework of this product) takes the
     * copy for the installation and drops every bundle from the profile.
     */
    DirectorResult director(List<String> arguments) {
        try {
            SelfLaunch self = SelfLaunch.current();
            List<String> command = new ArrayList<>();
            command.add(self.java());
            self.jvmArguments().stream().filter(a -> !a.startsWith("-XX:TieredStopAtLevel")
                    && !a.equals("--add-modules") && !a.equals("jdk.incubator.vector")).forEach(command::add);
            command.add("-XX:TieredStopAtLevel=1"); // a short task: C1 alone starts faster
            command.addAll(List.of("-jar", self.launcher(), "-install", folder.toString(), "-nosplash"));
            command.addAll(self.passOn());
            command.addAll(List.of("-application", "org.eclipse.equinox.p2.director", "-destination",
                    folder.toString(), "-profile", profileName()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            return new DirectorResult(process.waitFor(), lines);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the p2 director of " + folder + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while p2 was working on " + folder);
        }
    }
}
