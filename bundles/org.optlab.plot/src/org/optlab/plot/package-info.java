/**
 * Pictures of a trajectory experiment, drawn with Java 2D into plain images so that the lab's views, the command
 * line's {@code --gif} and the benchmarks share one renderer and need no display: a {@link org.optlab.plot.Scene}
 * (a surface and the tracks on it) drawn from above with contours ({@link org.optlab.plot.PlanRenderer}), as a shaded
 * mesh ({@link org.optlab.plot.MeshRenderer}) or as a curve ({@link org.optlab.plot.CurveRenderer}), at any step of the
 * race, and written as an animated GIF ({@link org.optlab.plot.GifAnimation}).
 */
package org.optlab.plot;
