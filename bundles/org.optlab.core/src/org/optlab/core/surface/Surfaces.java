package org.optlab.core.surface;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in test functions, with analytic gradients, and formula surfaces typed by the user. Domains, minima and
 * formulas follow the usual references (Surjanovic and Bingham's Virtual Library of Simulation Experiments;
 * Himmelblau 1972; Goldstein and Price 1971).
 */
public final class Surfaces {

    private static final double TWO_PI = 2 * Math.PI;

    private Surfaces() {
    }

    /** The built-ins by id, in display order (1-D curves first); the ellipse with condition number 10. */
    public static List<Surface> all() {
        return List.copyOf(BUILT_INS.values());
    }

    public static Optional<Surface> byId(String id) {
        return Optional.ofNullable(BUILT_INS.get(id));
    }

    /** The ill-conditioned ellipse 0.5 (x^2 + kappa y^2), condition number {@code kappa} >= 1. */
    public static Surface ellipse(double kappa) {
        if (!(kappa >= 1) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("ellipse: condition number must be a finite number >= 1, got " + kappa);
        }
        return new Analytic("ellipse", "Ill-conditioned ellipse (kappa " + kappa + ")", 2,
                new Surface.Domain(-5, 5, -5, 5), List.of(new double[] { 0, 0 }),
                List.of(new double[] { -4, 3 }, new double[] { 4, -1 }), "0.5*(x^2 + " + kappa + "*y^2)", (x, y, g) -> {
                    set(g, x, kappa * y);
                    return 0.5 * (x * x + kappa * y * y);
                });
    }

    /** A surface from a formula in x (a 1-D curve) or x and y. Domain [-5, 5] (each axis); no known minima. */
    public static Surface formula(String text) {
        Formula formula = Formula.parse(text);
        int dimension = formula.usesY() ? 2 : 1;
        List<double[]> starts = dimension == 2 ? List.of(new double[] { -4, 4 }) : List.of(new double[] { -4 });
        return new Analytic("formula", text, dimension, new Surface.Domain(-5, 5, dimension == 2 ? -5 : 0,
                dimension == 2 ? 5 : 0), List.of(), starts, text,
                (x, y, g) -> formula.valueAndGradient(x, y, g));
    }

    /** f and its gradient at (x, y); {@code g} may be null. */
    @FunctionalInterface
    interface Evaluation {
        double at(double x, double y, double[] g);
    }

    private static void set(double[] g, double dx, double dy) {
        if (g != null) {
            g[0] = dx;
            if (g.length > 1) {
                g[1] = dy;
            }
        }
    }

    private record Analytic(String id, String name, int dimension, Surface.Domain domain, List<double[]> minima,
            List<double[]> starts, String formula, Evaluation evaluation) implements Surface {

        @Override
        public double valueAndGradient(double[] point, double[] gradient) {
            if (point.length != dimension) {
                throw new IllegalArgumentException(id + " takes points of " + dimension + " coordinates, got "
                        + point.length);
            }
            return evaluation.at(point[0], dimension == 2 ? point[1] : 0, gradient);
        }
    }

    private static final Map<String, Surface> BUILT_INS = new LinkedHashMap<>();

    private static void add(String id, String name, int dimension, Surface.Domain domain, List<double[]> minima,
            List<double[]> starts, String formula, Evaluation evaluation) {
        BUILT_INS.put(id, new Analytic(id, name, dimension, domain, minima, starts, formula, evaluation));
    }

    private static Surface.Domain square(double half) {
        return new Surface.Domain(-half, half, -half, half);
    }

    private static double[] p(double... coordinates) {
        return coordinates;
    }

