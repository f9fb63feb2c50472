package org.optlab.ui.internal.trajectory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.ui.internal.forms.JsonForm;
import org.optlab.ui.internal.forms.OptimizersSection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * The form of a surface experiment. It edits the experiment's JSON document (the very format of experiment files) and
 * leaves all checking to the file's parser: what the user types goes into the document as typed (a number when it
 * reads as one, the text otherwise), so the form reports exactly the errors {@code optlab run} would, with the field
 * named. Hyper-parameter fields are generated from the optimizers' descriptors; a field left empty takes the
 * default, shown greyed in it.
 */
public final class ExperimentForm extends JsonForm {

    private static final String FORMULA = Messages.ExperimentForm_formula;

    private final OptimizerRegistry registry;
    private final IntConsumer onTune;
    private final ScrolledComposite scroll;
    private final Composite body;

    private Text name;
    private Combo surface;
    private Text expression;
    private Text kappa;
    private Spinner steps;
    private Text starts;
    private Text sigma;
    private Spinner seed;
    private OptimizersSection optimizers;

    /**
     * @param onChange called after every edit of the document
     * @param onTune called with the index of the optimizer whose lr the user asks to tune
     */
    public ExperimentForm(Composite parent, OptimizerRegistry registry, Runnable onChange, IntConsumer onTune) {
        super(onChange);
        this.registry = registry;
        this.onTune = onTune;
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
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


    @Override
    protected void show() {
        {
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
            optimizers.refreshEntries(0);
        }
    }

    /** Selects optimizer {@code index} and shows its hyper-parameters. */
    public void selectOptimizer(int index) {
        optimizers.select(index);
    }

    /** The index of the optimizer selected in the list (-1 when none). */
    public int selectedOptimizer() {
        return optimizers.selected();
    }

    /** Puts a tuned learning rate into optimizer {@code index}. */
    public void setLearningRate(int index, double lr) {
        ((ObjectNode) draft.withArray("optimizers").get(index)).put("lr", lr);
        optimizers.refreshEntries(index);
        changed(Messages.ExperimentForm_tuneUndo);
    }

    private void createFields() {
        name = text(Messages.ExperimentForm_name, "experiment", Messages.ExperimentForm_nameTip);
        name.addListener(SWT.Modify, e -> edit(() -> draft.put("name", name.getText())));

        label(body, Messages.ExperimentForm_surface);
        surface = new Combo(body, SWT.READ_ONLY);
        surface.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (Surface s : Surfaces.all()) {
            surface.add(s.name()); // the id, which files use, is in the tooltip: the combo stays narrow
        }
        surface.add(FORMULA);
        surface.setVisibleItemCount(16);
        surface.addListener(SWT.Selection, e -> updateSurfaceTip());
        surface.addListener(SWT.Selection, e -> edit(() -> {
            updateSurfaceFields();
            writeSurface();
            draft.remove("starts"); // the new surface's own starts
            starts.setText("");
        }));
        expression = text(Messages.ExperimentForm_expression, Messages.ExperimentForm_expressionExample,
                Messages.ExperimentForm_expressionTip);
        expression.setData("field", "surface.expression");
        expression.addListener(SWT.Modify, e -> edit(this::writeSurface));
        kappa = text(Messages.ExperimentForm_kappa, "10", Messages.ExperimentForm_kappaTip);
        kappa.setData("field", "surface.kappa");
        kappa.addListener(SWT.Modify, e -> edit(this::writeSurface));

        label(body, Messages.ExperimentForm_steps);
        steps = new Spinner(body, SWT.BORDER);
        steps.setValues(100, 0, 100_000, 0, 10, 100);
        typedIn(steps, Messages.ExperimentForm_steps);
        steps.addListener(SWT.Modify, e -> edit(() -> draft.put("steps", steps.getSelection())));
        starts = text(Messages.ExperimentForm_starts, Messages.ExperimentForm_startsDefault,
                Messages.ExperimentForm_startsTip);
        starts.setData("field", "starts");
        starts.addListener(SWT.Modify, e -> edit(() -> {
            if (starts.getText().isBlank()) {
                draft.remove("starts");
            } else {
                draft.set("starts", pointsNode(starts.getText()));
            }
        }));
        sigma = text(Messages.ExperimentForm_sigma, "0",
                Messages.ExperimentForm_sigmaTip);
        sigma.setData("field", "noise.sigma");
        sigma.addListener(SWT.Modify, e -> edit(() -> writeNoise()));
        label(body, Messages.ExperimentForm_seed);
        seed = new Spinner(body, SWT.BORDER);
        seed.setValues(1, 0, Integer.MAX_VALUE, 0, 1, 10);
        typedIn(seed, Messages.ExperimentForm_seed);
        seed.addListener(SWT.Modify, e -> edit(() -> writeNoise()));

        optimizers = new OptimizersSection(this, body, registry, onTune);
        createErrorLine(body);
    }

    private void updateSurfaceTip() {
        int i = surface.getSelectionIndex();
        surface.setToolTipText(i >= 0 && i < Surfaces.all().size()
                ? NLS.bind(Messages.ExperimentForm_surfaceTip, Surfaces.all().get(i).id())
                : Messages.ExperimentForm_formulaTip);
    }

    private void updateSurfaceFields() {
        updateSurfaceTip();
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

    private Text text(String label, String message, String tip) {
        return field(body, label, message, tip, "", null);
    }

    /** Narrower than this the form scrolls sideways instead of squeezing its fields. */
    private static final int MIN_WIDTH = 260;

    @Override
    protected void relayout() {
        body.layout(true, true);
        int minWidth = Math.min(MIN_WIDTH, body.computeSize(SWT.DEFAULT, SWT.DEFAULT).x);
        int width = Math.max(minWidth, scroll.getClientArea().width);
        scroll.setMinSize(minWidth, body.computeSize(width, SWT.DEFAULT).y);
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
