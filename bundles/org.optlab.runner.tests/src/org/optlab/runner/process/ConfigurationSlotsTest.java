package org.optlab.runner.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationSlotsTest {

    @TempDir
    Path base;

    @Test
    void foldersOfSourcesGoneOrWrittenAgainAreRemovedUnlessASlotIsInUse() throws Exception {
        Path mine = Files.createDirectories(base.resolve("mine"));
        Path ini = Files.writeString(base.resolve("config.ini"), "x");
        long written = Files.getLastModifiedTime(ini).toMillis();
        Path current = folder(mine, "current", ini, written);
        Path rewritten = folder(mine, "rewritten", ini, written - 60_000);
        Path gone = folder(mine, "gone", base.resolve("nothing/config.ini"), written);
        Path held = folder(mine, "held", base.resolve("nothing/config.ini"), written);
        Path unnamed = Files.createDirectories(mine.resolve("unnamed"));
        try (ConfigurationSlots.Slot slot = ConfigurationSlots.take(held, ini.getParent())) {
            Files.writeString(slot.directory().resolveSibling("worker.jsa"), "archive");
            ConfigurationSlots.removeStale(mine);
            assertTrue(Files.isDirectory(current), "its config.ini is as it was");
            assertFalse(Files.exists(rewritten), "its config.ini was written again since");
            assertFalse(Files.exists(gone), "its config.ini is gone");
            assertTrue(Files.isRegularFile(held.resolve("0/worker.jsa")), "a slot in use keeps its folder");
            assertTrue(Files.isDirectory(unnamed), "not known to be stale");
        }
        ConfigurationSlots.removeStale(mine);
        assertFalse(Files.exists(held), "once the slot is given back");
    }

    /** A source's folder as base() makes it, with a free slot. */
    private static Path folder(Path mine, String name, Path ini, long written) throws Exception {
        Path folder = Files.createDirectories(mine.resolve(name));
        Files.writeString(folder.resolve(ConfigurationSlots.SOURCE), ini + "\n" + written + "\n");
        ConfigurationSlots.take(folder, ini.getParent()).close();
        return folder;
    }

    @Test
    void slotsAreHeldOneAtATimeAndTheFirstFreeIsTakenAgain() throws Exception {
        Path source = base.resolve("source");
        try (ConfigurationSlots.Slot a = ConfigurationSlots.take(base, source)) {
            ConfigurationSlots.Slot b = ConfigurationSlots.take(base, source);
            assertEquals(base.resolve("0/configuration"), a.directory());
            assertEquals(base.resolve("1/configuration"), b.directory());
            b.close();
            b.close(); // a second close does nothing
            try (ConfigurationSlots.Slot c = ConfigurationSlots.take(base, source)) {
                assertEquals(base.resolve("1/configuration"), c.directory(), "the first free slot");
            }
        }
        try (ConfigurationSlots.Slot d = ConfigurationSlots.take(base, source)) {
            assertEquals(base.resolve("0/configuration"), d.directory(), "slot 0 is free again");
            assertTrue(Files.isDirectory(d.directory()), "and warm: its folder is kept");
        }
    }

    /**
     * An orphan: its parent died (no lock held), its pid still beside slot 0, {@code argument} on its command line;
     * while it runs, the next taker gets slot 1.
     */
    private void assertSlotZeroHeldByAProcessNaming(String argument) throws Exception {
        Process orphan = new ProcessBuilder("sh", "-c", "sleep 60", argument).start();
        try {
            Files.writeString(base.resolve("0.pid"), Long.toString(orphan.pid()));
            try (ConfigurationSlots.Slot s = ConfigurationSlots.take(base, base)) {
                assertEquals(base.resolve("1/configuration"), s.directory(), argument);
            }
        } finally {
            orphan.destroyForcibly();
            assertTrue(orphan.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aChildOrphanedByAKilledParentKeepsItsSlotUntilItEnds() throws Exception {
        Path area = base.resolve("0/configuration");
        assertSlotZeroHeldByAProcessNaming(area.toString());
        try (ConfigurationSlots.Slot s = ConfigurationSlots.take(base, base)) {
            assertEquals(area, s.directory(), "its process is gone: the slot is free");
        }
    }

    @Test
    void aChildThatNamesAFileOfItsSlotHoldsIt() throws Exception {
        // a child without OSGi has no configuration area: its command line names its slot's AOT cache instead
        assertSlotZeroHeldByAProcessNaming("-XX:AOTCache=" + base.resolve("0/worker-1.aot"));
    }

    @Test
    void aSlotHandedOverIsHeldByItsChildUntilTheChildEnds() throws Exception {
        ConfigurationSlots.Slot s = ConfigurationSlots.take(base, base);
        Process child = new ProcessBuilder("sh", "-c", "sleep 60", s.directory().toString()).start();
        try {
            s.holder(child.toHandle());
            s.handOver(); // this process lets go of it: the lab that started a run may close
            s.close(); // nothing more to give back
            assertTrue(Files.exists(base.resolve("0.pid")), "the child's pid stays beside its area");
            try (ConfigurationSlots.Slot next = ConfigurationSlots.take(base, base)) {
                assertEquals(base.resolve("1/configuration"), next.directory(), "slot 0 is the running child's");
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        try (ConfigurationSlots.Slot again = ConfigurationSlots.take(base, base)) {
            assertEquals(base.resolve("0/configuration"), again.directory(), "its child has ended: free, and warm");
        }
    }

    @Test
    void aStalePidOfAProcessElsewhereDoesNotHoldTheSlot() throws Exception {
        // this JVM is alive but does not run in the area: a pid reused by an unrelated process
        Files.writeString(base.resolve("0.pid"), Long.toString(ProcessHandle.current().pid()));
        try (ConfigurationSlots.Slot s = ConfigurationSlots.take(base, base)) {
            assertEquals(base.resolve("0/configuration"), s.directory());
            s.holder(ProcessHandle.current());
            assertTrue(Files.exists(base.resolve("0.pid")));
        }
        assertFalse(Files.exists(base.resolve("0.pid")), "giving the slot back removes its pid");
    }

    @Test
    void theUsersFolderIsPrivateAndEachSourceHasItsOwn() throws Exception {
        Path a = ConfigurationSlots.base(base.resolve("a")).orElseThrow();
        Path b = ConfigurationSlots.base(base.resolve("b")).orElseThrow();
        try {
            assertFalse(a.equals(b));
            assertEquals(a.getParent(), b.getParent());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.getParent())));
            assertEquals(a, ConfigurationSlots.base(base.resolve("x/../a")).orElseThrow(), "the same source");
        } finally { // the user's folder is shared with real children: leave only what they use
            org.optlab.runner.Trees.delete(a);
            org.optlab.runner.Trees.delete(b);
        }
        // a source written again (a new build in the same folder) gets areas of its own
        Path source = Files.createDirectories(base.resolve("c"));
        Files.writeString(source.resolve("config.ini"), "osgi.bundles=x\n");
        Files.setLastModifiedTime(source.resolve("config.ini"), FileTime.fromMillis(1_000_000_000_000L));
        Path before = ConfigurationSlots.base(source).orElseThrow();
        Files.setLastModifiedTime(source.resolve("config.ini"), FileTime.fromMillis(1_000_000_001_000L));
        Path after = ConfigurationSlots.base(source).orElseThrow();
        try {
            assertFalse(before.equals(after));
            assertEquals(after, ConfigurationSlots.base(source).orElseThrow(), "the same build: the same areas");
            assertEquals(List.of(source.resolve("config.ini").toString(), "1000000001000"), Files.readAllLines(after
                    .resolve(ConfigurationSlots.SOURCE)), "the folder names its source, to be known stale later");
        } finally {
            org.optlab.runner.Trees.delete(before);
            org.optlab.runner.Trees.delete(after);
        }
    }

    @Test
    void aKeptAreaIsWrittenOnlyWhereItsSourceChanged() throws Exception {
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        Files.writeString(configuration.resolve("config.ini"), "eclipse.p2.data.area=@config.dir/../p2\n");
        Path bundles = Files.createDirectories(configuration.resolve("org.eclipse.equinox.simpleconfigurator"));
        Files.writeString(bundles.resolve("bundles.info"), "a,1.0,plugins/a.jar,4,false\n");
        ChildRun.SelfLaunch self = new ChildRun.SelfLaunch("java", List.of(), "launcher.jar", base, configuration,
                List.of());
        Path copy = Files.createDirectories(base.resolve("copy"));
        List<String> command = self.command(copy, List.of("list", "optimizers"));
        assertEquals(List.of("java", "-jar", "launcher.jar", "-install", base.toString(), "-configuration",
                copy.toString(), "-nosplash", "-application", "org.optlab.cli.application", "list", "optimizers"),
                command);
        Path ini = copy.resolve("config.ini");
        Path info = copy.resolve("org.eclipse.equinox.simpleconfigurator/bundles.info");
        assertEquals("eclipse.p2.data.area=" + configuration.toUri().getPath() + "../p2\n", Files.readString(ini));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(ini, old);
        Files.setLastModifiedTime(info, old);
        self.command(copy, List.of());
        assertEquals(old, Files.getLastModifiedTime(ini), "unchanged: left alone");
        assertEquals(old, Files.getLastModifiedTime(info), "unchanged: left alone");
        Files.writeString(bundles.resolve("bundles.info"), "a,1.1,plugins/a.jar,4,false\n");
        self.command(copy, List.of());
        assertEquals("a,1.1,plugins/a.jar,4,false\n", Files.readString(info), "a changed bundle list is copied");
        assertEquals(old, Files.getLastModifiedTime(ini));
    }
}
