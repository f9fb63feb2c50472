package org.optlab.ui.internal.training;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.optlab.ui.internal.Messages;
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
        String runningText = Messages.format(Messages.RunsOnClose_running, running);
        String waitingText = Messages.format(Messages.RunsOnClose_waiting, waiting);
        String what = waiting == 0 ? runningText : running == 0 ? waitingText
                : NLS.bind(Messages.RunsOnClose_and, runningText, waitingText);
        return NLS.bind(Messages.RunsOnClose_question, what);
    }

    private static Choice ask(Shell shell, String question) {
        // Cancel is the default: Enter (or Escape) keeps the lab open
        MessageDialog dialog = new MessageDialog(shell, Messages.RunsOnClose_title, null, question,
                MessageDialog.QUESTION, 2, Messages.RunsOnClose_stop, Messages.RunsOnClose_leave,
                Messages.RunsOnClose_cancel);
        return switch (dialog.open()) {
            case 0 -> Choice.STOP;
            case 1 -> Choice.LEAVE;
            default -> Choice.CANCEL; // Cancel, or the dialog closed with Escape
        };
    }
}
