package org.optlab.ui.internal.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.Sweep;
import org.optlab.runner.experiment.TrainingExperiment;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.forms.JsonForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields of a sweep file, built page by page into the {@link SweepEditor}: Experiment (its file, or a summary of
 * an inline one), Optimizers (a table of the optimizers with their search spaces; the selected one's search edited in
 * fields), Objective and seeds, Engine. Like every {@link JsonForm} it edits the JSON document, and the sweep parser
 * checks it.
 */
public final class SweepForm extends JsonForm {

    /** The kinds of search of one hyper-parameter; "none" takes it out of the search. */
    public static final List<String> KINDS = List.of("none", "list", "log", "linear", "loguniform", "uniform");

    private final OptimizerRegistry registry;
    private final List<String> engines;
    private final Supplier<Path> directory;
    private final Runnable relayout;
    private Text experimentFile;
    private Label summary;
    private Table table;
    private Combo addId;
    private Label selectedHeading;
    private Text label;
    private Text budget;
    private Combo parameter;
    private Combo kind;
    private Text lo;
    private Text hi;
    private Text points;
    private Text values;
    private Combo metric;
    private Label goal;
    private Text tolerance;
    private Text tuningSeeds;
    private Text seeds;
    private Combo engine;
    private Text workers;
    /** The optimizer whose search the fields show (-1: none). */
    private int selected;

    SweepForm(OptimizerRegistry registry, List<String> engines, Supplier<Path> directory, Runnable onChange,
            Runnable relayout) {
        super(onChange);
        this.registry = registry;
        this.engines = engines;
        this.directory = directory;
        this.relayout = relayout;
    }

    @Override
    protected void relayout() {
        relayout.run();
    }

    void createExperiment(Composite body) {
        body.setLayout(new GridLayout(2, false));
        experimentFile = field(body, Messages.SweepForm_experimentFile, Messages.SweepForm_inline,
                Messages.SweepForm_experimentFileTip, "", "experiment.file");
        experimentFile.addListener(SWT.Modify, e -> edit(() -> {
            if (!experimentFile.getText().isBlank()) {
                draft.putObject("experiment").put("file", experimentFile.getText().trim());
            }
        }));
        label(body, "");
        Button browse = new Button(body, SWT.PUSH);
        browse.setText(Messages.SweepForm_browse);
        browse.addListener(SWT.Selection, e -> browse(body));
        Label heading = new Label(body, SWT.NONE);
        heading.setText(Messages.SweepForm_summary);
        heading.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        summary = new Label(body, SWT.WRAP);
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        data.widthHint = 400;
        summary.setLayoutData(data);
        Label hint = new Label(body, SWT.WRAP);
        hint.setText(Messages.SweepForm_editInSource);
        hint.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        GridData hintData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        hintData.widthHint = 400;
        hint.setLayoutData(hintData);
    }

    private void browse(Composite body) {
        FileDialog dialog = new FileDialog(body.getShell(), SWT.OPEN);
        dialog.setFilterExtensions(new String[] { "*.json", "*" });
        dialog.setFilterPath(directory.get().toString());
        String chosen = dialog.open();
        if (chosen != null) {
            Path file = Path.of(chosen);
            String relative = file.startsWith(directory.get()) ? directory.get().relativize(file).toString() : chosen;
            experimentFile.setText(relative);
        }
    }

