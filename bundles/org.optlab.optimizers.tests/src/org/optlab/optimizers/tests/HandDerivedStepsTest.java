package org.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.VectorParameter;
import org.optlab.optimizers.Optimizer;

/**
 * The first steps of every optimizer on f(w) = 0.5 w^T diag(1, 10) w from (1, 1), so g = (w1, 10 w2) and the first
 * gradient is (1, 10). The expected values were worked out apart from this implementation: step 1 by hand (below),
 * steps 2 and 3 with an independent scalar Python transcription of each reference (torch.optim 2.x, or the authors'
 * code where PyTorch has no such optimizer), printed with 17 significant digits. 1 - 0.9 is 0.09999999999999998.
 */
class HandDerivedStepsTest {

    private record Expected(String id, Map<String, ?> hyperParameters, int firstStep, double[][] w) {
    }

    private static final List<Expected> TABLE = List.of(
            // w = 1 - 0.1 g: (0.9, 0); then 0.9^t on w1, 0 stays 0.
            new Expected("sgd", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.9, 0.0 }, { 0.81, 0.0 }, { 0.7290000000000001, 0.0 } }),
            // buf = g on the first step; w = 1 - 0.05 g = (0.95, 0.5).
            new Expected("momentum", Map.of("lr", 0.05), 1,
                    new double[][] { { 0.95, 0.5 }, { 0.8574999999999999, -0.20000000000000007 },
                            { 0.7313749999999999, -0.73 } }),
            // d = g + 0.9 buf = 1.9 g; w = 1 - 0.095 g = (0.905, 0.05).
            new Expected("nesterov", Map.of("lr", 0.05), 1,
                    new double[][] { { 0.905, 0.04999999999999993 }, { 0.778525, -0.40250000000000014 },
                            { 0.6314626249999999, -0.40487500000000004 } }),
            // sum = g^2; w = 1 - 0.1 g / (|g| + 1e-10) = 0.9 + 1e-11 / ... per coordinate.
            new Expected("adagrad", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.90000000001, 0.900000000001 }, { 0.8331035268523168, 0.8331035268392112 },
                            { 0.7804561813655163, 0.7804561813498447 } }),
            // sq = 0.01 g^2; avg = 0.1 |g| + 1e-8; w = 1 - 0.01 g / avg = 0.9 + ~1e-8 / |g|.
            new Expected("rmsprop", Map.of("lr", 0.01), 1,
                    new double[][] { { 0.9000000099999991, 0.900000001 }, { 0.8329179752650593, 0.8329179621340117 },
                            { 0.7799822819823541, 0.7799822662526593 } }),
            // ga = 0.01 g; sq - ga^2 = 0.0099 g^2; avg = 0.0994987 |g|; buf = g / avg = 10.0504; w = 1 - 0.01 buf.
            new Expected("rmsprop", Map.of("lr", 0.01, "centered", true, "momentum", 0.9), 1,
                    new double[][] { { 0.8994962285750879, 0.8994962194841798 },
                            { 0.7413059928206107, 0.7413059713341168 }, { 0.5496501845770552, 0.549650149908097 } }),
            // sq = 0.1 g^2; delta = sqrt(1e-6) / sqrt(0.1 g^2 + 1e-6) g = 0.0031623; w = 0.996838.
            new Expected("adadelta", Map.of(), 1,
                    new double[][] { { 0.9968377381511013, 0.9968377224979454 },
                            { 0.9935981984076517, 0.9935981662928567 }, { 0.9903090828008376, 0.9903090337722795 } }),
            // m = 0.1 g, v = 0.001 g^2, m_hat = g, v_hat = g^2; w = 1 - 0.1 g / (|g| + 1e-8).
            new Expected("adam", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.900000001, 0.9000000001 }, { 0.8004122297123382, 0.8004122278753567 },
                            { 0.701586274504415, 0.7015862716993226 } }),
            // w = 1 * (1 - 0.1 * 0.1) = 0.99, then Adam's step of 0.1: 0.89.
            new Expected("adamw", Map.of("lr", 0.1, "weight_decay", 0.1), 1,
                    new double[][] { { 0.890000001, 0.8900000001 }, { 0.7815718569541611, 0.7815718551223799 },
                            { 0.6751012231892008, 0.675101220400765 } }),
            // v never decreases here, so vmax = v and AMSGrad equals Adam.
            new Expected("amsgrad", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.900000001, 0.9000000001 }, { 0.8004122297123382, 0.8004122278753567 },
                            { 0.701586274504415, 0.7015862716993226 } }),
            // m = 0.1 g, u = |g| + eps, clr = 0.1 / 0.1; w = 1 - g / (|g| + eps) * 0.1.
            new Expected("adamax", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.900000001, 0.9000000001 }, { 0.8051683281165902, 0.805168326410521 },
                            { 0.7154994747368055, 0.7154994723167465 } }),
            // mu = 0.9 (1 - 0.5 * 0.96^0.004), mu' with 0.96^0.008, denom = |g|:
            // w = 1 - 0.1 [(1 - mu) / (1 - mu) + mu' 0.1 / (1 - mu mu')] = 0.894355.
            new Expected("nadam", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.894354823220913, 0.8943548222701064 },
                            { 0.8199730715315754, 0.8199730699139949 }, { 0.7527292676155415, 0.7527292653925954 } }),
            // rho_1 = 1999 - 2 * 0.999 / 0.001 = 1 <= 5: unrectified, w = 1 - 0.1 m_hat = (0.9, 0).
            new Expected("radam", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.9, 0.0 }, { 0.8052631578947369, -0.4736842105263159 },
                            { 0.7157700524373665, -0.5977859778597787 } }),
            // rho_t first exceeds 5 at t = 6 (5.99416): steps 6 to 8 take the rectified branch.
            new Expected("radam", Map.of("lr", 0.01), 6,
                    new double[][] { { 0.95028432558587, 0.5521198734773088 },
                            { 0.9499582125407026, 0.5518139812246327 }, { 0.9495725247249136, 0.5514551885228335 } }),
            // step = 0.1 sqrt(0.001) / 0.1 / (sqrt(v) + eps) ~ 1 / |g|, inside [9.99e-5, 100.1]; times m = 0.1 g.
            new Expected("adabound", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.9000000316227666, 0.9000000031622776 },
                            { 0.8004122825258162, 0.8004122331567058 }, { 0.7015863457355402, 0.7015862788224368 } }),
            new Expected("amsbound", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.9000000316227666, 0.9000000031622776 },
                            { 0.8004122825258162, 0.8004122331567058 }, { 0.7015863457355402, 0.7015862788224368 } }),
            // all three buffers = g; w = 1 - 3 * (0.1 / 3) g, rounded after each of the 3 subtractions.
            new Expected("aggmo", Map.of(), 1,
                    new double[][] { { 0.9, 1.1102230246251565e-16 }, { 0.7470000000000001, -0.6300000000000001 },
                            { 0.5559300000000001, -0.5967000000000001 } }),
            // buf = 0.001 g; w = 1 - 0.1 * 0.7 * 0.001 g - 0.1 * 0.3 g = (0.96993, 0.6993).
            new Expected("qhm", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.96993, 0.6992999999999999 }, { 0.9406942748999999, 0.48832118999999985 },
                            { 0.9122699107788569, 0.3402953869769999 } }),
            // weights 1, so m = g, v = g^2; avg = g, rms = |g| + eps; w = 1 - 0.1 g / (|g| + eps).
            new Expected("qhadam", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.900000001, 0.9000000001 }, { 0.8019060462658842, 0.8019060444571489 },
                            { 0.7061127618095435, 0.7061127590937982 } }),
            // step 1 is Adam's; at step 2 (k = 2) slow = 1 + 0.5 (0.800412 - 1) = 0.900206 and w = slow.
            new Expected("lookahead", Map.of("k", 2, "alpha", 0.5, "inner", Map.of("id", "adam", "lr", 0.1)), 1,
                    new double[][] { { 0.900000001, 0.9000000001 }, { 0.9002061148561691, 0.9002061139376784 },
                            { 0.8006972626908372, 0.8006972608201053 } }),
            // m = 0: update = sign(0.1 g) = 1; every coordinate moves by lr.
            new Expected("lion", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.9, 0.9 }, { 0.8, 0.8 }, { 0.7000000000000001, 0.7000000000000001 } }),
            // m = 0.1 g, v = 1e-6 + 0.001 g^2; denom = sqrt(v / 0.001) + 1e-3 = 1.0015 and 10.00105;
            // w = 1 - g / denom * 0.1 = (0.90015, 0.90001).
            new Expected("yogi", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.9001497628806361, 0.900010498896366 },
                            { 0.8007205781147296, 0.800460916590894 }, { 0.7020777603957612, 0.7017023165233514 } }),
            // m = 0.1 g, r = g - m = 0.9 g, s = 0.00081 g^2 + 1e-16, denom = 0.9 |g|; w = 1 - 0.1 / 0.9 = 0.888889.
            new Expected("adabelief", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.8888888888888957, 0.888888888888889 },
                            { 0.7727290919868474, 0.7727290919868319 }, { 0.6523053662261047, 0.6523053662260783 } }),
            // r = m_hat / (sqrt(v_hat) + 1e-6) ~ (1, 1); trust = ||w|| / ||r|| = sqrt(2) / ||r||; w = 1 - 0.1 trust r.
            new Expected("lamb", Map.of("lr", 0.1), 1,
                    new double[][] { { 0.9000000449999854, 0.8999999550000348 },
                            { 0.8100000873386667, 0.8099999126613713 }, { 0.7290001269393382, 0.7289998730607143 } }),
            // prev = 0, so factor 1: w = 1 - 0.01 sign(g) = 0.99; then steps grow by 1.2: 0.012, 0.0144.
            new Expected("rprop", Map.of(), 1, new double[][] { { 0.99, 0.99 }, { 0.978, 0.978 }, { 0.9636, 0.9636 } }),
            // 1 - 0.6 = 0.4; then -0.32 (step 0.72); both signs flip at step 3: step 0.36, g set to 0, no move.
            new Expected("rprop", Map.of("lr", 0.6), 1,
                    new double[][] { { 0.4, 0.4 }, { -0.31999999999999995, -0.31999999999999995 },
                            { -0.31999999999999995, -0.31999999999999995 } }));

    @Test
    void firstStepsMatchTheIndependentDerivation() {
        java.util.Set<String> covered = new java.util.HashSet<>();
        for (Expected e : TABLE) {
            Optimizer optimizer = Cases.REGISTRY.create(e.id(), e.hyperParameters());
            VectorParameter w = VectorParameter.of("w", 1, 1);
            optimizer.addParamGroup(List.of(w));
            int last = e.firstStep() + e.w().length - 1;
            for (int t = 1; t <= last; t++) {
                w.gradient()[0] = w.value()[0];
                w.gradient()[1] = 10 * w.value()[1];
                optimizer.step();
                if (t >= e.firstStep()) {
                    double[] expected = e.w()[t - e.firstStep()];
                    for (int i = 0; i < 2; i++) {
                        assertEquals(expected[i], w.value()[i], 1e-13 * Math.max(1, Math.abs(expected[i])),
                                e.id() + " " + e.hyperParameters() + " step " + t + " coordinate " + i);
                    }
                }
            }
            covered.add(e.id());
        }
        assertEquals(new java.util.HashSet<>(Cases.IDS), covered, "every built-in has hand-derived steps");
    }
}
