package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.VectorParameter;
import org.optlab.optimizers.Optimizer;

/**
 * Eight steps of every optimizer with weight decay and its other flags and terms switched away from their defaults,
 * on f(w) = 0.5 w^T diag(1, 10) w from (1, 1), against an independent scalar transcription of each reference
 * (torch.optim 2.x; torch_optimizer for AggMo, QHM, QHAdam, Yogi; the authors' code for AdaBound, AdaBelief, Lion),
 * written here from the papers' and libraries' algorithms, coordinate by coordinate, not by calling any rule.
 * AggMo's and QHM's L2 term must come from the weights before the step: the rule that re-read it after the weights
 * moved was 2.5e-5 and 2.4e-4 off after a few hundred steps.
 */
class FlaggedStepsTest {

    /** One coordinate's step: state {@code s} (zeros at first), weight, gradient, 1-based step; returns the weight. */
    private interface Reference {
        double step(double[] s, double w, double g, int t);
    }

    private record Case(String id, Map<String, ?> values, Reference reference) {
    }

    private static double bc(double beta, int t) {
        return 1 - Math.pow(beta, t);
    }

    private static final List<Case> CASES = List.of(
            new Case("sgd", Map.of("lr", 0.05, "momentum", 0.8, "dampening", 0.3, "weight_decay", 0.2), (s, w, g, t) -> {
                double d = g + 0.2 * w;
                s[0] = t == 1 ? d : 0.8 * s[0] + 0.7 * d;
                return w - 0.05 * s[0];
            }),
            new Case("sgd", Map.of("lr", 0.05, "momentum", 0.8, "nesterov", true, "weight_decay", 0.2),
                    (s, w, g, t) -> {
                        double d = g + 0.2 * w;
                        s[0] = t == 1 ? d : 0.8 * s[0] + d;
                        return w - 0.05 * (d + 0.8 * s[0]);
                    }),
            new Case("adagrad", Map.of("lr", 0.1, "lr_decay", 0.05, "weight_decay", 0.2,
                    "initial_accumulator_value", 0.3), (s, w, g, t) -> {
                        double d = g + 0.2 * w;
                        if (t == 1) {
                            s[0] = 0.3;
                        }
                        s[0] += d * d;
                        return w - 0.1 / (1 + (t - 1) * 0.05) * d / (Math.sqrt(s[0]) + 1e-10);
                    }),
            new Case("rmsprop", Map.of("lr", 0.01, "alpha", 0.9, "weight_decay", 0.2, "momentum", 0.5,
                    "centered", true), (s, w, g, t) -> {
                        double d = g + 0.2 * w;
                        s[0] = 0.9 * s[0] + 0.1 * d * d;
                        s[1] = 0.9 * s[1] + 0.1 * d;
                        double avg = Math.sqrt(s[0] - s[1] * s[1]) + 1e-8;
                        s[2] = 0.5 * s[2] + d / avg;
                        return w - 0.01 * s[2];
                    }),
            new Case("adadelta", Map.of("lr", 0.5, "rho", 0.8, "weight_decay", 0.2), (s, w, g, t) -> {
                double d = g + 0.2 * w;
                s[0] = 0.8 * s[0] + 0.2 * d * d;
                double delta = Math.sqrt(s[1] + 1e-6) / Math.sqrt(s[0] + 1e-6) * d;
                s[1] = 0.8 * s[1] + 0.2 * delta * delta;
                return w - 0.5 * delta;
            }),
            new Case("adam", Map.of("lr", 0.1, "weight_decay", 0.2, "amsgrad", true), adam(0.1, 0.2, false, true)),
            new Case("adam", Map.of("lr", 0.1, "weight_decay", 0.2, "decoupled_weight_decay", true),
                    adam(0.1, 0.2, true, false)),
            new Case("adamw", Map.of("lr", 0.1, "weight_decay", 0.2, "amsgrad", true), adam(0.1, 0.2, true, true)),
            new Case("adamax", Map.of("lr", 0.1, "weight_decay", 0.2), (s, w, g, t) -> {
                double d = g + 0.2 * w;
                s[0] = 0.9 * s[0] + 0.1 * d;
                s[1] = Math.max(0.999 * s[1], Math.abs(d) + 1e-8);
                return w - 0.1 / bc(0.9, t) * s[0] / s[1];
            }),
            new Case("nadam", Map.of("lr", 0.1, "weight_decay", 0.2), nadam(false)),
            new Case("nadam", Map.of("lr", 0.1, "weight_decay", 0.2, "decoupled_weight_decay", true), nadam(true)),
            // rho_t exceeds 5 from step 6 on: steps 1-5 unrectified, 6-8 rectified
            new Case("radam", Map.of("lr", 0.1, "weight_decay", 0.2), radam(false, 0.999)),
            new Case("radam", Map.of("lr", 0.1, "weight_decay", 0.2, "decoupled_weight_decay", true),
                    radam(true, 0.999)),
            new Case("adabound", Map.of("lr", 0.1, "weight_decay", 0.2, "final_lr", 0.05, "gamma", 0.1),
                    adabound(false)),
            new Case("amsbound", Map.of("lr", 0.1, "weight_decay", 0.2, "final_lr", 0.05, "gamma", 0.1),
                    adabound(true)),
            new Case("aggmo", Map.of("lr", 0.1, "betas", List.of(0.0, 0.5, 0.9), "weight_decay", 0.2),
                    (s, w, g, t) -> {
                        double d = g + 0.2 * w; // once, from the weights before the step
                        double[] betas = { 0.0, 0.5, 0.9 };
                        for (int i = 0; i < 3; i++) {
                            s[i] = betas[i] * s[i] + d;
                            w -= 0.1 / 3 * s[i];
                        }
                        return w;
                    }),
            new Case("qhm", Map.of("lr", 0.1, "momentum", 0.8, "nu", 0.6, "weight_decay", 0.2), (s, w, g, t) -> {
                double d = g + 0.2 * w; // once, from the weights before the step
                s[0] = 0.8 * s[0] + 0.2 * d;
                w -= 0.1 * 0.6 * s[0];
                return w - 0.1 * 0.4 * d;
            }),
            new Case("qhadam", Map.of("lr", 0.1, "nu1", 0.6, "nu2", 0.8, "weight_decay", 0.2), (s, w, g, t) -> {
                double d = g + 0.2 * w;
                s[0] = 1 + 0.9 * s[0];
                s[1] = 1 + 0.999 * s[1];
                double a1 = 1 - 1 / s[0];
                double a2 = 1 - 1 / s[1];
                s[2] = a1 * s[2] + (1 - a1) * d;
                s[3] = a2 * s[3] + (1 - a2) * d * d;
                double num = 0.6 * s[2] + 0.4 * d;
                double den = Math.sqrt(0.8 * s[3] + 0.2 * d * d) + 1e-8;
                return w - 0.1 * num / den;
            }),
            new Case("lion", Map.of("lr", 0.1, "beta1", 0.5, "beta2", 0.8, "weight_decay", 0.2), (s, w, g, t) -> {
                w *= 1 - 0.1 * 0.2;
                w -= 0.1 * Math.signum(0.5 * s[0] + 0.5 * g);
                s[0] = 0.8 * s[0] + 0.2 * g;
                return w;
            }),
            new Case("yogi", Map.of("lr", 0.1, "weight_decay", 0.2, "initial_accumulator_value", 0.5),
                    (s, w, g, t) -> {
                        double d = g + 0.2 * w;
                        if (t == 1) {
                            s[1] = 0.5;
                        }
                        s[0] = 0.9 * s[0] + 0.1 * d;
                        s[1] -= 0.001 * Math.signum(s[1] - d * d) * d * d;
                        return w - 0.1 / bc(0.9, t) * s[0] / (Math.sqrt(s[1]) / Math.sqrt(bc(0.999, t)) + 1e-3);
                    }),
            new Case("adabelief", Map.of("lr", 0.1, "weight_decay", 0.2, "amsgrad", true), adabelief(true, true)),
            new Case("adabelief", Map.of("lr", 0.1, "weight_decay", 0.2, "decoupled_weight_decay", false),
                    adabelief(false, false)));

