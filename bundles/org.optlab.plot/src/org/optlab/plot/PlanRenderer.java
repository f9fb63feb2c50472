package org.optlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.optlab.core.surface.Surface;

/**
 * The 2-D view: the surface from above as a filled colour map with contour lines (log-spaced where the range is
 * large) and axes, the known minima as crosses, each track as a polyline ending in its ball. The background is
 * prepared once per size; a frame only draws the tracks over it.
 */
public final class PlanRenderer extends FrameRenderer {

    private static final int LEFT = 52;
    private static final int RIGHT = 14;
    private static final int TOP = 14;
    private static final int BOTTOM = 34;
    /** Room for an axis title (a line of {@link FrameRenderer#FONT}) beside the tick labels. */
    private static final int TITLE = 18;
    private static final int CONTOUR_LEVELS = 14;

    /** The surface's axis titles, or null. */
    private final AxisTitles titles;
    private final int left;
    private final int bottom;

    /** The frame without tracks at one size. */
    private record Background(int width, int height, BufferedImage image) {
    }

    private volatile Background background;

    public PlanRenderer(Scene scene) {
        super(scene);
        if (scene.surface().dimension() != 2) {
            throw new IllegalArgumentException("the 2-D view needs a 2-D surface; " + scene.surface().id() + " is 1-D");
        }
        titles = scene.surface() instanceof AxisTitles t ? t : null;
        left = LEFT + (titles != null ? TITLE : 0);
        bottom = BOTTOM + (titles != null ? TITLE : 0);
    }

    @Override
    public boolean preparedFor(int width, int height) {
        Background b = background;
        return b != null && b.width == width && b.height == height;
    }

    @Override
    public void prepare(int width, int height) {
        if (preparedFor(width, height)) {
            return;
        }
        int plotWidth = Math.max(2, width - left - RIGHT);
        int plotHeight = Math.max(2, height - TOP - bottom);
        SurfaceGrid grid = SurfaceGrid.sample(scene.surface(), scene.domain(), plotWidth, plotHeight);
        BufferedImage map = new BufferedImage(plotWidth, plotHeight, BufferedImage.TYPE_INT_RGB);
        map.setRGB(0, 0, plotWidth, plotHeight, grid.colourMap(), 0, plotWidth);

        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(map, left, TOP, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(255, 255, 255, 110));
            g.setStroke(new BasicStroke(1f));
            for (double level : grid.levels(CONTOUR_LEVELS)) {
                Path2D.Double lines = new Path2D.Double();
                for (double[] s : grid.contour(level)) {
                    // grid coordinate c is the centre of pixel c of the plot area
                    lines.moveTo(left + s[0] + 0.5, TOP + s[1] + 0.5);
                    lines.lineTo(left + s[2] + 0.5, TOP + s[3] + 0.5);
                }
                g.draw(lines);
            }
            Surface.Domain d = scene.domain();
            paintAxes(g, left, TOP, width - RIGHT, height - bottom, d.xMin(), d.xMax(), x -> pixelX(x, width),
                    d.yMin(), d.yMax(), y -> pixelY(y, height), 70);
            if (titles != null) {
                paintTitles(g, width, height);
            }
        } finally {
            g.dispose();
        }
        background = new Background(width, height, image);
    }

    /** The x title centred under the tick labels, the y title turned up left of them; both cut to fit. */
    private void paintTitles(Graphics2D g, int width, int height) {
        g.setFont(FONT);
        g.setColor(INK);
        FontMetrics metrics = g.getFontMetrics();
        int plotWidth = width - left - RIGHT;
        int plotHeight = height - TOP - bottom;
        String x = fit(titles.xTitle(), metrics, plotWidth);
        g.drawString(x, left + (plotWidth - metrics.stringWidth(x)) / 2, height - 6);
        String y = fit(titles.yTitle(), metrics, plotHeight);
        AffineTransform saved = g.getTransform();
        g.translate(4 + metrics.getAscent(), TOP + (plotHeight + metrics.stringWidth(y)) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(y, 0, 0);
        g.setTransform(saved);
    }

    /** {@code text}, cut with an ellipsis where it is wider than {@code room} pixels. */
    private static String fit(String text, FontMetrics metrics, int room) {
        if (metrics.stringWidth(text) <= room) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "\u2026") > room) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }

    /** The pixel column of x in frames {@code width} wide. */
    public double pixelX(double x, int width) {
        Surface.Domain d = scene.domain();
        return left + (x - d.xMin()) / (d.xMax() - d.xMin()) * (width - left - RIGHT);
    }

    /** The pixel row of y in frames {@code height} high. */
    public double pixelY(double y, int height) {
        Surface.Domain d = scene.domain();
        return TOP + (d.yMax() - y) / (d.yMax() - d.yMin()) * (height - TOP - bottom);
    }

    @Override
    protected int legendX() {
        return left + 8;
    }

    @Override
    protected int legendY() {
        return TOP + 8;
    }

    @Override
    protected void paintScene(Graphics2D g, int width, int height, int step) {
        Background b = background;
        if (b == null) {
            prepare(width, height);
            b = background;
        }
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(b.image, 0, 0, width, height, null); // scaled while a resize is being prepared
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setClip(left, TOP, width - left - RIGHT + 1, height - TOP - bottom + 1);
        g.setStroke(new BasicStroke(2f));
        g.setColor(Color.WHITE);
        for (double[] minimum : scene.surface().minima()) {
            int x = (int) Math.round(pixelX(minimum[0], width));
            int y = (int) Math.round(pixelY(minimum[1], height));
            g.drawLine(x - 6, y - 6, x + 6, y + 6);
            g.drawLine(x - 6, y + 6, x + 6, y - 6);
        }
        List<Track> tracks = scene.tracks();
        g.setStroke(TRACK_STROKE);
        for (Track t : tracks) {
            int last = t.at(step);
            Path2D.Double line = new Path2D.Double(Path2D.WIND_NON_ZERO, last + 1);
            line.moveTo(clamp(pixelX(t.x()[0], width)), clamp(pixelY(t.y()[0], height)));
            for (int i = 1; i <= last; i++) {
                line.lineTo(clamp(pixelX(t.x()[i], width)), clamp(pixelY(t.y()[i], height)));
            }
            g.setColor(new Color(t.rgb()));
            g.draw(line);
        }
        for (Track t : tracks) {
            int i = t.at(step);
            ball(g, t.rgb(), pixelX(t.x()[i], width), pixelY(t.y()[i], height));
        }
        g.setClip(null);
    }
}
