package org.optlab.runner.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The bundle list of a command-line child: what the roots are wired to, and nothing of what depends on them. */
class ChildBundlesTest {

    @Test
    void theClosureHoldsWhatABundleIsWiredToWithItsFragmentsAndNotWhatUsesIt() {
        Bundle runner = FrameworkUtil.getBundle(ChildBundles.class);
        Bundle core = FrameworkUtil.getBundle(org.optlab.core.model.Model.class);
        Set<String> ofRunner = ChildBundles.closure(List.of(runner));
        for (String needed : List.of("org.optlab.runner", "org.optlab.core", "org.optlab.optimizers",
                "org.optlab.datasets", "org.optlab.nd4j", "com.fasterxml.jackson.core.jackson-databind",
                "org.eclipse.equinox.registry", "org.eclipse.osgi", "org.optlab.runner.tests")) {
            assertTrue(ofRunner.contains(needed), needed + " in " + ofRunner);
        }
        Set<String> ofCore = ChildBundles.closure(List.of(core));
        assertTrue(ofCore.contains("org.optlab.nd4j"), ofCore.toString());
        assertFalse(ofCore.contains("org.optlab.runner"), "core does not need the runner: " + ofCore);
        assertFalse(ofCore.contains("com.fasterxml.jackson.core.jackson-databind"), ofCore.toString());
    }

    @Test
    void theBundlesStartedAtLaunchAreThoseMarkedTrueLessP2s() {
        List<String> info = List.of("#encoding=UTF-8", "#version=1",
                "org.apache.felix.scr,2.2.0,plugins/org.apache.felix.scr_2.2.0.jar,2,true",
                "org.eclipse.core.runtime,3.30.0,plugins/org.eclipse.core.runtime_3.30.0.jar,4,true",
                "org.eclipse.equinox.p2.reconciler.dropins,1.5.0,plugins/r.jar,4,true",
                "org.eclipse.swt,3.120.0,plugins/org.eclipse.swt_3.120.0.jar,4,false");
        assertEquals(Set.of("org.apache.felix.scr", "org.eclipse.core.runtime"), ChildBundles.startedAtLaunch(info));
        assertEquals("#encoding=UTF-8\n#version=1\norg.eclipse.core.runtime,3.30.0,plugins/org.eclipse.core.runtime_"
                + "3.30.0.jar,4,true\n", ChildBundles.only(info, Set.of("org.eclipse.core.runtime", "org.optlab.cli")));
    }

    @Test
    void withoutABundleListThereIsNoPruning() {
        // a test framework lists its bundles in config.ini: children then get them all
        assertFalse(ChildBundles.commandLine(java.nio.file.Path.of("/nonexistent/bundles.info")).isPresent());
    }
}
