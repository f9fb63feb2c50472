package org.optlab.datasets.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;
import org.optlab.datasets.internal.GaussianBlobs;
import org.optlab.datasets.internal.LinearRegression;
import org.optlab.datasets.internal.LogisticClassification;
import org.optlab.datasets.internal.Moons;
import org.optlab.datasets.internal.Spirals;
import org.optlab.datasets.internal.SyntheticProvider;

class SyntheticDatasetsTest {

    private static final List<SyntheticProvider<?>> ALL = List.of(new Moons(), new Spirals(), new GaussianBlobs(),
            new LinearRegression(), new LogisticClassification());

    private static DatasetRequest request(long seed, Map<String, Object> options) {
        return new DatasetRequest(seed, options, null);
    }

    private static float[] answers(Dataset d) {
        if (d.isClassification()) {
            float[] labels = new float[d.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = d.labels()[i];
            }
            return labels;
        }
        return d.targets();
    }

    @TestFactory
    Stream<DynamicTest> sameSeedSameDataOtherSeedOtherData() {
        return ALL.stream().map(provider -> dynamicTest(provider.id(), () -> {
            Split a = provider.load(new DatasetRequest(3));
            Split b = provider.load(new DatasetRequest(3));
            assertEquals(1000, a.train().size());
            assertEquals(500, a.test().size());
            assertEquals(provider.id() + "/train", a.train().id());
            for (boolean train : new boolean[] { true, false }) {
                Dataset x = train ? a.train() : a.test();
                Dataset y = train ? b.train() : b.test();
                assertArrayEquals(x.features(), y.features());
                assertArrayEquals(answers(x), answers(y));
            }
            assertFalse(Arrays.equals(a.train().features(),
                    provider.load(new DatasetRequest(4)).train().features()));
            // train and test come from different streams: the test set is not the start of the training set
            assertFalse(Arrays.equals(a.test().features(), Arrays.copyOf(a.train().features(),
                    a.test().features().length)));
        }));
    }

    @Test
    void theNumbersDoNotDependOnTheJvm() {
        // Pinned values: SplittableRandom's algorithm is specified and Box-Muller is our own code, so a change here
        // means the data of every saved experiment changed.
        float[] moons = new Moons().load(new DatasetRequest(1)).train().features();
        assertArrayEquals(new float[] { 0.55102545f, 0.7462744f, 1.8747406f, 0.043401364f }, Arrays.copyOf(moons, 4));
    }

