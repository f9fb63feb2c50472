package org.optlab.ui.internal.forms;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.AbstractOperation;
import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.commands.operations.ObjectUndoContext;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IWorkbenchPartSite;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.operations.RedoActionHandler;
import org.eclipse.ui.operations.UndoActionHandler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Undo and redo of an experiment document, on the workbench's operation history with an undo context of its own
 * (one per editor or view). An edit is one operation holding the document before and after it; typing in one field
 * coalesces into one operation until the field loses the focus ({@link #seal()}) or the typing pauses for
 * {@link #PAUSE_MS}. Undo and redo hand a copy of the stored document to the owner, which shows it everywhere.
 */
public final class FormHistory {

    /** Typing in the same field within this time after the previous keystroke joins the same operation. */
    public static final long PAUSE_MS = 1500;

    private final IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
    private final IUndoContext context;
    private final Supplier<ObjectNode> current;
    private final Consumer<ObjectNode> apply;
    /** The document as of the last operation recorded, undone or redone. */
    private ObjectNode recorded;
    private Edit open;
    private Object openKey;
    private long openAt;
    private UndoActionHandler undo;
    private RedoActionHandler redo;

    /**
     * @param name what the history belongs to (for its context's label)
     * @param current reads the document being edited
     * @param apply shows a document (a copy of a stored one) in the owner's form, source and state
     */
    public FormHistory(String name, Supplier<ObjectNode> current, Consumer<ObjectNode> apply) {
        this.context = new ObjectUndoContext(this, name);
        this.current = current;
        this.apply = apply;
        history.setLimit(context, 200);
    }

    public IUndoContext context() {
        return context;
    }

    /** Starts over from {@code document} (a file was opened): earlier operations no longer apply. */
    public void reset(ObjectNode document) {
        history.dispose(context, true, true, false);
        recorded = document.deepCopy();
        open = null;
    }

    /**
     * Records the change from the last recorded document to the current one, if there is one. Changes with the same
     * non-null {@code key} (the field typed in) join the open operation until {@link #seal()} or a pause.
     */
    public void record(String label, Object key) {
        ObjectNode now = current.get();
        if (recorded == null || now == null || JsonForm.same(now, recorded)) {
            return;
        }
        long time = System.currentTimeMillis();
        if (key != null && key == openKey && open != null && history.getUndoOperation(context) == open
                && time - openAt < PAUSE_MS) {
            open.after = now.deepCopy();
        } else {
            open = new Edit(label, recorded, now.deepCopy());
            open.addContext(context);
            history.add(open);
            openKey = key;
        }
        openAt = time;
        recorded = now.deepCopy();
    }

    /** Ends the open operation: the next change starts a new one (the field lost the focus). */
    public void seal() {
        open = null;
        openKey = null;
    }

    /** The label of the operation Undo would undo (null when none), e.g. "Edit name". */
    public String undoLabel() {
        var operation = history.getUndoOperation(context);
        return operation == null ? null : operation.getLabel();
    }

    /** Undoes the last operation (as Edit &gt; Undo does); false when there is none. */
    public boolean undo() {
        return run(true);
    }

    /** Redoes the last undone operation; false when there is none. */
    public boolean redo() {
        return run(false);
    }

    private boolean run(boolean back) {
        seal();
        try {
            IStatus status = back ? history.undo(context, null, null) : history.redo(context, null, null);
            return status.isOK();
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Binds Edit &gt; Undo / Redo (Ctrl+Z, Ctrl+Shift+Z) to this history while the part of {@code site} is active. */
    public void install(IWorkbenchPartSite site, IActionBars bars) {
        if (undo == null) {
            undo = new UndoActionHandler(site, context);
            redo = new RedoActionHandler(site, context);
        }
        bars.setGlobalActionHandler(ActionFactory.UNDO.getId(), undo);
        bars.setGlobalActionHandler(ActionFactory.REDO.getId(), redo);
        bars.updateActionBars();
    }

    public void dispose() {
        if (undo != null) {
            undo.dispose();
            redo.dispose();
        }
        history.dispose(context, true, true, true);
    }

    /** One edit: the document before and after it. */
    private final class Edit extends AbstractOperation {
        private final ObjectNode before;
        private ObjectNode after;

        Edit(String label, ObjectNode before, ObjectNode after) {
            super(label);
            this.before = before;
            this.after = after;
        }

        @Override
        public IStatus execute(IProgressMonitor monitor, IAdaptable info) {
            return Status.OK_STATUS; // recorded after the form applied it
        }

        @Override
        public IStatus undo(IProgressMonitor monitor, IAdaptable info) {
            return show(before);
        }

        @Override
        public IStatus redo(IProgressMonitor monitor, IAdaptable info) {
            return show(after);
        }

        private IStatus show(ObjectNode document) {
            seal();
            recorded = document.deepCopy();
            apply.accept(document.deepCopy());
            return Status.OK_STATUS;
        }
    }
}
