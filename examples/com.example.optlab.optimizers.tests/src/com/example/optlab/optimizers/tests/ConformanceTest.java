package com.example.optlab.optimizers.tests;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.optlab.optimizers.conformance.OptimizerConformance;

import com.example.optlab.optimizers.AdEMAMix;
import com.example.optlab.optimizers.Adan;

/** OptLab's plugin conformance kit, run on both optimizers and their switches. */
class ConformanceTest {

    @TestFactory
    Stream<DynamicTest> adan() {
        return OptimizerConformance.of(new Adan())
                .configuration("weight decay", Map.of("weight_decay", 0.02))
                .configuration("weight decay, no_prox", Map.of("weight_decay", 0.02, "no_prox", true))
                .convergence(Map.of("lr", 0.01), 2000, 1e-6)
                .tests();
    }

    @TestFactory
    Stream<DynamicTest> ademamix() {
        return OptimizerConformance.of(new AdEMAMix())
                .configuration("weight decay", Map.of("weight_decay", 0.1))
                .configuration("warm-up", Map.of("t_alpha_beta3", 20, "alpha", 5.0))
                // the slow average keeps pushing past the minimum for a while (f = 3e-4 after 2000 steps here)
                .convergence(Map.of("lr", 0.01), 2000, 1e-3)
                .tests();
    }
}
