package org.optlab.ui.internal.training;

import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.optlab.ui.internal.Messages;

/** Window > Preferences > OptLab: where full datasets live, and how many training runs may go at once. */
public final class LabPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public LabPreferencePage() {
        super(GRID);
        setDescription(Messages.LabPreferencePage_description);
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE,
                Lab.PLUGIN));
        getPreferenceStore().setDefault(Lab.MAX_CONCURRENT_RUNS, Lab.DEFAULT_MAX_CONCURRENT_RUNS);
    }

    @Override
    protected void createFieldEditors() {
        // a short label: the grid's first column is as wide as its longest label, and the field takes the rest
        DirectoryFieldEditor data = new DirectoryFieldEditor(Lab.DATA_DIRECTORY,
                Messages.LabPreferencePage_datasetsFolder, getFieldEditorParent());
        addField(data);
        // room for a folder path: the dialog opens wide enough for about 48 characters of it, and it fills the row
        org.eclipse.swt.widgets.Text path = data.getTextControl(getFieldEditorParent());
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(path);
        try {
            ((org.eclipse.swt.layout.GridData) path.getLayoutData()).widthHint = (int) Math.ceil(48
                    * gc.getFontMetrics().getAverageCharacterWidth());
        } finally {
            gc.dispose();
        }
        IntegerFieldEditor concurrent = new IntegerFieldEditor(Lab.MAX_CONCURRENT_RUNS,
                Messages.LabPreferencePage_concurrentRuns, getFieldEditorParent());
        concurrent.setValidRange(1, 16);
        addField(concurrent);
    }
}
