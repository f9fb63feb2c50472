package org.optlab.ui.internal.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The name of a guide's training run says the guide once. */
class GuideJobTest {

    @Test
    void aRunIsNamedAfterItsGuideWithoutSayingItTwice() {
        assertEquals("adam-sgd-fashion-fashion-softmax", GuideJob.runName("adam-sgd-fashion", "fashion-softmax"));
        assertEquals("real-hill", GuideJob.runName("real-hill", "real-hill"));
        assertEquals("real-hill-mlp", GuideJob.runName("real-hill", "real-hill-mlp"));
        assertEquals("real-hill", GuideJob.runName("real-hill", ""));
        assertEquals("real-hill-real-hilly", GuideJob.runName("real-hill", "real-hilly"));
    }
}
