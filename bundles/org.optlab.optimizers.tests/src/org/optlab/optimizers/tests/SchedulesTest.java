package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.optimizers.schedule.ReduceOnPlateau;
import org.optlab.optimizers.schedule.Schedule;
import org.optlab.optimizers.schedule.Schedules;

/** Every schedule against values worked out by hand from PyTorch's definitions (written next to each). */
class SchedulesTest {

    private static void assertRates(Schedule schedule, long[] steps, double[] expected) {
        for (int i = 0; i < steps.length; i++) {
            assertEquals(expected[i], schedule.at(steps[i]), 1e-12, "step " + steps[i]);
        }
    }

    @Test
    void constant() {
        assertRates(Schedules.constant(0.3), new long[] { 0, 1, 1000 }, new double[] { 0.3, 0.3, 0.3 });
    }

    @Test
    void stepDecaysEveryStepSize() {
        // 0.1 * 0.1^floor(t / 30)
        assertRates(Schedules.step(0.1, 30, 0.1), new long[] { 0, 29, 30, 65 }, new double[] { 0.1, 0.1, 0.01, 0.001 });
    }

    @Test
    void multiStepDecaysAtEachMilestone() {
        // milestones 2, 5, gamma 0.5: 1 before 2, 0.5 on [2, 5), 0.25 from 5
        assertRates(Schedules.multiStep(1, new long[] { 2, 5 }, 0.5), new long[] { 0, 1, 2, 4, 5, 50 },
                new double[] { 1, 1, 0.5, 0.5, 0.25, 0.25 });
    }

    @Test
    void exponential() {
        // 2 * 0.5^t
        assertRates(Schedules.exponential(2, 0.5), new long[] { 0, 1, 3 }, new double[] { 2, 1, 0.25 });
    }

    @Test
    void polynomialReachesZeroAtTotalIters() {
        // (1 - t/4)^2: 1, 9/16, 1/4, 0, and 0 after
        assertRates(Schedules.polynomial(1, 4, 2), new long[] { 0, 1, 2, 4, 10 },
                new double[] { 1, 0.5625, 0.25, 0, 0 });
    }

    @Test
    void linearFactorFromStartToEnd() {
        // 0.1 * (0.5 + 0.5 * min(t, 4) / 4)
        assertRates(Schedules.linear(0.1, 0.5, 1.0, 4), new long[] { 0, 2, 4, 9 },
                new double[] { 0.05, 0.075, 0.1, 0.1 });
    }

    @Test
    void cosineAnnealing() {
        // 0.1 + 1.0 * (1 + cos(pi t / 6)) / 2: t=2 -> cos(pi/3) = 0.5 -> 0.85; t=3 -> 0.6; t=4 -> cos(2pi/3) = -0.5 -> 0.35
        assertRates(Schedules.cosine(1.1, 6, 0.1), new long[] { 0, 2, 3, 4, 6 },
                new double[] { 1.1, 0.85, 0.6, 0.35, 0.1 });
    }

    @Test
    void cosineWarmRestartsWithGrowingPeriods() {
        // T_0 2, T_mult 2: periods [0, 2), [2, 6), [6, 14); within a period (1 + cos(pi * T_cur / T_i)) / 2
        double quarter = (1 + Math.sqrt(0.5)) / 2; // cos(pi/4) = sqrt(1/2)
        assertRates(Schedules.cosineWarmRestarts(1, 2, 2, 0), new long[] { 0, 1, 2, 3, 4, 6, 10 },
                new double[] { 1, 0.5, 1, quarter, 0.5, 1, 0.5 });
        // T_mult 1: every 3 steps; T_cur 1 of 3 -> (1 + cos(pi/3)) / 2 = 0.75
        assertRates(Schedules.cosineWarmRestarts(1, 3, 1, 0), new long[] { 2, 3, 4, 7 },
                new double[] { 0.25, 1, 0.75, 0.75 });
    }

