package org.optlab.ui.internal.editor;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.optimizers.schedule.ScheduleDescriptor;
import org.optlab.optimizers.schedule.Schedules;
import org.optlab.plot.Colours;
import org.optlab.ui.internal.charts.LabChart;
import org.optlab.ui.internal.forms.JsonForm;
import org.optlab.ui.internal.forms.OptimizersSection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.Spinners;
import org.eclipse.osgi.util.NLS;

/**
 * The fields of a training experiment, built page by page into the editor's pages: Data & Model, Optimizers,
 * Schedule (with a preview of the learning rate over the run) and Run. Like every {@link JsonForm} it edits the
 * experiment's JSON document, and the experiment parser checks it.
 */
final class TrainingForm extends JsonForm {

    static final List<String> MODELS = List.of("softmax", "mlp", "cnn");
    static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid");
    /** The preview's run: its shape matters, not its length. */
    private static final int PREVIEW_STEPS = 500;

    private final OptimizerRegistry registry;
    private final List<String> datasets;
    private final Runnable relayout;
    private Text name;
    private Combo dataset;
    private Combo subset;
    private Text path;
    private Combo model;
    private Text hidden;
    private Combo activation;
    private OptimizersSection optimizers;
    private Combo schedule;
    private Composite scheduleFields;
    private LabChart preview;
    private Spinner epochs;
    private Spinner batch;
    private Text seed;
    private Button cpu;
    private Button gpu;
    private Text clip;
    private Spinner evaluateEvery;

    TrainingForm(OptimizerRegistry registry, List<String> datasets, Runnable onChange, Runnable relayout) {
        super(onChange);
        this.registry = registry;
        this.datasets = datasets;
        this.relayout = relayout;
    }

    @Override
    protected void relayout() {
        relayout.run();
    }

    void createDataAndModel(Composite body) {
        body.setLayout(new GridLayout(2, false));
        name = field(body, Messages.TrainingForm_name, "experiment", Messages.TrainingForm_nameTip, "",
                "name");
        name.addListener(SWT.Modify, e -> edit(() -> draft.put("name", name.getText())));
        label(body, Messages.TrainingForm_dataset);
        dataset = combo(body, datasets);
        dataset.addListener(SWT.Selection, e -> edit(() -> dataset().put("id", dataset.getText())));
        label(body, Messages.TrainingForm_subset);
        subset = combo(body, List.of(Messages.TrainingForm_subsetDefault, "embedded", "full"));
        subset.setToolTipText(Messages.TrainingForm_subsetTip);
        subset.addListener(SWT.Selection, e -> edit(() -> option("subset", subset.getSelectionIndex() == 0 ? ""
                : subset.getText())));
        path = field(body, Messages.TrainingForm_dataFolder, Messages.TrainingForm_dataFolderDefault,
                Messages.TrainingForm_dataFolderTip, "", "dataset.path");
        path.addListener(SWT.Modify, e -> edit(() -> option("path", path.getText().trim())));
        label(body, Messages.TrainingForm_model);
        model = combo(body, MODELS);
        model.setToolTipText(Messages.TrainingForm_modelTip);
        model.addListener(SWT.Selection, e -> edit(() -> {
            model().put("id", model.getText());
            if (!model.getText().equals("mlp")) {
                model().remove("hidden");
                model().remove("activation");
            }
            updateModelFields();
        }));
        hidden = field(body, Messages.TrainingForm_hidden, "256", Messages.TrainingForm_hiddenTip,
                "", "model.hidden");
        hidden.addListener(SWT.Modify, e -> edit(() -> {
            if (hidden.getText().isBlank()) {
                model().remove("hidden");
            } else {
                model().set("hidden", listNode(hidden.getText()));
            }
        }));
        label(body, Messages.TrainingForm_activation);
        activation = combo(body, ACTIVATIONS);
        activation.addListener(SWT.Selection, e -> edit(() -> model().put("activation", activation.getText())));
    }

    void createOptimizers(Composite body) {
        body.setLayout(new GridLayout(2, false));
        optimizers = new OptimizersSection(this, body, registry, null);
    }

