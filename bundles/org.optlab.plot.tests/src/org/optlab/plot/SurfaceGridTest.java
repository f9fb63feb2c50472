package org.optlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.optlab.core.surface.Surface;
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

    /** 1 + x^2 + y^2 over [-1, 1]^2: a range of 2, far under the 100x that turns the log scale on by itself. */
    private static class Bowl implements Surface {
        @Override
        public String id() {
            return "bowl";
        }

        @Override
        public String name() {
            return "bowl";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public Domain domain() {
            return new Domain(-1, 1, -1, 1);
        }

        @Override
        public List<double[]> minima() {
            return List.of(new double[] { 0, 0 });
        }

        @Override
        public List<double[]> starts() {
            return List.of();
        }

        @Override
        public String formula() {
            return "1 + x^2 + y^2";
        }

        @Override
        public double valueAndGradient(double[] p, double[] gradient) {
            if (gradient != null) {
                gradient[0] = 2 * p[0];
                gradient[1] = 2 * p[1];
            }
            return 1 + p[0] * p[0] + p[1] * p[1];
        }
    }

    private static final class LogBowl extends Bowl implements LogScaled {
    }

    @Test
    void aLogScaledSurfaceGetsLogSpacedLevelsAndOthersKeepTheirScale() {
        SurfaceGrid linear = SurfaceGrid.sample(new Bowl(), 60, 60);
        SurfaceGrid log = SurfaceGrid.sample(new LogBowl(), 60, 60);
        assertFalse(linear.logScale(), "a small range stays linear unless the surface asks");
        assertTrue(log.logScale());
        // the sampled extremes, found here independently
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < 60; r++) {
            for (int c = 0; c < 60; c++) {
                min = Math.min(min, log.value(c, r));
                max = Math.max(max, log.value(c, r));
            }
        }
        int count = 12;
        double offset = 1e-4 * (max - min);
        double ratio = Math.pow((max - min + offset) / offset, 1.0 / (count + 1));
        double[] levels = log.levels(count);
        double[] even = linear.levels(count);
        for (int k = 0; k < count; k++) {
            // log-spaced: level - min + offset grows by one constant ratio from offset to the range
            assertEquals(offset * Math.pow(ratio, k + 1), levels[k] - min + offset, 1e-9 * (max - min));
            assertEquals(min + (k + 1.0) / (count + 1) * (max - min), even[k], 1e-12);
            if (k > 0) {
                assertTrue(levels[k] > levels[k - 1]);
                assertEquals(ratio, (levels[k] - min + offset) / (levels[k - 1] - min + offset), 1e-9);
            }
        }
        assertTrue(levels[0] > min && levels[count - 1] < max);
        // the same samples, so the same extremes: only the scale differs
        assertEquals(linear.value(7, 11), log.value(7, 11), 0);
    }
}
