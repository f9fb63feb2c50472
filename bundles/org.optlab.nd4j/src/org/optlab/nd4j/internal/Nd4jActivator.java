package org.optlab.nd4j.internal;

import org.nd4j.common.config.ND4JClassLoading;
import org.optlab.nd4j.Nd4jRuntime;
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
 * It also applies {@link Nd4jRuntime#configure} (logging, JavaCPP's limits) before ND4J's classes read it.
 */
public final class Nd4jActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Nd4jRuntime.configure(); // before any ND4J class, whose static logger would initialize SLF4J
        ND4JClassLoading.setNd4jClassloader(Nd4jActivator.class.getClassLoader());
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to release: ND4J's native resources live as long as the process
    }
}
