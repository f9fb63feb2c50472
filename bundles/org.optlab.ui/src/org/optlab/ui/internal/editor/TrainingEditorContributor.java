package org.optlab.ui.internal.editor;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.part.EditorActionBarContributor;

/**
 * The training experiment editors share their action bars (one set per editor type): Edit &gt; Undo and Redo are
 * bound here to the history of whichever of them is active.
 */
public final class TrainingEditorContributor extends EditorActionBarContributor {

    @Override
    public void setActiveEditor(IEditorPart part) {
        if (part instanceof TrainingExperimentEditor editor && editor.history() != null) {
            editor.history().install(editor.getSite(), getActionBars());
        }
    }
}
