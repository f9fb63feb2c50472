package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optlab.datasets.DatasetRegistry;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.runner.experiment.Sweep;
import org.optlab.ui.internal.editor.NewSweepWizard;
import org.optlab.ui.internal.editor.OpenExperimentHandler;
import org.optlab.ui.internal.editor.SweepEditor;
import org.optlab.ui.internal.editor.SweepForm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sweep editor as a person uses it: New Sweep writes a file the sweep parser accepts and opens it; a search edited
 * in the Optimizers page changes the document, the table and the Source page; a bad value shows the parser's own
 * message on its field; undo takes it back; Save writes a valid sweep; Open Experiment opens a sweep in this editor.
 */
class SweepEditorTest {

    private final IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    private final OptimizerRegistry registry = OptimizerRegistry.fromExtensions();
    private final List<String> datasets = DatasetRegistry.fromExtensions().ids();

    @AfterEach
    void close() {
        page.closeAllEditors(false);
    }

    private Sweep parse(Path file) {
        return Sweep.parse(ExperimentFiles.read(file), file.getParent(), registry, datasets);
    }

    private SweepEditor create(Path folder, String name, boolean training) {
        NewSweepWizard wizard = new NewSweepWizard();
        WizardDialog dialog = new WizardDialog(page.getWorkbenchWindow().getShell(), wizard);
        dialog.create();
        try {
            assertNull(wizard.fill(name, folder, training));
            assertTrue(wizard.performFinish());
        } finally {
            dialog.close();
        }
        return assertInstanceOf(SweepEditor.class, wizard.opened());
    }

    @Test
    void theTrainingStartingPointIsAValidSweepThatEditsUndoesAndSaves() throws Exception {
        Path folder = Files.createTempDirectory("sweep");
        SweepEditor editor = create(folder, "study", true);
        Path file = folder.resolve("study.json");
        assertTrue(Files.exists(file));
        assertFalse(editor.isDirty());

        // the starting point as the issue describes it: softmax on the embedded subset, three optimizers, 3 seeds
        Sweep sweep = parse(file);
        assertTrue(sweep.training());
        assertEquals("softmax", sweep.experiment().path("model").path("id").asText());
        assertEquals("embedded", sweep.experiment().path("dataset").path("subset").asText());
        assertEquals(List.of("sgd", "momentum", "adam"), sweep.optimizers().stream().map(o -> o.id()).toList());
        assertEquals(List.of(1L, 2L, 3L), sweep.seeds());
        List<Map<String, Object>> lrs = sweep.optimizers().get(0).space().points(42);
        assertEquals(5, lrs.size());
        // a log grid from 1e-4 to 1 in 5 points has one point per decade: its middle is 10^-2
        assertEquals(1e-4, (Double) lrs.get(0).get("lr"), 1e-18);
        assertEquals(1e-2, (Double) lrs.get(2).get("lr"), 1e-15);
        assertEquals(1.0, (Double) lrs.get(4).get("lr"), 1e-15);

        // edit the first optimizer's lr points in the Optimizers page
        editor.showPage(1);
        SweepForm form = editor.sweepForm();
        form.select(0);
        form.selectParameter("lr");
        Text points = form.searchField("points");
        assertEquals("5", points.getText());
        assertEquals("lr log 1e-4..1 x5", form.table().getItem(0).getText(3));
        points.setText("7");
        assertEquals(7, editor.document().at("/optimizers/0/search/lr/points").asInt());
        assertTrue(editor.isDirty());
        assertEquals("lr log 1e-4..1 x7", form.table().getItem(0).getText(3));
        editor.showPage(editor.sourcePage());
        assertTrue(editor.source().getText().replaceAll("\\s", "").contains("\"points\":7"),
                editor.source().getText());
        editor.showPage(1);
        editor.history().seal(); // the field lost the focus to the Source page: the next typing is a new operation

        // a bad value: the parser's own message, its field marked
        points.setText("0");
        ExperimentException expected = assertThrows(ExperimentException.class, () -> Sweep.parse(editor.document(),
                folder, registry, datasets));
        assertEquals("optimizers[0].search.lr.points", expected.field());
        assertEquals(expected.getMessage(), form.errorText());
        assertTrue(form.errorText().contains("optimizers[0].search.lr.points"), form.errorText());
        assertEquals(points.getDisplay().getSystemColor(SWT.COLOR_YELLOW), points.getBackground());

        // undo takes back the 0 (the problem goes), then the 7 (clean: the file's 5 again); redo brings the 7 back
        assertTrue(editor.history().undo());
        assertEquals(7, editor.document().at("/optimizers/0/search/lr/points").asInt());
        assertEquals("7", points.getText());
        assertEquals("", form.errorText());
        assertTrue(editor.isDirty());
        assertTrue(editor.history().undo());
        assertEquals(5, editor.document().at("/optimizers/0/search/lr/points").asInt());
        assertEquals("5", points.getText());
        assertFalse(editor.isDirty(), "undone back to the file: clean");
        assertTrue(editor.history().redo());
        assertEquals(7, editor.document().at("/optimizers/0/search/lr/points").asInt());
        assertTrue(editor.history().undo());
        editor.history().seal();

        // random search: a loguniform range needs a budget (the parser says so), then draws that many points
        Combo kind = form.kindCombo();
        kind.select(SweepForm.KINDS.indexOf("loguniform"));
        kind.notifyListeners(SWT.Selection, new Event());
        assertTrue(editor.document().at("/optimizers/0/search/lr/loguniform").isArray());
        assertTrue(form.errorText().contains("optimizers[0].search.lr.loguniform")
                && form.errorText().contains("budget"), form.errorText());
        form.searchField("budget").setText("8");
        assertEquals("", form.errorText());
        editor.history().seal();

        // seeds: a seed twice is the parser's error on that seed; then two new seeds
        editor.showPage(2);
        Text seeds = editor.form().fieldText("seeds").orElseThrow();
        seeds.setText("4, 5, 5");
        assertTrue(form.errorText().startsWith("field 'seeds[2]'"), form.errorText());
        seeds.setText("4, 5");
        assertEquals("", form.errorText());

        // save: the file is a sweep the parser accepts, with every edit in it
        editor.doSave(null);
        assertFalse(editor.isDirty());
        Sweep saved = parse(file);
        assertEquals(List.of(4L, 5L), saved.seeds());
        assertTrue(saved.optimizers().get(0).space().isRandom());
        List<Map<String, Object>> drawn = saved.optimizers().get(0).space().points(42);
        assertEquals(8, drawn.size());
        for (Map<String, Object> p : drawn) {
            double lr = (Double) p.get("lr");
            assertTrue(lr >= 1e-4 && lr <= 1, "lr " + lr + " outside [1e-4, 1]");
        }
        assertEquals(5, saved.optimizers().get(1).space().points(42).size(), "the other optimizers are untouched");

        // opening the sweep file again (File > Open Experiment) brings up this editor
        page.closeAllEditors(false);
        SweepEditor reopened = assertInstanceOf(SweepEditor.class, OpenExperimentHandler.open(file, page));

        // Add Optimizer (adam again: it gets a label of its own) and Remove, each one undoable operation
        reopened.showPage(1);
        SweepForm again = reopened.sweepForm();
        press(again, "Add Optimizer");
        assertEquals(4, reopened.document().get("optimizers").size());
        assertEquals("adam-2", reopened.document().at("/optimizers/3/label").asText());
        assertEquals(4, again.table().getItemCount());
        assertEquals("", again.errorText(), "the added optimizer is a valid part of the sweep");
        Sweep four = Sweep.parse(reopened.document(), folder, registry, datasets);
        assertEquals(6, four.optimizers().get(3).space().points(42).size());
        again.select(1);
        press(again, "Remove");
        assertEquals(List.of("sgd", "adam", "adam"), List.of(reopened.document().at("/optimizers/0/id").asText(),
                reopened.document().at("/optimizers/1/id").asText(), reopened.document().at("/optimizers/2/id")
                        .asText()));
        assertTrue(reopened.history().undo());
        assertTrue(reopened.history().undo());
        assertEquals(3, again.table().getItemCount());
        assertFalse(reopened.isDirty());
    }

