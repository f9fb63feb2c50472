package org.optlab.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;

/**
 * Every layer's and model's gradients against central differences of the loss in double precision, and the models'
 * closed forms.
 */
class ModelGradientTest {

    private static final double H = 1e-6;

    /** A batch of n random inputs of the given example shape, values in [-1, 1). */
    private static INDArray inputs(long n, long[] shape, long seed, DataType type) {
        long[] full = new long[shape.length + 1];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[(int) java.util.Arrays.stream(full).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return Nd4j.createFromArray(values).reshape('c', full).castTo(type);
    }

    /** One-hot rows of random classes. */
    private static INDArray oneHot(long n, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (long i = 0; i < n; i++) {
            y.putScalar(i, random.nextInt(classes), 1.0);
        }
        return y;
    }

    /**
     * Checks up to {@code perParameter} entries of every parameter (all of them when fewer): the analytic gradient
     * against (L(w + h) - L(w - h)) / 2h.
     */
    private static void checkGradients(Model model, INDArray x, INDArray y, int perParameter) {
        model.lossAndGradient(x, y);
        SplittableRandom pick = new SplittableRandom(3);
        int checked = 0;
        double largest = 0;
        for (Parameter p : model.parameters()) {
            INDArray analytic = p.gradient().dup();
            INDArray w = p.value().reshape(p.length());
            for (int k = 0; k < Math.min(perParameter, p.length()); k++) {
                long i = p.length() <= perParameter ? k : pick.nextLong(p.length());
                double original = w.getDouble(i);
                w.putScalar(i, original + H);
                double plus = model.evaluate(x, y).loss();
                w.putScalar(i, original - H);
                double minus = model.evaluate(x, y).loss();
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * H);
                double exact = analytic.reshape(p.length()).getDouble(i);
                largest = Math.max(largest, Math.abs(exact));
                assertEquals(numeric, exact, 1e-7 + 1e-5 * Math.abs(numeric),
                        model.description() + ": d loss / d " + p.name() + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked > 10, "checked " + checked + " entries");
        assertTrue(largest > 1e-3, "gradients too small to tell anything: " + largest);
    }

    @Test
    void softmaxRegressionGradientsMatchFiniteDifferences() {
        Model m = Models.softmax(new long[] { 5 }, 3, true, DataType.DOUBLE);
        m.initialize(1);
        checkGradients(m, inputs(4, new long[] { 5 }, 2, DataType.DOUBLE), oneHot(4, 3, 3), 100);
    }

    @Test
    void mlpGradientsMatchFiniteDifferencesForEveryActivation() {
        for (Activation.Kind a : Activation.Kind.values()) {
            Model m = Models.mlp(new long[] { 6 }, new int[] { 5, 4 }, a, 3, true, DataType.DOUBLE);
            m.initialize(7);
            checkGradients(m, inputs(5, new long[] { 6 }, 8, DataType.DOUBLE), oneHot(5, 3, 9), 100);
        }
    }

    @Test
    void regressionMlpGradientsMatchFiniteDifferences() {
        Model m = Models.mlp(new long[] { 3 }, new int[] { 4 }, Activation.Kind.TANH, 2, false, DataType.DOUBLE);
        m.initialize(11);
        checkGradients(m, inputs(6, new long[] { 3 }, 12, DataType.DOUBLE),
                inputs(6, new long[] { 2 }, 13, DataType.DOUBLE), 100);
    }

    @Test
    void cnnGradientsMatchFiniteDifferences() {
        // 2 x 16 x 16 -> conv 12 x 12 -> pool 6 x 6 -> conv 2 x 2 -> pool 1 x 1 -> dense: every layer on the path
        long[] shape = { 2, 16, 16 };
        Model m = Models.cnn(shape, 3, true, DataType.DOUBLE);
        m.initialize(21);
        checkGradients(m, inputs(3, shape, 22, DataType.DOUBLE), oneHot(3, 3, 23), 40);
    }

    @Test
    void convolutionStackGradientsMatchFiniteDifferencesOnOddShapesAndBatchOne() {
        // 3 x 9 x 7 -> conv 3x3 (4) 7 x 5 -> pool 3 x 2 (odd row and column dropped) -> relu -> dense; the three
        // as separate layers and fused in one (Conv2d's poolRelu)
        long[] shape = { 3, 9, 7 };
        for (boolean fused : new boolean[] { false, true }) {
            for (int n : new int[] { 1, 3 }) {
                java.util.List<Layer> layers = fused
                        ? java.util.List.of(new Conv2d("conv", 3, 4, 3, true, DataType.DOUBLE), new Flatten(),
                                new Dense("fc", 4 * 3 * 2, 3, DataType.DOUBLE))
                        : java.util.List.of(new Conv2d("conv", 3, 4, 3, DataType.DOUBLE), new MaxPool(DataType.DOUBLE),
                                new Activation(Activation.Kind.RELU), new Flatten(),
                                new Dense("fc", 4 * 3 * 2, 3, DataType.DOUBLE));
                Model m = new Model("conv stack", shape, layers, Loss.SOFTMAX_CROSS_ENTROPY, DataType.DOUBLE);
                m.initialize(31);
                checkGradients(m, inputs(n, shape, 32, DataType.DOUBLE), oneHot(n, 3, 33), 60);
            }
        }
    }

    /** Passes everything to a layer and remembers which backward passes asked for the input's gradient. */
    private static final class Spy implements Layer {
        final Layer layer;
        final java.util.List<Boolean> asked = new java.util.ArrayList<>();

        Spy(Layer layer) {
            this.layer = layer;
        }

        @Override
        public long[] outputShape(long[] inputShape) {
            return layer.outputShape(inputShape);
        }

        @Override
        public java.util.List<Parameter> parameters() {
            return layer.parameters();
        }

        @Override
        public void initialize(SplittableRandom random) {
            layer.initialize(random);
        }

        @Override
        public INDArray forward(INDArray input) {
            return layer.forward(input);
        }

        @Override
        public INDArray backward(INDArray input, INDArray output, INDArray outputGradient, boolean inputGradient) {
            asked.add(inputGradient);
            return layer.backward(input, output, outputGradient, inputGradient);
        }
    }

    @Test
    void theBackwardPassStopsAtTheLowestLayerWithParameters() {
        // flatten - dense - relu - dense: the data's gradient (a product as large as the first layer's) is not needed
        Spy flatten = new Spy(new Flatten());
        Spy first = new Spy(new Dense("fc1", 12, 5, DataType.DOUBLE));
        Spy relu = new Spy(new Activation(Activation.Kind.RELU));
        Spy last = new Spy(new Dense("fc2", 5, 3, DataType.DOUBLE));
        Model spied = new Model("spied", new long[] { 3, 4 }, java.util.List.of(flatten, first, relu, last),
                Loss.SOFTMAX_CROSS_ENTROPY, DataType.DOUBLE);
        spied.initialize(7);
        INDArray x = inputs(6, new long[] { 3, 4 }, 8, DataType.DOUBLE);
        INDArray y = oneHot(6, 3, 9);
        spied.lossAndGradient(x, y);
        assertEquals(java.util.List.of(true), last.asked);
        assertEquals(java.util.List.of(true), relu.asked);
        assertEquals(java.util.List.of(false), first.asked);
        assertEquals(java.util.List.of(), flatten.asked);
        // and the gradients are those of the same model without the spies
        Model plain = Models.mlp(new long[] { 3, 4 }, new int[] { 5 }, Activation.Kind.RELU, 3, true, DataType.DOUBLE);
        plain.initialize(7);
        plain.lossAndGradient(x, y);
        for (int i = 0; i < plain.parameters().size(); i++) {
            assertEquals(plain.parameters().get(i).gradient(), spied.parameters().get(i).gradient());
        }
    }

    @Test
    void softmaxWithZeroWeightsHasTheClosedFormLossAndBiasGradient() {
        // all logits 0: p = 1/K for every class, loss log K, d loss / d b_k = mean over the batch of (1/K - y_k)
        Model m = Models.softmax(new long[] { 4 }, 5, true, DataType.DOUBLE);
        INDArray y = oneHot(8, 5, 4);
        Model.BatchResult r = m.lossAndGradient(inputs(8, new long[] { 4 }, 5, DataType.DOUBLE), y);
        assertEquals(Math.log(5), r.loss(), 1e-12);
        INDArray expected = y.mean(0).rsubi(0.2).reshape(1, 5);
        assertArrayEquals(expected.toDoubleVector(), m.parameters().get(1).gradient().toDoubleVector(), 1e-12);
    }

    @Test
    void crossEntropyIsExactForLogitsFarApart() {
        // -log softmax(z)[label] = logsumexp(z) - z[label]: for z = (0, 2000) and label 0, log(1 + e^2000) = 2000 to
        // double precision, far past -log(Double.MIN_NORMAL) = 708.4, where a clamped p would stop it; label 1: e^-2000
        // is 0 in doubles, so 0. The gradient (p - y) / n is exact too: p = (0, 1).
        INDArray logits = Nd4j.createFromArray(new double[][] { { 0, 2000 }, { 0, 2000 } });
        INDArray targets = Nd4j.createFromArray(new double[][] { { 1, 0 }, { 0, 1 } });
        int[] correct = new int[1];
        double loss = Loss.SOFTMAX_CROSS_ENTROPY.valueAndGradient(logits, targets, correct);
        assertEquals((2000 + 0) / 2.0, loss, 0);
        assertEquals(1, correct[0]);
        assertArrayEquals(new double[] { -0.5, 0.5, 0, 0 }, logits.data().asDouble(), 0);
        // an infinite logit makes the loss not finite, so a run that blew up is seen to diverge
        INDArray blown = Nd4j.createFromArray(new double[][] { { Double.POSITIVE_INFINITY, 0 } });
        double value = Loss.SOFTMAX_CROSS_ENTROPY.valueAndGradient(blown, Nd4j.createFromArray(new double[][] {
                { 0, 1 } }), correct);
        assertTrue(!Double.isFinite(value), "loss " + value);
    }

    @Test
    void mseOfAZeroModelIsTheMeanSquareOfTheTargets() {
        Model m = Models.softmax(new long[] { 3 }, 2, false, DataType.DOUBLE); // a linear model, zero weights
        INDArray t = inputs(5, new long[] { 2 }, 6, DataType.DOUBLE);
        double expected = t.mul(t).meanNumber().doubleValue();
        assertEquals(expected, m.evaluate(inputs(5, new long[] { 3 }, 7, DataType.DOUBLE), t).loss(), 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameModelAndInitializationFollowsTorch() {
        Model a = Models.mlp(new long[] { 784 }, new int[] { 256 }, Activation.Kind.RELU, 10, true, DataType.FLOAT);
        Model b = Models.mlp(new long[] { 784 }, new int[] { 256 }, Activation.Kind.RELU, 10, true, DataType.FLOAT);
        a.initialize(42);
        b.initialize(42);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertEquals(a.parameters().get(i).value(), b.parameters().get(i).value());
        }
        assertEquals(784 * 256 + 256 + 256 * 10 + 10, a.parameterCount());
        // torch.nn.Linear: uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)]
        INDArray w = a.parameters().get(0).value();
        double bound = 1 / Math.sqrt(784);
        assertTrue(w.maxNumber().doubleValue() <= bound && w.minNumber().doubleValue() >= -bound);
        assertEquals(bound / Math.sqrt(3), w.stdNumber().doubleValue(), 0.01 * bound); // std of U(-a, a) = a/sqrt 3
        assertEquals("mlp 784-256-10 relu", a.description());
    }

    @Test
    void float32AndFloat64ModelsAgree() {
        long[] shape = { 1, 28, 28 };
        for (boolean cnn : new boolean[] { true, false }) { // the mlp: float32 bias and relu loops of its own
            Model single = cnn ? Models.cnn(shape, 10, true, DataType.FLOAT)
                    : Models.mlp(shape, new int[] { 32 }, Activation.Kind.RELU, 10, true, DataType.FLOAT);
            Model precise = cnn ? Models.cnn(shape, 10, true, DataType.DOUBLE)
                    : Models.mlp(shape, new int[] { 32 }, Activation.Kind.RELU, 10, true, DataType.DOUBLE);
            single.initialize(5);
            precise.initialize(5);
            INDArray x = inputs(4, shape, 6, DataType.DOUBLE);
            INDArray y = oneHot(4, 10, 7);
            double lossSingle = single.lossAndGradient(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT)).loss();
            double lossPrecise = precise.lossAndGradient(x, y).loss();
            assertEquals(lossPrecise, lossSingle, 1e-5);
            for (int i = 0; i < single.parameters().size(); i++) {
                INDArray g32 = single.parameters().get(i).gradient().castTo(DataType.DOUBLE);
                INDArray g64 = precise.parameters().get(i).gradient();
                assertTrue(g32.sub(g64).amaxNumber().doubleValue() < 1e-4 * Math.max(1, g64.amaxNumber()
                        .doubleValue()), single.parameters().get(i).name());
            }
        }
    }

    @Test
    void badShapesAreRefusedWithTheShapes() {
        Model m = Models.softmax(new long[] { 4 }, 3, true, DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Nd4j.zeros(DataType.DOUBLE, 2, 5)));
        assertEquals("softmax 4-3 takes batches of shape [n, 4], got [2, 5]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Models.cnn(new long[] { 784 }, 10, true, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class,
                () -> Models.cnn(new long[] { 1, 10, 10 }, 10, true, DataType.FLOAT)); // too small for two 5x5 convs
    }
}
