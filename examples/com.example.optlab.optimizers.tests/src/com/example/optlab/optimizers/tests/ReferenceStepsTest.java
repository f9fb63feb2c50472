package com.example.optlab.optimizers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optlab.core.VectorParameter;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerProvider;
import org.optlab.optimizers.OptimizerRegistry;

import com.example.optlab.optimizers.AdEMAMix;
import com.example.optlab.optimizers.Adan;

/**
 * The first three steps on f(w) = 0.5 (w1^2 + 10 w2^2) from (1, 1) agree with reference/reference_steps.txt, which
 * reference/reference_steps.py printed: a scalar transcription of the authors' PyTorch code written apart from this
 * plugin (and checked there against torch itself), with step 1 derived by hand in its docstring.
 */
class ReferenceStepsTest {

    private record Case(String label, String id, Map<String, Object> values, List<double[]> steps) {
    }

    private static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = ReferenceStepsTest.class.getResourceAsStream("/reference/reference_steps.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.trim().split(" ");
            if (words[0].equals("CASE")) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 2; i < words.length; i++) {
                    String[] kv = words[i].split("=");
                    values.put(kv[0], kv[1].equals("true") ? Boolean.TRUE
                            : kv[1].contains(".") ? (Object) Double.parseDouble(kv[1]) : Long.parseLong(kv[1]));
                }
                cases.add(new Case(line.substring(5), words[1], values, new ArrayList<>()));
            } else if (words[0].equals("STEP")) {
                cases.get(cases.size() - 1).steps()
                        .add(new double[] { Double.parseDouble(words[2]), Double.parseDouble(words[3]) });
            }
        }
        return cases;
    }

    @Test
    void firstThreeStepsMatchTheIndependentTranscription() throws IOException {
        List<Case> cases = cases();
        assertEquals(6, cases.size(), "cases in reference_steps.txt");
        OptimizerRegistry registry = new OptimizerRegistry(List.<OptimizerProvider>of(new Adan(), new AdEMAMix()));
        for (Case c : cases) {
            Optimizer optimizer = registry.create(c.id(), c.values());
            VectorParameter w = VectorParameter.of("w", 1, 1);
            optimizer.addParamGroup(List.of(w));
            assertEquals(3, c.steps().size(), c.label());
            for (int t = 0; t < 3; t++) {
                w.gradient()[0] = w.value()[0];
                w.gradient()[1] = 10 * w.value()[1];
                optimizer.step();
                double[] expected = c.steps().get(t);
                for (int i = 0; i < 2; i++) {
                    double error = Math.abs(w.value()[i] - expected[i]);
                    assertTrue(error <= 1e-14, c.label() + " step " + (t + 1) + " w" + (i + 1) + ": expected "
                            + expected[i] + " but was " + w.value()[i]);
                }
            }
        }
    }
}