    void createSchedule(Composite body) {
        body.setLayout(new GridLayout(2, false));
        label(body, Messages.TrainingForm_schedule);
        List<String> ids = new java.util.ArrayList<>(List.of(Messages.TrainingForm_constantRate));
        Schedules.descriptors().stream().map(ScheduleDescriptor::id).forEach(ids::add);
        schedule = combo(body, ids);
        schedule.setToolTipText(Messages.TrainingForm_scheduleTip);
        schedule.addListener(SWT.Selection, e -> edit(() -> {
            if (schedule.getSelectionIndex() == 0) {
                draft.remove("schedule");
            } else {
                draft.putObject("schedule").put("id", schedule.getText());
            }
            showScheduleFields();
        }));
        scheduleFields = new Composite(body, SWT.NONE);
        scheduleFields.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        preview = new LabChart(body);
        GridData chartData = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        chartData.heightHint = 260;
        preview.control().setLayoutData(chartData);
        preview.setTitles(Messages.TrainingForm_share, Messages.TrainingForm_previewLr);
        preview.setLegendVisible(false);
    }

    void createRun(Composite body, Runnable run) {
        body.setLayout(new GridLayout(2, false));
        label(body, Messages.TrainingForm_epochs);
        epochs = Spinners.of(body, 1, 10_000, 5);
        typedIn(epochs, Messages.TrainingForm_epochs);
        epochs.addListener(SWT.Modify, e -> edit(() -> draft.put("epochs", epochs.getSelection())));
        label(body, Messages.TrainingForm_batch);
        batch = Spinners.of(body, 1, 1_000_000, 128);
        typedIn(batch, Messages.TrainingForm_batch);
        batch.addListener(SWT.Modify, e -> edit(() -> draft.put("batch_size", batch.getSelection())));
        seed = field(body, Messages.TrainingForm_seed, "42", Messages.TrainingForm_seedTip,
                "", "seed");
        seed.addListener(SWT.Modify, e -> edit(() -> set("seed", seed.getText())));
        label(body, Messages.TrainingForm_backend);
        Composite backends = new Composite(body, SWT.NONE);
        backends.setLayout(new GridLayout(2, false));
        cpu = new Button(backends, SWT.RADIO);
        cpu.setText(Messages.TrainingForm_cpu);
        gpu = new Button(backends, SWT.RADIO);
        gpu.setText(Messages.TrainingForm_gpu);
        cpu.addListener(SWT.Selection, e -> edit(() -> draft.put("backend", gpu.getSelection() ? "gpu" : "cpu")));
        gpu.addListener(SWT.Selection, e -> edit(() -> draft.put("backend", gpu.getSelection() ? "gpu" : "cpu")));
        clip = field(body, Messages.TrainingForm_clip, Messages.TrainingForm_clipDefault,
                Messages.TrainingForm_clipTip, "", "clip_grad_norm");
        clip.addListener(SWT.Modify, e -> edit(() -> set("clip_grad_norm", clip.getText())));
        label(body, Messages.TrainingForm_evaluateEvery);
        evaluateEvery = Spinners.of(body, 0, Integer.MAX_VALUE, 0);
        typedIn(evaluateEvery, Messages.TrainingForm_evaluateEvery);
        evaluateEvery.setToolTipText(Messages.TrainingForm_evaluateEveryTip);
        evaluateEvery.addListener(SWT.Modify, e -> edit(() -> draft.put("evaluate_every",
                evaluateEvery.getSelection())));
        label(body, "");
        Button start = new Button(body, SWT.PUSH);
        start.setText(Messages.TrainingForm_run);
        start.setToolTipText(Messages.TrainingForm_runTip);
        start.addListener(SWT.Selection, e -> run.run());
        createErrorLine(body);
    }

    @Override
    protected void show() {
        name.setText(draft.path("name").asText(""));
        dataset.select(Math.max(0, datasets.indexOf(draft.path("dataset").path("id").asText())));
        String s = draft.path("dataset").path("subset").asText("");
        subset.select(s.equals("embedded") ? 1 : s.equals("full") ? 2 : 0);
        path.setText(draft.path("dataset").path("path").asText(""));
        model.select(Math.max(0, MODELS.indexOf(draft.path("model").path("id").asText("mlp"))));
        hidden.setText(draft.path("model").has("hidden") ? listText(draft.path("model").get("hidden")) : "");
        activation.select(Math.max(0, ACTIVATIONS.indexOf(draft.path("model").path("activation").asText("relu"))));
        updateModelFields();
        optimizers.refreshEntries(0);
        String id = draft.path("schedule").path("id").asText("");
        schedule.select(Math.max(0, schedule.indexOf(id)));
        showScheduleFields();
        epochs.setSelection(draft.path("epochs").asInt(5));
        batch.setSelection(draft.path("batch_size").asInt(128));
        seed.setText(draft.has("seed") ? draft.get("seed").asText() : "");
        boolean onGpu = draft.path("backend").asText("cpu").equals("gpu");
        cpu.setSelection(!onGpu);
        gpu.setSelection(onGpu);
        clip.setText(draft.has("clip_grad_norm") ? draft.get("clip_grad_norm").asText() : "");
        evaluateEvery.setSelection(draft.path("evaluate_every").asInt(0));
    }

