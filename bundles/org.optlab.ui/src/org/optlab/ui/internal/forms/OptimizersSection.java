package org.optlab.ui.internal.forms;

import java.util.Iterator;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * The "optimizers" of an experiment document: the list of entries with Add and Remove, and the selected entry's
 * hyper-parameters in fields generated from its descriptor (empty means the default, shown greyed). Shared by the
 * trajectory lab's form and the training experiment editor.
 */
public final class OptimizersSection {

    private final JsonForm form;
    private final OptimizerRegistry registry;
    /** Called with an entry's index when the user asks to tune its lr; null: no Tune button. */
    private final IntConsumer onTune;
    private org.eclipse.swt.widgets.List entries;
    private Combo addChoice;
    private Group hyperGroup;
    private Composite hyperFields;

    /** Creates the section's two groups in {@code body}, a two-column grid. */
    public OptimizersSection(JsonForm form, Composite body, OptimizerRegistry registry, IntConsumer onTune) {
        this.form = form;
        this.registry = registry;
        this.onTune = onTune;
        Group optimizers = new Group(body, SWT.NONE);
        optimizers.setText(Messages.OptimizersSection_optimizers);
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
        add.setText(Messages.OptimizersSection_add);
        add.setToolTipText(Messages.OptimizersSection_addTip);
        add.addListener(SWT.Selection, e -> {
            draft().withArray("optimizers").addObject().put("id", addChoice.getText());
            refreshEntries(draft().withArray("optimizers").size() - 1);
            form.changed(NLS.bind(Messages.OptimizersSection_addUndo, addChoice.getText()));
        });
        Button remove = new Button(optimizers, SWT.PUSH);
        remove.setText(Messages.OptimizersSection_remove);
        remove.setToolTipText(Messages.OptimizersSection_removeTip);
        remove.addListener(SWT.Selection, e -> {
            int i = entries.getSelectionIndex();
            ArrayNode list = draft().withArray("optimizers");
            if (i >= 0 && list.size() > 1) {
                list.remove(i);
                refreshEntries(Math.min(i, list.size() - 1));
                form.changed(Messages.OptimizersSection_removeUndo);
            }
        });

        hyperGroup = new Group(body, SWT.NONE);
        hyperGroup.setText(Messages.OptimizersSection_hyperParameters);
        hyperGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1));
        hyperGroup.setLayout(new GridLayout(1, false));
        hyperFields = new Composite(hyperGroup, SWT.NONE);
        hyperFields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));

    }

    private ObjectNode draft() {
        return form.document();
    }

    /** The index of the entry selected in the list (-1 when none). */
    public int selected() {
        return entries.getSelectionIndex();
    }

    /** Selects entry {@code index} and shows its hyper-parameters. */
    public void select(int index) {
        entries.select(index);
        showHyperParameters();
    }

    /** The hyper-parameters of the selected optimizer, generated from its descriptor. */
    private void showHyperParameters() {
        for (Control c : hyperFields.getChildren()) {
            c.dispose();
        }
        hyperFields.setLayout(new GridLayout(2, false));
        int index = entries.getSelectionIndex();
        ArrayNode list = draft().withArray("optimizers");
        if (index < 0 || index >= list.size()) {
            hyperGroup.setText(Messages.OptimizersSection_hyperParameters);
            form.relayout();
            return;
        }
        ObjectNode entry = (ObjectNode) list.get(index);
        String id = entry.path("id").asText();
        String prefix = "optimizers[" + index + "].";
        hyperGroup.setText(NLS.bind(Messages.OptimizersSection_hyperParametersOf, id));
        Text labelText = form.field(hyperFields, "label", id, Messages.OptimizersSection_labelTip,
                entry.path("label").asText(""), prefix + "label");
        labelText.addListener(SWT.Modify, e -> form.edit(() -> {
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
            if (onTune != null && descriptor.hyperParameter("lr").isPresent()) {
                new Label(hyperFields, SWT.NONE);
                Button tune = new Button(hyperFields, SWT.PUSH);
                tune.setText(Messages.OptimizersSection_tune);
                tune.setToolTipText(Messages.OptimizersSection_tuneTip);
                tune.addListener(SWT.Selection, e -> onTune.accept(index));
            }
        });
        form.relayout();
    }

    private void createHyperField(ObjectNode entry, int index, String prefix, HyperParameter h) {
        String tip = h.description() + (h.kind() == HyperParameter.Kind.BOOLEAN || h.kind() == HyperParameter.Kind.OPTIMIZER
                ? "" : NLS.bind(Messages.OptimizersSection_valid, h.validValues()))
                + NLS.bind(Messages.OptimizersSection_default, HyperParameter.format(h.defaultValue()));
        switch (h.kind()) {
            case BOOLEAN -> {
                new Label(hyperFields, SWT.NONE).setText(h.name());
                Button check = new Button(hyperFields, SWT.CHECK);
                check.setSelection(entry.has(h.name()) ? entry.get(h.name()).asBoolean()
                        : Boolean.TRUE.equals(h.defaultValue()));
                check.setToolTipText(tip);
                check.addListener(SWT.Selection, e -> form.edit(() -> entry.put(h.name(), check.getSelection())));
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
                inner.addListener(SWT.Selection, e -> form.edit(() -> entry.put(h.name(), inner.getText())));
            }
            default -> {
                JsonNode given = entry.get(h.name());
                String shown = given == null ? "" : given.isArray() ? JsonForm.listText(given) : given.asText();
                Text t = form.field(hyperFields, h.name(), HyperParameter.format(h.defaultValue()), tip, shown,
                        prefix + h.name());
                t.addListener(SWT.Modify, e -> form.edit(() -> {
                    String typed = t.getText().trim();
                    if (typed.isEmpty()) {
                        entry.remove(h.name());
                    } else if (h.kind() == HyperParameter.Kind.REAL_LIST || h.kind() == HyperParameter.Kind.INTEGER_LIST) {
                        entry.set(h.name(), JsonForm.listNode(typed));
                    } else {
                        entry.set(h.name(), JsonForm.scalar(typed));
                    }
                    entries.setItem(index, entryText(entry));
                }));
            }
        }
    }

    /** Shows the document's entries again, selecting {@code select}. */
    public void refreshEntries(int select) {
        entries.removeAll();
        for (JsonNode entry : draft().withArray("optimizers")) {
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

}
