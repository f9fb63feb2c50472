package org.optlab.ui.internal.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * A form over an experiment's JSON document (the format of experiment files). Edits go into the document as typed (a
 * number when the text reads as one, the text otherwise) and checking is left to the experiment file's parser, so a
 * form reports exactly the errors {@code optlab run} would, with the field named. Subclasses build the fields; this
 * class holds the document, the edit bookkeeping and the field factory.
 */
public abstract class JsonForm {

    protected static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Runnable onChange;
    private final List<Text> fieldTexts = new ArrayList<>();
    protected ObjectNode draft;
    /** True while a document is being shown: the widgets' change events are not edits then. */
    protected boolean loading;
    private Label error;
    private FormHistory history;
    /** The field (text or spinner) whose typing is being applied (null: a change made otherwise). */
    private Control typing;

    protected JsonForm(Runnable onChange) {
        this.onChange = onChange;
    }

    /** The document being edited (shared: edits change it in place). */
    public ObjectNode document() {
        return draft;
    }

    /** Records every later change in {@code history} (undo and redo). */
    public void setHistory(FormHistory history) {
        this.history = history;
    }

    /** Shows {@code document} in the form; later edits change it. */
    public final void setDocument(ObjectNode document) {
        draft = document;
        loading = true;
        try {
            show();
        } finally {
            loading = false;
        }
    }

    /** Puts the document's values into the widgets. */
    protected abstract void show();

    /** Lays the form out again after fields came or went. */
    protected abstract void relayout();

    /** Shows the first problem of the document (null: none), and marks the field it names when it is on screen. */
    public void setError(String field, String message) {
        if (error != null && !error.isDisposed()) {
            error.setText(message == null ? "" : message);
            error.setToolTipText(message);
        }
        for (Text t : fieldTexts) {
            boolean bad = field != null && field.equals(t.getData("field"));
            t.setBackground(bad ? t.getDisplay().getSystemColor(SWT.COLOR_YELLOW) : null);
        }
        relayout();
    }

    /** The problem shown under the form (empty when none). */
    public String errorText() {
        return error == null ? "" : error.getText();
    }

    /** The text field of a document field such as {@code optimizers[2].lr}, when it is on screen (for tests). */
    public Optional<Text> fieldText(String field) {
        return fieldTexts.stream().filter(t -> field.equals(t.getData("field"))).findFirst();
    }

    /**
     * Applies an edit made by the user (not one made while showing a document) and reports it when it changed the
     * document (widgets also fire for values they already had, e.g. a spinner taking the focus).
     */
    public void edit(Runnable change) {
        Control source = typing;
        typing = null;
        if (loading || draft == null) {
            return;
        }
        JsonNode before = draft.deepCopy();
        change.run();
        if (!same(draft, before)) {
            changed(Messages.JsonForm_edit, source);
        }
    }

    /** Reports a change made to the document (recorded in the history as one operation). */
    public void changed() {
        changed(Messages.JsonForm_edit);
    }

    /** Reports a change made to the document, named {@code what} in Edit &gt; Undo (e.g. "Add Optimizer"). */
    public void changed(String what) {
        changed(what, null);
    }

    /** Reports a change; typing in {@code source} (null: none) joins the operation its earlier typing began. */
    private void changed(String what, Control source) {
        if (!loading) {
            onChange.run();
            if (history != null) {
                history.record(source == null ? what : NLS.bind(Messages.JsonForm_typingIn, source.getData("label")),
                        source);
            }
        }
    }

    /**
     * Makes typing in {@code control} (a text field or a spinner, named {@code label}) one operation of the history
     * per focus or burst. Register it before the control's own Modify listener, which makes the edit.
     */
    protected void typedIn(Control control, String label) {
        control.setData("label", label);
        control.addListener(SWT.Modify, e -> typing = control);
        control.addListener(SWT.FocusOut, e -> {
            if (history != null) {
                history.seal();
            }
        });
    }

    /**
     * Whether two documents say the same: as {@link JsonNode#equals(Object)}, but numbers compare by value, so 42
     * typed (a long) equals 42 read from a file (an int) and 0.5 equals 5e-1.
     */
    public static boolean same(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                try {
                    return x.decimalValue().compareTo(y.decimalValue());
                } catch (NumberFormatException notFinite) {
                    return Double.compare(x.doubleValue(), y.doubleValue());
                }
            }
            return x.equals(y) ? 0 : 1;
        }, b);
    }

    /** The line under the form where problems are shown, spanning the two columns of {@code parent}. */
    protected void createErrorLine(Composite parent) {
        error = new Label(parent, SWT.WRAP);
        error.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        data.widthHint = 200;
        error.setLayoutData(data);
    }

    protected static void label(Composite parent, String text) {
        new Label(parent, SWT.NONE).setText(text);
    }

    /**
     * A labelled text field in a two-column grid; {@code message} shows greyed while it is empty (the default),
     * {@code field} is the document path it edits (marked when the parser names it).
     */
    public Text field(Composite parent, String label, String message, String tip, String value, String field) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        l.setToolTipText(tip);
        Text t = new Text(parent, SWT.BORDER);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.setMessage(message);
        t.setToolTipText(tip);
        t.setText(value);
        if (field != null) {
            t.setData("field", field);
        }
        typedIn(t, label);
        fieldTexts.add(t);
        t.addDisposeListener(e -> fieldTexts.remove(t));
        return t;
    }

    /** A number when the text reads as one (whole numbers as integers), the text itself otherwise. */
    public static JsonNode scalar(String text) {
        try {
            if (text.matches("[-+]?\\d+")) {
                return JSON.numberNode(Long.parseLong(text));
            }
            return JSON.numberNode(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return JSON.textNode(text);
        }
    }

    /** "0.9, 0.99" as [0.9, 0.99]. */
    public static JsonNode listNode(String text) {
        ArrayNode list = JSON.arrayNode();
        for (String part : text.split(",")) {
            list.add(scalar(part.trim()));
        }
        return list;
    }

    /** [0.9, 0.99] as "0.9, 0.99". */
    public static String listText(JsonNode list) {
        List<String> parts = new ArrayList<>();
        for (JsonNode v : list) {
            parts.add(v.asText());
        }
        return String.join(", ", parts);
    }
}
