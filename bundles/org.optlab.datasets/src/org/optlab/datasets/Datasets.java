package org.optlab.datasets;

import java.util.List;

import org.optlab.datasets.internal.Cifar10;
import org.optlab.datasets.internal.FashionMnist;
import org.optlab.datasets.internal.GaussianBlobs;
import org.optlab.datasets.internal.LinearRegression;
import org.optlab.datasets.internal.LogisticClassification;
import org.optlab.datasets.internal.Mnist;
import org.optlab.datasets.internal.Moons;
import org.optlab.datasets.internal.Spirals;

/** The built-in datasets, for use without the extension registry (the same ones plugin.xml contributes). */
public final class Datasets {

    private Datasets() {
    }

    /** A new instance of each built-in provider. */
    public static List<DatasetProvider> builtins() {
        return List.of(new Moons(), new Spirals(), new GaussianBlobs(), new LinearRegression(),
                new LogisticClassification(), new FashionMnist(), new Mnist(), new Cifar10());
    }

    /** A registry of the built-ins only. */
    public static DatasetRegistry builtinRegistry() {
        return new DatasetRegistry(builtins());
    }
}
