package org.optlab.ui.internal.render;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.optlab.core.surface.Surface;

/**
 * A surface sampled at the centres of a width x height pixel grid over its domain (row 0 at the top, y = yMax), with
 * what a 2-D view draws from it: a filled colour map and contour lines. Pure data, safe to build off the UI thread;
 * the UI thread only turns the {@link ImageData} into an image.
 */
public final class SurfaceRaster {

    /** Viridis at 9 evenly spaced stops (from the matplotlib colormap's published table), low to high. */
    private static final int[] VIRIDIS = { 0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
            0xaadc32, 0xfde725 };

    private final Surface.Domain domain;
    private final int width;
    private final int height;
    private final double[] values;
    private final double min;
    private final double max;
    private final boolean logScale;

    private SurfaceRaster(Surface.Domain domain, int width, int height, double[] values) {
        this.domain = domain;
        this.width = width;
        this.height = height;
        this.values = values;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        this.min = lo;
        this.max = hi;
        // Large ranges (Rosenbrock spans 0 to 2,500) hide the valley on a linear scale.
        this.logScale = hi - lo > 100 * Math.max(1e-12, Math.min(Math.abs(lo), Math.abs(hi)) + 1);
    }

    /** Samples a 2-D surface over its domain. */
    public static SurfaceRaster sample(Surface surface, int width, int height) {
        if (surface.dimension() != 2) {
            throw new IllegalArgumentException(surface.id() + " is not a 2-D surface");
        }
        Surface.Domain d = surface.domain();
        double[] values = new double[width * height];
        double[] point = new double[2];
        for (int row = 0; row < height; row++) {
            point[1] = d.yMax() - (row + 0.5) / height * (d.yMax() - d.yMin());
            for (int col = 0; col < width; col++) {
                point[0] = d.xMin() + (col + 0.5) / width * (d.xMax() - d.xMin());
                values[row * width + col] = surface.value(point);
            }
        }
        return new SurfaceRaster(d, width, height, values);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean logScale() {
        return logScale;
    }

    /** Pixel column (fractional) of x. */
    public double column(double x) {
        return (x - domain.xMin()) / (domain.xMax() - domain.xMin()) * width - 0.5;
    }

    /** Pixel row (fractional) of y. */
    public double row(double y) {
        return (domain.yMax() - y) / (domain.yMax() - domain.yMin()) * height - 0.5;
    }

    /** The value mapped to [0, 1]: linear, or log(f - min + offset) for large ranges. */
    private double normalized(double v) {
        if (!Double.isFinite(v) || !(max > min)) {
            return 0;
        }
        if (!logScale) {
            return (v - min) / (max - min);
        }
        double offset = (max - min) * 1e-4;
        return Math.log((v - min) + offset) - Math.log(offset) > 0
                ? (Math.log((v - min) + offset) - Math.log(offset)) / (Math.log((max - min) + offset) - Math.log(offset))
                : 0;
    }

    /** The filled colour map, 24-bit RGB. */
    public ImageData colourMap() {
        ImageData image = new ImageData(width, height, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = colour(normalized(values[y * width + x]));
            }
            image.setPixels(0, y, width, row, 0);
        }
        return image;
    }

    /** Viridis at t in [0, 1], as 0xRRGGBB. */
    static int colour(double t) {
        double scaled = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) scaled);
        double f = scaled - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /** {@code count} contour levels between the extremes, evenly spaced on the map's scale (log or linear). */
    public double[] levels(int count) {
        double[] levels = new double[count];
        for (int k = 0; k < count; k++) {
            double t = (k + 1.0) / (count + 1);
            if (logScale) {
                double offset = (max - min) * 1e-4;
                levels[k] = min - offset + Math.exp(Math.log(offset) + t * (Math.log(max - min + offset) - Math.log(offset)));
            } else {
                levels[k] = min + t * (max - min);
            }
        }
        return levels;
    }

    /**
     * Contour segments at {@code level} by marching squares over the pixel centres: each segment is
     * {x1, y1, x2, y2} in pixel coordinates, endpoints linearly interpolated on the cell edges.
     */
    public List<double[]> contour(double level) {
        List<double[]> segments = new ArrayList<>();
        for (int y = 0; y + 1 < height; y++) {
            for (int x = 0; x + 1 < width; x++) {
                double a = values[y * width + x];
                double b = values[y * width + x + 1];
                double c = values[(y + 1) * width + x + 1];
                double d = values[(y + 1) * width + x];
                List<double[]> crossings = new ArrayList<>(4);
                cross(crossings, a, b, x, y, x + 1, y, level);
                cross(crossings, b, c, x + 1, y, x + 1, y + 1, level);
                cross(crossings, c, d, x + 1, y + 1, x, y + 1, level);
                cross(crossings, d, a, x, y + 1, x, y, level);
                for (int i = 0; i + 1 < crossings.size(); i += 2) {
                    double[] p = crossings.get(i);
                    double[] q = crossings.get(i + 1);
                    segments.add(new double[] { p[0], p[1], q[0], q[1] });
                }
            }
        }
        return segments;
    }

    private static void cross(List<double[]> out, double va, double vb, double xa, double ya, double xb, double yb,
            double level) {
        if ((va < level) != (vb < level) && Double.isFinite(va) && Double.isFinite(vb)) {
            double t = (level - va) / (vb - va);
            out.add(new double[] { xa + t * (xb - xa), ya + t * (yb - ya) });
        }
    }
}
