package org.optlab.core.surface;

import java.util.List;

/**
 * A test function for optimizers, 1-D (a curve in x) or 2-D (a surface in x, y), in double precision with its
 * gradient. It carries what a lab needs to show it: the domain to plot, the known minima, sensible start points, and
 * its formula in the syntax of {@link Formula}.
 */
public interface Surface {

    /** Stable id used in experiment files, e.g. {@code rosenbrock}. */
    String id();

    /** Display name. */
    String name();

    /** 1 or 2. */
    int dimension();

    /** The region to plot. For 1-D surfaces only x counts. */
    Domain domain();

    /** The known global minima (empty for saddles); points of {@link #dimension()} coordinates. */
    List<double[]> minima();

    /** Start points that show the surface's character. */
    List<double[]> starts();

    /** The formula in {@link Formula} syntax, in x (and y). */
    String formula();

    /** f(point). */
    default double value(double[] point) {
        return valueAndGradient(point, null);
    }

    /**
     * Returns f(point) and writes its gradient into {@code gradient} (length {@link #dimension()}) unless it is null.
     */
    double valueAndGradient(double[] point, double[] gradient);

    /** The plotted region: x in [xMin, xMax], y in [yMin, yMax]. */
    record Domain(double xMin, double xMax, double yMin, double yMax) {

        public Domain {
            if (!(xMin < xMax) || !(yMin <= yMax)) {
                throw new IllegalArgumentException("empty domain [" + xMin + ", " + xMax + "] x [" + yMin + ", " + yMax + "]");
            }
        }

        /** The larger side, the scale against which a trajectory counts as diverged. */
        public double size() {
            return Math.max(xMax - xMin, yMax - yMin);
        }
    }
}
