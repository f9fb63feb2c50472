package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optlab.app.tests.Ui.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.optlab.plot.View;
import org.optlab.runner.store.RunStore;
import org.optlab.ui.internal.editor.NewExperimentHandler;
import org.optlab.ui.internal.editor.TrainingExperimentEditor;
import org.optlab.ui.internal.trajectory.ExperimentForm;
import org.optlab.ui.internal.trajectory.GifExportDialog;
import org.optlab.ui.internal.training.FileJob;
import org.optlab.ui.views.GuidesView;
import org.optlab.ui.views.OptimizersView;
import org.optlab.ui.views.TrainingChartsView;
import org.optlab.ui.views.TrajectoryView;

/**
 * The experiment forms as a person uses them: undo and redo through Edit &gt; Undo / Redo (the workbench's
 * commands, as Ctrl+Z and Ctrl+Shift+Z run them), dirty only on a real change, Open step asking before it replaces
 * an unsaved race, exports named after the experiment and reported in the status line, labels that fit.
 */
class FormsTest {

    private static final String UNDO = "org.eclipse.ui.edit.undo";
    private static final String REDO = "org.eclipse.ui.edit.redo";

    @Test
    void undoAndRedoInTheTrainingEditorRestoreTheFormTheSourceAndTheCleanState() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Path file = Files.createTempDirectory("undo").resolve("quick.json");
        TrainingExperimentEditor editor = NewExperimentHandler.create(file, page);
        assertNotNull(editor);
        page.activate(editor);
        assertFalse(editor.isDirty());

        // viewing the Source page and coming back is not a change
        editor.showPage(editor.sourcePage());
        assertTrue(editor.source().getText().contains("\"quick\""));
        assertFalse(editor.isDirty(), "viewing the source made the editor dirty");
        editor.showPage(0);
        assertFalse(editor.isDirty(), "coming back from the source made the editor dirty");
        assertFalse(enabled(window, "&Edit", "Undo"), "nothing to undo yet");

        // typing in one field is one operation
        Text name = editor.form().fieldText("name").orElseThrow();
        name.setText("r");
        name.setText("re");
        name.setText("renamed");
        assertTrue(editor.isDirty());
        assertEquals("renamed", editor.document().get("name").asText());
        assertTrue(label(window, "&Edit", "Undo").startsWith("&Undo Typing in Name"), label(window, "&Edit", "Undo"));
        assertTrue(enabled(window, "&Edit", "Undo"));
        // a spinner's typing is one operation too, named after its field
        editor.showPage(3);
        org.eclipse.swt.widgets.Spinner epochs = spinner(editor, "Epochs");
        for (int typed : new int[] { 1, 12 }) { // as typing "1", "2" into it: the field changes, Modify follows
            epochs.setSelection(typed);
            epochs.notifyListeners(SWT.Modify, new Event());
        }
        assertEquals(12, editor.document().get("epochs").asInt());
        assertTrue(label(window, "&Edit", "Undo").startsWith("&Undo Typing in Epochs"), label(window, "&Edit", "Undo"));
        execute(window, UNDO);
        assertEquals(3, editor.document().get("epochs").asInt());
        assertEquals(3, epochs.getSelection());
        assertTrue(label(window, "&Edit", "Undo").startsWith("&Undo Typing in Name"), label(window, "&Edit", "Undo"));
        editor.showPage(0);
        // the seed, another field, after the name field lost the focus: a second operation
        editor.history().seal();
        Text seed = editor.form().fieldText("seed").orElseThrow();
        seed.setText("7");
        assertEquals(7, editor.document().get("seed").asInt());

        execute(window, UNDO);
        assertEquals("42", seed.getText());
        assertEquals(42, editor.document().get("seed").asInt());
        assertEquals("renamed", name.getText());
        execute(window, UNDO);
        assertEquals("quick", name.getText(), "one undo takes back the whole typing in the field");
        assertEquals("quick", editor.document().get("name").asText());
        assertFalse(editor.isDirty(), "undone back to the file: clean again");
        editor.showPage(editor.sourcePage());
        assertTrue(editor.source().getText().contains("\"quick\"") && !editor.source().getText().contains("renamed"),
                editor.source().getText());
        assertFalse(editor.isDirty());

