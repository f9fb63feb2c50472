package org.optlab.runner.landscape;

import java.util.List;

import org.optlab.core.surface.Surface;
import org.optlab.plot.AxisTitles;
import org.optlab.plot.LogScaled;

/**
 * A loss landscape's grid as a surface, so that the trajectory lab's renderers draw it (2-D map with contours, 3-D
 * mesh): values between the grid's points are interpolated bilinearly. Its domain is the slice's square.
 * <p>
 * Drawn on the log scale ({@link LogScaled}) whatever its range, with the levels evenly spaced in
 * log(loss - min + eps) rather than log(loss): around a trained network's paths a cross-entropy spans perhaps 0.3 to
 * 3, a ratio so small that levels in log(loss) would be nearly evenly spaced and leave the basin where the paths end
 * with a contour or two, while log(loss - min + eps) crowds the levels towards the minimum; it also holds for a squared
 * loss that reaches 0, and it is the scale the trajectory lab's large-range surfaces already use (one formula).
 */
public final class SampledSurface implements Surface, LogScaled, AxisTitles {

    private final double[] coordinates;
    private final double[][] values;
    private final String name;
    private final String xTitle;
    private final String yTitle;

    /** values[j][i] at (coordinates[i], coordinates[j]), as {@link Landscape.Slice} holds them. */
    public SampledSurface(String name, double[] coordinates, double[][] values, String xTitle, String yTitle) {
        this.name = name;
        this.coordinates = coordinates.clone();
        this.values = values;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    @Override
    public String xTitle() {
        return xTitle;
    }

    @Override
    public String yTitle() {
        return yTitle;
    }

    @Override
    public String id() {
        return "landscape";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public Domain domain() {
        return new Domain(coordinates[0], coordinates[coordinates.length - 1], coordinates[0],
                coordinates[coordinates.length - 1]);
    }

    @Override
    public List<double[]> minima() {
        return List.of();
    }

    @Override
    public List<double[]> starts() {
        return List.of();
    }

    @Override
    public String formula() {
        return "";
    }

    @Override
    public double valueAndGradient(double[] point, double[] gradient) {
        int n = coordinates.length;
        double step = (coordinates[n - 1] - coordinates[0]) / (n - 1);
        double u = clamp((point[0] - coordinates[0]) / step, n);
        double v = clamp((point[1] - coordinates[0]) / step, n);
        int i = Math.min(n - 2, (int) Math.floor(u));
        int j = Math.min(n - 2, (int) Math.floor(v));
        double fu = u - i, fv = v - j;
        double v00 = values[j][i], v10 = values[j][i + 1], v01 = values[j + 1][i], v11 = values[j + 1][i + 1];
        if (gradient != null) {
            gradient[0] = ((v10 - v00) * (1 - fv) + (v11 - v01) * fv) / step;
            gradient[1] = ((v01 - v00) * (1 - fu) + (v11 - v10) * fu) / step;
        }
        return v00 * (1 - fu) * (1 - fv) + v10 * fu * (1 - fv) + v01 * (1 - fu) * fv + v11 * fu * fv;
    }

    private static double clamp(double x, int n) {
        return Math.max(0, Math.min(n - 1, x));
    }
}
