package org.optlab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.graphics.ImageData;
import org.junit.jupiter.api.Test;
import org.optlab.core.surface.Surfaces;
import org.optlab.ui.internal.render.SurfaceRaster;

/** The colour map and the contours of a 2-D view, against shapes known in closed form. */
class SurfaceRasterTest {

    @Test
    void contoursOfTheBowlAreCirclesOfTheirLevel() {
        // x^2 + y^2 over [-5, 5]^2 at 200 x 200: level 4 is the circle of radius 2 (40 pixels) around the centre.
        SurfaceRaster raster = SurfaceRaster.sample(Surfaces.byId("quadratic").orElseThrow(), 200, 200);
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
        assertTrue(SurfaceRaster.sample(Surfaces.byId("rosenbrock").orElseThrow(), 50, 50).logScale());
        assertFalse(SurfaceRaster.sample(Surfaces.byId("quadratic").orElseThrow(), 50, 50).logScale());
    }

    @Test
    void colourMapRunsFromDarkAtTheMinimumToBrightAtTheRim() {
        SurfaceRaster raster = SurfaceRaster.sample(Surfaces.byId("quadratic").orElseThrow(), 101, 101);
        ImageData image = raster.colourMap();
        assertEquals(101, image.width);
        int centre = image.getPixel(50, 50);
        int corner = image.getPixel(0, 0);
        assertEquals(0x44, (centre >> 16) & 0xff, 2); // viridis starts at #440154
        assertTrue(((corner >> 8) & 0xff) > 0xd0, "bright corner: " + Integer.toHexString(corner));
    }

    @Test
    void levelsAreIncreasingAndInsideTheRange() {
        double[] levels = SurfaceRaster.sample(Surfaces.byId("rosenbrock").orElseThrow(), 80, 80).levels(12);
        for (int k = 1; k < levels.length; k++) {
            assertTrue(levels[k] > levels[k - 1]);
        }
        assertTrue(levels[0] > 0 && levels[11] < 3000);
    }
}
