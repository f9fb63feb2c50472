package org.optlab.ui.internal.training;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.StoredRun;

/**
 * Closing the lab while runs go: the user chooses to stop them, to leave them running (each child process goes on
 * and writes its run folder; the next start re-attaches it), or not to close. Runs waiting for their turn cannot
 * start without the lab: they are stopped either way, and the question says so.
 */
public final class RunsOnClose {

    /** What the user chose. */
    public enum Choice {
        STOP, LEAVE, CANCEL
    }

    private RunsOnClose() {
    }

    /** Asks with a dialog on {@code shell}; true when the lab may close. */
    public static boolean confirm(Shell shell) {
        RunStore store = Lab.openedRuns();
        return store == null || confirm(store, question -> ask(shell, question));
    }

    /**
     * Asks {@code ask} (given the question) when runs are running or waiting, and does what it answers; true when the
     * lab may close. Without runs going, nothing is asked.
     */
    public static boolean confirm(RunStore store, Function<String, Choice> ask) {
        List<StoredRun> running = store.runs().stream().filter(r -> r.status() == StoredRun.Status.RUNNING).toList();
        List<StoredRun> waiting = store.runs().stream().filter(r -> r.status() == StoredRun.Status.WAITING).toList();
        if (running.isEmpty() && waiting.isEmpty()) {
            return true;
        }
        Choice choice = ask.apply(question(running.size(), waiting.size()));
        if (choice == null || choice == Choice.CANCEL) {
            return false;
        }
        waiting.forEach(store::stop);
        if (choice == Choice.STOP) {
            running.parallelStream().forEach(store::stop); // each waits up to a few seconds for its process
        }
        return true;
    }

    static String question(int running, int waiting) {
        StringBuilder q = new StringBuilder();
        q.append(running == 1 ? "1 run is" : running + " runs are").append(" still running");
        if (waiting > 0) {
            q.append(running > 0 ? " and " : "").append(waiting).append(waiting == 1 ? " is" : " are")
                    .append(" waiting to start (waiting runs cannot start without the lab: they will be stopped)");
        }
        q.append(".\n\nStop them now (what they reported is kept), or leave them running? Runs left running go on in"
                + " their own processes and write their results to their run folders; the next start of the lab"
                + " shows them in the Runs view and follows them to their end.");
        return q.toString();
    }

    private static Choice ask(Shell shell, String question) {
        // Cancel is the default: Enter (or Escape) keeps the lab open
        MessageDialog dialog = new MessageDialog(shell, "Runs are going", null, question, MessageDialog.QUESTION, 2,
                "Stop Runs", "Leave Running", "Cancel");
        return switch (dialog.open()) {
            case 0 -> Choice.STOP;
            case 1 -> Choice.LEAVE;
            default -> Choice.CANCEL; // Cancel, or the dialog closed with Escape
        };
    }
}
