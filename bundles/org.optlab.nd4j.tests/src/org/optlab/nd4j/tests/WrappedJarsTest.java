package org.optlab.nd4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.optlab.nd4j.Nd4jRuntime;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The wrapped jars are listed in one place, each wrapping bundle's pom.xml; the manifest says what releng/wrap-jars.sh
 * derived from them. This fails when the two disagree (a jar added to the pom and not to Bundle-ClassPath, or the
 * reverse), and when the ND4J bundle exports more than ND4J.
 */
class WrappedJarsTest {

    private static List<Bundle> wrappers() {
        List<Bundle> found = new ArrayList<>();
        for (Bundle b : FrameworkUtil.getBundle(Nd4jRuntime.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals("org.optlab.nd4j") || b.getSymbolicName().equals("org.optlab.bench.dl4j")) {
                found.add(b);
            }
        }
        return found;
    }

    @Test
    void bundleClassPathNamesExactlyTheJarsInLib() {
        List<Bundle> wrappers = wrappers();
        assertEquals(2, wrappers.size(), "the ND4J bundle and the DL4J fragment: " + wrappers);
        for (Bundle b : wrappers) {
            // getEntryPaths, not findEntries: the bundle's own lib/, without its fragments'
            var inLib = new TreeSet<String>();
            var entries = b.getEntryPaths("lib/");
            for (String path : entries == null ? Collections.<String>emptyList() : Collections.list(entries)) {
                if (path.endsWith(".jar")) {
                    inLib.add(path);
                }
            }
            var onClassPath = new TreeSet<String>();
            Arrays.stream(b.getHeaders("").get("Bundle-ClassPath").split(",")).map(String::strip)
                    .filter(e -> !e.equals(".")).forEach(onClassPath::add);
            assertFalse(inLib.isEmpty(), b.getSymbolicName());
            assertEquals(inLib, onClassPath, b.getSymbolicName() + ": run releng/wrap-jars.sh after changing its pom");
        }
    }

    @Test
    void theNd4jBundleExportsNd4jAlone() {
        for (Bundle b : wrappers()) {
            for (String export : b.getHeaders("").get("Export-Package").split(",")) {
                String name = export.strip().split(";")[0];
                boolean expected = b.getSymbolicName().equals("org.optlab.nd4j")
                        ? name.startsWith("org.nd4j") || name.equals("org.optlab.nd4j") || name.equals("onnx")
                                || name.startsWith("org.tensorflow") || name.startsWith("tensorflow")
                        : name.startsWith("org.deeplearning4j");
                assertTrue(expected, b.getSymbolicName() + " exports " + name);
            }
        }
    }
}
