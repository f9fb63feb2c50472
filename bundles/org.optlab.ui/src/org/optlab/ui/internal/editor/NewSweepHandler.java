package org.optlab.ui.internal.editor;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/** File &gt; New Sweep...: the {@link NewSweepWizard}. */
public final class NewSweepHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        new WizardDialog(HandlerUtil.getActiveShell(event), new NewSweepWizard()).open();
        return null;
    }
}