    /** Presses the button labelled {@code text} on the page of the form's table. */
    private static void press(SweepForm form, String text) {
        org.eclipse.swt.widgets.Button button = find(form.table().getParent(), text);
        assertNotNull(button, "no button " + text);
        button.notifyListeners(SWT.Selection, new Event());
    }

    private static org.eclipse.swt.widgets.Button find(org.eclipse.swt.widgets.Composite parent, String text) {
        for (org.eclipse.swt.widgets.Control c : parent.getChildren()) {
            if (c instanceof org.eclipse.swt.widgets.Button b && text.equals(b.getText())) {
                return b;
            }
            if (c instanceof org.eclipse.swt.widgets.Composite inner && find(inner, text) != null) {
                return find(inner, text);
            }
        }
        return null;
    }

    @Test
    void theSurfaceStartingPointIsATwoAxisMomentumSweepOnRosenbrock() throws Exception {
        Path folder = Files.createTempDirectory("sweep");
        SweepEditor editor = create(folder, "stability", false);
        Sweep sweep = parse(folder.resolve("stability.json"));
        assertFalse(sweep.training());
        assertEquals("rosenbrock", sweep.experiment().path("surface").path("id").asText());
        assertEquals(1, sweep.optimizers().size());
        assertEquals("momentum", sweep.optimizers().get(0).id());
        assertEquals(List.of("lr", "momentum"), sweep.optimizers().get(0).space().names());
        List<Map<String, Object>> grid = sweep.optimizers().get(0).space().points(42);
        assertEquals(13 * 12, grid.size());
        // the last axis varies fastest: the first 12 points share the lowest lr and run momentum 0 .. 0.99
        assertEquals(1e-5, (Double) grid.get(0).get("lr"), 1e-20);
        assertEquals(0.0, (Double) grid.get(0).get("momentum"), 0);
        assertEquals(0.99, (Double) grid.get(11).get("momentum"), 1e-15);
        assertEquals(0.09, (Double) grid.get(1).get("momentum"), 1e-15);
        assertEquals(1e-2, (Double) grid.get(grid.size() - 1).get("lr"), 1e-17);
        assertEquals("final_loss", sweep.objective().metric());

        // the table shows both axes of the search as text
        editor.showPage(1);
        assertEquals("lr log 1e-5..0.01 x13; momentum linear 0..0.99 x12",
                editor.sweepForm().table().getItem(0).getText(3));
        assertFalse(editor.isDirty());
    }
}
