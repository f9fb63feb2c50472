package org.optlab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.optlab.core.surface.Formula;
import org.optlab.core.surface.FormulaException;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;

/** Built-in surfaces against finite differences and against automatic differentiation of their own formulas. */
class SurfacesTest {

    private static List<Surface> surfaces() {
        List<Surface> all = new ArrayList<>(Surfaces.all());
        all.add(Surfaces.ellipse(100));
        return all;
    }

    /** Random points inside the domain, away from the origin where Ackley's gradient is not defined. */
    private static List<double[]> points(Surface s, long seed) {
        Random random = new Random(seed);
        List<double[]> points = new ArrayList<>();
        Surface.Domain d = s.domain();
        for (int i = 0; i < 50; i++) {
            double x = d.xMin() + random.nextDouble() * (d.xMax() - d.xMin());
            double y = d.yMin() + random.nextDouble() * (d.yMax() - d.yMin());
            points.add(s.dimension() == 2 ? new double[] { x, y } : new double[] { x });
        }
        return points;
    }

    @Test
    void everyBuiltInIsListedOnce() {
        assertEquals(List.of("parabola", "wavy_log", "quadratic", "ellipse", "rosenbrock", "beale", "himmelblau",
                "booth", "rastrigin", "ackley", "six_hump_camel", "goldstein_price", "saddle", "monkey_saddle"),
                Surfaces.all().stream().map(Surface::id).toList());
    }

    @Test
    void analyticGradientsMatchCentralDifferences() {
        for (Surface s : surfaces()) {
            for (double[] point : points(s, 1)) {
                double[] g = new double[s.dimension()];
                s.valueAndGradient(point, g);
                for (int i = 0; i < point.length; i++) {
                    double h = 1e-6 * Math.max(1, Math.abs(point[i]));
                    double[] plus = point.clone();
                    double[] minus = point.clone();
                    plus[i] += h;
                    minus[i] -= h;
                    double numeric = (s.value(plus) - s.value(minus)) / (2 * h);
                    double scale = Math.max(1, Math.abs(numeric));
                    assertEquals(numeric, g[i], 1e-5 * scale, s.id() + " d/d" + "xy".charAt(i) + " at "
                            + java.util.Arrays.toString(point));
                }
            }
        }
    }

    @Test
    void automaticDifferentiationOfEachFormulaAgreesWithTheAnalyticGradient() {
        for (Surface s : surfaces()) {
            Formula formula = Formula.parse(s.formula());
            assertEquals(s.dimension() == 2, formula.usesY(), s.id());
            for (double[] point : points(s, 2)) {
                double[] analytic = new double[s.dimension()];
                double[] automatic = new double[s.dimension()];
                double value = s.valueAndGradient(point, analytic);
                double y = s.dimension() == 2 ? point[1] : 0;
                double fromFormula = formula.valueAndGradient(point[0], y, automatic);
                assertEquals(value, fromFormula, 1e-10 * Math.max(1, Math.abs(value)), s.id() + " value");
                for (int i = 0; i < analytic.length; i++) {
                    assertEquals(analytic[i], automatic[i], 1e-9 * Math.max(1, Math.abs(analytic[i])),
                            s.id() + " gradient " + i + " at " + java.util.Arrays.toString(point));
                }
            }
        }
    }

    @Test
    void knownMinimaAreStationaryWithTheirPublishedValues() {
        Map<String, Double> values = Map.of("six_hump_camel", -1.0316284534898774, "goldstein_price", 3.0);
        for (Surface s : surfaces()) {
            for (double[] minimum : s.minima()) {
                double[] g = new double[s.dimension()];
                double f = s.valueAndGradient(minimum, g);
                assertEquals(values.getOrDefault(s.id(), 0.0), f, 1e-9, s.id() + " value at its minimum");
                for (double component : g) {
                    assertEquals(0, component, 1e-6, s.id() + " gradient at its minimum");
                }
            }
        }
        assertEquals(4, Surfaces.byId("himmelblau").orElseThrow().minima().size());
        assertTrue(Surfaces.byId("saddle").orElseThrow().minima().isEmpty());
    }

    @Test
    void formulaSyntax() {
        assertEquals(-9, Formula.parse("-x^2").value(3, 0));
        assertEquals(512, Formula.parse("2^3^2").value(0, 0));
        assertEquals(0.5, Formula.parse("2^-1").value(0, 0));
        assertEquals(0.003, Formula.parse("1e-3 * x").value(3, 0), 1e-18);
        assertEquals(Math.PI + Math.E, Formula.parse("pi + e").value(0, 0));
        double[] g = new double[2];
        // d/dx (x/4)^2 = x/8, d/dy (y/2)^2 = y/2
        assertEquals(1.0 / 16 + 1.0 / 4, Formula.parse("(x/4)^2 + (y/2)^2").valueAndGradient(1, 1, g));
        assertEquals(0.125, g[0]);
        assertEquals(0.5, g[1]);
    }

    @Test
    void syntaxErrorsNameThePosition() {
        Map<String, String> errors = Map.of(
                "x +* y", "formula 'x +* y', position 4: unexpected '*'",
                "sin x", "formula 'sin x', position 5: '(' expected after sin",
                "(x + y", "formula '(x + y', position 7: ')' expected at the end",
                "foo(x)", "formula 'foo(x)', position 1: unknown name 'foo'; expected x, y, pi, e or one of "
                        + "[abs, cos, exp, log, sin, sqrt, tan, tanh]",
                "x y", "formula 'x y', position 3: unexpected 'y'",
                " ", "formula ' ', position 1: the formula is empty",
                "2 *", "formula '2 *', position 4: the formula ends where a number, variable or '(' is expected");
        errors.forEach((text, message) -> {
            var e = assertThrows(FormulaException.class, () -> Formula.parse(text), text);
            assertEquals(message, e.getMessage());
        });
    }

    @Test
    void nestingAndLengthHaveDocumentedLimitsReportedAtTheirPosition() {
        int n = Formula.MAX_NESTING;
        String deepest = "(".repeat(n) + "x" + ")".repeat(n);
        assertEquals(2, Formula.parse(deepest).value(2, 0), "the limit itself is fine");
        Map<String, Integer> tooDeep = Map.of(
                "(".repeat(n + 1) + "x" + ")".repeat(n + 1), n + 1,
                "(".repeat(2000) + "x" + ")".repeat(2000), n + 1,
                "-".repeat(20000) + "x", n + 1,
                "x" + "^x".repeat(20000), 2 * (n + 1),
                "sin(".repeat(n + 1) + "x" + ")".repeat(n + 1), 4 * n + 1);
        tooDeep.forEach((text, position) -> {
            var e = assertThrows(FormulaException.class, () -> Formula.parse(text));
            assertEquals(position, e.position(), e.getMessage());
            assertTrue(e.getMessage().endsWith("nested more than " + n + " deep; expected a flatter formula"),
                    e.getMessage());
            assertTrue(e.getMessage().length() < 200, "the formula is quoted short: " + e.getMessage());
        });
        String longest = "x" + "+x".repeat(Formula.MAX_OPERATIONS);
        assertEquals(Formula.MAX_OPERATIONS + 1, Formula.parse(longest).value(1, 0), 0);
        var e = assertThrows(FormulaException.class, () -> Formula.parse(longest + "+x"));
        assertEquals(longest.length() + 1, e.position());
        assertTrue(e.getMessage().endsWith("more than " + Formula.MAX_OPERATIONS + " operations; expected a shorter "
                + "formula"), e.getMessage());
    }
}