    void createOptimizers(Composite body) {
        body.setLayout(new GridLayout(2, false));
        table = new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData tableData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        tableData.heightHint = 130;
        tableData.widthHint = 600;
        table.setLayoutData(tableData);
        int[] widths = { 90, 90, 150, 330, 60 };
        String[] titles = { Messages.SweepForm_id, Messages.SweepForm_label, Messages.SweepForm_fixed,
                Messages.SweepForm_search, Messages.SweepForm_budget };
        for (int c = 0; c < titles.length; c++) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(titles[c]);
            column.setWidth(widths[c]);
        }
        table.addListener(SWT.Selection, e -> select(table.getSelectionIndex()));
        Composite buttons = new Composite(body, SWT.NONE);
        buttons.setLayout(new GridLayout(3, false));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        addId = combo(buttons, registry.descriptors().stream().map(d -> d.id()).toList());
        addId.select(Math.max(0, addId.indexOf("adam")));
        addId.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        Button add = new Button(buttons, SWT.PUSH);
        add.setText(Messages.SweepForm_add);
        add.addListener(SWT.Selection, e -> addOptimizer(addId.getText()));
        Button remove = new Button(buttons, SWT.PUSH);
        remove.setText(Messages.SweepForm_remove);
        remove.addListener(SWT.Selection, e -> removeOptimizer());

