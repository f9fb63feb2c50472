package org.optlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

/** The stability map: each cell in the colour of its value on a log scale, a missing one grey and crossed. */
class HeatMapsTest {

    @Test
    void cellsTakeTheirValuesColourOnALogScale() {
        // rows are y (bottom up), columns x: 1 and 10 in the lower row, 100 and a diverged cell above
        HeatMaps.Grid grid = new HeatMaps.Grid("sgd", "lr", "momentum", new double[] { 0.1, 1 },
                new double[] { 0, 0.9 }, new double[][] { { 1, 10 }, { 100, Double.NaN } });
        BufferedImage image = HeatMaps.render(grid, 600, 400);
        Rectangle area = HeatMaps.plotArea(600, 400);
        // log10 spans 0..2: 1 is the bottom of viridis, 10 the middle, 100 the top
        assertEquals(Colours.viridis(0), colourAt(image, HeatMaps.cell(area, 2, 2, 0, 0)));
        assertEquals(Colours.viridis(0.5), colourAt(image, HeatMaps.cell(area, 2, 2, 1, 0)));
        assertEquals(Colours.viridis(1), colourAt(image, HeatMaps.cell(area, 2, 2, 0, 1)));
        Rectangle missing = HeatMaps.cell(area, 2, 2, 1, 1);
        assertEquals(0xbbbbbb, image.getRGB(missing.x + missing.width / 2 + 5, missing.y + 4) & 0xffffff);
        // the cross runs through the middle of the missing cell
        assertEquals(0x404040, image.getRGB(missing.x + missing.width / 2, missing.y + missing.height / 2 + 0)
                & 0xffffff, 0x101010);
        // with a value <= 0 the scale is linear: -1, 0, 1 -> bottom, middle, top
        HeatMaps.Grid linear = new HeatMaps.Grid("t", "a", "b", new double[] { 1, 2, 3 }, new double[] { 1 },
                new double[][] { { -1, 0, 1 } });
        assertEquals(Colours.viridis(0.5), HeatMaps.colour(linear, 0));
        assertThrows(IllegalArgumentException.class, () -> HeatMaps.render(grid, 100, 80));
    }

    @Test
    void aCellNotRunYetIsBlankNotCrossed() {
        double[][] values = { { 1, Double.NaN, Double.NaN } };
        boolean[][] pending = { { false, false, true } }; // the middle one diverged, the last has not run
        HeatMaps.Grid grid = new HeatMaps.Grid("sgd", "lr", "momentum", new double[] { 1, 2, 3 }, new double[] { 0 },
                values, pending);
        BufferedImage image = HeatMaps.render(grid, 600, 400);
        Rectangle area = HeatMaps.plotArea(600, 400);
        Rectangle diverged = HeatMaps.cell(area, 3, 1, 1, 0);
        Rectangle notYet = HeatMaps.cell(area, 3, 1, 2, 0);
        assertEquals(0xbbbbbb, colourAt(image, diverged));
        assertEquals(0x404040, image.getRGB(diverged.x + diverged.width / 2, diverged.y + diverged.height / 2)
                & 0xffffff, "the diverged cell is crossed");
        assertEquals(0xf2f2f2, colourAt(image, notYet));
        assertEquals(0xf2f2f2, image.getRGB(notYet.x + notYet.width / 2, notYet.y + notYet.height / 2) & 0xffffff,
                "no cross through a cell that has not run");
    }

    /** The colour in the middle of a cell, away from any cross. */
    private static int colourAt(BufferedImage image, Rectangle cell) {
        return image.getRGB(cell.x + cell.width / 2 + 5, cell.y + 4) & 0xffffff;
    }
}
