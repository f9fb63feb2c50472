package org.optlab.plot;

import java.util.List;

import org.optlab.core.surface.Surface;

/** What a frame shows: a surface, the tracks on it, and a title. */
public record Scene(String title, Surface surface, List<Track> tracks) {

    public Scene {
        tracks = List.copyOf(tracks);
        for (Track t : tracks) {
            if ((t.y() == null) != (surface.dimension() == 1)) {
                throw new IllegalArgumentException("track " + t.label() + " does not match the " + surface.dimension()
                        + "-D surface " + surface.id());
            }
        }
    }

    /** The last step of the longest track (0 without tracks). */
    public int lastStep() {
        return tracks.stream().mapToInt(Track::length).max().orElse(1) - 1;
    }
}
