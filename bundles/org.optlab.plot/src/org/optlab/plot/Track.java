package org.optlab.plot;

/**
 * One path to draw: points (x, y) with their loss for steps 0..length-1 ({@code y} is null on a 1-D curve), in the
 * colour {@code rgb} (0xRRGGBB) under {@code label}; tracks sharing a label share a legend entry.
 */
public record Track(String label, int rgb, double[] x, double[] y, double[] loss, int length) {

    public Track {
        if (length < 1 || x.length < length || loss.length < length || (y != null && y.length < length)) {
            throw new IllegalArgumentException("a track needs at least " + length + " points, got x " + x.length
                    + ", y " + (y == null ? "none" : y.length) + ", loss " + loss.length);
        }
    }

    /** The index of step {@code step} on this track: its last point once the track has ended. */
    public int at(int step) {
        return Math.max(0, Math.min(step, length - 1));
    }
}
