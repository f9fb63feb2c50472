package org.optlab.plot;

import java.util.List;

import org.optlab.core.surface.Surface;

/**
 * What a frame shows: a surface, the tracks on it, and a title. The region drawn is the surface's domain, grown to
 * take in every track's start (with a margin of 5%) so that a start the user chose outside it is on screen.
 */
public record Scene(String title, Surface surface, List<Track> tracks, Surface.Domain domain) {

    public Scene(String title, Surface surface, List<Track> tracks) {
        this(title, surface, tracks, covering(surface, tracks));
    }

    public Scene {
        tracks = List.copyOf(tracks);
        for (Track t : tracks) {
            if ((t.y() == null) != (surface.dimension() == 1)) {
                throw new IllegalArgumentException("track " + t.label() + " does not match the " + surface.dimension()
                        + "-D surface " + surface.id());
            }
        }
    }

    private static Surface.Domain covering(Surface surface, List<Track> tracks) {
        Surface.Domain d = surface.domain();
        double xMin = d.xMin();
        double xMax = d.xMax();
        double yMin = d.yMin();
        double yMax = d.yMax();
        boolean grown = false;
        for (Track t : tracks) {
            double x = t.x()[0];
            double y = t.y() == null ? d.yMin() : t.y()[0];
            if (Double.isFinite(x) && Double.isFinite(y) && (x < xMin || x > xMax || y < yMin || y > yMax)) {
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
                grown = true;
            }
        }
        if (!grown) {
            return d;
        }
        double mx = 0.05 * (xMax - xMin);
        double my = 0.05 * (yMax - yMin);
        return new Surface.Domain(xMin - mx, xMax + mx, yMin - my, yMax + my);
    }

    /** The last step of the longest track (0 without tracks). */
    public int lastStep() {
        return tracks.stream().mapToInt(Track::length).max().orElse(1) - 1;
    }
}
