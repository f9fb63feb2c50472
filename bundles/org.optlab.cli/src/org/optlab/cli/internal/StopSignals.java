package org.optlab.cli.internal;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * SIGINT and SIGTERM (Ctrl+C, {@code kill}, Stop in the lab) as a request to stop: the run in progress sees its monitor
 * cancelled, ends at its next step and writes its summary ("stopped") before the process exits. A second signal, or a
 * run that has not ended {@value #GRACE_SECONDS} s after the first, ends the process at once.
 */
final class StopSignals implements AutoCloseable {

    static final int GRACE_SECONDS = 20;
    /** The exit code when the process is ended without waiting for the run (128 + SIGTERM, as a shell reports it). */
    private static final int HALTED = 143;

    private final NullProgressMonitor monitor = new NullProgressMonitor();
    private final AtomicReference<String> signal = new AtomicReference<>();
    private final Object[] previous = new Object[2];

    /** Installs the handlers; {@link #close} puts the earlier ones back. */
    StopSignals() {
        String[] names = { "INT", "TERM" };
        for (int i = 0; i < names.length; i++) {
            previous[i] = install(names[i]);
        }
    }

    private Object install(String name) {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal(name), s -> requested("SIG" + s.getName()));
        } catch (IllegalArgumentException | NoClassDefFoundError e) {
            return null; // the signal cannot be handled here: it ends the process as it always did
        }
    }

    /** The monitor to run under: cancelled when a stop is requested. */
    NullProgressMonitor monitor() {
        return monitor;
    }

    /** The signal that asked for the stop ("SIGTERM"), or null. */
    String signal() {
        return signal.get();
    }

    /** As the handler does; a second request ends the process at once. */
    void requested(String name) {
        if (!signal.compareAndSet(null, name)) {
            Runtime.getRuntime().halt(HALTED);
        }
        monitor.setCanceled(true);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("optlab: the run did not stop within " + GRACE_SECONDS + " s of " + name
                    + "; ended without its summary");
            Runtime.getRuntime().halt(HALTED);
        }, "OptLab stop watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void close() {
        String[] names = { "INT", "TERM" };
        for (int i = 0; i < names.length; i++) {
            if (previous[i] instanceof sun.misc.SignalHandler handler) {
                sun.misc.Signal.handle(new sun.misc.Signal(names[i]), handler);
            }
        }
    }
}
