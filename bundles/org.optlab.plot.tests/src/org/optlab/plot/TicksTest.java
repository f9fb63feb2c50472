package org.optlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Tick positions, tick labels and axis ranges against hand-written values. */
class TicksTest {

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void logTicksAreOneTwoFivePerDecade() {
        assertArrayEquals(new double[] { 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20 }, array(Ticks.log(0.03, 40, 20)),
                1e-15);
        // a tick at the range's end counts
        assertArrayEquals(new double[] { 1, 2, 5, 10 }, array(Ticks.log(1, 10, 10)), 1e-15);
    }

    @Test
    void logTicksThinOutWhenSpaceIsShort() {
        // 9 ticks at 1-2-5 do not fit in 5: decades only
        assertArrayEquals(new double[] { 0.1, 1, 10 }, array(Ticks.log(0.03, 40, 5)), 1e-15);
        // 1e-6 .. 1e6 has 13 decades: in 5, every third decade
        assertArrayEquals(new double[] { 1e-6, 1e-3, 1, 1e3, 1e6 }, array(Ticks.log(1e-6, 1e6, 5)), 1e-20);
    }

    @Test
    void linearTicksStepOneTwoOrFiveTimesAPowerOfTen() {
        assertArrayEquals(new double[] { 0, 20, 40, 60, 80, 100, 120, 140 }, array(Ticks.linear(0, 140, 8)), 1e-12);
        assertArrayEquals(new double[] { 0, 50, 100 }, array(Ticks.linear(0, 140, 3)), 1e-12);
        // no binary noise: 0.1 * 3 is written as 0.3 and zero is zero
        assertEquals(List.of(-0.2, -0.1, 0.0, 0.1, 0.2, 0.3), Ticks.linear(-0.25, 0.3, 6));
    }

    @Test
    void numbersAreShortDecimalsOrScientific() {
        assertEquals("2e11", Ticks.format(2e11));
        assertEquals("-2e11", Ticks.format(-200_000_000_000.0));
        assertEquals("1.5e-4", Ticks.format(1.5e-4));
        assertEquals("0.01", Ticks.format(0.01));
        assertEquals("250", Ticks.format(250));
        assertEquals("0", Ticks.format(0));
        assertEquals("0.3", Ticks.format(0.1 + 0.2));
        assertEquals("0.25", Ticks.format(0.250000025202532));
        assertEquals("1e5", Ticks.format(100_000));
        assertEquals("99999", Ticks.format(99_999, 5));
        assertEquals("1.235e-7", Ticks.format(1.23456e-7, 4));
    }

    @Test
    void aLinearAxisWritesItsLabelsInOneNotation() {
        assertEquals(List.of("0", "2e-4", "4e-4", "6e-4", "8e-4", "1e-3"),
                Ticks.labels(List.of(0.0, 2e-4, 4e-4, 6e-4, 8e-4, 1e-3), false));
        assertEquals(List.of("0", "0.5", "1", "1.5"), Ticks.labels(List.of(0.0, 0.5, 1.0, 1.5), false));
        assertEquals(List.of("-2e11", "0", "2e11"), Ticks.labels(List.of(-2e11, 0.0, 2e11), false));
        // a log axis writes each as it reads best
        assertEquals(List.of("5e-4", "0.001", "1", "2e5"), Ticks.labels(List.of(5e-4, 1e-3, 1.0, 2e5), true));
    }

    @Test
    void aConstantSeriesGetsARangeAroundItsValue() {
        assertArrayEquals(new double[] { 0, 1.1 }, Ticks.range(1, 1, false, true), 1e-12);
        assertArrayEquals(new double[] { -2.2, 0 }, Ticks.range(-2, -2, false, true), 1e-12);
        assertArrayEquals(new double[] { 0.0005, 0.002 }, Ticks.range(0.001, 0.001, true, true), 1e-15);
        // non-negative data never get a negative axis; padding is 5 % of the span
        assertArrayEquals(new double[] { 0, 10.5 }, Ticks.range(0, 10, false, true), 1e-12);
        assertArrayEquals(new double[] { -11, 11 }, Ticks.range(-10, 10, false, true), 1e-12); // 5 % of 20 = 1
        assertArrayEquals(new double[] { 3, 9 }, Ticks.range(3, 9, false, false), 1e-12);
    }
}
