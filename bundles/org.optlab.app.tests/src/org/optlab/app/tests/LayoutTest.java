package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optlab.app.tests.Ui.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.optlab.app.internal.LabPerspective;
import org.optlab.ui.views.TrainingChartsView;

/** The Lab perspective at the smallest size we support, with an editor open: every part keeps its minimum size. */
class LayoutTest {

    private static Point size(IWorkbenchPart part) {
        MPart model = part.getSite().getService(MPart.class);
        assertNotNull(model, "no model for " + part.getTitle());
        Control control = (Control) model.getWidget();
        assertNotNull(control, part.getTitle() + " is not rendered");
        return control.getSize();
    }

    /** The lab's perspective, reset, in a window of 1280 x 800. */
    private static IWorkbenchPage labAt1280x800() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(LabPerspective.ID, window);
        page.resetPerspective();
        window.getShell().setMaximized(false);
        window.getShell().setSize(1280, 800);
        return page;
    }

    @Test
    void theGuidesListSitsAboveItsTextInTheNarrowColumnAndBesideItWhenTheViewIsWide() throws Exception {
        IWorkbenchPage page = labAt1280x800();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        org.optlab.ui.views.GuidesView guides = (org.optlab.ui.views.GuidesView) page.showView(
                org.optlab.ui.views.GuidesView.ID);
        waitFor(display, () -> size(guides).x > 0);
        while (display.readAndDispatch()) {
            // the resize reaches the view
        }
        assertFalse(guides.sideBySide(), "in the lab's left column (" + size(guides) + ") the titles need the width");
        page.setPartState(page.getReference(guides), IWorkbenchPage.STATE_MAXIMIZED);
        waitFor(display, () -> guides.sideBySide());
        page.setPartState(page.getReference(guides), IWorkbenchPage.STATE_RESTORED);
        waitFor(display, () -> !guides.sideBySide());
    }

    @Test
    void at1280x800WithAnEditorOpenEveryViewKeepsItsMinimumSize() throws Exception {
        IWorkbenchPage page = labAt1280x800();
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        // the charts' stack active, another view on top of it: the editor must still bring the charts forward
        page.showView(org.optlab.ui.views.TrajectoryView.ID);
        Path file = Files.createTempDirectory("layout").resolve("layout.json");
        IEditorPart editor = org.optlab.ui.internal.editor.NewExperimentHandler.create(file, page);
        assertNotNull(editor);
        waitFor(display, () -> page.isEditorAreaVisible() && size(editor).y > 0);
        // a training experiment's editor shows the charts of what it runs
        assertTrue(page.isPartVisible(page.findView(TrainingChartsView.ID)), "Training Charts in front");
        List<String> small = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (Map.Entry<String, Point> e : LabPerspective.MINIMUM_SIZES.entrySet()) {
            IViewPart view = page.showView(e.getKey(), null, IWorkbenchPage.VIEW_VISIBLE);
            display.readAndDispatch();
            Point size = size(view);
            measured.add(view.getTitle() + " " + size.x + "x" + size.y);
            if (size.x < e.getValue().x || size.y < e.getValue().y) {
                small.add(view.getTitle() + " is " + size.x + "x" + size.y + ", under its minimum " + e.getValue().x
                        + "x" + e.getValue().y);
            }
        }
        Point editorSize = size(editor);
        measured.add("editor " + editorSize.x + "x" + editorSize.y);
        if (editorSize.x < LabPerspective.EDITOR_MINIMUM.x || editorSize.y < LabPerspective.EDITOR_MINIMUM.y) {
            small.add("the editor is " + editorSize.x + "x" + editorSize.y);
        }
        assertTrue(small.isEmpty(), small + " (measured: " + measured + ")");

        // closing the editor gives its space back to the views below it
        Point chartsWithEditor = size(page.showView(TrainingChartsView.ID, null, IWorkbenchPage.VIEW_VISIBLE));
        page.closeEditor(editor, false);
        waitFor(display, () -> !page.isEditorAreaVisible());
        display.readAndDispatch();
        Point chartsAlone = size(page.findView(TrainingChartsView.ID));
        assertTrue(chartsAlone.y > chartsWithEditor.y + 200, chartsWithEditor + " -> " + chartsAlone);
        assertFalse(page.isEditorAreaVisible());
    }
}