    @Test
    void warmupThenConstantAndThenCosine() {
        // 0.8 * (0.25 + 0.75 * t / 4) for t < 4
        assertRates(Schedules.warmup(4, 0.25, Schedules.constant(0.8)), new long[] { 0, 2, 4, 100 },
                new double[] { 0.2, 0.5, 0.8, 0.8 });
        // warm-up from 0 over 2 steps, then cosine(1, T_max 4) restarted at step 2
        assertRates(Schedules.warmup(2, 0, Schedules.cosine(1, 4, 0)), new long[] { 0, 1, 2, 4, 6 },
                new double[] { 0, 0.5, 1, 0.5, 0 });
    }

    @Test
    void sequentialRestartsEachPartAtItsMilestone() {
        assertRates(Schedules.sequential(List.of(Schedules.constant(1), Schedules.exponential(1, 0.5)), new long[] { 3 }),
                new long[] { 0, 2, 3, 5 }, new double[] { 1, 1, 1, 0.25 });
    }

    @Test
    void oneCycle() {
        // max 1, 8 steps, pct 0.25: initial 1/25 = 0.04, peak at step 0.25 * 8 - 1 = 1, last 0.04 / 1e4 = 4e-6 at step 7;
        // step 4 is half-way down: (1 + 4e-6) / 2
        assertRates(Schedules.oneCycle(1, 8, 0.25, 25, 1e4), new long[] { 0, 1, 4, 7, 100 },
                new double[] { 0.04, 1, 0.500002, 4e-6, 4e-6 });
    }

    @Test
    void cyclicTriangular() {
        // 0.1 -> 0.5 in 2 steps and back
        assertRates(Schedules.cyclic(0.1, 0.5, 2), new long[] { 0, 1, 2, 3, 4, 5 },
                new double[] { 0.1, 0.3, 0.5, 0.3, 0.1, 0.3 });
    }

    @Test
    void inverseSquareRoot() {
        // warm-up (t + 1) / 4, then sqrt(4 / t)
        assertRates(Schedules.inverseSqrt(1, 4), new long[] { 0, 3, 4, 16, 64 },
                new double[] { 0.25, 1, 1, 0.5, 0.25 });
    }

    @Test
    void reduceOnPlateauWithPatienceCooldownAndFloor() {
        // factor 0.5, patience 2, threshold 0, cooldown 1, min_lr 0.2 (hand trace):
        // 10 best | 10 bad1 | 10 bad2 | 10 bad3 > 2 -> 0.5, cooldown 1 | 10 cooldown eats it | 10 bad1 | 10 bad2 |
        // 10 bad3 -> 0.25 | 9 better (cooldown ends) | 9 bad1 | 9 bad2 | 9 bad3 -> max(0.125, 0.2) = 0.2 | 9 ... stays
        var plateau = new ReduceOnPlateau(1, ReduceOnPlateau.Mode.MIN, 0.5, 2, 0, 1, 0.2);
        double[] metrics = { 10, 10, 10, 10, 10, 10, 10, 10, 9, 9, 9, 9, 9, 9, 9, 9 };
        double[] rates = { 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2 };
        for (int i = 0; i < metrics.length; i++) {
            assertEquals(rates[i], plateau.observe(metrics[i]), 0, "evaluation " + i);
        }
        // mode max: rising accuracy never reduces
        var accuracy = new ReduceOnPlateau(1, ReduceOnPlateau.Mode.MAX, 0.5, 0, 0, 0, 0);
        for (double a : new double[] { 0.1, 0.2, 0.3 }) {
            assertEquals(1, accuracy.observe(a), 0);
        }
        assertEquals(0.5, accuracy.observe(0.3), 0);
    }

