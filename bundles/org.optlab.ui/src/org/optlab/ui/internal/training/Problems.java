package org.optlab.ui.internal.training;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.statushandlers.StatusManager;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.StoredRun;
import org.eclipse.osgi.util.NLS;
import org.optlab.ui.internal.Messages;

/**
 * Failures that happen in the background (jobs, runs in child processes) go to the Error Log and to the user through
 * the workbench's status handling, not only into a label of some view that may not even be open.
 */
public final class Problems {

    private Problems() {
    }

    /** Logs the failure and shows it to the user (callable from any thread). */
    public static void report(String message, Throwable cause) {
        StatusManager.getManager().handle(status(message, cause), StatusManager.LOG | StatusManager.SHOW);
    }

    public static IStatus status(String message, Throwable cause) {
        return new Status(IStatus.ERROR, Lab.PLUGIN, message, cause);
    }

    /** Reports every run of the store that fails from now on, once (a run stopped on request is not a failure). */
    static void reportFailedRuns(RunStore store) {
        Set<String> reported = ConcurrentHashMap.newKeySet();
        store.addListener(run -> {
            if (run.status() == StoredRun.Status.FAILED && reported.add(run.id())) {
                report(NLS.bind(Messages.Problems_runFailed, new Object[] { run.id(), run.message(),
                        run.directory() }), null);
            }
        });
    }
}