    /** After any change: the preview follows the schedule and the rate. */
    void changedElsewhere() {
        drawPreview();
    }

    private void updateModelFields() {
        boolean mlp = model.getText().equals("mlp");
        hidden.setEnabled(mlp);
        activation.setEnabled(mlp);
    }

    /** The chosen schedule's parameters, as fields generated from its descriptor. */
    private void showScheduleFields() {
        for (Control c : scheduleFields.getChildren()) {
            c.dispose();
        }
        scheduleFields.setLayout(new GridLayout(2, false));
        JsonNode spec = draft.path("schedule");
        if (spec.isObject()) {
            ObjectNode node = (ObjectNode) spec;
            for (HyperParameter p : Schedules.descriptor(node.path("id").asText()).parameters()) {
                Text t = field(scheduleFields, p.name(), HyperParameter.format(p.defaultValue()),
                        NLS.bind(Messages.TrainingForm_parameterTip, p.description(), p.validValues()),
                        node.has(p.name()) ? node.get(p.name()).asText() : "", "schedule");
                t.addListener(SWT.Modify, e -> edit(() -> {
                    if (t.getText().isBlank()) {
                        node.remove(p.name());
                    } else {
                        node.set(p.name(), scalar(t.getText().trim()));
                    }
                }));
            }
        }
        drawPreview();
        relayout();
    }

    /** lr against the share of the run, for the first optimizer's lr (its default when not given). */
    private void drawPreview() {
        if (preview == null || preview.control().isDisposed()) {
            return;
        }
        double base = baseRate();
        double[] lr;
        try {
            JsonNode spec = draft.path("schedule");
            var rate = spec.isObject() ? Schedules.descriptor(spec.path("id").asText()).create(base, PREVIEW_STEPS,
                    parameters(spec)) : null;
            lr = LongStream.range(0, PREVIEW_STEPS).mapToDouble(t -> rate == null ? base : rate.at(t)).toArray();
        } catch (IllegalArgumentException e) {
            preview.setEmptyText(Messages.TrainingForm_noPreview);
            preview.setSeries(List.of());
            return; // the parser reports the problem
        }
        double[] share = LongStream.range(0, PREVIEW_STEPS).mapToDouble(t -> (double) t / PREVIEW_STEPS).toArray();
        preview.setSeries(List.of(new LabChart.Series("lr", Colours.categorical(0), share, lr)));
    }

    /** A schedule object's parameters (all but its id) as plain values. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(JsonNode spec) {
        Map<String, Object> all = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(spec, Map.class);
        all.remove("id");
        return all;
    }

    private double baseRate() {
        JsonNode first = draft.path("optimizers").path(0);
        if (first.path("lr").isNumber()) {
            return first.get("lr").asDouble();
        }
        return registry.descriptor(first.path("id").asText("")).flatMap(d -> d.hyperParameter("lr"))
                .map(h -> ((Number) h.defaultValue()).doubleValue()).orElse(0.001);
    }

    private ObjectNode dataset() {
        return draft.has("dataset") && draft.get("dataset").isObject() ? (ObjectNode) draft.get("dataset")
                : draft.putObject("dataset");
    }

    private ObjectNode model() {
        return draft.has("model") && draft.get("model").isObject() ? (ObjectNode) draft.get("model")
                : draft.putObject("model");
    }

    private void option(String key, String value) {
        if (value.isEmpty()) {
            dataset().remove(key);
        } else {
            dataset().put(key, value);
        }
    }

    private void set(String key, String text) {
        if (text.isBlank()) {
            draft.remove(key);
        } else {
            draft.set(key, scalar(text.trim()));
        }
    }

    private static Combo combo(Composite parent, List<String> items) {
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        items.forEach(combo::add);
        combo.setVisibleItemCount(Math.min(16, items.size()));
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return combo;
    }

    /** The default document of a new training experiment. */
    static ObjectNode defaultDocument(String name) {
        ObjectNode d = JSON.objectNode();
        d.put("name", name);
        d.putObject("dataset").put("id", "fashion-mnist").put("subset", "embedded");
        d.putObject("model").put("id", "mlp").putArray("hidden").add(256);
        d.withArray("optimizers").addObject().put("id", "adam").put("lr", 0.001);
        d.withArray("optimizers").addObject().put("id", "momentum").put("lr", 0.05);
        d.put("epochs", 3);
        d.put("batch_size", 128);
        d.put("seed", 42);
        d.put("backend", "cpu");
        return d;
    }
}
