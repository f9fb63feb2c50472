package org.optlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.optlab.core.surface.Surfaces;

/** The colour map, the contours and the mesh heights of a sampled surface, against shapes known in closed form. */
class SurfaceGridTest {

    @Test
    void contoursOfTheBowlAreCirclesOfTheirLevel() {
        // x^2 + y^2 over [-5, 5]^2 at 200 x 200: level 4 is the circle of radius 2 (40 pixels) around the centre.
        SurfaceGrid raster = SurfaceGrid.sample(Surfaces.byId("quadratic").orElseThrow(), 200, 200);
        List<double[]> segments = raster.contour(4);
        assertTrue(segments.size() > 100, "a closed curve of many segments, got " + segments.size());
        double centre = raster.column(0);
        assertEquals(99.5, centre, 1e-12);
        for (double[] s : segments) {
            for (int i = 0; i < 4; i += 2) {
                double radius = Math.hypot(s[i] - raster.column(0), s[i + 1] - raster.row(0));
                assertEquals(40, radius, 0.05, "segment endpoint off the circle");
            }
        }
    }

    @Test
    void rosenbrockUsesALogScaleAndTheQuadraticALinearOne() {
        assertTrue(SurfaceGrid.sample(Surfaces.byId("rosenbrock").orElseThrow(), 50, 50).logScale());
        assertFalse(SurfaceGrid.sample(Surfaces.byId("quadratic").orElseThrow(), 50, 50).logScale());
    }

    @Test
    void colourMapRunsFromDarkAtTheMinimumToBrightAtTheRim() {
        SurfaceGrid raster = SurfaceGrid.sample(Surfaces.byId("quadratic").orElseThrow(), 101, 101);
        int[] image = raster.colourMap();
        assertEquals(101 * 101, image.length);
        int centre = image[50 * 101 + 50];
        int corner = image[0];
        assertEquals(0x44, (centre >> 16) & 0xff, 2); // viridis starts at #440154
        assertTrue(((corner >> 8) & 0xff) > 0xd0, "bright corner: " + Integer.toHexString(corner));
    }

    @Test
    void levelsAreIncreasingAndInsideTheRange() {
        double[] levels = SurfaceGrid.sample(Surfaces.byId("rosenbrock").orElseThrow(), 80, 80).levels(12);
        for (int k = 1; k < levels.length; k++) {
            assertTrue(levels[k] > levels[k - 1]);
        }
        assertTrue(levels[0] > 0 && levels[11] < 3000);
    }

    @Test
    void reliefIsAGentlerLogThanTheColourScale() {
        // Rosenbrock on a log scale: a point 1% of the range above the minimum sits high on the colour scale (log
        // offset 1e-4 of the range) and lower in the mesh (offset 1e-2); both keep the order of values.
        SurfaceGrid grid = SurfaceGrid.sample(Surfaces.byId("rosenbrock").orElseThrow(), 80, 80);
        double low = grid.normalized(0);
        assertEquals(0, low, 1e-9);
        double v = 25; // about 1% of Rosenbrock's range over its domain
        assertTrue(grid.normalized(v) > grid.relief(v), grid.normalized(v) + " vs " + grid.relief(v));
        assertTrue(grid.relief(v) < grid.relief(2 * v));
        assertEquals(1, grid.relief(1e9), 1e-12);
    }
}
