package org.optlab.runner.guide;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A guided experiment: steps, each an experiment (surface or training, the format of experiment files) or a sweep
 * (the format of sweep files, its experiment inline) and what to look at in its results. The text may quote results
 * as {@code {label:metric}}, e.g. {@code {adam:distance}}: surface runs have {@code distance} (to the nearest
 * minimum), {@code loss}, {@code steps} and {@code diverged} (of the entry's first start), training runs
 * {@code accuracy} and {@code loss} (the final test values), sweeps each optimizer's best {@code lr}, and {@code n},
 * {@code mean}, {@code std}, {@code ci_low}, {@code ci_high} of its objective over the seeds. A training step with a
 * {@code landscape} ({@code {"directions": "pca", "grid": 31, "examples": 1000}}, the options of
 * {@code optlab landscape}) also draws the loss landscape of its run into {@code landscape/<directions>/}: each
 * optimizer then also has {@code a}, {@code b}, {@code residual} (where its path ends on the plane, how far off it)
 * and {@code landscape} has {@code pc1} and {@code pc2}, the percent of the paths' spread each direction explains.
 */
public record Guide(String id, String title, String summary, List<Step> steps) {

    /** One experiment of a guide and what it shows; {@code landscape}: null, or the loss landscape to draw after it. */
    public record Step(String title, JsonNode experiment, String look, JsonNode landscape) {
    }
}
