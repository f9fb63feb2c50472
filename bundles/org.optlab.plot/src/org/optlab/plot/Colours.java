package org.optlab.plot;

/**
 * The colours of the lab's pictures: viridis for values, and for optimizers the Okabe–Ito colour-blind-safe palette
 * (see {@link LabelColours} for giving each label a colour that stays).
 */
public final class Colours {

    /** Viridis at 9 evenly spaced stops (from the matplotlib colormap's published table), low to high. */
    private static final int[] VIRIDIS = { 0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
            0xaadc32, 0xfde725 };

    /**
     * Okabe & Ito's eight colours (distinguishable with every common colour-vision deficiency), reordered so the first
     * ones contrast most on white: blue, orange, bluish green, vermillion, reddish purple, sky blue, black, yellow.
     */
    private static final int[] CATEGORICAL = { 0x0072b2, 0xe69f00, 0x009e73, 0xd55e00, 0xcc79a7, 0x56b4e9, 0x000000,
            0xf0e442 };

    private Colours() {
    }

    /** Viridis at t in [0, 1] (clamped), as 0xRRGGBB. */
    public static int viridis(double t) {
        double scaled = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) scaled);
        return mix(VIRIDIS[i], VIRIDIS[i + 1], scaled - i);
    }

    /** How many categorical colours there are before they repeat. */
    public static int categoricalCount() {
        return CATEGORICAL.length;
    }

    /** The colour of the {@code index}-th optimizer. */
    public static int categorical(int index) {
        return CATEGORICAL[Math.floorMod(index, CATEGORICAL.length)];
    }

    /** (1 - f) a + f b, channel by channel. */
    static int mix(int a, int b, double f) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /** {@code rgb} with every channel scaled by {@code factor} (clamped to 255). */
    static int scale(int rgb, double factor) {
        int r = (int) Math.min(255, ((rgb >> 16) & 0xff) * factor);
        int g = (int) Math.min(255, ((rgb >> 8) & 0xff) * factor);
        int b = (int) Math.min(255, (rgb & 0xff) * factor);
        return (r << 16) | (g << 8) | b;
    }
}
