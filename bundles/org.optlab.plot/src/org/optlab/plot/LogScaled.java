package org.optlab.plot;

/**
 * Marks a surface that pictures always draw on the log scale (colours and contour levels evenly spaced in
 * {@code log(v - min + offset)}), whatever its range; other surfaces get it only where the range is large (see
 * {@link SurfaceGrid#logScale()}). A network's loss landscape is one: its interesting part is the basin where the paths
 * end, a small share of the range.
 */
public interface LogScaled {
}
