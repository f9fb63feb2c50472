package org.optlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Line charts drawn headless (AWT images, no SWT), for exports that run off the UI thread and for the command line's
 * reports: panels stacked top to bottom, each with its axes, titles, a legend on the right, linear or logarithmic x
 * and y axes, lines, dots and bands. Each axis spans its data exactly (finite values; non-positive ones are left out
 * on a log axis).
 */
public final class LineCharts {

    /** How a series is drawn: a line through its points, a dot at each, or both. */
    public enum Style {
        LINE, DOTS, LINE_AND_DOTS
    }

    /**
     * One curve: its label (null: not in the legend), its colour (0xRRGGBB), its points, an optional band from
     * {@code low} to {@code high} at the same x (null for none), shaded at a quarter of the colour, and its style.
     */
    public record Series(String label, int rgb, double[] x, double[] y, double[] low, double[] high, Style style) {

        /** A plain line. */
        public Series(String label, int rgb, double[] x, double[] y) {
            this(label, rgb, x, y, null, null, Style.LINE);
        }
    }

    /** One chart: its axis titles, whether x and y are logarithmic, and its curves. */
    public record Panel(String xTitle, String yTitle, boolean logX, boolean logY, List<Series> series) {

        /** A chart on a linear x axis. */
        public Panel(String xTitle, String yTitle, boolean logY, List<Series> series) {
            this(xTitle, yTitle, false, logY, series);
        }
    }

    static final int LEFT = 72;
    static final int RIGHT = 200;
    static final int TOP = 12;
    static final int BOTTOM = 44;

    private LineCharts() {
    }

    /** The plot area (inside the axes) of panel {@code index} of {@code count} in a {@code width x height} image. */
    public static Rectangle plotArea(int index, int count, int width, int height) {
        int panelHeight = height / count;
        return new Rectangle(LEFT, index * panelHeight + TOP, width - LEFT - RIGHT, panelHeight - TOP - BOTTOM);
    }

