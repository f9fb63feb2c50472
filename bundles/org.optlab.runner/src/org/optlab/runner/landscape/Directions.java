package org.optlab.runner.landscape;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The two directions that span a slice of the loss through a network's parameters (Li et al. 2018, "Visualizing the
 * Loss Landscape of Neural Nets"), on the parameters flattened into one vector:
 * <ul>
 * <li>{@link #principal}: the first two principal directions of the optimizers' paths taken relative to their shared
 * start (section 7), from the small Gram matrix of the snapshots, so that a network of millions of parameters needs no
 * n x n covariance. The paths are not centred on their mean: the plane passes through the start, the point the slice
 * is centred on, and is the plane through it that leaves the least of the paths off it.</li>
 * <li>{@link #random}: Gaussian directions, filter-normalised (section 4): each filter of a convolution, each neuron
 * of a dense layer, scaled to the norm of the same filter of the centre; parameters outside every filter (biases)
 * get no direction, as in the paper's code.</li>
 * </ul>
 * {@link #project} puts a point of the parameter space on the plane and says how far off it lies.
 */
public final class Directions {

    private Directions() {
    }

    /**
     * A parameter's filters in the flat vector: filter {@code i}'s element {@code e} is at
     * {@code offset + i * filterStride + e * elementStride}.
     */
    public record Filters(int offset, int count, int length, int filterStride, int elementStride) {

        /** A [rows, columns] parameter whose rows are its filters (a convolution's [filters, channels k k]). */
        public static Filters rows(int offset, int rows, int columns) {
            return new Filters(offset, rows, columns, columns, 1);
        }

        /** A [rows, columns] parameter whose columns are its filters (a dense layer's [in, out]: one per neuron). */
        public static Filters columns(int offset, int rows, int columns) {
            return new Filters(offset, columns, rows, 1, columns);
        }

        int at(int filter, int element) {
            return offset + filter * filterStride + element * elementStride;
        }
    }

    /**
     * Scales each filter of {@code direction} to the norm of the same filter of {@code center}, in place, and zeroes
     * what no filter covers: d_f &lt;- d_f / |d_f| * |theta_f|. A filter of {@code direction} that is all zero stays
     * zero.
     */
    public static void filterNormalise(float[] direction, float[] center, List<Filters> filters) {
        boolean[] covered = new boolean[direction.length];
        for (Filters f : filters) {
            for (int i = 0; i < f.count(); i++) {
                double dd = 0, cc = 0;
                for (int e = 0; e < f.length(); e++) {
                    int k = f.at(i, e);
                    dd += (double) direction[k] * direction[k];
                    cc += (double) center[k] * center[k];
                    covered[k] = true;
                }
                double scale = dd == 0 ? 0 : Math.sqrt(cc / dd);
                for (int e = 0; e < f.length(); e++) {
                    int k = f.at(i, e);
                    direction[k] = (float) (direction[k] * scale);
                }
            }
        }
        for (int k = 0; k < direction.length; k++) {
            if (!covered[k]) {
                direction[k] = 0;
            }
        }
    }

    /** A filter-normalised Gaussian direction about {@code center}, drawn from {@code random}. */
    public static float[] random(float[] center, List<Filters> filters, Random random) {
        float[] d = new float[center.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = (float) random.nextGaussian();
        }
        filterNormalise(d, center, filters);
        return d;
    }

    /**
     * The first two principal directions of {@code deltas} (rows: points relative to the plane's centre), unit length
     * and orthogonal, each signed so that the last row lies on its positive side (or, when it lies on neither, the
     * largest component is positive), and the share of the rows' squared norm that each explains.
     */
    public record Principal(float[] first, float[] second, double[] explained) {
    }

    /**
     * The principal directions of {@code deltas} through the eigenvectors of their Gram matrix G = M M^T (m x m for m
     * rows): a right singular vector of M is M^T u / sigma for an eigenvector u of G with eigenvalue sigma^2.
     *
     * @throws IllegalArgumentException when the rows span fewer than two directions (a path that never moved)
     */
    public static Principal principal(float[][] deltas) {
        int m = deltas.length;
        if (m == 0) {
            throw new IllegalArgumentException("no snapshots to take directions from");
        }
        int n = deltas[0].length;
        double[][] gram = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = dot(deltas[i], deltas[j]);
                gram[i][j] = s;
                gram[j][i] = s;
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double total = Arrays.stream(values).map(v -> Math.max(0, v)).sum();
        float[][] directions = new float[2][];
        double[] explained = new double[2];
        for (int p = 0; p < 2; p++) {
            int i = p < m ? order[p] : -1;
            double lambda = i < 0 ? 0 : values[i];
            if (!(lambda > total * 1e-12) || total == 0) {
                throw new IllegalArgumentException("the snapshots span " + p + " direction" + (p == 1 ? "" : "s")
                        + " from the start; a plane needs two (did the parameters move?)");
            }
            double sigma = Math.sqrt(lambda);
            double[] u = eigen.getEigenvector(i).toArray();
            double[] v = new double[n];
            for (int r = 0; r < m; r++) {
                double w = u[r] / sigma;
                float[] row = deltas[r];
                for (int k = 0; k < n; k++) {
                    v[k] += w * row[k];
                }
            }
            // a sign that does not depend on the eigen solver: the last snapshot on the positive side
            double side = 0;
            for (int k = 0; k < n; k++) {
                side += v[k] * deltas[m - 1][k];
            }
            if (Math.abs(side) < 1e-12) {
                int largest = 0;
                for (int k = 1; k < n; k++) {
                    largest = Math.abs(v[k]) > Math.abs(v[largest]) ? k : largest;
                }
                side = v[largest];
            }
            float[] d = new float[n];
            for (int k = 0; k < n; k++) {
                d[k] = (float) (side < 0 ? -v[k] : v[k]);
            }
            directions[p] = d;
            explained[p] = lambda / total;
        }
        return new Principal(directions[0], directions[1], explained);
    }

    /** Where a point lies on the plane {@code center + a d0 + b d1}, and the norm of what the plane does not show. */
    public record Projection(double a, double b, double residual) {
    }

    /**
     * The least-squares coordinates of {@code point} on the plane (the directions need not be orthogonal: the 2 x 2
     * normal equations) and the norm of the rest.
     */
    public static Projection project(float[] point, float[] center, float[] d0, float[] d1) {
        double g00 = dot(d0, d0), g01 = dot(d0, d1), g11 = dot(d1, d1);
        double r0 = 0, r1 = 0;
        for (int k = 0; k < point.length; k++) {
            double x = (double) point[k] - center[k];
            r0 += x * d0[k];
            r1 += x * d1[k];
        }
        double det = g00 * g11 - g01 * g01;
        if (!(det > 0)) {
            throw new IllegalArgumentException("the two directions are parallel (or zero): they span no plane");
        }
        double a = (r0 * g11 - r1 * g01) / det;
        double b = (r1 * g00 - r0 * g01) / det;
        double rest = 0;
        for (int k = 0; k < point.length; k++) {
            double x = (double) point[k] - center[k] - a * d0[k] - b * d1[k];
            rest += x * x;
        }
        return new Projection(a, b, Math.sqrt(rest));
    }

    static double dot(float[] x, float[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += (double) x[k] * y[k];
        }
        return s;
    }
}
