package org.optlab.ui.internal.trajectory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The form of a surface experiment. It edits the experiment's JSON document (the very format of experiment files) and
 * leaves all checking to the file's parser: what the user types goes into the document as typed (a number when it
 * reads as one, the text otherwise), so the form reports exactly the errors {@code optlab run} would, with the field
 * named. Hyper-parameter fields are generated from the optimizers' descriptors; a field left empty takes the
 * default, shown greyed in it.
 */
public final class ExperimentForm {

    private static final String FORMULA = "Formula f(x, y) ...";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final OptimizerRegistry registry;
    private final Runnable onChange;
    private final IntConsumer onTune;
    private final ScrolledComposite scroll;
    private final Composite body;
    private ObjectNode draft;
    private boolean loading;

    private Text name;
    private Combo surface;
    private Text expression;
    private Text kappa;
    private Spinner steps;
    private Text starts;
    private Text sigma;
    private Spinner seed;
    private org.eclipse.swt.widgets.List entries;
    private Combo addChoice;
    private Group hyperGroup;
    private Composite hyperFields;
    private Label error;
    private final List<Text> fieldTexts = new ArrayList<>();

    /**
     * @param onChange called after every edit of the document
     * @param onTune called with the index of the optimizer whose lr the user asks to tune
     */
    public ExperimentForm(Composite parent, OptimizerRegistry registry, Runnable onChange, IntConsumer onTune) {
        this.registry = registry;
        this.onChange = onChange;
        this.onTune = onTune;
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        body = new Composite(scroll, SWT.NONE);
        body.setLayout(new GridLayout(2, false));
        scroll.setContent(body);
        createFields();
        scroll.addListener(SWT.Resize, e -> relayout());
    }

    public Control control() {
        return scroll;
    }

    /** The document being edited (shared: edits change it in place). */
    public ObjectNode document() {
        return draft;
    }

