package org.optlab.plot;

/** The colours of the lab's pictures: viridis for values, Tableau's ten categorical colours for optimizers. */
public final class Colours {

    /** Viridis at 9 evenly spaced stops (from the matplotlib colormap's published table), low to high. */
    private static final int[] VIRIDIS = { 0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
            0xaadc32, 0xfde725 };

    /** Tableau 10 (matplotlib's default cycle). */
    private static final int[] CATEGORICAL = { 0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
            0x7f7f7f, 0xbcbd22, 0x17becf };

    private Colours() {
    }

    /** Viridis at t in [0, 1] (clamped), as 0xRRGGBB. */
    public static int viridis(double t) {
        double scaled = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) scaled);
        return mix(VIRIDIS[i], VIRIDIS[i + 1], scaled - i);
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
