package org.optlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Draws one frame of a {@link Scene}: the tracks up to a step, with each ball at that step, a legend and a caption.
 * Subclasses draw the surface and place the points; this class holds what all views share. Not thread-safe: one
 * renderer is used by one thread at a time (a view's UI thread, or the thread writing a GIF).
 */
public abstract class FrameRenderer {

    protected static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    protected static final Color INK = new Color(0x222222);
    protected static final BasicStroke TRACK_STROKE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    protected static final int BALL_RADIUS = 6;

    protected final Scene scene;

    protected FrameRenderer(Scene scene) {
        this.scene = scene;
    }

    public Scene scene() {
        return scene;
    }

    /** A new image of the frame at {@code step} (24-bit BGR, which SWT shows without conversion). */
    public final BufferedImage render(int width, int height, int step) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            paint(g, width, height, step);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws the frame at {@code step} into the area (0, 0, width, height) of {@code g}. */
    public final void paint(Graphics2D g, int width, int height, int step) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        paintScene(g, width, height, step);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paintLegend(g);
        paintCaption(g, width, step);
    }

    /**
     * Does the slow work for frames of this size ahead of time (sampling, contours), so that {@link #paint} only
     * draws; may run on any thread. Frames of another size are drawn from what was prepared last, scaled.
     */
    public void prepare(int width, int height) {
    }

    /** Whether frames of this size can be drawn without scaling what was prepared. */
    public boolean preparedFor(int width, int height) {
        return true;
    }

    protected abstract void paintScene(Graphics2D g, int width, int height, int step);

    /** One entry per distinct label, in the tracks' order, in a translucent box at the top left. */
    private void paintLegend(Graphics2D g) {
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (Track t : scene.tracks()) {
            entries.putIfAbsent(t.label(), t.rgb());
        }
        if (entries.isEmpty()) {
            return;
        }
        FontMetrics metrics = g.getFontMetrics();
        int line = metrics.getHeight() + 4;
        int width = entries.keySet().stream().mapToInt(metrics::stringWidth).max().orElse(0) + 36;
        int x = legendX();
        int y = legendY();
        g.setColor(new Color(255, 255, 255, 215));
        g.fillRoundRect(x, y, width, 10 + line * entries.size(), 10, 10);
        int row = y + 5;
        for (Map.Entry<String, Integer> e : entries.entrySet()) {
            g.setColor(new Color(e.getValue()));
            g.fillOval(x + 8, row + (line - 10) / 2, 10, 10);
            g.setColor(INK);
            g.drawString(e.getKey(), x + 26, row + (line + metrics.getAscent() - metrics.getDescent()) / 2);
            row += line;
        }
    }

    /** Where the legend's box starts (subclasses with axes move it inside the plot). */
    protected int legendX() {
        return 8;
    }

    protected int legendY() {
        return 8;
    }

    /** "step s / last" at the top right, so that a still or an animation says where it is. */
    private void paintCaption(Graphics2D g, int width, int step) {
        int last = scene.lastStep();
        String text = "step " + Math.max(0, Math.min(step, last)) + " / " + last;
        FontMetrics metrics = g.getFontMetrics();
        int w = metrics.stringWidth(text) + 16;
        int x = width - w - 8;
        g.setColor(new Color(255, 255, 255, 215));
        g.fillRoundRect(x, 8, w, metrics.getHeight() + 8, 10, 10);
        g.setColor(INK);
        g.drawString(text, x + 8, 12 + metrics.getAscent());
    }

    /** A filled ball with a thin white rim, centred on (x, y). */
    protected static void ball(Graphics2D g, int rgb, double x, double y) {
        int cx = (int) Math.round(clamp(x));
        int cy = (int) Math.round(clamp(y));
        g.setColor(new Color(rgb));
        g.fillOval(cx - BALL_RADIUS, cy - BALL_RADIUS, 2 * BALL_RADIUS, 2 * BALL_RADIUS);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.2f));
        g.drawOval(cx - BALL_RADIUS, cy - BALL_RADIUS, 2 * BALL_RADIUS, 2 * BALL_RADIUS);
    }

    /** Keeps far-away points (a diverging track) within what Java 2D draws reliably. */
    protected static double clamp(double pixel) {
        return Double.isNaN(pixel) ? -1e5 : Math.max(-1e5, Math.min(1e5, pixel));
    }

    /**
     * The frame of the plot area (left, top) to (right, bottom) with round ticks and their labels: x below it, y to
     * its left; {@code pixelX} and {@code pixelY} place a value, {@code ySpacing} is about the pixels between y ticks.
     */
    protected static void paintAxes(Graphics2D g, int left, int top, int right, int bottom, double xMin, double xMax,
            DoubleUnaryOperator pixelX, double yMin, double yMax, DoubleUnaryOperator pixelY, int ySpacing) {
        g.setFont(FONT);
        FontMetrics metrics = g.getFontMetrics();
        g.setColor(INK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, right - left, bottom - top);
        for (double x : ticks(xMin, xMax, Math.max(2, (right - left) / 90))) {
            int px = (int) Math.round(pixelX.applyAsDouble(x));
            g.drawLine(px, bottom, px, bottom + 4);
            String label = tickLabel(x);
            g.drawString(label, px - metrics.stringWidth(label) / 2, bottom + 6 + metrics.getAscent());
        }
        for (double y : ticks(yMin, yMax, Math.max(2, (bottom - top) / ySpacing))) {
            int py = (int) Math.round(pixelY.applyAsDouble(y));
            g.drawLine(left - 4, py, left, py);
            String label = tickLabel(y);
            g.drawString(label, left - 7 - metrics.stringWidth(label), py + (metrics.getAscent() - metrics.getDescent()) / 2);
        }
    }

    /** About {@code target} round tick values within [lo, hi] (steps of 1, 2 or 5 times a power of ten). */
    protected static double[] ticks(double lo, double hi, int target) {
        if (!(hi > lo)) {
            return new double[] { lo };
        }
        double raw = (hi - lo) / Math.max(1, target);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
        double first = Math.ceil(lo / step - 1e-9) * step;
        int count = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] ticks = new double[Math.max(0, count)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = first + i * step;
            if (Math.abs(ticks[i]) < step * 1e-9) {
                ticks[i] = 0;
            }
        }
        return ticks;
    }

    /** A tick label: plain with up to 3 decimals, or scientific for very large or small values. */
    protected static String tickLabel(double v) {
        if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
