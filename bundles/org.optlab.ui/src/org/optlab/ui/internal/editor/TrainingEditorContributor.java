package org.optlab.ui.internal.editor;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.part.EditorActionBarContributor;

/**
 * The lab's file editors (training experiments, sweeps) share this contributor (one set of action bars per editor type): Edit &gt; Undo and Redo are
 * bound here to the history of whichever of them is active.
 */
public final class TrainingEditorContributor extends EditorActionBarContributor {

    @Override
    public void setActiveEditor(IEditorPart part) {
        if (part instanceof JsonDocumentEditor editor && editor.history() != null) {
            editor.history().install(editor.getSite(), getActionBars());
        }
    }
}
