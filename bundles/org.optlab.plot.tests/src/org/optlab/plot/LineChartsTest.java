package org.optlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Headless line charts: where a point lands follows from the data's range and the axis (linear or log). */
class LineChartsTest {

    private static final int RED = 0xd62728;
    private static final int WHITE = 0xffffff;

    /** The colour around (x, y): RED when any pixel within one of it is red (rasterising rounds), else WHITE if all are. */
    private static int at(BufferedImage image, double x, double y) {
        boolean allWhite = true;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int c = image.getRGB((int) Math.round(x) + dx, (int) Math.round(y) + dy) & 0xffffff;
                if (c == RED) {
                    return RED;
                }
                allWhite &= c == WHITE;
            }
        }
        return allWhite ? WHITE : -1;
    }

    @Test
    void aLineSpansItsDataOnALinearAxis() {
        // y = 2 x over [0, 10]: the axes span the data, so the line runs corner to corner through the centre
        double[] x = { 0, 10 };
        double[] y = { 0, 20 };
        BufferedImage image = LineCharts.render(List.of(new LineCharts.Panel("step", "loss", false,
                List.of(new LineCharts.Series("sgd", RED, x, y)))), 800, 400);
        Rectangle a = LineCharts.plotArea(0, 1, 800, 400);
        assertEquals(RED, at(image, a.x + a.width / 2.0, a.y + a.height / 2.0));
        assertEquals(RED, at(image, a.x + a.width * 0.75, a.y + a.height * 0.25));
        assertEquals(WHITE, at(image, a.x + a.width * 0.25, a.y + a.height * 0.25), "above the line: empty");
    }

    @Test
    void onALogAxisAPowerOfTenIsAStraightLine() {
        // y = 10^x for x in 0, 1, 2: on a log axis x = 1 (y = 10) sits half-way up; on a linear one, 9/99 of the way
        double[] x = { 0, 1, 2 };
        double[] y = { 1, 10, 100 };
        Rectangle a = LineCharts.plotArea(0, 1, 800, 400);
        BufferedImage log = LineCharts.render(List.of(new LineCharts.Panel("step", "loss", true,
                List.of(new LineCharts.Series("adam", RED, x, y)))), 800, 400);
        assertEquals(RED, at(log, a.x + a.width / 2.0, a.y + a.height / 2.0));
        BufferedImage linear = LineCharts.render(List.of(new LineCharts.Panel("step", "loss", false,
                List.of(new LineCharts.Series("adam", RED, x, y)))), 800, 400);
        assertEquals(WHITE, at(linear, a.x + a.width / 2.0, a.y + a.height / 2.0));
        assertEquals(RED, at(linear, a.x + a.width / 2.0, a.y + a.height * (1 - 9.0 / 99)));
    }

    @Test
    void logXDotsAndBandsLandWhereTheyBelong() {
        Rectangle a = LineCharts.plotArea(0, 1, 800, 400);
        // x = 1e-3, 1e-2, 1e-1 on a log axis: 1e-2 is half-way; dots only, so nothing between the points
        double[] x = { 1e-3, 1e-2, 1e-1 };
        double[] y = { 0, 1, 0 };
        BufferedImage dots = LineCharts.render(List.of(new LineCharts.Panel("lr", "loss", true, false, List.of(
                new LineCharts.Series("sgd", RED, x, y, null, null, LineCharts.Style.DOTS)))), 800, 400);
        assertEquals(RED, at(dots, a.x + a.width / 2.0, a.y));
        assertEquals(WHITE, at(dots, a.x + a.width / 4.0, a.y + a.height / 2.0), "no line between the dots");
        // a band from 0 to 2 around y = 1 (the axis spans the band): shaded, not white, above the line
        BufferedImage band = LineCharts.render(List.of(new LineCharts.Panel("step", "loss", false, List.of(
                new LineCharts.Series("adam", RED, new double[] { 0, 1 }, new double[] { 1, 1 }, new double[] { 0, 0 },
                        new double[] { 2, 2 }, LineCharts.Style.LINE)))), 800, 400);
        assertEquals(RED, at(band, a.x + a.width / 2.0, a.y + a.height / 2.0), "the line in the middle");
        int shade = band.getRGB(a.x + a.width / 2, a.y + a.height / 4) & 0xffffff;
        assertTrue(shade != WHITE && shade != RED, Integer.toHexString(shade));
        // a quarter (64/255) of the colour over white, channel by channel, give or take rounding
        for (int shift : new int[] { 16, 8, 0 }) {
            double expected = 255 - 64 / 255.0 * (255 - ((RED >> shift) & 0xff));
            assertEquals(expected, (shade >> shift) & 0xff, 1.5, "channel at bit " + shift);
        }
    }

    @Test
    void stackedPanelsShareOneXRange() {
        // the top panel spans x 0..100, the bottom one only 50..100: the bottom line starts half-way across
        BufferedImage image = LineCharts.render(List.of(
                new LineCharts.Panel("step", "loss", false,
                        List.of(new LineCharts.Series("a", RED, new double[] { 0, 100 }, new double[] { 0, 1 }))),
                new LineCharts.Panel("step", "accuracy", false,
                        List.of(new LineCharts.Series("a", RED, new double[] { 50, 100 }, new double[] { 0, 1 })))),
                800, 800);
        Rectangle bottom = LineCharts.plotArea(1, 2, 800, 800);
        // y from 0 to 1 over x 50..100: at x = 75 (three quarters across) the line is half-way up
        assertEquals(RED, at(image, bottom.x + bottom.width * 0.75, bottom.y + bottom.height * 0.5));
        assertEquals(WHITE, at(image, bottom.x + bottom.width * 0.25, bottom.y + bottom.height * 0.5));
    }

    @Test
    void panelsStackAndUndefinedValuesLeaveAGap() {
        double[] x = { 0, 1, 2, 3, 4 };
        double[] y = { 1, 1, Double.NaN, 1, 1 }; // a flat line with a hole in the middle
        double[] rising = { 0, 1, 2, 3, 4 };
        BufferedImage image = LineCharts.render(List.of(
                new LineCharts.Panel("step", "accuracy", false, List.of(new LineCharts.Series("a", RED, x, rising))),
                new LineCharts.Panel("step", "loss", false, List.of(new LineCharts.Series("b", RED, x, y)))),
                800, 800);
        Rectangle top = LineCharts.plotArea(0, 2, 800, 800);
        Rectangle bottom = LineCharts.plotArea(1, 2, 800, 800);
        assertEquals(top.y + 400, bottom.y);
        assertEquals(RED, at(image, top.x + top.width / 2.0, top.y + top.height / 2.0));
        // one value on the axis: it is drawn in the middle; between x = 1 and 3 nothing is drawn
        assertEquals(RED, at(image, bottom.x + bottom.width * 0.125, bottom.y + bottom.height / 2.0));
        assertEquals(WHITE, at(image, bottom.x + bottom.width * 0.5, bottom.y + bottom.height / 2.0));
        assertThrows(IllegalArgumentException.class, () -> LineCharts.render(List.of(), 800, 400));
    }
}
