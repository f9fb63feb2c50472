package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetProvider;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Datasets;
import org.optlab.datasets.internal.Moons;

class DatasetRegistryTest {

    private static final List<String> BUILTIN_IDS = List.of("blobs", "cifar10", "fashion-mnist", "linear", "logistic",
            "mnist", "moons", "spirals");

    @Test
    void builtinsAreSortedById() {
        DatasetRegistry registry = Datasets.builtinRegistry();
        assertEquals(BUILTIN_IDS, registry.ids());
        assertEquals(BUILTIN_IDS, registry.providers().stream().map(DatasetProvider::id).toList());
        assertTrue(registry.problems().isEmpty(), registry.problems().toString());
        assertInstanceOf(Moons.class, registry.byId("moons").orElseThrow());
        assertTrue(registry.byId("nope").isEmpty());
        registry.providers().forEach(p -> assertFalse(p.description().isBlank(), p.id()));
    }

    @Test
    void loadsByIdAndReportsUnknownIdsAndOptions() {
        DatasetRegistry registry = Datasets.builtinRegistry();
        assertEquals(1000, registry.load("moons", new DatasetRequest(1)).train().size());
        var e = assertThrows(DatasetException.class, () -> registry.load("mnits", new DatasetRequest(1)));
        assertEquals("id", e.field());
        assertEquals("unknown dataset 'mnits'; known: " + BUILTIN_IDS, e.getMessage());
        e = assertThrows(DatasetException.class,
                () -> registry.load("spirals", new DatasetRequest(1, Map.of("arms", 4), null)));
        assertEquals("arms", e.field());
        assertEquals("unknown option 'arms'; known: [classes, n, noise, test]", e.getMessage());
    }

    @Test
    void duplicateAndBrokenProvidersAreReportedAndSkipped() {
        DatasetRegistry registry = new DatasetRegistry(List.of(new Moons(), new FaultyProviders.TwiceA(), new Moons(),
                new FaultyProviders.FailingId(), new FaultyProviders.TwiceB()));
        assertEquals(List.of("moons", "twice"), registry.ids());
        assertInstanceOf(FaultyProviders.TwiceA.class, registry.byId("twice").orElseThrow());
        String moons = Moons.class.getName();
        String twiceA = FaultyProviders.TwiceA.class.getName();
        String twiceB = FaultyProviders.TwiceB.class.getName();
        assertEquals(List.of(
                moons + ": dataset id 'moons' is contributed already by " + moons + "; this one is ignored",
                FaultyProviders.FailingId.class.getName() + ": cannot read the dataset id:"
                        + " java.lang.IllegalStateException: no id on purpose",
                twiceB + ": dataset id 'twice' is contributed already by " + twiceA + "; this one is ignored"),
                registry.problems());
    }

    @Test
    void theExtensionRegistryHasEveryBuiltinAndReportsEachBrokenContributionOnce() {
        // This fragment's fragment.xml contributes six broken entries besides the host's built-ins.
        DatasetRegistry registry = DatasetRegistry.fromExtensions();
        List<String> expectedIds = new ArrayList<>(BUILTIN_IDS);
        expectedIds.add("twice");
        assertEquals(expectedIds, registry.ids());
        assertEquals(Datasets.builtins().stream().map(DatasetProvider::id).sorted().toList(),
                registry.ids().subList(0, BUILTIN_IDS.size()));

        List<String> problems = registry.problems();
        assertEquals(5, problems.size(), problems.toString());
        for (String broken : List.of("FaultyProviders$FailingConstructor", "FaultyProviders$FailingId",
                "FaultyProviders$NotAProvider", "NoSuchProvider")) {
            assertEquals(1, problems.stream().filter(p -> p.contains("org.optlab.datasets.tests." + broken + ")"))
                    .count(), broken + " in " + problems);
        }
        assertTrue(problems.stream().anyMatch(p -> p.contains("dataset id 'twice' is contributed already by")),
                problems.toString());
        // each line starts with the contributing plugin's name
        problems.forEach(p -> assertTrue(p.startsWith("org.optlab.datasets"), p));
        assertTrue(problems.stream().anyMatch(p -> p.contains("NotAProvider): does not implement "
                + DatasetProvider.class.getName())), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("broken on purpose")), problems.toString());
        // the rest stays usable
        assertEquals(500, registry.load("twice", new DatasetRequest(2)).test().size());
    }
}
