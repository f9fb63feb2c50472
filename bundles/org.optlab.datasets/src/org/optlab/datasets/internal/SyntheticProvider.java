package org.optlab.datasets.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.optlab.datasets.Dataset;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetProvider;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;

/**
 * A generated dataset: options {@code n} (training examples, default 1000) and {@code test} (default 500) plus those
 * of the subclass. The seed is split into three independent streams: one for hidden parameters of the distribution
 * (e.g. the true weights), one for the training set, one for the test set. So train and test come from the same
 * distribution, and the same seed gives the same data on every JVM ({@link SplittableRandom}'s algorithm is fixed).
 */
public abstract class SyntheticProvider<S extends SyntheticProvider.Sampler> implements DatasetProvider {

    public static final int DEFAULT_TRAIN = 1000;
    public static final int DEFAULT_TEST = 500;
    public static final int MAX_EXAMPLES = 1_000_000;
    /** At most this many feature values per set (1 GiB of floats). */
    public static final long MAX_VALUES = 1L << 28;

    /** Draws examples of one distribution. */
    public interface Sampler {

        int featureCount();

        /** {@code size} examples drawn from {@code random}. */
        Dataset sample(String id, int size, SplittableRandom random);
    }

    /** The options of this dataset besides {@code n} and {@code test}. */
    protected abstract Set<String> options();

    /** Reads this dataset's options; draws the distribution's hidden parameters, if any, from {@code parameters}. */
    protected abstract S createSampler(DatasetRequest request, SplittableRandom parameters);

    /** The distribution a load with this request draws from (checks every option but n and test). */
    public final S sampler(DatasetRequest request) {
        Set<String> known = new HashSet<>(options());
        known.add("n");
        known.add("test");
        request.checkKnown(known);
        return createSampler(request, streams(request.seed())[0]);
    }

    @Override
    public final Split load(DatasetRequest request) {
        S sampler = sampler(request);
        int train = size(request, "n", DEFAULT_TRAIN, sampler.featureCount());
        int test = size(request, "test", DEFAULT_TEST, sampler.featureCount());
        SplittableRandom[] streams = streams(request.seed());
        return new Split(sampler.sample(id() + "/train", train, streams[1]),
                sampler.sample(id() + "/test", test, streams[2]));
    }

    private static int size(DatasetRequest request, String name, int defaultValue, int featureCount) {
        int size = request.integer(name, defaultValue, 1, MAX_EXAMPLES);
        if ((long) size * featureCount > MAX_VALUES) {
            throw new DatasetException(name, name + " = " + size + " examples of " + featureCount + " features are"
                    + " more than " + MAX_VALUES + " values");
        }
        return size;
    }

    /** The parameter, training and test streams of a seed. */
    private static SplittableRandom[] streams(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return new SplittableRandom[] { root.split(), root.split(), root.split() };
    }

    /** A standard normal deviate (Box-Muller; own code so that the numbers do not depend on the JDK). */
    protected static double normal(SplittableRandom random) {
        double r = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
        return r * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
