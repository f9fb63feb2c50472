package org.optlab.nd4j.internal;

import org.nd4j.common.config.ND4JClassLoading;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Points ND4J's backend discovery at this bundle's class loader.
 * <p>
 * ND4J finds its backend through {@link java.util.ServiceLoader} with a class loader it captures from the thread
 * that first touches it (the context class loader). Inside OSGi that loader cannot see the backend, so the first
 * use from a worker thread (a Job, a runner thread) fails with NoAvailableBackendException. The lazy activation
 * policy runs this before any ND4J class initializes.
 * <p>
 * ND4J and DL4J log through SLF4J; slf4j-simple (on the bundle class path) writes to stderr, which is a run's
 * output and its log.txt. Their INFO lines (backend, threads, BLAS vendor) would bury a run's own messages, so only
 * warnings and errors are logged unless the user asks for more ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info}
 * in OPTLAB_VMARGS).
 */
public final class Nd4jActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        // before any ND4J class, whose static logger would initialize SLF4J with the defaults
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        ND4JClassLoading.setNd4jClassloader(Nd4jActivator.class.getClassLoader());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to release: ND4J's native resources live as long as the process
    }
}