    /** Shows {@code document} in the form; later edits change it. */
    public void setDocument(ObjectNode document) {
        draft = document;
        loading = true;
        try {
            name.setText(draft.path("name").asText(""));
            JsonNode s = draft.path("surface");
            if (s.has("expression")) {
                surface.select(surface.getItemCount() - 1);
                expression.setText(s.path("expression").asText());
            } else {
                String id = s.path("id").asText("rosenbrock");
                List<Surface> all = Surfaces.all();
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id().equals(id)) {
                        surface.select(i);
                    }
                }
                expression.setText("");
            }
            kappa.setText(s.has("kappa") ? s.get("kappa").asText() : "");
            steps.setSelection(draft.path("steps").asInt(100));
            starts.setText(draft.has("starts") ? pointsText(draft.get("starts")) : "");
            sigma.setText(draft.path("noise").has("sigma") ? draft.path("noise").get("sigma").asText() : "");
            seed.setSelection(draft.path("noise").path("seed").asInt(1));
            updateSurfaceFields();
            refreshEntries(0);
        } finally {
            loading = false;
        }
    }

    /** Shows the first problem of the document (null: none), and marks the field it names when it is on screen. */
    public void setError(String field, String message) {
        error.setText(message == null ? "" : message);
        error.setToolTipText(message);
        for (Text t : fieldTexts) {
            boolean bad = field != null && field.equals(t.getData("field"));
            t.setBackground(bad ? t.getDisplay().getSystemColor(SWT.COLOR_YELLOW) : null);
        }
        relayout();
    }

    /** The text field of a document field such as {@code optimizers[2].lr}, when it is on screen (for tests). */
    public java.util.Optional<Text> fieldText(String field) {
        return fieldTexts.stream().filter(t -> field.equals(t.getData("field"))).findFirst();
    }

    /** Selects optimizer {@code index} and shows its hyper-parameters. */
    public void selectOptimizer(int index) {
        entries.select(index);
        showHyperParameters();
    }

    /** The problem shown under the form (empty when none). */
    public String errorText() {
        return error.getText();
    }

    /** The index of the optimizer selected in the list (-1 when none). */
    public int selectedOptimizer() {
        return entries.getSelectionIndex();
    }

    /** Puts a tuned learning rate into optimizer {@code index}. */
    public void setLearningRate(int index, double lr) {
        ((ObjectNode) draft.withArray("optimizers").get(index)).put("lr", lr);
        refreshEntries(index);
        changed();
    }

    private void createFields() {
        name = text("Name", "experiment", "The experiment's name (in the results and the GIF)");
        name.addListener(SWT.Modify, e -> edit(() -> draft.put("name", name.getText())));

        label("Surface");
        surface = new Combo(body, SWT.READ_ONLY);
        surface.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (Surface s : Surfaces.all()) {
            surface.add(s.name() + "  (" + s.id() + ")");
        }
        surface.add(FORMULA);
        surface.setVisibleItemCount(16);
        surface.addListener(SWT.Selection, e -> edit(() -> {
            updateSurfaceFields();
            writeSurface();
            draft.remove("starts"); // the new surface's own starts
            starts.setText("");
        }));
        expression = text("f(x, y) =", "e.g. (x/4)^2 + (y/2)^2", "Operators + - * / ^, functions exp log sin cos tan"
                + " sqrt abs tanh, constants pi and e; a formula in x alone is a 1-D curve");
        expression.setData("field", "surface.expression");
        expression.addListener(SWT.Modify, e -> edit(this::writeSurface));
        kappa = text("Condition number", "10", "kappa of the ellipse x^2 + kappa y^2 (its condition number)");
        kappa.setData("field", "surface.kappa");
        kappa.addListener(SWT.Modify, e -> edit(this::writeSurface));

        label("Steps");
        steps = new Spinner(body, SWT.BORDER);
        steps.setValues(100, 0, 100_000, 0, 10, 100);
        steps.addListener(SWT.Modify, e -> edit(() -> draft.put("steps", steps.getSelection())));
        starts = text("Starts", "the surface's own", "Start points as x, y; x, y (or x; x on a curve)");
        starts.setData("field", "starts");
        starts.addListener(SWT.Modify, e -> edit(() -> {
            if (starts.getText().isBlank()) {
                draft.remove("starts");
            } else {
                draft.set("starts", pointsNode(starts.getText()));
            }
        }));
        sigma = text("Gradient noise", "0", "Standard deviation of Gaussian noise added to every gradient coordinate");
        sigma.setData("field", "noise.sigma");
        sigma.addListener(SWT.Modify, e -> edit(() -> writeNoise()));
        label("Noise seed");
        seed = new Spinner(body, SWT.BORDER);
        seed.setValues(1, 0, Integer.MAX_VALUE, 0, 1, 10);
        seed.addListener(SWT.Modify, e -> edit(() -> writeNoise()));

        Group optimizers = new Group(body, SWT.NONE);
        optimizers.setText("Optimizers");
        optimizers.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1));
        optimizers.setLayout(new GridLayout(3, false));
        entries = new org.eclipse.swt.widgets.List(optimizers, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        GridData listData = new GridData(SWT.FILL, SWT.FILL, true, false, 3, 1);
        listData.heightHint = 90;
        entries.setLayoutData(listData);
        entries.addListener(SWT.Selection, e -> showHyperParameters());
        addChoice = new Combo(optimizers, SWT.READ_ONLY);
        for (OptimizerDescriptor d : registry.descriptors()) {
            addChoice.add(d.id());
        }
        addChoice.setVisibleItemCount(16);
        addChoice.select(Math.max(0, addChoice.indexOf("adam")));
        addChoice.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button add = new Button(optimizers, SWT.PUSH);
        add.setText("Add");
        add.setToolTipText("Add the chosen optimizer to the race");
        add.addListener(SWT.Selection, e -> {
            draft.withArray("optimizers").addObject().put("id", addChoice.getText());
            refreshEntries(draft.withArray("optimizers").size() - 1);
            changed();
        });
        Button remove = new Button(optimizers, SWT.PUSH);
        remove.setText("Remove");
        remove.setToolTipText("Remove the selected optimizer");
        remove.addListener(SWT.Selection, e -> {
            int i = entries.getSelectionIndex();
            ArrayNode list = draft.withArray("optimizers");
            if (i >= 0 && list.size() > 1) {
                list.remove(i);
                refreshEntries(Math.min(i, list.size() - 1));
                changed();
            }
        });

        hyperGroup = new Group(body, SWT.NONE);
        hyperGroup.setText("Hyper-parameters");
        hyperGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1));
        hyperGroup.setLayout(new GridLayout(1, false));
        hyperFields = new Composite(hyperGroup, SWT.NONE);
        hyperFields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));

        error = new Label(body, SWT.WRAP);
        error.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridData errorData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        errorData.widthHint = 200;
        error.setLayoutData(errorData);
    }

    /** The hyper-parameters of the selected optimizer, generated from its descriptor. */
    private void showHyperParameters() {
        for (Control c : hyperFields.getChildren()) {
            fieldTexts.remove(c);
            c.dispose();
        }
        hyperFields.setLayout(new GridLayout(2, false));
        int index = entries.getSelectionIndex();
        ArrayNode list = draft.withArray("optimizers");
        if (index < 0 || index >= list.size()) {
            hyperGroup.setText("Hyper-parameters");
            relayout();
            return;
        }
        ObjectNode entry = (ObjectNode) list.get(index);
        String id = entry.path("id").asText();
        String prefix = "optimizers[" + index + "].";
        hyperGroup.setText("Hyper-parameters of " + id);
        Text labelText = field(hyperFields, "label", id, "The name of this entry in the legend and the results",
                entry.path("label").asText(""), prefix + "label");
        labelText.addListener(SWT.Modify, e -> edit(() -> {
            if (labelText.getText().isBlank()) {
                entry.remove("label");
            } else {
                entry.put("label", labelText.getText());
            }
            entries.setItem(index, entryText(entry));
        }));
        registry.descriptor(id).ifPresent(descriptor -> {
            for (HyperParameter h : descriptor.hyperParameters()) {
                createHyperField(entry, index, prefix, h);
            }
            if (descriptor.hyperParameter("lr").isPresent()) {
                new Label(hyperFields, SWT.NONE);
                Button tune = new Button(hyperFields, SWT.PUSH);
                tune.setText("Tune lr");
                tune.setToolTipText("Search lr (log grid from 1e-5 to 10, then golden section) for the smallest mean"
                        + " distance to the nearest minimum after the experiment's steps");
                tune.addListener(SWT.Selection, e -> onTune.accept(index));
            }
        });
        relayout();
    }

    private void createHyperField(ObjectNode entry, int index, String prefix, HyperParameter h) {
        String tip = h.description() + (h.kind() == HyperParameter.Kind.BOOLEAN || h.kind() == HyperParameter.Kind.OPTIMIZER
                ? "" : "\nValid: " + h.validValues()) + "\nDefault: " + HyperParameter.format(h.defaultValue());
        switch (h.kind()) {
            case BOOLEAN -> {
                new Label(hyperFields, SWT.NONE).setText(h.name());
                Button check = new Button(hyperFields, SWT.CHECK);
                check.setSelection(entry.has(h.name()) ? entry.get(h.name()).asBoolean()
                        : Boolean.TRUE.equals(h.defaultValue()));
                check.setToolTipText(tip);
                check.addListener(SWT.Selection, e -> edit(() -> entry.put(h.name(), check.getSelection())));
            }
            case OPTIMIZER -> {
                new Label(hyperFields, SWT.NONE).setText(h.name());
                Combo inner = new Combo(hyperFields, SWT.READ_ONLY);
                for (OptimizerDescriptor d : registry.descriptors()) {
                    inner.add(d.id());
                }
                JsonNode given = entry.get(h.name());
                String current = given == null ? String.valueOf(h.defaultValue())
                        : given.isObject() ? given.path("id").asText() : given.asText();
                inner.select(Math.max(0, inner.indexOf(current)));
                inner.setToolTipText(tip);
                inner.addListener(SWT.Selection, e -> edit(() -> entry.put(h.name(), inner.getText())));
            }
            default -> {
                JsonNode given = entry.get(h.name());
                String shown = given == null ? "" : given.isArray() ? listText(given) : given.asText();
                Text t = field(hyperFields, h.name(), HyperParameter.format(h.defaultValue()), tip, shown,
                        prefix + h.name());
                t.addListener(SWT.Modify, e -> edit(() -> {
                    String typed = t.getText().trim();
                    if (typed.isEmpty()) {
                        entry.remove(h.name());
                    } else if (h.kind() == HyperParameter.Kind.REAL_LIST || h.kind() == HyperParameter.Kind.INTEGER_LIST) {
                        entry.set(h.name(), listNode(typed));
                    } else {
                        entry.set(h.name(), scalar(typed));
                    }
                    entries.setItem(index, entryText(entry));
                }));
            }
        }
    }

    private void refreshEntries(int select) {
        entries.removeAll();
        for (JsonNode entry : draft.withArray("optimizers")) {
            entries.add(entryText(entry));
        }
        if (entries.getItemCount() > 0) {
            entries.select(Math.max(0, Math.min(select, entries.getItemCount() - 1)));
        }
        showHyperParameters();
    }

    /** "adam  lr 0.05, beta1 0.8": the id (or label) and the hyper-parameters given. */
    private static String entryText(JsonNode entry) {
        StringBuilder text = new StringBuilder(entry.path("label").asText(entry.path("id").asText()));
        String separator = "  ";
        for (Iterator<String> names = entry.fieldNames(); names.hasNext();) {
            String key = names.next();
            if (!key.equals("id") && !key.equals("label")) {
                JsonNode value = entry.get(key);
                text.append(separator).append(key).append(' ')
                        .append(value.isNumber() ? HyperParameter.format(value.numberValue() instanceof Integer i
                                ? (Object) i.longValue() : value.numberValue()) : value.asText());
                separator = ", ";
            }
        }
        return text.toString();
    }

    private void updateSurfaceFields() {
        boolean formula = surface.getSelectionIndex() == surface.getItemCount() - 1;
        expression.setEnabled(formula);
        kappa.setEnabled(!formula && Surfaces.all().get(surface.getSelectionIndex()).id().equals("ellipse"));
    }

    private void writeSurface() {
        ObjectNode s = JSON.objectNode();
        if (surface.getSelectionIndex() == surface.getItemCount() - 1) {
            s.put("expression", expression.getText());
        } else {
            Surface chosen = Surfaces.all().get(surface.getSelectionIndex());
            s.put("id", chosen.id());
            if (chosen.id().equals("ellipse") && !kappa.getText().isBlank()) {
                s.set("kappa", scalar(kappa.getText().trim()));
            }
        }
        draft.set("surface", s);
    }

    private void writeNoise() {
        ObjectNode noise = JSON.objectNode();
        noise.set("sigma", sigma.getText().isBlank() ? JSON.numberNode(0.0) : scalar(sigma.getText().trim()));
        noise.put("seed", seed.getSelection());
        draft.set("noise", noise);
    }

    /** Applies an edit made by the user (not one made while loading a document) and reports the change. */
    private void edit(Runnable change) {
        if (loading || draft == null) {
            return;
        }
        change.run();
        changed();
    }

    private void changed() {
        if (!loading) {
            onChange.run();
        }
    }

    /** A number when the text reads as one (whole numbers as integers), the text itself otherwise. */
    private static JsonNode scalar(String text) {
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
    private static JsonNode listNode(String text) {
        ArrayNode list = JSON.arrayNode();
        for (String part : text.split(",")) {
            list.add(scalar(part.trim()));
        }
        return list;
    }

    /** "x, y; x, y" as [[x, y], [x, y]]. */
    private static JsonNode pointsNode(String text) {
        ArrayNode points = JSON.arrayNode();
        for (String point : text.split(";")) {
            if (!point.isBlank()) {
                points.add(listNode(point));
            }
        }
        return points;
    }

    private static String pointsText(JsonNode points) {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : points) {
            parts.add(p.isArray() ? listText(p) : p.asText());
        }
        return String.join("; ", parts);
    }

    private static String listText(JsonNode list) {
        List<String> parts = new ArrayList<>();
        for (JsonNode v : list) {
            parts.add(v.asText());
        }
        return String.join(", ", parts);
    }

    private void label(String text) {
        new Label(body, SWT.NONE).setText(text);
    }

    private Text text(String label, String message, String tip) {
        return field(body, label, message, tip, "", null);
    }

    private Text field(Composite parent, String label, String message, String tip, String value, String field) {
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
        fieldTexts.add(t);
        t.addDisposeListener(e -> fieldTexts.remove(t));
        return t;
    }

    private void relayout() {
        body.layout(true, true);
        scroll.setMinSize(body.computeSize(scroll.getClientArea().width, SWT.DEFAULT));
    }

    /** The default experiment a new view opens with: four classics racing on Rosenbrock from its three starts. */
    public static ObjectNode defaultDocument() {
        ObjectNode d = JSON.objectNode();
        d.put("name", "rosenbrock-race");
        d.putObject("surface").put("id", "rosenbrock");
        d.put("steps", 500);
        ObjectNode noise = d.putObject("noise");
        noise.put("sigma", 0.0);
        noise.put("seed", 1);
        ArrayNode optimizers = d.putArray("optimizers");
        optimizers.addObject().put("id", "sgd").put("lr", 1e-3);
        optimizers.addObject().put("id", "momentum").put("lr", 5e-4);
        optimizers.addObject().put("id", "adam").put("lr", 0.05);
        optimizers.addObject().put("id", "rmsprop").put("lr", 0.01);
        return d;
    }

}
