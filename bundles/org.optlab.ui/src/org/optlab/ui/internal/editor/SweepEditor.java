package org.optlab.ui.internal.editor;

import java.nio.file.Path;
import java.util.List;

import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.Sweep;
import org.optlab.runner.sweep.SweepEngines;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.forms.JsonForm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The editor of a sweep file: pages Experiment, Optimizers, Objective and seeds, Engine, then Source (see
 * {@link JsonDocumentEditor}); {@link Sweep#parse} checks every edit, as {@code optlab sweep} would.
 */
public final class SweepEditor extends JsonDocumentEditor {

    public static final String ID = "org.optlab.ui.editors.sweep";

    private final OptimizerRegistry registry = OptimizerRegistry.fromExtensions();
    private final List<String> datasetIds = DatasetRegistry.fromExtensions().ids();
    private SweepForm form;

    @Override
    protected JsonForm createForm() {
        form = new SweepForm(registry, SweepEngines.fromExtensions().ids(), () -> file().getParent(), this::changed,
                this::reflow);
        page(Messages.SweepEditor_experiment, form::createExperiment);
        page(Messages.SweepEditor_optimizers, form::createOptimizers);
        page(Messages.SweepEditor_objective, form::createObjective);
        page(Messages.SweepEditor_engine, body -> form.createEngine(body, this::runSweep));
        return form;
    }

    @Override
    protected void check(ObjectNode document) {
        Sweep.parse(document, file().getParent(), registry, datasetIds);
    }

    @Override
    protected void changedElsewhere() {
        form.changedElsewhere();
    }

    /**
     * The Run Sweep button: saves the sweep and returns whether it is valid. Starting it is the Run Sweep command's
     * (wired here once it exists).
     */
    public boolean runSweep() {
        doSave(null);
        if (!validate()) {
            return false;
        }
        try { // in a folder of its own under the workspace's sweeps, followed by the Sweep view
            Path out = org.optlab.ui.internal.training.RunSweepHandler.defaultFolder(file());
            org.optlab.ui.internal.training.RunSweepHandler.run(file(), out, getSite().getPage());
            return true;
        } catch (java.io.IOException | org.eclipse.ui.PartInitException | RuntimeException e) {
            org.eclipse.jface.dialogs.MessageDialog.openError(getSite().getShell(), Messages.RunSweepHandler_title,
                    org.eclipse.osgi.util.NLS.bind(Messages.RunSweepHandler_cannotRun, file(), e.getMessage()));
            return false;
        }
    }

    /** The sweep's form (for tests). */
    public SweepForm sweepForm() {
        return form;
    }
}
