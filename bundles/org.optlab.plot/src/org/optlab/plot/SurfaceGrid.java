package org.optlab.plot;

import java.util.ArrayList;
import java.util.List;

import org.optlab.core.surface.Surface;

/**
 * A 2-D surface sampled at the centres of a columns x rows grid over its domain (row 0 at the top, y = yMax), with
 * what pictures are drawn from: values mapped to [0, 1] (on a log scale where the range is large, or the surface is
 * {@link LogScaled}), contour levels and contour segments. Pure data: safe to build off the UI thread.
 */
public final class SurfaceGrid {

    private final Surface.Domain domain;
    private final int columns;
    private final int rows;
    private final double[] values;
    private final double min;
    private final double max;
    private final boolean logScale;

    private SurfaceGrid(Surface.Domain domain, int columns, int rows, double[] values, boolean alwaysLog) {
        this.domain = domain;
        this.columns = columns;
        this.rows = rows;
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
        this.logScale = alwaysLog || hi - lo > 100 * Math.max(1e-12, Math.min(Math.abs(lo), Math.abs(hi)) + 1);
    }

    /** Samples a 2-D surface over its domain. */
    public static SurfaceGrid sample(Surface surface, int columns, int rows) {
        return sample(surface, surface.domain(), columns, rows);
    }

    /** Samples a 2-D surface over the region {@code d}. */
    public static SurfaceGrid sample(Surface surface, Surface.Domain d, int columns, int rows) {
        if (surface.dimension() != 2) {
            throw new IllegalArgumentException(surface.id() + " is not a 2-D surface");
        }
        if (columns < 2 || rows < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 x 2 samples, got " + columns + " x " + rows);
        }
        double[] values = new double[columns * rows];
        double[] point = new double[2];
        for (int row = 0; row < rows; row++) {
            point[1] = d.yMax() - (row + 0.5) / rows * (d.yMax() - d.yMin());
            for (int col = 0; col < columns; col++) {
                point[0] = d.xMin() + (col + 0.5) / columns * (d.xMax() - d.xMin());
                values[row * columns + col] = surface.value(point);
            }
        }
        return new SurfaceGrid(d, columns, rows, values, surface instanceof LogScaled);
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /** Whether colours and contour levels are on the log scale: a range over 100x, or a {@link LogScaled} surface. */
    public boolean logScale() {
        return logScale;
    }

    /** The sample at (column, row). */
    public double value(int column, int row) {
        return values[row * columns + column];
    }

    /** Grid column (fractional) of x. */
    public double column(double x) {
        return (x - domain.xMin()) / (domain.xMax() - domain.xMin()) * columns - 0.5;
    }

    /** Grid row (fractional) of y. */
    public double row(double y) {
        return (domain.yMax() - y) / (domain.yMax() - domain.yMin()) * rows - 0.5;
    }

    /**
     * {@code v} mapped to [0, 1] between the sampled extremes: linearly, or as log(v - min + offset) for large ranges;
     * values outside the range are clamped, NaN maps to 0.
     */
    public double normalized(double v) {
        return normalized(v, 1e-4);
    }

    /**
     * {@code v} mapped to [0, 1] for heights of a 3-D mesh: like {@link #normalized(double)} with a gentler log
     * (offset 1% of the range), so that minima read as valleys rather than needles.
     */
    public double relief(double v) {
        return normalized(v, 1e-2);
    }

    private double normalized(double v, double relativeOffset) {
        if (Double.isNaN(v) || !(max > min)) {
            return 0;
        }
        if (!logScale) {
            return Math.max(0, Math.min(1, (v - min) / (max - min)));
        }
        double offset = (max - min) * relativeOffset;
        double t = (Math.log(Math.max(0, v - min) + offset) - Math.log(offset))
                / (Math.log((max - min) + offset) - Math.log(offset));
        return Math.max(0, Math.min(1, t));
    }

    /** The filled colour map, one 0xRRGGBB per sample, row by row. */
    public int[] colourMap() {
        int[] rgb = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            rgb[i] = Colours.viridis(normalized(values[i]));
        }
        return rgb;
    }

    /**
     * {@code count} contour levels between the extremes, evenly spaced on the map's scale: linear, or on the log scale
     * in log(v - min + offset), the offset 1e-4 of the range (so the differences between levels grow by a constant
     * ratio, and the levels crowd the minimum).
     */
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
     * Contour segments at {@code level} by marching squares over the samples: each segment is {x1, y1, x2, y2} in
     * grid coordinates (column, row), endpoints linearly interpolated on the cell edges.
     */
    public List<double[]> contour(double level) {
        List<double[]> segments = new ArrayList<>();
        double[] crossings = new double[8];
        for (int y = 0; y + 1 < rows; y++) {
            for (int x = 0; x + 1 < columns; x++) {
                double a = values[y * columns + x];
                double b = values[y * columns + x + 1];
                double c = values[(y + 1) * columns + x + 1];
                double d = values[(y + 1) * columns + x];
                if ((a < level) == (b < level) && (b < level) == (c < level) && (c < level) == (d < level)) {
                    continue; // the common case: no crossing in this cell
                }
                int n = 0;
                n = cross(crossings, n, a, b, x, y, x + 1, y, level);
                n = cross(crossings, n, b, c, x + 1, y, x + 1, y + 1, level);
                n = cross(crossings, n, c, d, x + 1, y + 1, x, y + 1, level);
                n = cross(crossings, n, d, a, x, y + 1, x, y, level);
                for (int i = 0; i + 3 < n; i += 4) {
                    segments.add(new double[] { crossings[i], crossings[i + 1], crossings[i + 2], crossings[i + 3] });
                }
            }
        }
        return segments;
    }

    private static int cross(double[] out, int n, double va, double vb, double xa, double ya, double xb, double yb,
            double level) {
        if ((va < level) != (vb < level) && Double.isFinite(va) && Double.isFinite(vb)) {
            double t = (level - va) / (vb - va);
            out[n] = xa + t * (xb - xa);
            out[n + 1] = ya + t * (yb - ya);
            return n + 2;
        }
        return n;
    }
}
