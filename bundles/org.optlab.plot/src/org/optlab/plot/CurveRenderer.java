package org.optlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;

import org.optlab.core.surface.Surface;

/**
 * The 1-D view: the curve f(x) over its domain with axes, each track's past points as faint dots on it and its ball
 * at the step shown.
 */
public final class CurveRenderer extends FrameRenderer {

    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int TOP = 14;
    private static final int BOTTOM = 34;

    /** The curve sampled once per pixel column of a plot area, with the value range it spans. */
    private record Curve(int width, double[] values, double low, double high) {
    }

    private volatile Curve curve;

    public CurveRenderer(Scene scene) {
        super(scene);
        if (scene.surface().dimension() != 1) {
            throw new IllegalArgumentException("the 1-D view needs a 1-D curve; " + scene.surface().id() + " is 2-D");
        }
    }

    @Override
    public boolean preparedFor(int width, int height) {
        Curve c = curve;
        return c != null && c.width == plotWidth(width);
    }

    @Override
    public void prepare(int width, int height) {
        if (preparedFor(width, height)) {
            return;
        }
        int columns = plotWidth(width);
        Surface.Domain d = scene.domain();
        double[] values = new double[columns + 1];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= columns; i++) {
            values[i] = scene.surface().value(new double[] { d.xMin() + (d.xMax() - d.xMin()) * i / columns });
            if (Double.isFinite(values[i])) {
                low = Math.min(low, values[i]);
                high = Math.max(high, values[i]);
            }
        }
        if (!(high > low)) {
            high = low + 1;
        }
        double pad = 0.06 * (high - low);
        curve = new Curve(columns, values, low - pad, high + pad);
    }

    private static int plotWidth(int width) {
        return Math.max(2, width - LEFT - RIGHT);
    }

    /** The pixel column of x in frames {@code width} wide. */
    public double pixelX(double x, int width) {
        Surface.Domain d = scene.domain();
        return LEFT + (x - d.xMin()) / (d.xMax() - d.xMin()) * plotWidth(width);
    }

    private static double pixelY(Curve c, double value, int height) {
        return TOP + (c.high - value) / (c.high - c.low) * (height - TOP - BOTTOM);
    }

    @Override
    protected int legendX() {
        return LEFT + 8;
    }

    @Override
    protected int legendY() {
        return TOP + 8;
    }

    @Override
    protected void paintScene(Graphics2D g, int width, int height, int step) {
        if (curve == null) {
            prepare(width, height);
        }
        Curve c = curve;
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Surface.Domain d = scene.domain();
        paintAxes(g, LEFT, TOP, LEFT + plotWidth(width), height - BOTTOM, d.xMin(), d.xMax(), x -> pixelX(x, width),
                c.low, c.high, v -> pixelY(c, v, height), 60);
        g.setClip(LEFT, TOP, plotWidth(width) + 1, height - TOP - BOTTOM + 1);
        Path2D.Double line = new Path2D.Double();
        boolean drawing = false;
        for (int i = 0; i < c.values.length; i++) {
            double px = LEFT + (double) i * plotWidth(width) / c.width;
            double py = clamp(pixelY(c, c.values[i], height));
            if (!Double.isFinite(c.values[i])) {
                drawing = false;
            } else if (drawing) {
                line.lineTo(px, py);
            } else {
                line.moveTo(px, py);
                drawing = true;
            }
        }
        g.setColor(new Color(0x3b528b));
        g.setStroke(new BasicStroke(2.5f));
        g.draw(line);
        for (Track t : scene.tracks()) {
            int last = t.at(step);
            Color trail = new Color((t.rgb() >> 16) & 0xff, (t.rgb() >> 8) & 0xff, t.rgb() & 0xff, 90);
            g.setColor(trail);
            for (int i = 0; i < last; i++) {
                double px = clamp(pixelX(t.x()[i], width));
                double py = clamp(pixelY(c, t.loss()[i], height));
                g.fillOval((int) Math.round(px) - 3, (int) Math.round(py) - 3, 6, 6);
            }
        }
        for (Track t : scene.tracks()) {
            int i = t.at(step);
            ball(g, t.rgb(), pixelX(t.x()[i], width), pixelY(c, t.loss()[i], height) - BALL_RADIUS);
        }
        g.setClip(null);
    }
}
