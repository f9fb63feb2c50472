package org.optlab.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The hover readout's rule: the point nearest in x, the earlier on a tie, none outside the series. */
class LabChartNearestTest {

    @Test
    void nearestPointInX() {
        double[] xs = { 0, 10, 20, 40 };
        assertEquals(1, LabChart.nearest(xs, 14)); // 14 is nearer 10 than 20
        assertEquals(1, LabChart.nearest(xs, 15)); // a tie goes to the earlier point
        assertEquals(3, LabChart.nearest(xs, 31));
        assertEquals(0, LabChart.nearest(xs, 0));
        assertEquals(-1, LabChart.nearest(xs, 41)); // outside the series
        assertEquals(-1, LabChart.nearest(xs, -1));
    }
}
