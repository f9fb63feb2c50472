package org.optlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;

/** Where the renderers put things, checked on the pixels of rendered frames. */
class RendererTest {

    private static final int RED = 0xd62728;
    private static final Surface BOWL = Surfaces.byId("quadratic").orElseThrow(); // x^2 + y^2 on [-5, 5]^2

    /** A track from (-4, 3) in three steps to (2, -1); the loss is the bowl's. */
    private static Scene bowlScene() {
        double[] x = { -4, -2, 0, 2 };
        double[] y = { 3, 1, 0, -1 };
        double[] loss = new double[4];
        for (int i = 0; i < 4; i++) {
            loss[i] = x[i] * x[i] + y[i] * y[i];
        }
        return new Scene("bowl", BOWL, List.of(new Track("test", RED, x, y, loss, 4)));
    }

    private static void assertColour(int expected, BufferedImage image, double x, double y) {
        int actual = image.getRGB((int) Math.round(x), (int) Math.round(y)) & 0xffffff;
        assertEquals(Integer.toHexString(expected), Integer.toHexString(actual), "pixel at " + x + ", " + y);
    }

    @Test
    void planBallSitsOnTheTrackPointOfTheStepShown() {
        PlanRenderer plan = new PlanRenderer(bowlScene());
        BufferedImage start = plan.render(400, 300, 0);
        assertColour(RED, start, plan.pixelX(-4, 400), plan.pixelY(3, 300));
        BufferedImage end = plan.render(400, 300, 99); // past the end: the last point
        assertColour(RED, end, plan.pixelX(2, 400), plan.pixelY(-1, 300));
        // the domain's corners map onto the plot area's corners
        assertEquals(52, plan.pixelX(-5, 400), 1e-9);
        assertEquals(400 - 14, plan.pixelX(5, 400), 1e-9);
        assertEquals(14, plan.pixelY(5, 300), 1e-9);
    }

    /** The bowl with named axes. */
    private record TitledBowl(String xTitle, String yTitle) implements Surface, AxisTitles {
        public String id() {
            return BOWL.id();
        }

        public String name() {
            return BOWL.name();
        }

        public int dimension() {
            return 2;
        }

        public Domain domain() {
            return BOWL.domain();
        }

        public List<double[]> minima() {
            return BOWL.minima();
        }

        public List<double[]> starts() {
            return BOWL.starts();
        }

        public String formula() {
            return BOWL.formula();
        }

        public double valueAndGradient(double[] point, double[] gradient) {
            return BOWL.valueAndGradient(point, gradient);
        }
    }

    /** Whether any pixel of the rectangle is dark ink (text), not white. */
    private static boolean inked(BufferedImage image, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 0x90 && ((rgb >> 8) & 0xff) < 0x90 && (rgb & 0xff) < 0x90) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void planWritesTheSurfacesAxisTitlesInRoomOfTheirOwn() {
        PlanRenderer plain = new PlanRenderer(new Scene("bowl", BOWL, List.of()));
        PlanRenderer titled = new PlanRenderer(new Scene("bowl", new TitledBowl("PC 1 (76.1 %)", "PC 2 (18.6 %)"),
                List.of()));
        BufferedImage p = plain.render(400, 300, 0);
        BufferedImage t = titled.render(400, 300, 0);
        // the plot area gives up 18 pixels on the left and at the bottom to the titles
        assertEquals(52 + 18, titled.pixelX(-5, 400), 1e-9);
        assertEquals(300 - 34 - 18, titled.pixelY(-5, 300), 1e-9);
        assertEquals(400 - 14, titled.pixelX(5, 400), 1e-9);
        // below the tick labels, and left of them: ink only where there are titles
        assertTrue(inked(t, 150, 300 - 16, 300, 300 - 2), "the x title under the middle of the axis");
        assertTrue(!inked(p, 0, 300 - 16, 400, 300), "nothing under the tick labels without titles");
        assertTrue(inked(t, 2, 100, 17, 200), "the y title, turned, left of the tick labels");
        assertTrue(!inked(t, 2, 0, 17, 40), "the y title centred: not at the top");
        // a title too long for its axis is cut rather than drawn over the corner
        PlanRenderer narrow = new PlanRenderer(new Scene("bowl", new TitledBowl("x".repeat(300), "y"), List.of()));
        BufferedImage n = narrow.render(400, 300, 0);
        assertTrue(!inked(n, 0, 300 - 16, 52 + 18 - 1, 300), "nothing left of the plot area");
    }

    @Test
    void aTitlesNameIsWhatComesBeforeItsDetail() {
        assertEquals("PC 1", AxisTitles.name("PC 1 (78.9 % of the paths' variance)"));
        assertEquals("random direction 2", AxisTitles.name("random direction 2"));
        assertEquals("(odd)", AxisTitles.name("(odd)"));
    }

    @Test
    void planBackgroundIsTheColourMapDarkestAtTheMinimum() {
        Scene empty = new Scene("bowl", BOWL, List.of());
        PlanRenderer plan = new PlanRenderer(empty);
        BufferedImage frame = plan.render(400, 300, 0);
        // just beside the minimum's cross: viridis' first stop, #440154
        int rgb = frame.getRGB((int) plan.pixelX(0.9, 400), (int) plan.pixelY(0, 300)) & 0xffffff;
        assertTrue(((rgb >> 16) & 0xff) < 0x50 && (rgb & 0xff) > 0x50, Integer.toHexString(rgb));
        assertTrue(plan.preparedFor(400, 300));
        assertTrue(!plan.preparedFor(401, 300));
    }

