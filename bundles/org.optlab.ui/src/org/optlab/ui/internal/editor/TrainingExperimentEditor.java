package org.optlab.ui.internal.editor;

import java.io.IOException;
import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.PartInitException;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.forms.JsonForm;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.views.RunsView;
import org.optlab.ui.views.TrainingChartsView;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The editor of a training experiment file: pages Data &amp; Model, Optimizers, Schedule and Run, then Source (see
 * {@link JsonDocumentEditor}); the experiment parser checks every edit. Run saves and starts the experiment as a run
 * of the workspace.
 */
public final class TrainingExperimentEditor extends JsonDocumentEditor {

    public static final String ID = "org.optlab.ui.editors.training";

    private final OptimizerRegistry registry = OptimizerRegistry.fromExtensions();
    private final List<String> datasetIds = DatasetRegistry.fromExtensions().ids();
    private TrainingForm form;

    @Override
    protected JsonForm createForm() {
        form = new TrainingForm(registry, datasetIds, this::changed, this::reflow);
        page(Messages.TrainingExperimentEditor_dataAndModel, form::createDataAndModel);
        page(Messages.TrainingExperimentEditor_optimizers, form::createOptimizers);
        page(Messages.TrainingExperimentEditor_schedule, form::createSchedule);
        page(Messages.TrainingExperimentEditor_run, body -> form.createRun(body, this::runExperiment));
        return form;
    }

    @Override
    protected void check(ObjectNode document) {
        TrainingExperiment.parse(document, registry, datasetIds);
    }

    @Override
    protected void changedElsewhere() {
        form.changedElsewhere();
    }

    /** Saves, then runs the experiment in its own process; returns the run (null when it cannot start). */
    public StoredRun runExperiment() {
        doSave(null);
        if (!validate()) {
            MessageDialog.openError(getSite().getShell(), Messages.TrainingExperimentEditor_run,
                    NLS.bind(Messages.TrainingExperimentEditor_fixFirst, form.errorText()));
            return null;
        }
        try {
            var runnable = Lab.runnable(getSite().getShell(), document());
            if (runnable == null) {
                return null;
            }
            StoredRun run = Lab.runs().submit(runnable);
            getSite().getPage().showView(RunsView.ID);
            getSite().getPage().showView(TrainingChartsView.ID);
            return run;
        } catch (IOException | PartInitException e) {
            MessageDialog.openError(getSite().getShell(), Messages.TrainingExperimentEditor_run,
                    NLS.bind(Messages.TrainingExperimentEditor_cannotStart, e.getMessage()));
            return null;
        }
    }
}
