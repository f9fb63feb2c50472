package org.optlab.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.forms.editor.FormEditor;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.forms.FormHistory;
import org.optlab.ui.internal.forms.JsonForm;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.views.RunsView;
import org.optlab.ui.views.TrainingChartsView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * The editor of a training experiment file: pages Data &amp; Model, Optimizers, Schedule and Run edit the same JSON
 * document that the Source page shows as text (kept in sync when switching pages). Every edit is checked by the
 * experiment parser at once and the problem shown on every page with its field named. Run saves and starts the
 * experiment as a run of the workspace. Every change, in a form or typed in the Source page, is an operation of the
 * editor's {@link FormHistory} (Edit &gt; Undo / Redo, Ctrl+Z / Ctrl+Shift+Z); the editor is dirty exactly when the
 * document differs from the file as last saved (or the Source page holds text that does not parse).
 */
public final class TrainingExperimentEditor extends FormEditor {

    public static final String ID = "org.optlab.ui.editors.training";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final OptimizerRegistry registry = OptimizerRegistry.fromExtensions();
    private final List<String> datasetIds = DatasetRegistry.fromExtensions().ids();
    private final List<ScrolledForm> pages = new ArrayList<>();
    private ObjectNode document;
    /** The document as it is in the file. */
    private ObjectNode saved;
    private FormHistory history;
    private TrainingForm form;
    private FormToolkit toolkit;
    private Text source;
    private int sourcePage;
    private int lastPage;
    private boolean dirty;
    /** True while going back to a Source page whose text does not parse. */
    private boolean restoring;
    /** True while the editor itself puts text into the Source page (not an edit). */
    private boolean settingSource;
    /** True while the Source page holds text that is not an experiment document. */
    private boolean sourceBroken;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof ExperimentEditorInput file)) {
            throw new PartInitException("the training experiment editor opens experiment files");
        }
        super.init(site, input);
        try {
            document = (ObjectNode) ExperimentFiles.read(file.file());
            saved = document.deepCopy();
        } catch (ExperimentException e) {
            throw new PartInitException(file.file() + ": " + e.getMessage(), e);
        }
        setPartName(input.getName());
        history = new FormHistory(input.getName(), () -> document, this::restore);
        history.reset(document);
    }

    @Override
    protected void addPages() {
        toolkit = new FormToolkit(getContainer().getDisplay());
        form = new TrainingForm(registry, datasetIds, this::changed, this::reflow);
        form.setHistory(history);
        page(Messages.TrainingExperimentEditor_dataAndModel, form::createDataAndModel);
        page(Messages.TrainingExperimentEditor_optimizers, form::createOptimizers);
        page(Messages.TrainingExperimentEditor_schedule, form::createSchedule);
        page(Messages.TrainingExperimentEditor_run, body -> form.createRun(body, this::runExperiment));
        source = new Text(getContainer(), SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        source.setFont(new Font(source.getDisplay(), "Monospace", 10, SWT.NORMAL));
        source.addDisposeListener(e -> source.getFont().dispose());
        source.addListener(SWT.Modify, e -> typedInSource());
        source.addListener(SWT.FocusOut, e -> history.seal());
        sourcePage = addPage(source);
        setPageText(sourcePage, Messages.TrainingExperimentEditor_source);
        form.setDocument(document);
        validate();
    }

    private void page(String title, Consumer<Composite> content) {
        ScrolledForm page = toolkit.createScrolledForm(getContainer());
        page.setText(title);
        content.accept(page.getBody());
        pages.add(page);
        setPageText(addPage(page), title);
    }

    private void reflow() {
        pages.forEach(p -> p.reflow(true));
    }

    private void changed() {
        form.changedElsewhere();
        validate();
        updateDirty();
    }

    /**
     * The user typed in the Source page: text that parses becomes the document at once (one operation per burst of
     * typing), so undo, the form and the problem line follow it.
     */
    private void typedInSource() {
        if (settingSource) {
            return;
        }
        try {
            ObjectNode parsed = (ObjectNode) ExperimentFiles.parse(source.getText());
            sourceBroken = false;
            if (!JsonForm.same(parsed, document)) {
                document = parsed;
                form.setDocument(document);
                changed();
                history.record(Messages.TrainingExperimentEditor_typingInSource, source);
            }
        } catch (ExperimentException e) {
            sourceBroken = true; // reported when leaving the page or saving
        }
        updateDirty();
    }

    /** Shows a document that undo or redo brought back, on every page. */
    private void restore(ObjectNode restored) {
        document = restored;
        form.setDocument(document);
        setSource(pretty());
        changed();
    }

    private void setSource(String text) {
        settingSource = true;
        try {
            source.setText(text);
            sourceBroken = false;
        } finally {
            settingSource = false;
        }
    }

    private void updateDirty() {
        boolean value = sourceBroken || !JsonForm.same(document, saved);
        if (dirty != value) {
            dirty = value;
            firePropertyChange(PROP_DIRTY);
        }
    }

    /** Checks the document as {@code optlab run} would; true when it is valid. */
    private boolean validate() {
        String problem = null;
        String field = null;
        try {
            TrainingExperiment.parse(document, registry, datasetIds);
        } catch (ExperimentException e) {
            problem = e.getMessage();
            field = e.field();
        }
        form.setError(field, problem);
        for (ScrolledForm page : pages) {
            page.setMessage(problem, problem == null ? IMessageProvider.NONE : IMessageProvider.ERROR);
        }
        return problem == null;
    }

    @Override
    protected void pageChange(int newPage) {
        if (restoring) {
            super.pageChange(newPage);
            return;
        }
        if (lastPage == sourcePage && newPage != sourcePage && !fromSource()) {
            restoring = true; // stay on a source that does not parse, keeping the user's text
            try {
                setActivePage(sourcePage);
            } finally {
                restoring = false;
            }
            return;
        }
        if (newPage == sourcePage) {
            setSource(pretty());
        }
        lastPage = newPage;
        super.pageChange(newPage);
    }

    /** Takes the Source page's text as the document; false (with the reason shown) when it is not a JSON object. */
    private boolean fromSource() {
        try {
            JsonNode parsed = ExperimentFiles.parse(source.getText());
            sourceBroken = false;
            if (!JsonForm.same(parsed, document)) {
                document = (ObjectNode) parsed;
                form.setDocument(document);
                changed();
                history.record(Messages.TrainingExperimentEditor_editSource, null);
            }
            updateDirty();
            return true;
        } catch (ExperimentException e) {
            MessageDialog.openError(getSite().getShell(), Messages.TrainingExperimentEditor_source,
                    NLS.bind(Messages.TrainingExperimentEditor_notExperiment, e.getMessage()));
            return false;
        }
    }

    private String pretty() {
        try {
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            return document.toString();
        }
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        if (getActivePage() == sourcePage && !fromSource()) {
            return;
        }
        try {
            Files.writeString(((ExperimentEditorInput) getEditorInput()).file(), pretty() + "\n");
            saved = document.deepCopy();
            updateDirty();
        } catch (IOException e) {
            MessageDialog.openError(getSite().getShell(), Messages.TrainingExperimentEditor_save,
                    NLS.bind(Messages.TrainingExperimentEditor_cannotSave, e.getMessage()));
        }
    }

    @Override
    public void doSaveAs() {
        // experiments are saved where they are; New Experiment makes new ones
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public boolean isDirty() {
        return dirty;
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
            var runnable = Lab.runnable(getSite().getShell(), document);
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

    /** The editor's undo history (Edit &gt; Undo and Redo while the editor is active). */
    public FormHistory history() {
        return history;
    }

    /** The form (for tests). */
    public org.optlab.ui.internal.forms.JsonForm form() {
        return form;
    }

    /** The Source page's text (for tests). */
    public Text source() {
        return source;
    }

    /** Shows page {@code index} (0 Data &amp; Model ... 4 Source), as clicking its tab does. */
    public void showPage(int index) {
        setActivePage(index);
    }

    /** The index of the Source page. */
    public int sourcePage() {
        return sourcePage;
    }

    /** The document being edited (for tests). */
    public ObjectNode document() {
        return document;
    }

    @Override
    public void dispose() {
        if (history != null) {
            history.dispose();
        }
        if (toolkit != null) {
            toolkit.dispose();
        }
        super.dispose();
    }
}
