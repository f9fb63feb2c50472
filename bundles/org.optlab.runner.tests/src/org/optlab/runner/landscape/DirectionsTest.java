package org.optlab.runner.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The slice's directions against independent computations and hand-worked values. */
class DirectionsTest {

    @Test
    void principalDirectionsAgreeWithPowerIterationOnTheCovariance() {
        Random random = new Random(7);
        int m = 6, n = 9;
        float[][] deltas = new float[m][n];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                // a path that mostly moves along two directions, plus a little of everything
                deltas[i][k] = (float) ((i + 1) * (k % 3 == 0 ? 1.0 : 0.1) + (i % 2) * (k % 3 == 1 ? 0.7 : 0)
                        + 0.05 * random.nextGaussian());
            }
        }
        Directions.Principal p = Directions.principal(deltas);
        // orthonormal
        assertEquals(1, Directions.dot(p.first(), p.first()), 1e-6);
        assertEquals(1, Directions.dot(p.second(), p.second()), 1e-6);
        assertEquals(0, Directions.dot(p.first(), p.second()), 1e-6);

        // the second computation: power iteration on C = M^T M (n x n), then on C deflated by the first
        double[][] c = new double[n][n];
        for (float[] row : deltas) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    c[a][b] += (double) row[a] * row[b];
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < n; a++) {
            trace += c[a][a];
        }
        double[] v1 = powerIteration(c);
        double l1 = rayleigh(c, v1);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                c[a][b] -= l1 * v1[a] * v1[b];
            }
        }
        double[] v2 = powerIteration(c);
        double l2 = rayleigh(c, v2);
        assertEquals(1, Math.abs(dot(p.first(), v1)), 1e-5);
        assertEquals(1, Math.abs(dot(p.second(), v2)), 1e-5);
        assertEquals(l1 / trace, p.explained()[0], 1e-6);
        assertEquals(l2 / trace, p.explained()[1], 1e-6);
        // signed so that the last snapshot lies on the positive side of each
        assertEquals(1, Math.signum(Directions.dot(p.first(), deltas[m - 1])));
    }

    @Test
    void aPathThatDidNotMoveSpansNoPlane() {
        float[][] still = { { 0, 0, 0 }, { 0, 0, 0 } };
        assertThrows(IllegalArgumentException.class, () -> Directions.principal(still));
        float[][] line = { { 1, 2, 3 }, { 2, 4, 6 } }; // one direction only
        assertThrows(IllegalArgumentException.class, () -> Directions.principal(line));
    }

    @Test
    void projectingAPointOnThePlaneGivesItsCoordinatesAndNoResidual() {
        float[] center = { 1, -2, 0.5f, 3 };
        float[] d0 = { 1, 0, 1, 0 };
        float[] d1 = { 0.5f, 1, 0, -1 }; // not orthogonal to d0
        float[] point = new float[4];
        for (int k = 0; k < 4; k++) {
            point[k] = (float) (center[k] + 0.25 * d0[k] - 1.5 * d1[k]);
        }
        Directions.Projection on = Directions.project(point, center, d0, d1);
        assertEquals(0.25, on.a(), 1e-6);
        assertEquals(-1.5, on.b(), 1e-6);
        assertEquals(0, on.residual(), 1e-6);
        // off the plane by e, orthogonal to both directions: the same coordinates, residual |e|
        float[] e = { 2, 0, -2, 1 }; // e.d0 = 2 - 2 = 0, e.d1 = 1 + 0 + 0 - 1 = 0
        assertEquals(0, Directions.dot(e, d0), 0);
        assertEquals(0, Directions.dot(e, d1), 0);
        float[] off = new float[4];
        for (int k = 0; k < 4; k++) {
            off[k] = point[k] + 2 * e[k];
        }
        Directions.Projection away = Directions.project(off, center, d0, d1);
        assertEquals(0.25, away.a(), 1e-6);
        assertEquals(-1.5, away.b(), 1e-6);
        assertEquals(2 * Math.sqrt(Directions.dot(e, e)), away.residual(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Directions.project(point, center, d0, d0));
    }

    @Test
    void filterNormalisationScalesEachFilterToTheCentresAsThePaperDefinesIt() {
        // a convolution's weight [2 filters, 3] (rows), a dense weight [in 2, out 2] (columns), then a bias of 2
        float[] center = { 3, 4, 0, /* */ 1, 0, 0, /* dense */ 3, 0, 4, 1, /* bias */ 9, 9 };
        float[] d = { 1, 0, 0, /* */ 0, 2, 0, /* dense */ 1, 1, 1, 1, /* bias */ 5, 5 };
        List<Directions.Filters> filters = List.of(Directions.Filters.rows(0, 2, 3), Directions.Filters.columns(6, 2,
                2));
        Directions.filterNormalise(d, center, filters);
        // conv filter 0: |theta| = 5, d = (1, 0, 0) -> (5, 0, 0); filter 1: |theta| = 1, d = (0, 2, 0) -> (0, 1, 0)
        // dense neuron 0 is column 0: theta (3, 4), |.| = 5, d (1, 1) -> 5 / sqrt 2 each; neuron 1: theta (0, 1), d
        // (1, 1) -> 1 / sqrt 2 each; the bias gets no direction
        float s = (float) (5 / Math.sqrt(2)), t = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[] { 5, 0, 0, 0, 1, 0, s, t, s, t, 0, 0 }, d, 1e-6f);
    }

    @Test
    void aRandomDirectionHasTheCentresFilterNormsAndDependsOnItsSeedOnly() {
        float[] center = new float[2 * 5 + 4 * 3];
        Random r = new Random(3);
        for (int k = 0; k < center.length; k++) {
            center[k] = (float) r.nextGaussian();
        }
        List<Directions.Filters> filters = List.of(Directions.Filters.rows(0, 2, 5), Directions.Filters.columns(10, 4,
                3));
        float[] d = Directions.random(center, filters, new Random(11));
        assertArrayEquals(d, Directions.random(center, filters, new Random(11)));
        for (Directions.Filters f : filters) {
            for (int i = 0; i < f.count(); i++) {
                double dd = 0, cc = 0;
                for (int e = 0; e < f.length(); e++) {
                    dd += d[f.at(i, e)] * d[f.at(i, e)];
                    cc += center[f.at(i, e)] * center[f.at(i, e)];
                }
                assertEquals(Math.sqrt(cc), Math.sqrt(dd), 1e-5);
            }
        }
    }

    private static double[] powerIteration(double[][] c) {
        int n = c.length;
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1 / Math.sqrt(n));
        v[0] += 0.1; // not orthogonal to the answer by chance
        for (int it = 0; it < 5000; it++) {
            double[] w = new double[n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    w[a] += c[a][b] * v[b];
                }
            }
            double norm = Math.sqrt(java.util.Arrays.stream(w).map(x -> x * x).sum());
            for (int a = 0; a < n; a++) {
                v[a] = w[a] / norm;
            }
        }
        return v;
    }

    private static double rayleigh(double[][] c, double[] v) {
        double s = 0;
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                s += v[a] * c[a][b] * v[b];
            }
        }
        return s;
    }

    private static double dot(float[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }
}