    private static Reference adam(double lr, double wd, boolean decoupled, boolean amsgrad) {
        return (s, w, g, t) -> {
            if (decoupled) {
                w *= 1 - lr * wd;
            }
            double d = decoupled ? g : g + wd * w;
            s[0] += 0.1 * (d - s[0]);
            s[1] = 0.999 * s[1] + 0.001 * d * d;
            s[2] = Math.max(s[2], s[1]);
            double v = amsgrad ? s[2] : s[1];
            return w - lr / bc(0.9, t) * s[0] / (Math.sqrt(v) / Math.sqrt(bc(0.999, t)) + 1e-8);
        };
    }

    /** s[3] holds the product of the momentum coefficients (1 before the first step). */
    private static Reference nadam(boolean decoupled) {
        return (s, w, g, t) -> {
            if (decoupled) {
                w *= 1 - 0.1 * 0.2;
            }
            double d = decoupled ? g : g + 0.2 * w;
            double mu = 0.9 * (1 - 0.5 * Math.pow(0.96, t * 0.004));
            double muNext = 0.9 * (1 - 0.5 * Math.pow(0.96, (t + 1) * 0.004));
            s[3] = (t == 1 ? 1 : s[3]) * mu;
            s[0] += 0.1 * (d - s[0]);
            s[1] = 0.999 * s[1] + 0.001 * d * d;
            double denom = Math.sqrt(s[1] / bc(0.999, t)) + 1e-8;
            w -= 0.1 * (1 - mu) / (1 - s[3]) * d / denom;
            return w - 0.1 * muNext / (1 - s[3] * muNext) * s[0] / denom;
        };
    }

