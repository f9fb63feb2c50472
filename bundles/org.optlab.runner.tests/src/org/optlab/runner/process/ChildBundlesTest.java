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

    @Test
    void thePlainClassPathLoadsTheClassesOfTheBundlesAndWhatTheyUse() throws Exception {
        List<Class<?>> roots = List.of(org.optlab.runner.sweep.TrialWorker.class, org.optlab.optimizers
                .OptimizerRegistry.fromExtensions().provider("adam").orElseThrow().getClass());
        List<java.nio.file.Path> path = ChildBundles.classPath(roots, new java.util.Properties()).orElseThrow();
        List<String> names = path.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.stream().anyMatch(n -> n.startsWith("nd4j-api")), "a jar in ND4J's folder bundle: " + names);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("org.eclipse.osgi")), "the framework: " + names);
        // the bundle of commons-math3 before the older copy inside ND4J's bundle
        int nested = names.indexOf("commons-math3-3.5.jar");
        int bundle = names.indexOf(names.stream().filter(n -> n.contains("math3") && !n.equals("commons-math3-3.5.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("no commons-math3 bundle in " + names)));
        assertTrue(nested < 0 || bundle < nested, names.toString());
        // an oracle: a class loader over that path alone, without OSGi, finds the worker, ND4J and Jackson
        java.net.URL[] urls = new java.net.URL[path.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = path.get(i).toUri().toURL();
        }
        try (java.net.URLClassLoader plain = new java.net.URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            for (String name : List.of(org.optlab.runner.sweep.TrialWorker.class.getName(), roots.get(1).getName(),
                    "org.nd4j.linalg.factory.Nd4j", "com.fasterxml.jackson.databind.ObjectMapper",
                    "org.eclipse.core.runtime.NullProgressMonitor")) {
                assertEquals(name, Class.forName(name, false, plain).getName());
            }
        }
    }

    @Test
    void aBundleClassPathHeaderListsItsEntries() {
        assertEquals(List.of("."), ChildBundles.bundleClassPath(null));
        assertEquals(List.of(".", "lib/a.jar", "lib/b.jar"), ChildBundles.bundleClassPath(
                ".,lib/a.jar; optional:=true, /lib/b.jar"));
    }
}