    /** The panels stacked in one image, on one x-range. */
    public static BufferedImage render(List<Panel> panels, int width, int height) {
        if (panels.isEmpty() || width < LEFT + RIGHT + 20 || height / Math.max(1, panels.size()) < TOP + BOTTOM + 20) {
            throw new IllegalArgumentException("an image of " + width + " x " + height + " is too small for "
                    + panels.size() + " charts");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            // stacked panels share one x-range, as the lab's stacked charts do
            boolean logX = panels.get(0).logX();
            double[] xr = range(panels.stream().flatMap(p -> p.series().stream()).toList(), false, logX);
            for (int i = 0; i < panels.size(); i++) {
                draw(g, panels.get(i), plotArea(i, panels.size(), width, height), xr);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void draw(Graphics2D g, Panel panel, Rectangle area, double[] xr) {
        double[] yr = range(panel.series(), true, panel.logY());
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.DARK_GRAY);
        g.drawRect(area.x, area.y, area.width, area.height);
        // ticks where the lab's charts put them (1-2-5 steps; on a log axis 1-2-5 per decade), labelled alike
        int xCount = Math.max(2, area.width / 80);
        List<Double> xTicks = panel.logX() ? Ticks.log(Math.pow(10, xr[0]), Math.pow(10, xr[1]), xCount)
                : Ticks.linear(xr[0], xr[1], xCount);
        List<String> xLabels = Ticks.labels(xTicks, panel.logX());
        for (int k = 0; k < xTicks.size(); k++) {
            double atX = panel.logX() ? Math.log10(xTicks.get(k)) : xTicks.get(k);
            int px = area.x + (int) Math.round(scale(atX, xr) * area.width);
            g.drawLine(px, area.y + area.height, px, area.y + area.height + 4);
            String xl = xLabels.get(k);
            g.drawString(xl, px - fm.stringWidth(xl) / 2, area.y + area.height + 6 + fm.getAscent());
        }
        int yCount = Math.max(2, area.height / (2 * fm.getHeight()));
        List<Double> yTicks = panel.logY() ? Ticks.log(Math.pow(10, yr[0]), Math.pow(10, yr[1]), yCount)
                : Ticks.linear(yr[0], yr[1], yCount);
        List<String> yLabels = Ticks.labels(yTicks, panel.logY());
        for (int k = 0; k < yTicks.size(); k++) {
            double at = panel.logY() ? Math.log10(yTicks.get(k)) : yTicks.get(k);
            int py = area.y + area.height - (int) Math.round(scale(at, yr) * area.height);
            g.drawLine(area.x - 4, py, area.x, py);
            String yl = yLabels.get(k);
            g.drawString(yl, area.x - 6 - fm.stringWidth(yl), py + fm.getAscent() / 2);
        }
        String xTitle = panel.xTitle() + (panel.logX() ? " (log)" : "");
        g.drawString(xTitle, area.x + (area.width - fm.stringWidth(xTitle)) / 2,
                area.y + area.height + 8 + 2 * fm.getHeight());
        String yTitle = panel.yTitle() + (panel.logY() ? " (log)" : "");
        var saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, -(area.y + (area.height + fm.stringWidth(yTitle)) / 2), fm.getAscent() + 2);
        g.setTransform(saved);

        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(2f));
        var clip = g.getClip();
        g.clipRect(area.x, area.y, area.width + 1, area.height + 1);
        for (Series s : panel.series()) { // bands first, behind every line
            if (s.low() != null && s.high() != null) {
                g.setColor(new Color((s.rgb() >> 16) & 0xff, (s.rgb() >> 8) & 0xff, s.rgb() & 0xff, 64));
                Path2D.Double shape = new Path2D.Double();
                boolean started = false;
                int n = Math.min(s.x().length, Math.min(s.low().length, s.high().length));
                for (int i = 0; i < n; i++) {
                    double[] p = point(s.x()[i], s.high()[i], panel, area, xr, yr);
                    if (p != null) {
                        if (started) {
                            shape.lineTo(p[0], p[1]);
                        } else {
                            shape.moveTo(p[0], p[1]);
                            started = true;
                        }
                    }
                }
                for (int i = n - 1; i >= 0; i--) {
                    double[] p = point(s.x()[i], s.low()[i], panel, area, xr, yr);
                    if (p != null && started) {
                        shape.lineTo(p[0], p[1]);
                    }
                }
                if (started) {
                    shape.closePath();
                    g.fill(shape);
                }
            }
        }
        for (Series s : panel.series()) {
            g.setColor(new Color(s.rgb()));
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < Math.min(s.x().length, s.y().length); i++) {
                double[] p = point(s.x()[i], s.y()[i], panel, area, xr, yr);
                if (p == null) {
                    pen = false; // a gap where the value is not defined
                    continue;
                }
                if (s.style() != Style.LINE) {
                    g.fillOval((int) Math.round(p[0]) - 3, (int) Math.round(p[1]) - 3, 7, 7);
                }
                if (pen) {
                    path.lineTo(p[0], p[1]);
                } else {
                    path.moveTo(p[0], p[1]);
                    pen = true;
                }
            }
            if (s.style() != Style.DOTS) {
                g.draw(path);
            }
        }
        g.setClip(clip);
        g.setStroke(new BasicStroke(1f));
        int ly = area.y + fm.getHeight();
        for (Series s : panel.series()) { // the legend
            if (s.label() == null) {
                continue;
            }
            g.setColor(new Color(s.rgb()));
            g.fillRect(area.x + area.width + 12, ly - fm.getAscent() + 2, 14, 8);
            g.setColor(Color.DARK_GRAY);
            String label = s.label();
            int room = RIGHT - 36;
            while (label.length() > 1 && fm.stringWidth(label + "\u2026") > room) {
                label = label.substring(0, label.length() - 1); // cut to the margin, with an ellipsis
            }
            g.drawString(label.equals(s.label()) ? label : label + "\u2026", area.x + area.width + 32, ly);
            ly += fm.getHeight() + 2;
        }
    }

    /** The pixel of a data point, or null where it is not drawn (not finite, or not positive on a log axis). */
    private static double[] point(double x, double y, Panel panel, Rectangle area, double[] xr, double[] yr) {
        double px = panel.logX() ? (x > 0 ? Math.log10(x) : Double.NaN) : x;
        double py = panel.logY() ? (y > 0 ? Math.log10(y) : Double.NaN) : y;
        if (!Double.isFinite(px) || !Double.isFinite(py)) {
            return null;
        }
        return new double[] { area.x + scale(px, xr) * area.width, area.y + area.height - scale(py, yr) * area.height };
    }

    /** Where v lies in [r0, r1], as a fraction (the middle when the range is one value). */
    private static double scale(double v, double[] r) {
        return r[1] > r[0] ? (v - r[0]) / (r[1] - r[0]) : 0.5;
    }

    /** The finite min and max of x or of y and the bands (log10 of positive values on a log axis); [0, 1] without any. */
    static double[] range(List<Series> series, boolean y, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            List<double[]> values = !y ? List.of(s.x()) : s.low() == null || s.high() == null ? List.of(s.y())
                    : List.of(s.y(), s.low(), s.high()); // a band is part of what the axis must show
            for (double[] column : values) {
                for (double v : column) {
                    double w = log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
                    if (Double.isFinite(w)) {
                        min = Math.min(min, w);
                        max = Math.max(max, w);
                    }
                }
            }
        }
        return min <= max ? new double[] { min, max } : new double[] { 0, 1 };
    }
}