        selectedHeading = new Label(body, SWT.NONE);
        selectedHeading.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        label = field(body, Messages.SweepForm_label, Messages.SweepForm_labelDefault, Messages.SweepForm_labelTip,
                "", null);
        label.addListener(SWT.Modify, e -> edit(() -> setOrRemove(optimizer(), "label", label.getText(), false)));
        budget = field(body, Messages.SweepForm_budget, Messages.SweepForm_budgetDefault, Messages.SweepForm_budgetTip,
                "", null);
        budget.addListener(SWT.Modify, e -> edit(() -> setOrRemove(optimizer(), "budget", budget.getText(), true)));
        label(body, Messages.SweepForm_parameter);
        parameter = new Combo(body, SWT.DROP_DOWN);
        parameter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        parameter.setToolTipText(Messages.SweepForm_parameterTip);
        parameter.addListener(SWT.Selection, e -> showSearch());
        parameter.addListener(SWT.DefaultSelection, e -> showSearch());
        label(body, Messages.SweepForm_kind);
        kind = combo(body, KINDS);
        kind.setToolTipText(Messages.SweepForm_kindTip);
        kind.addListener(SWT.Selection, e -> {
            prefillBounds();
            edit(this::writeSearch);
            enableSearchFields();
        });
        lo = field(body, Messages.SweepForm_lo, "", Messages.SweepForm_loTip, "", null);
        hi = field(body, Messages.SweepForm_hi, "", Messages.SweepForm_hiTip, "", null);
        points = field(body, Messages.SweepForm_points, "", Messages.SweepForm_pointsTip, "", null);
        values = field(body, Messages.SweepForm_values, "0.9, 0.99", Messages.SweepForm_valuesTip, "", null);
        for (Text t : List.of(lo, hi, points, values)) {
            t.addListener(SWT.Modify, e -> edit(this::writeSearch));
        }
        createErrorLine(body);
    }

    void createObjective(Composite body) {
        body.setLayout(new GridLayout(2, false));
        label(body, Messages.SweepForm_metric);
        metric = combo(body, List.of());
        metric.addListener(SWT.Selection, e -> edit(() -> {
            ObjectNode objective = object(draft, "objective");
            objective.put("metric", metric.getText());
            objective.put("goal", goalOf(metric.getText()));
            showGoal();
        }));
        label(body, Messages.SweepForm_goal);
        goal = new Label(body, SWT.NONE);
        goal.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        tolerance = field(body, Messages.SweepForm_tolerance, Messages.SweepForm_toleranceDefault,
                Messages.SweepForm_toleranceTip, "", "objective.tolerance");
        tolerance.addListener(SWT.Modify, e -> edit(() -> setOrRemove(object(draft, "objective"), "tolerance",
                tolerance.getText(), true)));
        tuningSeeds = field(body, Messages.SweepForm_tuningSeeds, "42", Messages.SweepForm_tuningSeedsTip, "",
                "tuning.seeds");
        tuningSeeds.addListener(SWT.Modify, e -> edit(() -> {
            if (tuningSeeds.getText().isBlank()) {
                draft.remove("tuning");
            } else {
                object(draft, "tuning").set("seeds", listNode(tuningSeeds.getText()));
            }
        }));
        seeds = field(body, Messages.SweepForm_seeds, Messages.SweepForm_seedsDefault, Messages.SweepForm_seedsTip,
                "", "seeds");
        seeds.addListener(SWT.Modify, e -> edit(() -> {
            if (seeds.getText().isBlank()) {
                draft.remove("seeds");
            } else {
                draft.set("seeds", listNode(seeds.getText()));
            }
        }));
    }

    void createEngine(Composite body, Runnable run) {
        body.setLayout(new GridLayout(2, false));
        label(body, Messages.SweepForm_engine);
        engine = combo(body, engines);
        engine.addListener(SWT.Selection, e -> edit(() -> object(draft, "engine").put("id", engine.getText())));
        workers = field(body, Messages.SweepForm_workers, Messages.SweepForm_workersDefault,
                Messages.SweepForm_workersTip, "", "engine.workers");
        workers.addListener(SWT.Modify, e -> edit(() -> setOrRemove(object(draft, "engine"), "workers",
                workers.getText(), true)));
        label(body, "");
        Button start = new Button(body, SWT.PUSH);
        start.setText(Messages.SweepForm_run);
        start.setToolTipText(Messages.SweepForm_runTip);
        start.addListener(SWT.Selection, e -> run.run());
    }

    @Override
    protected void show() {
        JsonNode experiment = draft.path("experiment");
        experimentFile.setText(experiment.path("file").asText(""));
        experimentFile.setEnabled(!experiment.isObject() || experiment.has("file"));
        int count = draft.path("optimizers").size();
        selected = count == 0 ? -1 : Math.min(Math.max(selected, 0), count - 1);
        showOptimizer();
        JsonNode objective = draft.path("objective");
        showMetrics();
        metric.select(Math.max(0, metric.indexOf(objective.path("metric").asText(metric.getItemCount() == 0 ? ""
                : metric.getItem(0)))));
        showGoal();
        tolerance.setText(objective.has("tolerance") ? objective.get("tolerance").asText() : "");
        tuningSeeds.setText(draft.path("tuning").has("seeds") ? listText(draft.path("tuning").get("seeds")) : "");
        seeds.setText(draft.has("seeds") && draft.get("seeds").isArray() ? listText(draft.get("seeds")) : "");
        engine.select(Math.max(0, engines.indexOf(draft.path("engine").path("id").asText("local"))));
        workers.setText(draft.path("engine").has("workers") ? draft.path("engine").get("workers").asText() : "");
        changedElsewhere();
    }

    /** After any change: the table's rows and the experiment's summary follow the document. */
    void changedElsewhere() {
        if (table == null || table.isDisposed() || draft == null) {
            return;
        }
        JsonNode list = draft.path("optimizers");
        table.setItemCount(list.size());
        for (int o = 0; o < list.size(); o++) {
            JsonNode item = list.get(o);
            TableItem row = table.getItem(o);
            row.setText(new String[] { item.path("id").asText(""), item.path("label").asText(""), fixedText(item),
                    searchText(item.path("search")), item.path("budget").asText("") });
        }
        if (selected >= 0 && selected < list.size()) {
            table.setSelection(selected);
        }
        summary.setText(summaryText());
        experimentFile.getParent().layout(true, true);
    }

    /** The optimizer at {@code row} becomes the one whose search the fields show. */
    public void select(int row) {
        selected = row;
        loading = true;
        try {
            showOptimizer();
        } finally {
            loading = false;
        }
    }

    /** The hyper-parameter whose search the fields show, as choosing it in its combo does (for tests). */
    public void selectParameter(String name) {
        parameter.setText(name);
        showSearch();
    }

    /** The field that shows {@code which} ("lo", "hi", "points", "values", "label", "budget"; for tests). */
    public Text searchField(String which) {
        return switch (which) {
            case "lo" -> lo;
            case "hi" -> hi;
            case "points" -> points;
            case "values" -> values;
            case "label" -> label;
            default -> budget;
        };
    }

    public Combo kindCombo() {
        return kind;
    }

    public Table table() {
        return table;
    }

    private void showOptimizer() {
        ObjectNode optimizer = selected < 0 ? null : (ObjectNode) draft.path("optimizers").get(selected);
        label.setEnabled(optimizer != null);
        selectedHeading.setText(optimizer == null ? Messages.SweepForm_noneSelected : NLS.bind(
                Messages.SweepForm_selected, optimizer.path("label").asText(optimizer.path("id").asText(""))));
        budget.setEnabled(optimizer != null);
        parameter.setEnabled(optimizer != null);
        label.setText(optimizer == null ? "" : optimizer.path("label").asText(""));
        budget.setText(optimizer == null || !optimizer.has("budget") ? "" : optimizer.get("budget").asText());
        String previous = parameter.getText();
        parameter.removeAll();
        if (optimizer != null) {
            List<String> names = new ArrayList<>();
            optimizer.path("search").fieldNames().forEachRemaining(names::add);
            registry.descriptor(optimizer.path("id").asText("")).ifPresent(d -> d.hyperParameters().stream()
                    .map(HyperParameter::name).filter(n -> !names.contains(n)).forEach(names::add));
            names.forEach(parameter::add);
            String first = optimizer.path("search").fieldNames().hasNext()
                    ? optimizer.path("search").fieldNames().next() : names.isEmpty() ? "" : names.get(0);
            parameter.setText(names.contains(previous) && optimizer.path("search").has(previous) ? previous : first);
        }
        String prefix = "optimizers[" + selected + "]";
        label.setData("field", prefix + ".label");
        budget.setData("field", prefix + ".budget");
        showSearch();
    }

    /** Puts the selected hyper-parameter's search into the fields (not an edit). */
    private void showSearch() {
        boolean was = loading;
        loading = true;
        try {
            JsonNode search = selected < 0 ? null : draft.path("optimizers").path(selected).path("search")
                    .get(parameter.getText().trim());
            String k = "none";
            lo.setText("");
            hi.setText("");
            points.setText("");
            values.setText("");
            if (search != null && search.isArray()) {
                k = "list";
                List<String> items = new ArrayList<>();
                search.forEach(v -> items.add(value(v)));
                values.setText(String.join(", ", items));
            } else if (search != null && search.isObject()) {
                for (String candidate : KINDS.subList(2, KINDS.size())) {
                    if (search.has(candidate)) {
                        k = candidate;
                        lo.setText(value(search.get(candidate).path(0)));
                        hi.setText(value(search.get(candidate).path(1)));
                    }
                }
                points.setText(search.has("points") ? value(search.get("points")) : "");
            }
            kind.select(KINDS.indexOf(k));
            String field = "optimizers[" + selected + "].search." + parameter.getText().trim();
            lo.setData("field", field + "." + k);
            hi.setData("field", field + "." + k);
            points.setData("field", field + ".points");
            values.setData("field", field);
            enableSearchFields();
        } finally {
            loading = was;
        }
    }

    private void enableSearchFields() {
        String k = kind.getText();
        boolean range = !k.equals("none") && !k.equals("list");
        kind.setEnabled(selected >= 0);
        lo.setEnabled(range);
        hi.setEnabled(range);
        points.setEnabled(k.equals("log") || k.equals("linear"));
        values.setEnabled(k.equals("list"));
        String field = "optimizers[" + selected + "].search." + parameter.getText().trim();
        lo.setData("field", field + "." + k);
        hi.setData("field", field + "." + k);
    }

    /** A range kind chosen with empty bounds starts from a usual range (a log one for log kinds). */
    private void prefillBounds() {
        String k = kind.getText();
        boolean was = loading;
        loading = true;
        try {
            if (!k.equals("none") && !k.equals("list") && lo.getText().isBlank() && hi.getText().isBlank()) {
                lo.setText(k.startsWith("log") ? "1e-5" : "0");
                hi.setText("1");
            }
            if ((k.equals("log") || k.equals("linear")) && points.getText().isBlank()) {
                points.setText("10");
            }
            if (k.equals("list") && values.getText().isBlank()) {
                values.setText(lo.getText().isBlank() ? "0.1" : lo.getText());
            }
        } finally {
            loading = was;
        }
    }

    /** Writes the selected hyper-parameter's search from the fields. */
    private void writeSearch() {
        String name = parameter.getText().trim();
        ObjectNode optimizer = optimizer();
        if (optimizer == null || name.isEmpty()) {
            return;
        }
        String k = kind.getText();
        if (k.equals("none")) {
            if (optimizer.path("search").isObject()) {
                ((ObjectNode) optimizer.get("search")).remove(name);
                if (optimizer.get("search").isEmpty()) {
                    optimizer.remove("search");
                }
            }
            return;
        }
        ObjectNode search = object(optimizer, "search");
        if (k.equals("list")) {
            search.set(name, listNode(values.getText()));
            return;
        }
        ObjectNode range = JSON.objectNode();
        ArrayNode bounds = range.putArray(k);
        bounds.add(scalar(lo.getText().trim()));
        bounds.add(scalar(hi.getText().trim()));
        if ((k.equals("log") || k.equals("linear")) && !points.getText().isBlank()) {
            range.set("points", scalar(points.getText().trim()));
        }
        search.set(name, range);
    }

    private void addOptimizer(String id) {
        if (draft == null || id.isEmpty()) {
            return;
        }
        ArrayNode list = draft.has("optimizers") && draft.get("optimizers").isArray()
                ? (ArrayNode) draft.get("optimizers") : draft.putArray("optimizers");
        ObjectNode entry = list.addObject().put("id", id);
        List<String> labels = new ArrayList<>();
        for (int o = 0; o < list.size() - 1; o++) {
            labels.add(list.get(o).path("label").asText(list.get(o).path("id").asText()));
        }
        for (int n = 2; labels.contains(entry.path("label").asText(id)); n++) {
            entry.put("label", id + "-" + n);
        }
        if (registry.descriptor(id).flatMap(d -> d.hyperParameter("lr")).isPresent()) {
            ObjectNode lr = entry.putObject("search").putObject("lr");
            lr.putArray("log").add(1e-5).add(1);
            lr.put("points", 6);
        }
        selected = list.size() - 1;
        changed(Messages.SweepForm_addOptimizer);
        setDocument(draft);
    }

    private void removeOptimizer() {
        if (draft == null || selected < 0 || !draft.path("optimizers").isArray()) {
            return;
        }
        ((ArrayNode) draft.get("optimizers")).remove(selected);
        selected = Math.min(selected, draft.get("optimizers").size() - 1);
        changed(Messages.SweepForm_removeOptimizer);
        setDocument(draft);
    }

    private ObjectNode optimizer() {
        JsonNode o = selected < 0 ? null : draft.path("optimizers").get(selected);
        return o instanceof ObjectNode node ? node : null;
    }

    /** The metrics for the experiment's kind (both kinds' while it cannot be read). */
    private void showMetrics() {
        Boolean training = training();
        Map<String, Boolean> all = new TreeMap<>();
        if (training == null || training) {
            all.putAll(Sweep.TRAINING_METRICS);
        }
        if (training == null || !training) {
            all.putAll(Sweep.SURFACE_METRICS);
        }
        metric.removeAll();
        all.keySet().forEach(metric::add);
    }

    private void showGoal() {
        String m = metric.getText();
        goal.setText(m.isEmpty() ? "" : goalOf(m).equals("max") ? Messages.SweepForm_max : Messages.SweepForm_min);
        tolerance.setEnabled(m.equals("steps_to") || draft.path("objective").has("tolerance"));
    }

    private static String goalOf(String metric) {
        Boolean max = Sweep.TRAINING_METRICS.getOrDefault(metric, Sweep.SURFACE_METRICS.get(metric));
        return Boolean.TRUE.equals(max) ? "max" : "min";
    }

    /** The experiment as the sweep would run it (null when it cannot be read). */
    private JsonNode experiment() {
        JsonNode experiment = draft.path("experiment");
        if (experiment.isObject() && experiment.path("file").isTextual()) {
            try {
                return ExperimentFiles.read(directory.get().resolve(experiment.get("file").asText()));
            } catch (RuntimeException e) { // ExperimentException among them: the summary says it cannot be read
                return null;
            }
        }
        return experiment.isObject() ? experiment : null;
    }

    /** True for a training experiment, false for a surface one, null when neither can be told. */
    private Boolean training() {
        JsonNode experiment = experiment();
        if (experiment == null || !experiment.isObject()) {
            return null;
        }
        return TrainingExperiment.isTrainingExperiment(experiment) ? Boolean.TRUE
                : experiment.has("surface") ? Boolean.FALSE : null;
    }

    private String summaryText() {
        JsonNode e = experiment();
        if (e == null || !e.isObject()) {
            return Messages.SweepForm_noExperiment;
        }
        String where = draft.path("experiment").has("file") ? draft.path("experiment").get("file").asText()
                : Messages.SweepForm_inlineWhere;
        if (TrainingExperiment.isTrainingExperiment(e)) {
            return NLS.bind(Messages.SweepForm_trainingSummary, new Object[] { where, e.path("dataset").path("id")
                    .asText("?") + (e.path("dataset").has("subset") ? " (" + e.path("dataset").get("subset").asText()
                            + ")" : ""), e.path("model").path("id").asText("?"), e.path("epochs").asText("?") });
        }
        if (e.has("surface")) {
            JsonNode surface = e.get("surface");
            return NLS.bind(Messages.SweepForm_surfaceSummary, new Object[] { where, surface.isObject()
                    ? surface.path("id").asText("?") : surface.asText(), e.path("steps").asText("?") });
        }
        return Messages.SweepForm_noExperiment;
    }

    /** The fixed hyper-parameters of an optimizer entry, as "beta2=0.99, eps=1e-8". */
    static String fixedText(JsonNode optimizer) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = optimizer.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!List.of("id", "label", "budget", "search").contains(e.getKey())) {
                parts.add(e.getKey() + "=" + value(e.getValue()));
            }
        }
        return String.join(", ", parts);
    }

    /** A search object as text: "lr log 1e-5..100 x36; momentum 0.9, 0.99". */
    static String searchText(JsonNode search) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = search.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + " " + axisText(e.getValue()));
        }
        return String.join("; ", parts);
    }

    private static String axisText(JsonNode axis) {
        if (axis.isArray()) {
            List<String> items = new ArrayList<>();
            axis.forEach(v -> items.add(value(v)));
            return String.join(", ", items);
        }
        for (String k : KINDS.subList(2, KINDS.size())) {
            if (axis.has(k)) {
                JsonNode b = axis.get(k);
                return k + " " + value(b.path(0)) + ".." + value(b.path(1))
                        + (axis.has("points") ? " x" + value(axis.get("points")) : "");
            }
        }
        return axis.toString();
    }

    /** A value as people write it: 1e-5, 100, 0.9. */
    static String value(JsonNode v) {
        if (!v.isNumber()) {
            return v.isTextual() ? v.asText() : v.toString();
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        String s = Double.toString(v.asDouble()).replace("E", "e").replace(".0e", "e");
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        return parent.get(key) instanceof ObjectNode node ? node : parent.putObject(key);
    }

    private static void setOrRemove(ObjectNode node, String key, String text, boolean number) {
        if (node == null) {
            return;
        }
        if (text.isBlank()) {
            node.remove(key);
        } else {
            node.set(key, number ? scalar(text.trim()) : JSON.textNode(text.trim()));
        }
    }

    private static Combo combo(Composite parent, List<String> items) {
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        items.forEach(combo::add);
        combo.setVisibleItemCount(Math.max(1, Math.min(16, items.size())));
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return combo;
    }
}
