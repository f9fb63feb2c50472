package org.optlab.plot;

import java.util.Locale;

/** The three ways to look at a scene, by the names the command line uses ({@code --view 2d|3d|1d}). */
public enum View {
    PLAN("2d"), MESH("3d"), CURVE("1d");

    private final String key;

    View(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The view of that name ({@code 2d}, {@code 3d} or {@code 1d}). */
    public static View of(String key) {
        for (View v : values()) {
            if (v.key.equals(key.toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown view '" + key + "'; expected 2d, 3d or 1d");
    }

    /** The view a surface of that dimension opens in: 1d for curves, 2d for surfaces. */
    public static View defaultFor(int dimension) {
        return dimension == 1 ? CURVE : PLAN;
    }

    /** Whether this view can show a surface of that dimension. */
    public boolean shows(int dimension) {
        return (this == CURVE) == (dimension == 1);
    }

    /**
     * A renderer of this view for the scene.
     *
     * @throws IllegalArgumentException when the view cannot show the scene's surface (e.g. 3d of a 1-D curve)
     */
    public FrameRenderer renderer(Scene scene) {
        return switch (this) {
            case PLAN -> new PlanRenderer(scene);
            case MESH -> new MeshRenderer(scene);
            case CURVE -> new CurveRenderer(scene);
        };
    }
}
