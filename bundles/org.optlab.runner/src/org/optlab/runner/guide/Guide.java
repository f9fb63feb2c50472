package org.optlab.runner.guide;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A guided experiment: steps, each an experiment (surface or training, the format of experiment files) or a sweep
 * (the format of sweep files, its experiment inline) and what to look at in its results. The text may quote results
 * as {@code {label:metric}}, e.g. {@code {adam:distance}}: surface runs have {@code distance} (to the nearest
 * minimum), {@code loss}, {@code steps} and {@code diverged} (of the entry's first start), training runs
 * {@code accuracy} and {@code loss} (the final test values), sweeps each optimizer's best {@code lr}, and {@code n},
 * {@code mean}, {@code std}, {@code ci_low}, {@code ci_high} of its objective over the seeds.
 */
public record Guide(String id, String title, String summary, List<Step> steps) {

    /** One experiment of a guide and what it shows. */
    public record Step(String title, JsonNode experiment, String look) {
    }
}
