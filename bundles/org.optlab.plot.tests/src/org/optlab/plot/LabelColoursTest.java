package org.optlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A label keeps its colour while it lives; a freed colour goes to the next new label. */
class LabelColoursTest {

    @Test
    void removingALabelLeavesTheOthersColoursAlone() {
        LabelColours colours = LabelColours.of(List.of("sgd", "momentum", "adam"));
        int momentum = colours.rgb("momentum");
        int adam = colours.rgb("adam");
        assertEquals(Colours.categorical(0), colours.rgb("sgd"));
        colours.retain(List.of("momentum", "adam")); // sgd removed: with indices, adam would become momentum's colour
        assertEquals(momentum, colours.rgb("momentum"));
        assertEquals(adam, colours.rgb("adam"));
        colours.retain(List.of("momentum", "adam", "rmsprop")); // the new label takes the freed first colour
        assertEquals(Colours.categorical(0), colours.rgb("rmsprop"));
        assertEquals(List.of("momentum", "adam", "rmsprop"), colours.labels());
    }

    @Test
    void everyLiveLabelHasItsOwnColourUntilThePaletteRunsOut() {
        LabelColours colours = new LabelColours();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < Colours.categoricalCount(); i++) {
            seen.add(colours.rgb("l" + i));
        }
        assertEquals(Colours.categoricalCount(), seen.size());
        // one more shares the least used colour, the first
        assertEquals(Colours.categorical(0), colours.rgb("extra"));
        assertNotEquals(colours.rgb("l1"), colours.rgb("extra"));
    }

    @Test
    void thePaletteIsOkabeIto() {
        // Okabe & Ito (2008): blue #0072B2, orange #E69F00, bluish green #009E73, vermillion #D55E00
        assertEquals(0x0072b2, Colours.categorical(0));
        assertEquals(0xe69f00, Colours.categorical(1));
        assertEquals(0x009e73, Colours.categorical(2));
        assertEquals(0xd55e00, Colours.categorical(3));
        assertEquals(Colours.categorical(0), Colours.categorical(Colours.categoricalCount()));
    }
}