    @Test
    void moonsClassMeansMatchTheConstruction() {
        // t uniform in [0, pi]: E[cos t] = 0, E[sin t] = 2 / pi. Class 0 (cos t, sin t) has mean (0, 2/pi), class 1
        // (1 - cos t, 0.5 - sin t) has mean (1, 0.5 - 2/pi). Checked within 5 standard errors, with and without noise.
        for (double noise : new double[] { 0, 0.1 }) {
            Dataset d = new Moons().load(request(11, Map.of("n", 100_000, "noise", noise))).train();
            double[][] expected = { { 0, 2 / Math.PI }, { 1, 0.5 - 2 / Math.PI } };
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 2; j++) {
                    double sum = 0, sumSquares = 0;
                    int count = 0;
                    for (int i = 0; i < d.size(); i++) {
                        if (d.labels()[i] == k) {
                            sum += d.feature(i, j);
                            sumSquares += d.feature(i, j) * (double) d.feature(i, j);
                            count++;
                        }
                    }
                    assertEquals(50_000, count);
                    double mean = sum / count;
                    double standardError = Math.sqrt((sumSquares / count - mean * mean) / count);
                    assertEquals(expected[k][j], mean, 5 * standardError,
                            "noise " + noise + ", class " + k + ", coordinate " + j);
                }
            }
            if (noise == 0) {
                // noise-free points lie exactly on their circles
                for (int i = 0; i < d.size(); i++) {
                    double cx = d.labels()[i] == 0 ? 0 : 1;
                    double cy = d.labels()[i] == 0 ? 0 : 0.5;
                    assertEquals(1, Math.hypot(d.feature(i, 0) - cx, d.feature(i, 1) - cy), 1e-6);
                }
            }
        }
    }

    @Test
    void spiralClassesAreBalancedAndInsideTheUnitDisc() {
        Split split = new Spirals().load(request(5, Map.of("classes", 3, "n", 1000, "test", 500)));
        assertArrayEquals(new int[] { 334, 333, 333 }, classCounts(split.train()));
        assertArrayEquals(new int[] { 167, 167, 166 }, classCounts(split.test()));
        Dataset four = new Spirals().load(request(5, Map.of("classes", 4, "noise", 1.5))).train();
        assertArrayEquals(new int[] { 250, 250, 250, 250 }, classCounts(four));
        for (int i = 0; i < four.size(); i++) {
            assertTrue(Math.hypot(four.feature(i, 0), four.feature(i, 1)) <= 1 + 1e-6);
        }
    }

    @Test
    void noiseFreeLinearRegressionIsRecoveredByLeastSquares() {
        DatasetRequest request = request(21, Map.of("n", 5000, "features", 5, "noise", 0));
        LinearRegression provider = new LinearRegression();
        LinearRegression.Sampler truth = provider.sampler(request);
        Split split = provider.load(request);
        assertEquals(1, split.train().targetCount());
        assertArrayEquals(new int[] { 5 }, split.train().exampleShape());
        double[] fit = leastSquares(split.train()); // weights, then the bias
        for (int j = 0; j < 5; j++) {
            assertEquals(truth.weights()[j], fit[j], 1e-4, "w" + j);
        }
        assertEquals(truth.bias(), fit[5], 1e-4, "b");
        // the test set follows the same model
        Dataset test = split.test();
        for (int i = 0; i < test.size(); i++) {
            double prediction = fit[5];
            for (int j = 0; j < 5; j++) {
                prediction += fit[j] * test.feature(i, j);
            }
            assertEquals(test.targets()[i], prediction, 1e-4 * (1 + Math.abs(prediction)));
        }
        // with noise, the residual standard deviation is the noise
        Dataset noisy = provider.load(request(21, Map.of("n", 20_000, "noise", 0.5))).train();
        double[] noisyFit = leastSquares(noisy);
        double squares = 0;
        for (int i = 0; i < noisy.size(); i++) {
            double prediction = noisyFit[5];
            for (int j = 0; j < 5; j++) {
                prediction += noisyFit[j] * noisy.feature(i, j);
            }
            squares += Math.pow(noisy.targets()[i] - prediction, 2);
        }
        assertEquals(0.5, Math.sqrt(squares / noisy.size()), 0.02);
    }

    @Test
    void logisticLabelFrequencyMatchesTheMeanProbability() {
        DatasetRequest request = request(8, Map.of("n", 200_000, "features", 5));
        LogisticClassification provider = new LogisticClassification();
        LogisticClassification.Sampler truth = provider.sampler(request);
        Dataset d = provider.load(request).train();
        assertEquals(2, d.classCount());
        double sumP = 0, variance = 0;
        int ones = 0, agreeing = 0;
        for (int i = 0; i < d.size(); i++) {
            double p = truth.probability(d.features(), i * 5);
            sumP += p;
            variance += p * (1 - p);
            ones += d.labels()[i];
            agreeing += (p > 0.5) == (d.labels()[i] == 1) ? 1 : 0;
        }
        // the count of ones is a sum of independent Bernoulli(p_i): mean sum p_i, variance sum p_i (1 - p_i)
        assertEquals(sumP, ones, 5 * Math.sqrt(variance));
        assertTrue(ones > 0.05 * d.size() && ones < 0.95 * d.size(), "both classes occur: " + ones);
        // informative but noisy labels: the Bayes rule is right well above chance, yet not always
        double bayesAccuracy = (double) agreeing / d.size();
        assertTrue(bayesAccuracy > 0.7 && bayesAccuracy < 0.95, "Bayes accuracy " + bayesAccuracy);
    }

    @Test
    void optionsAreCheckedWithTheOptionNamed() {
        var e = assertThrows(DatasetException.class, () -> new Moons().load(request(1, Map.of("nosie", 0.3))));
        assertEquals("nosie", e.field());
        assertEquals("unknown option 'nosie'; known: [n, noise, test]", e.getMessage());
        e = assertThrows(DatasetException.class, () -> new Moons().load(request(1, Map.of("n", 2_000_000))));
        assertEquals("n", e.field());
        assertEquals("n = 2000000 is invalid; expected an integer in [1, 1000000]", e.getMessage());
        e = assertThrows(DatasetException.class, () -> new Moons().load(request(1, Map.of("noise", -0.1))));
        assertEquals("noise", e.field());
        e = assertThrows(DatasetException.class,
                () -> new LinearRegression().load(request(1, Map.of("features", 1000, "test", 1_000_000))));
        assertEquals("test", e.field());
        assertEquals("test = 1000000 examples of 1000 features are more than 268435456 values", e.getMessage());
        e = assertThrows(DatasetException.class, () -> new Spirals().load(request(1, Map.of("classes", 1))));
        assertEquals("classes", e.field());
    }

    private static int[] classCounts(Dataset d) {
        int[] counts = new int[d.classCount()];
        for (int label : d.labels()) {
            counts[label]++;
        }
        return counts;
    }

    /** Ordinary least squares with an intercept, by the normal equations (the bias is the last entry). */
    private static double[] leastSquares(Dataset d) {
        int p = d.featureCount() + 1;
        double[][] a = new double[p][p + 1];
        double[] row = new double[p];
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < p - 1; j++) {
                row[j] = d.feature(i, j);
            }
            row[p - 1] = 1;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][p] += row[r] * d.targets()[i];
            }
        }
        // Gaussian elimination with partial pivoting
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int c = col; c <= p; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[] solution = new double[p];
        for (int r = 0; r < p; r++) {
            solution[r] = a[r][p] / a[r][r];
        }
        return solution;
    }
}