    @Test
    void badArgumentsNameScheduleArgumentValueAndRange() {
        assertMessage("step: step_size = 0 is invalid; expected [1, inf)", () -> Schedules.step(0.1, 0, 0.1));
        assertMessage("exponential: gamma = 1.5 is invalid; expected (0, 1]", () -> Schedules.exponential(1, 1.5));
        assertMessage("cosine: eta_min = 2.0 is invalid; expected [0, base]", () -> Schedules.cosine(1, 10, 2));
        assertMessage("constant: base = NaN is invalid; expected [0, inf)", () -> Schedules.constant(Double.NaN));
        assertMessage("multistep: milestones = [5, 2] is invalid; expected strictly increasing steps >= 1",
                () -> Schedules.multiStep(1, new long[] { 5, 2 }, 0.5));
        assertMessage("sequential: milestones = [] is invalid; expected one fewer than the 2 schedules",
                () -> Schedules.sequential(List.of(Schedules.constant(1), Schedules.constant(2)), new long[0]));
        assertMessage("reduce_on_plateau: factor = 1.0 is invalid; expected [0, 1)",
                () -> new ReduceOnPlateau(1, ReduceOnPlateau.Mode.MIN, 1, 10, 1e-4, 0, 0));
        assertMessage("schedule step must be >= 0, got -1", () -> Schedules.exponential(1, 0.5).at(-1));
    }

    @Test
    void descriptorsBuildTheSameSchedulesAsTheFactories() {
        // defaults of 0 steps mean the run's length (here 40 steps)
        Schedule fromDescriptor = Schedules.descriptor("cosine").create(0.5, 40, Map.of());
        Schedule direct = Schedules.cosine(0.5, 40, 0);
        Schedule multi = Schedules.descriptor("multistep").create(1, 100,
                Map.of("milestones", List.of(2, 5), "gamma", 0.5));
        for (long t = 0; t <= 50; t++) {
            assertEquals(direct.at(t), fromDescriptor.at(t), 0, "cosine step " + t);
        }
        assertRates(multi, new long[] { 1, 2, 5 }, new double[] { 1, 0.5, 0.25 });
        assertRates(Schedules.descriptor("constant").create(0.3, 10, Map.of()), new long[] { 0, 9 },
                new double[] { 0.3, 0.3 });
        assertEquals(13, Schedules.descriptors().size());
        // with their defaults and lr 0.001, the rate at step 0: lr, except the schedules that start low
        Map<String, Double> startsLow = Map.of("warmup", 0.0, "linear", 0.001 / 3, "one_cycle", 0.001 / 25,
                "inverse_sqrt", 0.001 / 100);
        for (var d : Schedules.descriptors()) {
            Schedule s = d.create(0.001, 1000, Map.of());
            assertEquals(startsLow.getOrDefault(d.id(), 0.001), s.at(0), 1e-15, d.id() + " at step 0");
        }
    }

    @Test
    void descriptorErrorsNameTheScheduleAndTheParameter() {
        assertMessage("unknown schedule 'cosin'; known: [constant, step, multistep, exponential, polynomial, linear, "
                + "cosine, cosine_warm_restarts, warmup, one_cycle, cyclic, reduce_on_plateau, inverse_sqrt]",
                () -> Schedules.descriptor("cosin"));
        assertMessage("multistep: milestones = [2, 0] is invalid; expected a list of integers in [1, inf)",
                () -> Schedules.descriptor("multistep").create(1, 10, Map.of("milestones", List.of(2, 0))));
        assertMessage("cosine: T_max = -3 is invalid; expected an integer in [0, inf)",
                () -> Schedules.descriptor("cosine").create(1, 10, Map.of("T_max", -3)));
        assertMessage("cyclic: max_lr = 0.01 is invalid; expected [base_lr, inf)",
                () -> Schedules.descriptor("cyclic").create(0.1, 10, Map.of()));
        assertMessage("step: gama = 0.5 is invalid; expected one of the known hyper-parameters [step_size, gamma]",
                () -> Schedules.descriptor("step").create(0.1, 10, Map.of("gama", 0.5)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
    }
}