    static {
        add("parabola", "Parabola x^2", 1, new Surface.Domain(-10, 10, 0, 0), List.of(p(0)), List.of(p(-8)), "x^2",
                (x, y, g) -> {
                    set(g, 2 * x, 0);
                    return x * x;
                });
        // log(1 + |x|^(2 + sin x)): with u = |x|^(2 + sin x), du/dx = u (cos x ln|x| + (2 + sin x) / x).
        add("wavy_log", "log(1 + |x|^(2 + sin x))", 1, new Surface.Domain(-10, 10, 0, 0), List.of(p(0)),
                List.of(p(-8), p(6)), "log(1 + abs(x)^(2 + sin(x)))", (x, y, g) -> {
                    double a = Math.abs(x);
                    double u = Math.pow(a, 2 + Math.sin(x));
                    double du = x == 0 ? 0 : u * (Math.cos(x) * Math.log(a) + (2 + Math.sin(x)) / x);
                    set(g, du / (1 + u), 0);
                    return Math.log1p(u);
                });
        add("quadratic", "Quadratic bowl", 2, square(5), List.of(p(0, 0)), List.of(p(-4, 3), p(3, 4)), "x^2 + y^2",
                (x, y, g) -> {
                    set(g, 2 * x, 2 * y);
                    return x * x + y * y;
                });
        BUILT_INS.put("ellipse", ellipse(10));
        add("rosenbrock", "Rosenbrock", 2, new Surface.Domain(-2, 2, -1, 3), List.of(p(1, 1)),
                List.of(p(-1.2, 1), p(1.5, 1.5), p(-1.5, 2.5)), "(1 - x)^2 + 100*(y - x^2)^2", (x, y, g) -> {
                    double r = y - x * x;
                    set(g, -2 * (1 - x) - 400 * x * r, 200 * r);
                    return (1 - x) * (1 - x) + 100 * r * r;
                });
        add("beale", "Beale", 2, square(4.5), List.of(p(3, 0.5)), List.of(p(1, 1.5), p(-1, -1)),
                "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", (x, y, g) -> {
                    double a = 1.5 - x + x * y;
                    double b = 2.25 - x + x * y * y;
                    double c = 2.625 - x + x * y * y * y;
                    set(g, 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1),
                            2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y);
                    return a * a + b * b + c * c;
                });
        add("himmelblau", "Himmelblau", 2, square(5),
                List.of(p(3, 2), p(-2.805118086952745, 3.131312518250573), p(-3.779310253377747, -3.283185991286170),
                        p(3.584428340330492, -1.848126526964404)),
                List.of(p(1, 1), p(-1, 1), p(-1, -1), p(1, -1)), "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", (x, y, g) -> {
                    double a = x * x + y - 11;
                    double b = x + y * y - 7;
                    set(g, 4 * x * a + 2 * b, 2 * a + 4 * y * b);
                    return a * a + b * b;
                });
        add("booth", "Booth", 2, square(10), List.of(p(1, 3)), List.of(p(-8, -6), p(8, 8)),
                "(x + 2*y - 7)^2 + (2*x + y - 5)^2", (x, y, g) -> {
                    double a = x + 2 * y - 7;
                    double b = 2 * x + y - 5;
                    set(g, 2 * a + 4 * b, 4 * a + 2 * b);
                    return a * a + b * b;
                });
        add("rastrigin", "Rastrigin", 2, square(5.12), List.of(p(0, 0)), List.of(p(-4.5, 4.2), p(2.2, -3.1)),
                "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", (x, y, g) -> {
                    set(g, 2 * x + 10 * TWO_PI * Math.sin(TWO_PI * x), 2 * y + 10 * TWO_PI * Math.sin(TWO_PI * y));
                    return 20 + x * x - 10 * Math.cos(TWO_PI * x) + y * y - 10 * Math.cos(TWO_PI * y);
                });
        // At the origin the square root has no derivative; the gradient is 0 there by symmetry.
        add("ackley", "Ackley", 2, square(5), List.of(p(0, 0)), List.of(p(-4, 3.5), p(2.5, -2)),
                "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20", (x, y, g) -> {
                    double r = Math.sqrt(0.5 * (x * x + y * y));
                    double a = -20 * Math.exp(-0.2 * r);
                    double b = Math.exp(0.5 * (Math.cos(TWO_PI * x) + Math.cos(TWO_PI * y)));
                    if (r == 0) {
                        set(g, 0, 0);
                    } else {
                        // d/dx of a = -20 exp(-0.2 r) * (-0.2) * 0.5 x / r = -0.2 * 0.5 * x / r * a
                        set(g, a * -0.1 * x / r + b * Math.PI * Math.sin(TWO_PI * x),
                                a * -0.1 * y / r + b * Math.PI * Math.sin(TWO_PI * y));
                    }
                    return a - b + Math.E + 20;
                });
        add("six_hump_camel", "Six-hump camel", 2, new Surface.Domain(-3, 3, -2, 2),
                List.of(p(0.08984201368301331, -0.7126564032704135), p(-0.08984201368301331, 0.7126564032704135)),
                List.of(p(-2, 1), p(2, -1), p(0, 0.1)), "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
                (x, y, g) -> {
                    double x2 = x * x;
                    double y2 = y * y;
                    set(g, 8 * x - 8.4 * x * x2 + 2 * x2 * x2 * x + y, x - 8 * y + 16 * y * y2);
                    return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
                });
        add("goldstein_price", "Goldstein-Price", 2, square(2), List.of(p(0, -1)), List.of(p(-1.5, 1.5), p(1, 1)),
                "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
                        + "*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
                (x, y, g) -> {
                    double s = x + y + 1;
                    double p = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
                    double a = 1 + s * s * p;
                    double t = 2 * x - 3 * y;
                    double q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
                    double b = 30 + t * t * q;
                    double dax = 2 * s * p + s * s * (-14 + 6 * x + 6 * y);
                    double day = 2 * s * p + s * s * (-14 + 6 * x + 6 * y);
                    double dbx = 4 * t * q + t * t * (-32 + 24 * x - 36 * y);
                    double dby = -6 * t * q + t * t * (48 - 36 * x + 54 * y);
                    set(g, dax * b + a * dbx, day * b + a * dby);
                    return a * b;
                });
        add("saddle", "Saddle x^2 - y^2", 2, square(3), List.of(), List.of(p(-3, -0.1), p(-3, 0.1)), "x^2 - y^2",
                (x, y, g) -> {
                    set(g, 2 * x, -2 * y);
                    return x * x - y * y;
                });
        add("monkey_saddle", "Monkey saddle x^3 - 3xy^2", 2, square(2), List.of(), List.of(p(1.5, 0.2), p(-0.5, 1)),
                "x^3 - 3*x*y^2", (x, y, g) -> {
                    set(g, 3 * x * x - 3 * y * y, -6 * x * y);
                    return x * x * x - 3 * x * y * y;
                });
    }
}