    /** rho_inf = 2 / (1 - beta2) - 1; the rectified step when rho_t > 5, else SGD with momentum. */
    private static Reference radam(boolean decoupled, double beta2) {
        return (s, w, g, t) -> {
            if (decoupled) {
                w *= 1 - 0.1 * 0.2;
            }
            double d = decoupled ? g : g + 0.2 * w;
            s[0] += 0.1 * (d - s[0]);
            s[1] = beta2 * s[1] + (1 - beta2) * d * d;
            double mHat = s[0] / bc(0.9, t);
            double rhoInf = 2 / (1 - beta2) - 1;
            double rhoT = rhoInf - 2 * t * Math.pow(beta2, t) / bc(beta2, t);
            if (rhoT > 5) {
                double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                return w - mHat * 0.1 * Math.sqrt(bc(beta2, t)) / (Math.sqrt(s[1]) + 1e-8) * rect;
            }
            return w - mHat * 0.1;
        };
    }

    private static Reference adabound(boolean amsbound) {
        return (s, w, g, t) -> {
            double d = g + 0.2 * w;
            s[0] = 0.9 * s[0] + 0.1 * d;
            s[1] = 0.999 * s[1] + 0.001 * d * d;
            s[2] = Math.max(s[2], s[1]);
            double v = amsbound ? s[2] : s[1];
            double stepSize = 0.1 * Math.sqrt(bc(0.999, t)) / bc(0.9, t);
            double lower = 0.05 * (1 - 1 / (0.1 * t + 1));
            double upper = 0.05 * (1 + 1 / (0.1 * t));
            double step = Math.min(Math.max(stepSize / (Math.sqrt(v) + 1e-8), lower), upper);
            return w - step * s[0];
        };
    }

    private static Reference adabelief(boolean decoupled, boolean amsgrad) {
        return (s, w, g, t) -> {
            if (decoupled) {
                w *= 1 - 0.1 * 0.2;
            }
            double d = decoupled ? g : g + 0.2 * w;
            s[0] = 0.9 * s[0] + 0.1 * d;
            double r = d - s[0];
            s[1] = 0.999 * s[1] + 0.001 * r * r + 1e-16;
            s[2] = Math.max(s[2], s[1]);
            double v = amsgrad ? s[2] : s[1];
            return w - 0.1 / bc(0.9, t) * s[0] / (Math.sqrt(v) / Math.sqrt(bc(0.999, t)) + 1e-16);
        };
    }

    /** Enough for RAdam's rectified branch (from step 6). */
    private static final int STEPS = 8;

    @Test
    void eightStepsWithEveryFlagAndWeightDecayMatchTheReferences() {
        for (Case c : CASES) {
            Optimizer optimizer = Cases.REGISTRY.create(c.id(), c.values());
            VectorParameter w = VectorParameter.of("w", 1, 1);
            optimizer.addParamGroup(List.of(w));
            double[] expected = { 1, 1 };
            double[][] state = new double[2][8];
            for (int t = 1; t <= STEPS; t++) {
                w.gradient()[0] = w.value()[0];
                w.gradient()[1] = 10 * w.value()[1];
                optimizer.step();
                for (int i = 0; i < 2; i++) {
                    expected[i] = c.reference().step(state[i], expected[i], (i == 0 ? 1 : 10) * expected[i], t);
                    assertEquals(expected[i], w.value()[i], 1e-12 * Math.max(1, Math.abs(expected[i])),
                            c.id() + " " + c.values() + " step " + t + " coordinate " + i);
                }
            }
        }
    }
}
