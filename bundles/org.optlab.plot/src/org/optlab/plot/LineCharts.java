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
 * Line charts drawn headless (AWT images, no SWT), for exports that run off the UI thread: panels stacked top to
 * bottom, each with its axes, titles, a legend on the right and a linear or logarithmic y axis. Each axis spans its
 * data exactly (finite values; non-positive ones are left out on a log axis).
 */
public final class LineCharts {

    /** One curve: its label, its colour (0xRRGGBB) and its points. */
    public record Series(String label, int rgb, double[] x, double[] y) {
    }

    /** One chart: its axis titles, whether y is logarithmic, and its curves. */
    public record Panel(String xTitle, String yTitle, boolean logY, List<Series> series) {
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
            double[] xr = range(panels.stream().flatMap(p -> p.series().stream()).toList(), false, false);
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
        List<Double> xTicks = Ticks.linear(xr[0], xr[1], Math.max(2, area.width / 80));
        List<String> xLabels = Ticks.labels(xTicks, false);
        for (int k = 0; k < xTicks.size(); k++) {
            int px = area.x + (int) Math.round(scale(xTicks.get(k), xr) * area.width);
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
        g.drawString(panel.xTitle(), area.x + (area.width - fm.stringWidth(panel.xTitle())) / 2,
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
        for (Series s : panel.series()) {
            g.setColor(new Color(s.rgb()));
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < Math.min(s.x().length, s.y().length); i++) {
                double y = panel.logY() ? (s.y()[i] > 0 ? Math.log10(s.y()[i]) : Double.NaN) : s.y()[i];
                if (!Double.isFinite(y) || !Double.isFinite(s.x()[i])) {
                    pen = false; // a gap where the value is not defined
                    continue;
                }
                double px = area.x + scale(s.x()[i], xr) * area.width;
                double py = area.y + area.height - scale(y, yr) * area.height;
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    pen = true;
                }
            }
            g.draw(path);
        }
        g.setClip(clip);
        g.setStroke(new BasicStroke(1f));
        int ly = area.y + fm.getHeight();
        for (Series s : panel.series()) { // the legend
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

    /** Where v lies in [r0, r1], as a fraction (the middle when the range is one value). */
    private static double scale(double v, double[] r) {
        return r[1] > r[0] ? (v - r[0]) / (r[1] - r[0]) : 0.5;
    }

    /** The finite min and max of x or y (log10 of positive y on a log axis); [0, 1] without any. */
    static double[] range(List<Series> series, boolean y, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : y ? s.y() : s.x()) {
                double w = log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
                if (Double.isFinite(w)) {
                    min = Math.min(min, w);
                    max = Math.max(max, w);
                }
            }
        }
        return min <= max ? new double[] { min, max } : new double[] { 0, 1 };
    }
}
