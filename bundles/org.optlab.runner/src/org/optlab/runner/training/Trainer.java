package org.optlab.runner.training;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.optlab.core.Parameter;
import org.optlab.core.model.Model;
import org.optlab.datasets.Dataset;
import org.optlab.datasets.Split;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.ParamGroup;

/**
 * The training loop: epochs of shuffled mini-batches, each a forward and backward pass, optional clipping of the
 * gradients' total norm (torch.nn.utils.clip_grad_norm_), and one optimizer step; an evaluation on the test set after
 * every epoch and, if asked, every N steps. What happens is told to a {@link Listener} as it happens.
 */
public final class Trainer {

    /** The update-to-parameter ratio costs a copy of the parameters: it is measured every this many steps. */
    public static final int RATIO_EVERY = 10;
    /** Test examples per evaluation batch. */
    private static final int EVALUATION_BATCH = 1000;

    /**
     * @param clipGradNorm the largest total gradient norm (0: no clipping)
     * @param evaluateEvery also evaluate every this many steps (0: after each epoch only)
     */
    public record Settings(int epochs, int batchSize, long seed, double clipGradNorm, int evaluateEvery, DataType type) {

        public Settings {
            if (epochs < 1 || batchSize < 1 || clipGradNorm < 0 || evaluateEvery < 0) {
                throw new IllegalArgumentException("epochs and batch size must be >= 1, clipping and evaluation "
                        + "intervals >= 0");
            }
        }
    }

    /** One optimizer step: the batch's mean loss, the rate used, the gradient's norm (before clipping). */
    public record StepMetrics(int epoch, long step, double trainLoss, double lr, double gradientNorm,
            double updateRatio, double seconds) {
    }

    /** An evaluation on the whole test set after {@code step} steps. */
    public record Evaluation(int epoch, long step, double testLoss, double testAccuracy, double seconds) {
    }

    /** Told what happens, on the training thread. */
    public interface Listener {
        void stepped(StepMetrics metrics);

        void evaluated(Evaluation evaluation);
    }

    /**
     * The last evaluation (null when the run diverged before its first), the steps taken and the training time;
     * {@code diverged} when a batch's loss was NaN or infinite at step {@code steps}, which ended the run there.
     */
    public record Result(Evaluation last, long steps, double seconds, boolean diverged) {
    }

    private Trainer() {
    }

    /**
     * Trains {@code model} (already initialized) with {@code optimizer} (its first group holds the model's parameters).
     * A batch whose loss is NaN or infinite ends the training at once: that step is reported (with its loss) and the
     * optimizer does not take it. So does an evaluation whose loss is not finite.
     *
     * @throws OperationCanceledException when the monitor is cancelled
     */
    public static Result train(Model model, Optimizer optimizer, Split data, Settings settings, Listener listener,
            IProgressMonitor monitor) {
        Batches train = new Batches(data.train(), settings.batchSize(), settings.seed(), settings.type());
        ParamGroup group = optimizer.paramGroups().get(0);
        int lrIndex = group.indexOf("lr");
        List<Parameter> parameters = model.parameters();
        SubMonitor progress = SubMonitor.convert(monitor, settings.epochs() * train.count());
        Batches test = new Batches(data.test(), EVALUATION_BATCH, 0, settings.type());
        long start = System.nanoTime();
        long step = 0;
        Evaluation last = null;
        List<INDArray> before = new ArrayList<>(); // the parameters before a step, kept for the run
        for (Parameter p : parameters) {
            before.add(p.value().ulike());
        }
        try (Batches.Stream batches = train.new Stream(settings.epochs())) {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                for (int b = 0; b < train.count(); b++) {
                    INDArray[] batch = batches.next();
                    Model.BatchResult result = model.lossAndGradient(batch[0], batch[1]);
                    double lr = lrIndex >= 0 ? group.value(lrIndex, optimizer.steps()) : Double.NaN;
                    if (!Double.isFinite(result.loss())) {
                        listener.stepped(new StepMetrics(epoch, step + 1, result.loss(), lr, Double.NaN, Double.NaN,
                                seconds(start)));
                        return new Result(last, step + 1, seconds(start), true);
                    }
                    double norm = gradientNorm(parameters);
                    if (settings.clipGradNorm() > 0 && norm > settings.clipGradNorm()) {
                        double scale = settings.clipGradNorm() / (norm + 1e-6);
                        for (Parameter p : parameters) {
                            p.gradient().muli(scale);
                        }
                    }
                    boolean measureRatio = step % RATIO_EVERY == 0;
                    if (measureRatio) {
                        copy(parameters, before);
                    }
                    optimizer.step();
                    step++;
                    double ratio = measureRatio ? updateRatio(before, parameters) : Double.NaN;
                    listener.stepped(new StepMetrics(epoch, step, result.loss(), lr, norm, ratio, seconds(start)));
                    progress.split(1);
                    if (settings.evaluateEvery() > 0 && step % settings.evaluateEvery() == 0
                            && b < train.count() - 1) {
                        last = evaluate(model, test, epoch, step, start);
                        listener.evaluated(last);
                        if (!Double.isFinite(last.testLoss())) {
                            return new Result(last, step, seconds(start), true);
                        }
                    }
                }
                last = evaluate(model, test, epoch, step, start);
                listener.evaluated(last);
                if (!Double.isFinite(last.testLoss())) {
                    return new Result(last, step, seconds(start), true);
                }
            }
        }
        return new Result(last, step, seconds(start), false);
    }

    /**
     * The mean loss and the accuracy over the whole dataset of {@code batches} (accuracy NaN for regression), in
     * batches of {@value #EVALUATION_BATCH} examples, forward only.
     */
    static Evaluation evaluate(Model model, Batches batches, int epoch, long step, long start) {
        Dataset test = batches.dataset();
        int[] order = batches.identityOrder();
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < test.size(); from += EVALUATION_BATCH) {
            int to = Math.min(test.size(), from + EVALUATION_BATCH);
            INDArray[] batch = batches.load(order, from, to);
            Model.BatchResult r = model.evaluate(batch[0], batch[1]);
            lossSum += r.loss() * (to - from);
            correct += r.correct();
        }
        double accuracy = test.isClassification() ? (double) correct / test.size() : Double.NaN;
        return new Evaluation(epoch, step, lossSum / test.size(), accuracy, seconds(start));
    }

    private static double gradientNorm(List<Parameter> parameters) {
        double squares = 0;
        for (Parameter p : parameters) {
            double n = p.gradient().norm2Number().doubleValue();
            squares += n * n;
        }
        return Math.sqrt(squares);
    }

    private static void copy(List<Parameter> parameters, List<INDArray> into) {
        for (int i = 0; i < parameters.size(); i++) {
            into.get(i).assign(parameters.get(i).value());
        }
    }

    /** ||w_after - w_before|| / ||w_before|| over all parameters together. */
    private static double updateRatio(List<INDArray> before, List<Parameter> parameters) {
        double change = 0;
        double size = 0;
        for (int i = 0; i < parameters.size(); i++) {
            INDArray old = before.get(i);
            double n = old.norm2Number().doubleValue();
            size += n * n;
            double d = old.rsubi(parameters.get(i).value()).norm2Number().doubleValue();
            change += d * d;
        }
        return size > 0 ? Math.sqrt(change / size) : Double.NaN;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
