package org.optlab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.runner.experiment.TrainingExperiment.Backend;

/**
 * {@code optlab install|uninstall|plugins}, the dropins/ report of {@code list optimizers}, and when {@code run}
 * starts itself again for another ND4J backend. The commands run against a fake installation (a config.ini and a
 * p2 profile written here); every case below is decided before p2's director would be started.
 */
class PluginCommandsTest {

    @TempDir
    Path dir;

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    @AfterEach
    void realInstallation() {
        Installation.forTests = null;
    }

    /** A p2 profile state: a product unit requiring {@code own}, and {@code roots} marked as roots. */
    private static String profile(List<String> own, Map<String, String> roots) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n<profile id='TestProfile'>"
                + "<units size='2'><unit id='org.optlab.product' version='0.1.0'><properties size='1'>"
                + "<property name='org.eclipse.equinox.p2.type.product' value='true'/></properties><requires>");
        own.forEach(f -> xml.append("<required namespace='org.eclipse.equinox.p2.iu' name='").append(f)
                .append(".feature.group' range='0.1.0'/>"));
        xml.append("<required namespace='org.eclipse.equinox.p2.iu' name='tooling.osgi.bundle.default'"
                + " range='[1.0.0,1.0.0]'/></requires></unit>"
                // a unit that requires a feature but is no product: its requirement makes nothing OptLab's own
                + "<unit id='com.example.other' version='1.0.0'><requires><required"
                + " namespace='org.eclipse.equinox.p2.iu' name='com.example.x.feature.group' range='0'/></requires>"
                + "</unit></units><iusProperties>");
        roots.forEach((id, version) -> xml.append("<iuProperties id='").append(id).append("' version='")
                .append(version).append("'><properties><property name='org.eclipse.equinox.p2.type.root'"
                        + " value='true'/></properties></iuProperties>"));
        return xml.append("</iusProperties></profile>").toString();
    }

    /** An installation whose newest profile state has the lab, the runtime and one plugin feature. */
    private Path fakeInstallation() throws IOException {
        Path home = dir.resolve("optlab");
        Files.createDirectories(home.resolve("configuration"));
        Files.writeString(home.resolve("configuration/config.ini"), "eclipse.p2.profile=TestProfile\n");
        Path registry = Files.createDirectories(
                home.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/TestProfile.profile"));
        List<String> own = List.of("org.optlab.lab.feature", "org.optlab.runtime.feature");
        writeGzip(registry.resolve("1000.profile.gz"), profile(own, Map.of("org.optlab.lab.feature.feature.group",
                "0.1.0", "com.old.feature.feature.group", "0.9.0")));
        writeGzip(registry.resolve("9000.profile.gz"), profile(own, Map.of("org.optlab.lab.feature.feature.group",
                "0.1.0", "org.optlab.runtime.feature.feature.group", "0.1.0", "org.optlab.product", "0.1.0",
                "com.example.optlab.optimizers.feature.feature.group", "1.0.0.v1")));
        Installation.forTests = new Installation(home);
        return home;
    }

    private static void writeGzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void helpListsThePluginCommands() {
        Cli.Result r = run("--help");
        assertEquals(0, r.code());
        for (String command : List.of("install", "uninstall", "plugins")) {
            assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith(command + " ")), command + ": " + r.out());
        }
    }

    @Test
    void uninstallRefusesOptLabsOwnFeaturesInOneLine() throws IOException {
        fakeInstallation();
        for (String id : List.of("org.optlab.lab.feature", "org.optlab.runtime.feature.feature.group")) {
            Cli.Result r = run("uninstall", id);
            assertEquals(1, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            String feature = Installation.featureId(id);
            assertEquals("optlab: " + feature + " is part of OptLab and cannot be uninstalled; optlab plugins lists"
                    + " the plugins that can", r.err().strip());
        }
    }

    @Test
    void uninstallOfAFeatureThatIsNotInstalledNamesThePluginsThatAre() throws IOException {
        fakeInstallation();
        Cli.Result r = run("uninstall", "com.old.feature"); // a root of an older profile state only
        assertEquals(1, r.code());
        assertEquals("optlab: com.old.feature is not installed; installed plugins:"
                + " com.example.optlab.optimizers.feature", r.err().strip());
    }

    @Test
    void pluginsListsTheInstalledFeaturesLessOptLabsOwnFromTheNewestProfileState() throws IOException {
        fakeInstallation();
        Cli.Result r = run("plugins");
        assertEquals(0, r.code(), r.err());
        assertEquals("com.example.optlab.optimizers.feature 1.0.0.v1", r.out().strip());
        assertEquals("", r.err());
    }

    @Test
    void pluginsWithoutAnySaysHowToAddThem() throws IOException {
        Path home = fakeInstallation();
        Path registry = home.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/TestProfile.profile");
        writeGzip(registry.resolve("9500.profile.gz"), profile(List.of("org.optlab.lab.feature"),
                Map.of("org.optlab.lab.feature.feature.group", "0.1.0")));
        Cli.Result r = run("plugins");
        assertEquals(0, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("optlab: no plugins installed (optlab install SITE"), r.err());
    }

    @Test
    void installSaysWhyASiteIsNoUpdateSite() throws IOException {
        fakeInstallation();
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path zip = dir.resolve("plain.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("plugins/a.jar"));
            out.closeEntry();
        }
        Path noise = dir.resolve("noise.zip");
        Files.write(noise, randomBytes(4096));
        Map<Path, String> expected = Map.of(dir.resolve("missing.zip"), " does not exist; expected an update site",
                folder, " is not a p2 update site (no content.jar", zip, " is not a zipped p2 update site",
                noise, " is neither a folder nor a zip file");
        expected.forEach((site, message) -> {
            Cli.Result r = run("install", site.toString());
            assertEquals(1, r.code(), site + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("optlab: " + site + message), r.err());
        });
        Cli.Result usage = run("install");
        assertEquals(OptlabCommand.USAGE, usage.code());
        assertTrue(usage.err().contains("Missing required parameter: 'SITE'"), usage.err());
    }

    @Test
    void siteUrlsOfAFolderAndAZip() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("site"));
        Files.writeString(folder.resolve("content.xml"), "<repository/>");
        assertEquals(folder.toUri().toString(), PluginCommands.siteUrl(folder));
        Path zip = dir.resolve("site.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("content.jar"));
            out.closeEntry();
        }
        assertEquals("jar:" + zip.toUri() + "!/", PluginCommands.siteUrl(zip));
    }

    @Test
    void corruptAndNonPluginJarsInDropinsAreNamed() throws IOException {
        Path home = fakeInstallation();
        Path dropins = Files.createDirectories(home.resolve("dropins/extra/plugins"));
        Files.write(home.resolve("dropins/x.jar"), randomBytes(2048));
        Files.write(dropins.resolve("plain.jar"), jar(null));
        Files.write(home.resolve("dropins/good.jar"), jar("com.example.good;singleton:=true"));

        List<String> problems = Dropins.problems(home, name -> null);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("dropins/extra/plugins/plain.jar: not a plugin"), problems.toString());
        assertTrue(problems.get(1).startsWith("dropins/x.jar: not a readable jar ("), problems.toString());

        Cli.Result r = run("list", "optimizers");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch("adam"::equals), r.out());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("optlab: skipped dropins/x.jar: not a readable jar")),
                r.err());
        assertFalse(r.err().contains("good.jar"), r.err());
    }

    @Test
    void runStartsItselfAgainOnlyWhenThisJvmWouldGetTheOtherBackend() {
        Map<String, String> none = Map.of();
        Map<String, String> cpu = Map.of("BACKEND_PRIORITY_CPU", "200", "BACKEND_PRIORITY_GPU", "0");
        Map<String, String> gpu = Map.of("BACKEND_PRIORITY_CPU", "0", "BACKEND_PRIORITY_GPU", "200");
        // ND4J's defaults (CPU 0, GPU 100) prefer the GPU: right for a GPU run, wrong for a CPU run with CUDA there
        assertFalse(BackendRelaunch.needed(Backend.GPU, none, true));
        assertTrue(BackendRelaunch.needed(Backend.CPU, none, true));
        assertFalse(BackendRelaunch.needed(Backend.CPU, none, false));
        // the start script's defaults prefer the CPU
        assertTrue(BackendRelaunch.needed(Backend.GPU, cpu, false));
        assertFalse(BackendRelaunch.needed(Backend.CPU, cpu, true));
        assertFalse(BackendRelaunch.needed(Backend.GPU, gpu, true));
        assertTrue(BackendRelaunch.needed(Backend.CPU, gpu, true));
        // equal priorities: not higher, so not the GPU; unreadable values count as ND4J's defaults
        assertTrue(BackendRelaunch.needed(Backend.GPU, Map.of("BACKEND_PRIORITY_CPU", "5",
                "BACKEND_PRIORITY_GPU", "5"), true));
        assertFalse(BackendRelaunch.needed(Backend.GPU, Map.of("BACKEND_PRIORITY_GPU", "lots"), true));
        // a relaunched child never starts another
        assertFalse(BackendRelaunch.needed(Backend.GPU, Map.of("BACKEND_PRIORITY_CPU", "200",
                BackendRelaunch.MARK, "1"), true));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(12).nextBytes(bytes);
        return bytes;
    }

    /** A jar with a manifest that names {@code symbolicName}, or none. */
    private static byte[] jar(String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new ZipEntry("a/B.class"));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