        // redo re-applies, on the Source page too
        execute(window, REDO);
        assertEquals("renamed", editor.document().get("name").asText());
        assertTrue(editor.source().getText().contains("\"renamed\""), editor.source().getText());
        assertEquals("renamed", name.getText());
        assertTrue(editor.isDirty());

        // typing in the Source page is undoable as well, and the form follows it
        editor.history().seal();
        editor.source().setText(editor.source().getText().replace("\"renamed\"", "\"typed\""));
        assertEquals("typed", editor.document().get("name").asText());
        assertEquals("typed", name.getText());
        execute(window, UNDO);
        assertEquals("renamed", editor.document().get("name").asText());
        assertTrue(editor.source().getText().contains("\"renamed\""), editor.source().getText());
        // text that does not parse (yet) makes the editor dirty, and nothing else
        editor.source().setText("{\"name\": ");
        assertTrue(editor.isDirty());
        assertEquals("renamed", editor.document().get("name").asText());
        execute(window, UNDO); // back to the file's document and a source that shows it
        assertEquals("quick", editor.document().get("name").asText());
        assertTrue(editor.source().getText().contains("\"quick\""), editor.source().getText());
        assertFalse(editor.isDirty());
        editor.showPage(0);

        // after saving, the saved document is the clean one
        name.setText("saved-name");
        editor.doSave(null);
        assertFalse(editor.isDirty());
        execute(window, UNDO);
        assertEquals("quick", editor.document().get("name").asText());
        assertTrue(editor.isDirty(), "undone past the save: differs from the file");
        execute(window, REDO);
        assertFalse(editor.isDirty());
        page.closeEditor(editor, false);
    }

    @Test
    void undoInTheTrajectoriesFormRestoresTheRaceAndOpenStepAsksBeforeReplacingIt() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Display display = window.getShell().getDisplay();
        TrajectoryView view = (TrajectoryView) page.showView(TrajectoryView.ID);
        resetRace(view, display);
        assertFalse(view.unsaved(), "a race just opened has nothing unsaved");

        view.form().selectOptimizer(2);
        Text lr = view.form().fieldText("optimizers[2].lr").orElseThrow();
        lr.setText("0.02");
        assertTrue(view.unsaved());
        waitFor(display, () -> lr(view, 2) == 0.02);
        page.activate(view);
        execute(window, UNDO);
        assertEquals(0.05, view.form().document().get("optimizers").get(2).get("lr").asDouble(), 0);
        waitFor(display, () -> lr(view, 2) == 0.05); // the race ran again with the restored rate
        assertFalse(view.unsaved());
        execute(window, REDO);
        waitFor(display, () -> lr(view, 2) == 0.02);
        assertTrue(view.unsaved());

        // Open step with the unsaved race: asked; Cancel keeps the race
        GuidesView guides = (GuidesView) page.showView(GuidesView.ID);
        guides.select(0); // step size on a quadratic: surface steps
        List<String> asked = new ArrayList<>();
        guides.setReplaceQuestion(q -> {
            asked.add(q);
            return false;
        });
        assertFalse(guides.openStep());
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains("not saved"), asked.get(0));
        assertEquals("rosenbrock-race", view.experiment().name());
        assertEquals(0.02, view.form().document().get("optimizers").get(2).get("lr").asDouble(), 0);

        // Replace, with the Guides view maximized: the lab comes back in its normal layout
        page.setPartState(page.getReference(guides), IWorkbenchPage.STATE_MAXIMIZED);
        assertEquals(IWorkbenchPage.STATE_MAXIMIZED, page.getPartState(page.getReference(guides)));
        guides.setReplaceQuestion(q -> {
            asked.add(q);
            return true;
        });
        assertTrue(guides.openStep());
        assertEquals(2, asked.size());
        waitFor(display, () -> view.experiment() != null && view.experiment().name().equals("step-size"));
        assertEquals(IWorkbenchPage.STATE_RESTORED, page.getPartState(page.getReference(guides)));
        assertEquals(IWorkbenchPage.STATE_RESTORED, page.getPartState(page.getReference(view)));
        assertFalse(view.unsaved());
        // nothing unsaved now: not asked again
        assertTrue(guides.openStep());
        assertEquals(2, asked.size());
        resetRace(view, display);
    }

    @Test
    void exportsAreNamedAfterTheExperimentRunAsJobsAndSayWhereTheFileWent() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Display display = window.getShell().getDisplay();
        TrajectoryView view = (TrajectoryView) page.showView(TrajectoryView.ID);
        resetRace(view, display);
        page.activate(view);
        assertEquals("rosenbrock-race.png", view.defaultFileName("png"));
        assertEquals("rosenbrock-race.csv", view.defaultFileName("csv"));
        assertEquals("my-race-1.gif", FileJob.fileName(" my race/1 ", "race", "gif"));
        assertEquals("race.gif", FileJob.fileName("..", "race", "gif"));

        Path folder = Files.createTempDirectory("exports");
        Path csv = folder.resolve(view.defaultFileName("csv"));
        Job job = view.exportCsv(csv);
        assertTrue(job.belongsTo(FileJob.FAMILY) && job.isUser());
        waitFor(display, () -> job.getResult() != null);
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().getMessage());
        assertEquals(1 + 12 * 501, Files.readAllLines(csv).size());
        String said = "Saved the trajectories as CSV to " + csv;
        waitFor(display, () -> statusLineTexts(window.getShell()).stream().anyMatch(t -> t.startsWith(said)));

        // the GIF dialog: picture, frames, size and file in one place, proposing the view shown and the name
        GifExportDialog dialog = view.gifDialog();
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            GifExportDialog.Settings proposed = dialog.current();
            assertEquals("rosenbrock-race.gif", proposed.file().getFileName().toString());
            assertEquals(60, proposed.frames());
            assertEquals(Math.max(16, view.canvas().control().getClientArea().width), proposed.width());
            dialog.fill(View.MESH, 4, 120, 90, "");
            assertFalse(dialog.canFinish(), "no file: OK is disabled");
            dialog.fill(null, null, null, null, folder.resolve("mesh.gif").toString());
            assertTrue(dialog.canFinish());
            dialog.pressOk();
        } finally {
            dialog.close();
        }
        GifExportDialog.Settings chosen = dialog.settings();
        assertEquals(new GifExportDialog.Settings(View.MESH, 4, 120, 90, folder.resolve("mesh.gif")), chosen);
        Job gif = view.exportGif(chosen.file(), chosen.frames(), chosen.view(), chosen.width(), chosen.height());
        waitFor(display, () -> gif.getResult() != null);
        assertEquals(IStatus.OK, gif.getResult().getSeverity(), gif.getResult().getMessage());
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(chosen.file().toFile())) {
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true));
            assertEquals(120, reader.getWidth(0));
            assertEquals(90, reader.getHeight(0));
        } finally {
            reader.dispose();
        }

        // the training charts propose the experiment's name too
        Path runs = Files.createTempDirectory("named-runs");
        for (String id : List.of("run1", "run2")) {
            Path dir = Files.createDirectories(runs.resolve(id));
            Files.writeString(dir.resolve("experiment.json"), "{\"name\": \"fashion-mlp\", \"epochs\": 1}");
            Files.writeString(dir.resolve("metrics.csv"),
                    "optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds\nadam,1,1,0.5,,,0.001,1\n");
        }
        TrainingChartsView charts = (TrainingChartsView) page.showView(TrainingChartsView.ID);
        charts.showRuns(new RunStore(runs, 1).runs());
        assertEquals("fashion-mlp-charts.png", charts.defaultFileName());
        charts.showRuns(List.of());
        page.activate(view);
    }

    @Test
    void labelsFitTheirLongestText() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Display display = Display.getCurrent();
        TrajectoryView view = (TrajectoryView) page.showView(TrajectoryView.ID);
        resetRace(view, display);
        // the step label after a relayout at a short text (playing lays the bar out), then the longest one
        view.show(7);
        view.setPlaying(true);
        view.setPlaying(false);
        view.show(500);
        for (int i = 0; i < 10; i++) {
            display.readAndDispatch();
        }
        assertEquals("step 500 / 500", view.playbackText());
        assertTrue(view.playbackFits(), "the step label is cut");
        OptimizersView optimizers = (OptimizersView) page.showView(OptimizersView.ID);
        assertTrue(optimizers.headersFit(), "a column header is cut");
    }

    /** The spinner the form named {@code label} (its Undo name). */
    private static org.eclipse.swt.widgets.Spinner spinner(TrainingExperimentEditor editor, String label) {
        List<Control> all = new ArrayList<>();
        collect(editor.source().getParent(), all);
        return all.stream().filter(c -> c instanceof org.eclipse.swt.widgets.Spinner && label.equals(c.getData("label")))
                .map(org.eclipse.swt.widgets.Spinner.class::cast).findFirst().orElseThrow();
    }

    private static void collect(Composite parent, List<Control> into) {
        for (Control c : parent.getChildren()) {
            into.add(c);
            if (c instanceof Composite composite) {
                collect(composite, into);
            }
        }
    }

    private static double lr(TrajectoryView view, int index) {
        var experiment = view.experiment();
        if (experiment == null || experiment.optimizers().size() <= index) {
            return Double.NaN;
        }
        return ((Number) experiment.optimizers().get(index).hyperParameters().get("lr")).doubleValue();
    }

    /** Puts the lab's default race back, as opened from a file. */
    private static void resetRace(TrajectoryView view, Display display) throws Exception {
        Path race = Files.createTempFile("race", ".json");
        Files.writeString(race, ExperimentForm.defaultDocument().toString());
        view.openExperiment(race);
        waitFor(display, () -> view.experiment() != null && view.experiment().name().equals("rosenbrock-race")
                && view.trajectories().size() == 12 && !view.unsaved());
    }

    /** Runs a workbench command as its key binding does (Ctrl+Z runs org.eclipse.ui.edit.undo). */
    private static void execute(IWorkbenchWindow window, String command) throws Exception {
        Display display = window.getShell().getDisplay();
        while (display.readAndDispatch()) {
            // the handlers' enablement follows the history in async runnables, as between two key presses
        }
        window.getService(IHandlerService.class).executeCommand(command, null);
    }

    /** The item of a menu of the window's menu bar whose text starts with {@code prefix}, as the menu shows it. */
    private static MenuItem item(IWorkbenchWindow window, String menu, String prefix) {
        Display display = window.getShell().getDisplay();
        while (display.readAndDispatch()) {
            // the undo handlers follow the history in async runnables
        }
        for (MenuItem top : window.getShell().getMenuBar().getItems()) {
            if (top.getText().equals(menu)) {
                Menu items = top.getMenu();
                items.notifyListeners(SWT.Show, new Event()); // as opening it does: the items update
                for (MenuItem item : items.getItems()) {
                    if (item.getText().replace("&", "").startsWith(prefix)) {
                        items.notifyListeners(SWT.Hide, new Event());
                        return item;
                    }
                }
                throw new AssertionError("no item " + prefix + " in " + menu);
            }
        }
        throw new AssertionError("no menu " + menu);
    }

    private static boolean enabled(IWorkbenchWindow window, String menu, String prefix) {
        return item(window, menu, prefix).isEnabled();
    }

    private static String label(IWorkbenchWindow window, String menu, String prefix) {
        return item(window, menu, prefix).getText();
    }

    /** The texts of the status line's labels (where the window shows a part's message). */
    private static List<String> statusLineTexts(Composite parent) {
        List<String> texts = new ArrayList<>();
        for (Control c : parent.getChildren()) {
            if (c instanceof CLabel label && label.getText() != null) {
                texts.add(label.getText());
            }
            if (c instanceof Composite composite) {
                texts.addAll(statusLineTexts(composite));
            }
        }
        return texts;
    }
}