    @Test
    void meshSeenFromAboveIsTheMapAndTurnsWithTheAzimuth() {
        // Elevation 90 looks straight down: x runs right and y up, scaled by 0.34 min(width, height) around the
        // centre (shifted down by 4% of the height). The ball is drawn half a radius above its point.
        MeshRenderer mesh = new MeshRenderer(bowlScene());
        mesh.setView(0, 90, 1);
        int w = 500;
        int h = 500;
        double scale = 0.34 * 500;
        double cx = 250;
        double cy = 250 + 0.04 * 500;
        BufferedImage frame = mesh.render(w, h, 3); // the point (2, -1) is world (0.4, -0.2)
        assertColour(RED, frame, cx + scale * 0.4, cy + scale * 0.2 - FrameRenderer.BALL_RADIUS / 2.0);
        // turned by 90 degrees: world (x, y) shows at screen (-y, x)
        mesh.setView(90, 90, 1);
        frame = mesh.render(w, h, 3);
        assertColour(RED, frame, cx + scale * 0.2, cy - scale * 0.4 - FrameRenderer.BALL_RADIUS / 2.0);
    }

    @Test
    void meshViewpointIsClamped() {
        MeshRenderer mesh = new MeshRenderer(bowlScene());
        mesh.setView(30, 120, 100);
        assertEquals(90, mesh.elevationDegrees(), 1e-9);
        assertEquals(6, mesh.zoom(), 1e-9);
        mesh.setView(30, -10, 0);
        assertEquals(5, mesh.elevationDegrees(), 1e-9);
        assertEquals(0.3, mesh.zoom(), 1e-9);
    }

    @Test
    void curveBallSitsOnTheCurve() {
        Surface parabola = Surfaces.byId("parabola").orElseThrow();
        double[] x = { -8, 4 };
        double[] loss = { 64, 16 };
        CurveRenderer curve = new CurveRenderer(new Scene("x^2", parabola, List.of(new Track("gd", RED, x, null, loss, 2))));
        BufferedImage frame = curve.render(600, 400, 1);
        // the ball (the only pixels of exactly the track's colour: the trail is translucent) is centred over x = 4
        int found = 0;
        double column = 0;
        for (int px = 250; px < 600; px++) { // right of the legend, whose entry has a dot of the same colour
            for (int py = 0; py < 400; py++) {
                if ((frame.getRGB(px, py) & 0xffffff) == RED) {
                    found++;
                    column += px;
                }
            }
        }
        assertTrue(found > 60, "the ball's pixels, got " + found);
        assertEquals(curve.pixelX(4, 600), column / found, 1.0);
    }

    @Test
    void theRegionDrawnTakesInStartsOutsideTheDomain() {
        assertEquals(BOWL.domain(), bowlScene().domain()); // all inside [-5, 5]^2: unchanged
        double[] x = { -8, 0 };
        double[] y = { 2, 0 };
        Scene outside = new Scene("far", BOWL, List.of(new Track("far", RED, x, y, new double[] { 68, 0 }, 2)));
        // x spans [-8, 5] (13 wide), grown by 5% on each side; y stays [-5, 5] plus 5% of 10
        assertEquals(-8 - 0.65, outside.domain().xMin(), 1e-12);
        assertEquals(5 + 0.65, outside.domain().xMax(), 1e-12);
        assertEquals(-5.5, outside.domain().yMin(), 1e-12);
        PlanRenderer plan = new PlanRenderer(outside);
        assertColour(RED, plan.render(400, 300, 0), plan.pixelX(-8, 400), plan.pixelY(2, 300));
    }

    @Test
    void viewsRefuseSurfacesOfTheOtherDimension() {
        Scene curve = new Scene("x^2", Surfaces.byId("parabola").orElseThrow(), List.of());
        assertThrows(IllegalArgumentException.class, () -> View.PLAN.renderer(curve));
        assertThrows(IllegalArgumentException.class, () -> View.MESH.renderer(curve));
        assertThrows(IllegalArgumentException.class, () -> View.CURVE.renderer(bowlScene()));
        assertEquals(View.MESH, View.of("3D"));
        assertEquals(View.CURVE, View.defaultFor(1));
        assertThrows(IllegalArgumentException.class, () -> View.of("4d"));
    }

    @Test
    void ticksAreRoundValuesInsideTheRange() {
        assertArrayEquals(new double[] { 0, 0.2, 0.4, 0.6, 0.8, 1 }, FrameRenderer.ticks(0, 1, 5), 1e-12);
        assertArrayEquals(new double[] { -2, -1, 0, 1, 2 }, FrameRenderer.ticks(-2.3, 2.7, 5), 1e-12);
        assertArrayEquals(new double[] { 0, 500, 1000 }, FrameRenderer.ticks(-10, 1200, 3), 1e-12);
        assertEquals("0.25", FrameRenderer.tickLabel(0.25));
        assertEquals("-2", FrameRenderer.tickLabel(-2));
        assertEquals("1e+06", FrameRenderer.tickLabel(1e6));
    }
}
