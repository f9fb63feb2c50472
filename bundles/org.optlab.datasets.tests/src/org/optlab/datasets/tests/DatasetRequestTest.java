package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetRequest;

class DatasetRequestTest {

    private static DatasetRequest request(Map<String, Object> options) {
        return new DatasetRequest(1, options, null);
    }

    private static void assertRejected(String field, String message, Executable read) {
        DatasetException e = assertThrows(DatasetException.class, read);
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
    }

    @Test
    void absentAndNullOptionsTakeTheirDefaults() {
        Map<String, Object> options = new HashMap<>();
        options.put("noise", null); // JSON null: the default, as an empty form field
        DatasetRequest r = request(options);
        assertEquals(1000, r.integer("n", 1000, 1, 10_000));
        assertEquals(0.1, r.real("noise", 0.1, 0, 1));
        assertEquals("embedded", r.string("subset", "embedded", "embedded", "full"));
        assertNull(r.string("subset", null, "embedded", "full"));
        assertEquals(Optional.empty(), r.path("path"));
        assertEquals(Map.of(), new DatasetRequest(5).options());
    }

    @Test
    void valuesAsJacksonReadsThemAreAccepted() {
        DatasetRequest r = request(Map.of("n", 300, "big", 4_000_000_000L, "whole", 1e3, "noise", 0.25, "rate", 2,
                "subset", "full", "path", "/data/fmnist"));
        assertEquals(300, r.integer("n", 1, 1, 1000));
        assertEquals(1000, r.integer("whole", 1, 1, 1000));
        assertEquals(0.25, r.real("noise", 0, 0, 1));
        assertEquals(2.0, r.real("rate", 0, 0, Double.POSITIVE_INFINITY));
        assertEquals("full", r.string("subset", null, "embedded", "full"));
        assertEquals(Optional.of(Path.of("/data/fmnist")), r.path("path"));
        assertRejected("big", "big = 4000000000 is invalid; expected an integer in [1, 2147483647]",
                () -> r.integer("big", 1, 1, Integer.MAX_VALUE));
    }

    @Test
    void badValuesAreRejectedWithTheOptionAndWhatIsValid() {
        assertRejected("n", "n = 0 is invalid; expected an integer in [1, 1000]",
                () -> request(Map.of("n", 0)).integer("n", 1, 1, 1000));
        assertRejected("n", "n = 2.5 is invalid; expected an integer in [1, 1000]",
                () -> request(Map.of("n", 2.5)).integer("n", 1, 1, 1000));
        assertRejected("n", "n = \"ten\" is invalid; expected an integer in [1, 1000]",
                () -> request(Map.of("n", "ten")).integer("n", 1, 1, 1000));
        assertRejected("noise", "noise = -0.5 is invalid; expected a number in [0, inf)",
                () -> request(Map.of("noise", -0.5)).real("noise", 0, 0, Double.POSITIVE_INFINITY));
        assertRejected("noise", "noise = true is invalid; expected a number in [0, 0.5]",
                () -> request(Map.of("noise", true)).real("noise", 0, 0, 0.5));
        assertRejected("noise", "noise = Infinity is invalid; expected a number in (-inf, inf)",
                () -> request(Map.of("noise", Double.POSITIVE_INFINITY)).real("noise", 0, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY));
        assertRejected("subset", "subset = \"all\" is invalid; expected one of [embedded, full]",
                () -> request(Map.of("subset", "all")).string("subset", null, "embedded", "full"));
        assertRejected("path", "path = \"\" is invalid; expected a path (a non-empty string)",
                () -> request(Map.of("path", "")).path("path"));
        assertRejected("path", "path = 7 is invalid; expected a path (a non-empty string)",
                () -> request(Map.of("path", 7)).path("path"));
        assertRejected("path", "path = \"a\u0000b\" is not a valid path: Nul character not allowed",
                () -> request(Map.of("path", "a\u0000b")).path("path"));
    }

    @Test
    void unknownOptionsAreRejectedWithTheKnownOnes() {
        DatasetRequest r = request(Map.of("n", 10, "nosie", 0.3));
        assertRejected("nosie", "unknown option 'nosie'; known: [n, noise, test]",
                () -> r.checkKnown(Set.of("n", "test", "noise")));
        request(Map.of("n", 10)).checkKnown(Set.of("n", "test")); // passes
    }
}
