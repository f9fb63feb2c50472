package org.optlab.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss at the top of a model, averaged over the batch like PyTorch's default {@code reduction="mean"}.
 * {@link #valueAndGradient} overwrites the model's output with the gradient with respect to it.
 */
public enum Loss {

    /**
     * torch.nn.CrossEntropyLoss on logits: softmax, then -log p[label]; the gradient is (p - onehot(label)) / batch.
     * Targets are one-hot rows.
     */
    SOFTMAX_CROSS_ENTROPY {
        @Override
        double valueAndGradient(INDArray output, INDArray targets, int[] correct) {
            // On the heap: a batch's logits are small (128 x 10), and one bulk read and one bulk write cost less
            // than the half dozen ND4J ops (softmax, two argmax, subtract, divide) they replace.
            int n = (int) output.size(0);
            int k = (int) output.size(1);
            Scratch scratch = SCRATCH.get();
            double[] logits = scratch.logits = scratch.copies.read(output, scratch.logits);
            double[] onehot = scratch.targets = scratch.copies.read(targets, scratch.targets);
            double sum = 0;
            int hits = 0;
            for (int i = 0; i < n; i++) {
                int row = i * k;
                int best = row;
                int label = row;
                for (int j = row; j < row + k; j++) {
                    if (logits[j] > logits[best]) {
                        best = j;
                    }
                    if (onehot[j] > onehot[label]) {
                        label = j;
                    }
                }
                double max = logits[best];
                double labelLogit = logits[label];
                double z = 0;
                for (int j = row; j < row + k; j++) {
                    logits[j] = Math.exp(logits[j] - max);
                    z += logits[j];
                }
                // -log p[label] as log-softmax has it, log z - (logit - max): exact however small p is (no clamp),
                // so logits that grew without bound give a loss that does too, as in PyTorch
                sum += Math.log(z) - (labelLogit - max);
                hits += best == label ? 1 : 0;
                for (int j = row; j < row + k; j++) {
                    logits[j] = (logits[j] / z - onehot[j]) / n; // d loss / d logit: (p - y) / n
                }
            }
            correct[0] = hits;
            scratch.copies.put(output, logits);
            return sum / n;
        }
    },

    /** torch.nn.MSELoss: the mean of (y - t)^2 over all entries; the gradient is 2 (y - t) / entries. */
    MEAN_SQUARED_ERROR {
        @Override
        double valueAndGradient(INDArray output, INDArray targets, int[] correct) {
            output.subi(targets);
            double value = output.norm2Number().doubleValue();
            long entries = output.length();
            output.muli(2.0 / entries);
            correct[0] = 0;
            return value * value / entries;
        }
    };

    /** The heap arrays of one thread's loss computations, kept from batch to batch. */
    private static final class Scratch {
        final HeapCopies copies = new HeapCopies();
        double[] logits;
        double[] targets;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Returns the mean loss over the batch, writes the number of correct predictions into {@code correct[0]} (0 for
     * regression) and replaces {@code output} with the gradient of the mean loss with respect to it.
     */
    abstract double valueAndGradient(INDArray output, INDArray targets, int[] correct);
}
