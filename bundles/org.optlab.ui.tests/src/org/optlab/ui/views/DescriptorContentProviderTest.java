package org.optlab.ui.views;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.optlab.optimizers.Citation;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.Range;

/** The Optimizers view's tree: descriptors at the top, their hyper-parameters as children, in declared order. */
class DescriptorContentProviderTest {

    private final HyperParameter lr = HyperParameter.real("lr", 0.01, Range.NON_NEGATIVE, "learning rate");
    private final HyperParameter beta = HyperParameter.real("beta", 0.9, Range.UNIT_HALF_OPEN, "smoothing");
    private final OptimizerDescriptor withParameters = new OptimizerDescriptor("demo", "Demo", "for the test",
            new Citation("A. Author", 2020, "A paper", "https://example.org"), List.of(lr, beta));
    private final OptimizerDescriptor without = new OptimizerDescriptor("bare", "Bare", "no parameters",
            new Citation("B. Author", 2021, "Another", "https://example.org"), List.of());

    private final OptimizersView.DescriptorContentProvider provider = new OptimizersView.DescriptorContentProvider();

    @Test
    void topLevelElementsAreTheDescriptorsInOrder() {
        assertArrayEquals(new Object[] { withParameters, without },
                provider.getElements(List.of(withParameters, without)));
    }

    @Test
    void childrenAreTheHyperParametersInDeclaredOrder() {
        assertArrayEquals(new Object[] { lr, beta }, provider.getChildren(withParameters));
        assertTrue(provider.hasChildren(withParameters));
        assertFalse(provider.hasChildren(without));
        assertEquals(0, provider.getChildren(lr).length);
        assertFalse(provider.hasChildren(lr));
    }
}
