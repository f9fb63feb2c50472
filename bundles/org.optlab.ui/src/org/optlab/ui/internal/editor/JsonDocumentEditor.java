package org.optlab.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
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
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.forms.FormHistory;
import org.optlab.ui.internal.forms.JsonForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An editor of one JSON file (an experiment or a sweep): form pages and a Source page on the same document (kept in
 * sync when switching pages). Every edit is checked at once by the file's parser ({@link #check}) and the problem
 * shown on every page with its field named. Every change, in a form or typed in the Source page, is an operation of
 * the editor's {@link FormHistory} (Edit &gt; Undo / Redo); the editor is dirty exactly when the document differs from
 * the file as last saved (or the Source page holds text that does not parse). Subclasses add the form pages.
 */
public abstract class JsonDocumentEditor extends FormEditor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<ScrolledForm> pages = new ArrayList<>();
    private ObjectNode document;
    /** The document as it is in the file. */
    private ObjectNode saved;
    private FormHistory history;
    private JsonForm form;
    private FormToolkit toolkit;
    private Text source;
    private int sourcePage;
    private int lastPage;
    private boolean dirty;
    /** True while going back to a Source page whose text does not parse. */
    private boolean restoring;
    /** True while the editor itself puts text into the Source page (not an edit). */
    private boolean settingSource;
    /** True while the Source page holds text that is not a JSON object. */
    private boolean sourceBroken;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof ExperimentEditorInput file)) {
            throw new PartInitException("this editor opens files of the lab");
        }
        super.init(site, input);
        try {
            document = (ObjectNode) ExperimentFiles.read(file.file());
            saved = document.deepCopy();
        } catch (ExperimentException | ClassCastException e) {
            throw new PartInitException(file.file() + ": " + e.getMessage(), e);
        }
        setPartName(input.getName());
        history = new FormHistory(input.getName(), () -> document, this::restore);
        history.reset(document);
    }

    /** Makes the form and its pages (calling {@link #page}); returns the form. */
    protected abstract JsonForm createForm();

    /**
     * Checks the document as the command line would.
     *
     * @throws ExperimentException naming the field and the problem
     */
    protected abstract void check(ObjectNode document);

    /** After any change of the document (the form has it already). */
    protected void changedElsewhere() {
    }

    @Override
    protected final void addPages() {
        toolkit = new FormToolkit(getContainer().getDisplay());
        form = createForm();
        form.setHistory(history);
        source = new Text(getContainer(), SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        source.setFont(new Font(source.getDisplay(), "Monospace", 10, SWT.NORMAL));
        source.addDisposeListener(e -> source.getFont().dispose());
        source.addListener(SWT.Modify, e -> typedInSource());
        source.addListener(SWT.FocusOut, e -> history.seal());
        sourcePage = addPage(source);
        setPageText(sourcePage, Messages.TrainingExperimentEditor_source);
        form.setDocument(document);
        changedElsewhere();
        validate();
    }

    /** Adds a form page titled {@code title} whose body {@code content} fills. */
    protected final void page(String title, Consumer<Composite> content) {
        ScrolledForm page = toolkit.createScrolledForm(getContainer());
        page.setText(title);
        content.accept(page.getBody());
        pages.add(page);
        setPageText(addPage(page), title);
    }

    /** Lays the form pages out again (after fields came or went). */
    protected final void reflow() {
        pages.forEach(p -> p.reflow(true));
    }

    /** The form's change callback: the form changed the document. */
    protected final void changed() {
        changedElsewhere();
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
            JsonNode parsed = ExperimentFiles.parse(source.getText());
            if (!parsed.isObject()) {
                throw new ExperimentException("", "expected one JSON object");
            }
            sourceBroken = false;
            if (!JsonForm.same(parsed, document)) {
                document = (ObjectNode) parsed;
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

    /** Checks the document with {@link #check} and shows the problem; true when it is valid. */
    protected final boolean validate() {
        String problem = null;
        String field = null;
        try {
            check(document);
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
            if (!parsed.isObject()) {
                throw new ExperimentException("", "expected one JSON object");
            }
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
            Files.writeString(file(), pretty() + "\n");
            saved = document.deepCopy();
            updateDirty();
        } catch (IOException e) {
            MessageDialog.openError(getSite().getShell(), Messages.TrainingExperimentEditor_save,
                    NLS.bind(Messages.TrainingExperimentEditor_cannotSave, e.getMessage()));
        }
    }

    @Override
    public void doSaveAs() {
        // files are saved where they are; the New wizards make new ones
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public boolean isDirty() {
        return dirty;
    }

    /** The file edited. */
    public Path file() {
        return ((ExperimentEditorInput) getEditorInput()).file();
    }

    /** The editor's undo history (Edit &gt; Undo and Redo while the editor is active). */
    public FormHistory history() {
        return history;
    }

    /** The form (for tests). */
    public JsonForm form() {
        return form;
    }

    /** The Source page's text (for tests). */
    public Text source() {
        return source;
    }

    /** Shows page {@code index} (the form pages in order, then Source), as clicking its tab does. */
    public void showPage(int index) {
        setActivePage(index);
    }

    /** The index of the Source page. */
    public int sourcePage() {
        return sourcePage;
    }

    /** The document being edited. */
    public ObjectNode document() {
        return document;
    }

    protected FormToolkit toolkit() {
        return toolkit;
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
