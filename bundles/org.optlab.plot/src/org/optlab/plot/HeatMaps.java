package org.optlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A value over a grid of two settings, drawn headless: one cell per (x, y) of the grid in viridis (on a log scale of
 * the value when every value is positive, so that orders of magnitude show), cells without a value (a diverged run)
 * marked with a cross on grey, the axes labelled with the grid's own values, and a colour bar. The sweeps' stability
 * map: step size against momentum, or any two hyper-parameters of an optimizer.
 */
public final class HeatMaps {

    /**
     * The grid: x values (columns), y values (rows), values[row][column] (NaN: none, drawn crossed), the titles, and
     * the cells that have no value yet (null: none), drawn blank rather than crossed.
     */
    public record Grid(String title, String xTitle, String yTitle, double[] x, double[] y, double[][] values,
            boolean[][] pending) {

        /** A grid whose every cell without a value is crossed. */
        public Grid(String title, String xTitle, String yTitle, double[] x, double[] y, double[][] values) {
            this(title, xTitle, yTitle, x, y, values, null);
        }

        /** Whether the cell has no value yet (a pending trial), rather than none at all. */
        public boolean pending(int row, int column) {
            return pending != null && pending[row][column];
        }
    }

    static final int LEFT = 80, RIGHT = 110, TOP = 36, BOTTOM = 56;
    private static final int MISSING = 0xbbbbbb, PENDING = 0xf2f2f2;

    private HeatMaps() {
    }

    /** The cells' area in a {@code width x height} image. */
    public static Rectangle plotArea(int width, int height) {
        return new Rectangle(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM);
    }

    /** The colour of {@code value} on the grid's scale (0xRRGGBB); grey for NaN. */
    public static int colour(Grid grid, double value) {
        double[] range = range(grid);
        if (Double.isNaN(value)) {
            return MISSING;
        }
        double v = log(grid) ? Math.log10(value) : value;
        return Colours.viridis(range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0.5);
    }

    /** True when every value is positive: the colours follow log10 of the value. */
    static boolean log(Grid grid) {
        for (double[] row : grid.values()) {
            for (double v : row) {
                if (!Double.isNaN(v) && !(v > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The colour scale's ends (in log10 when {@link #log}). */
    static double[] range(Grid grid) {
        boolean log = log(grid);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : grid.values()) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    double w = log ? Math.log10(v) : v;
                    lo = Math.min(lo, w);
                    hi = Math.max(hi, w);
                }
            }
        }
        return lo <= hi ? new double[] { lo, hi } : new double[] { 0, 1 };
    }

    public static BufferedImage render(Grid grid, int width, int height) {
        int columns = grid.x().length;
        int rows = grid.y().length;
        if (columns == 0 || rows == 0 || width < LEFT + RIGHT + columns || height < TOP + BOTTOM + rows) {
            throw new IllegalArgumentException("an image of " + width + " x " + height + " is too small for a "
                    + columns + " x " + rows + " grid");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            Rectangle area = plotArea(width, height);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    Rectangle cell = cell(area, columns, rows, c, r);
                    double v = grid.values()[r][c];
                    g.setColor(new Color(grid.pending(r, c) ? PENDING : colour(grid, v)));
                    g.fillRect(cell.x, cell.y, cell.width, cell.height);
                    if (Double.isNaN(v) && !grid.pending(r, c)) { // diverged: a cross
                        g.setColor(Color.DARK_GRAY);
                        g.drawLine(cell.x + 2, cell.y + 2, cell.x + cell.width - 3, cell.y + cell.height - 3);
                        g.drawLine(cell.x + 2, cell.y + cell.height - 3, cell.x + cell.width - 3, cell.y + 2);
                    }
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(area.x, area.y, area.width, area.height);
            int everyX = Math.max(1, (int) Math.ceil(columns * 60.0 / area.width));
            for (int c = 0; c < columns; c += everyX) {
                Rectangle cell = cell(area, columns, rows, c, 0);
                String label = Ticks.format(grid.x()[c], 3);
                g.drawString(label, cell.x + (cell.width - fm.stringWidth(label)) / 2, area.y + area.height + 4
                        + fm.getAscent());
            }
            int everyY = Math.max(1, (int) Math.ceil(rows * 2.0 * fm.getHeight() / area.height));
            for (int r = 0; r < rows; r += everyY) {
                Rectangle cell = cell(area, columns, rows, 0, r);
                String label = Ticks.format(grid.y()[r], 3);
                g.drawString(label, area.x - 6 - fm.stringWidth(label), cell.y + (cell.height + fm.getAscent()) / 2);
            }
            g.drawString(grid.xTitle(), area.x + (area.width - fm.stringWidth(grid.xTitle())) / 2, area.y
                    + area.height + 8 + 2 * fm.getHeight());
            var saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(grid.yTitle(), -(area.y + (area.height + fm.stringWidth(grid.yTitle())) / 2),
                    fm.getAscent() + 4);
            g.setTransform(saved);
            g.drawString(grid.title(), area.x, TOP - 10);
            colourBar(g, grid, area, fm);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Cell (column, row) of the area; row 0 at the bottom, as the y axis grows upwards. */
    static Rectangle cell(Rectangle area, int columns, int rows, int column, int row) {
        int x0 = area.x + area.width * column / columns;
        int x1 = area.x + area.width * (column + 1) / columns;
        int y1 = area.y + area.height - area.height * row / rows;
        int y0 = area.y + area.height - area.height * (row + 1) / rows;
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    private static void colourBar(Graphics2D g, Grid grid, Rectangle area, FontMetrics fm) {
        int x = area.x + area.width + 16;
        double[] range = range(grid);
        boolean log = log(grid);
        for (int py = 0; py < area.height; py++) {
            double t = 1 - (double) py / Math.max(1, area.height - 1);
            g.setColor(new Color(Colours.viridis(t)));
            g.drawLine(x, area.y + py, x + 14, area.y + py);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, area.y, 14, area.height);
        for (int k = 0; k <= 4; k++) {
            double t = k / 4.0;
            double v = range[0] + t * (range[1] - range[0]);
            String label = Ticks.format(log ? Math.pow(10, v) : v, 3);
            int py = area.y + area.height - (int) Math.round(t * area.height);
            g.drawString(label, x + 18, py + fm.getAscent() / 2);
        }
    }
}
