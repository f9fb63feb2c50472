package org.optlab.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
            long n = output.size(0);
            Transforms.softmax(output, false);
            double sum = 0;
            int hits = 0;
            INDArray predicted = Nd4j.argMax(output, 1);
            INDArray truth = Nd4j.argMax(targets, 1);
            for (int i = 0; i < n; i++) {
                int label = truth.getInt(i);
                sum -= Math.log(Math.max(output.getDouble(i, label), Double.MIN_NORMAL));
                if (predicted.getInt(i) == label) {
                    hits++;
                }
            }
            correct[0] = hits;
            output.subi(targets).divi(n);
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

    /**
     * Returns the mean loss over the batch, writes the number of correct predictions into {@code correct[0]} (0 for
     * regression) and replaces {@code output} with the gradient of the mean loss with respect to it.
     */
    abstract double valueAndGradient(INDArray output, INDArray targets, int[] correct);
}
