package org.optlab.ui.views;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.internal.training.Problems;

/**
 * The training runs of the workspace: status, a progress bar, elapsed time and best test accuracy, with Stop, Delete and
 * Open (the run's curves in the Training Charts view). Selecting runs shows them in the charts. Updates from the runs
 * are coalesced into one refresh every {@value #REFRESH_MS} ms.
 */
public final class RunsView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.runs";
    private static final int REFRESH_MS = 250;

    private TableViewer viewer;
    /** What each column shows, in order. */
    private final List<java.util.function.Function<StoredRun, String>> cells = new java.util.ArrayList<>();
    private RunStore store;
    private boolean refreshScheduled;
    private final Consumer<StoredRun> onChange = run -> scheduleRefresh();

    @Override
    public void createPartControl(Composite parent) {
        store = Lab.runs();
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        // status and progress first: the view often sits in a narrow column, and they are what one looks for
        column("Run", 200, StoredRun::id);
        column("Status", 80, r -> r.status().name().toLowerCase(Locale.ROOT));
        column("Progress", 80, r -> String.format(Locale.ROOT, "%.0f %%", 100 * r.progress()));
        column("Optimizers", 140, RunsView::optimizers);
        column("Data and model", 150, r -> r.experiment().path("dataset").path("id").asText("?") + " / "
                + r.experiment().path("model").path("id").asText("?"));
        column("Seed", 50, r -> r.experiment().path("seed").asText("42"));
        column("Elapsed", 70, r -> r.status() == StoredRun.Status.WAITING ? "" : elapsed(r.elapsedSeconds()));
        column("Best test accuracy", 130, r -> Double.isNaN(r.bestTestAccuracy()) ? ""
                : String.format(Locale.ROOT, "%.4f", r.bestTestAccuracy()));
        column("Message", 300, StoredRun::message);
        drawProgressBars(2);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(store.runs());
        viewer.addDoubleClickListener(e -> open());
        getSite().setSelectionProvider(viewer);
        store.addListener(onChange);
        viewer.getTable().addDisposeListener(e -> store.removeListener(onChange));
        var toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(action("Stop", "Stop the selected runs (what they reported is kept)", this::stop));
        toolbar.add(action("Delete", "Stop and delete the selected runs and their files", this::delete));
        toolbar.add(action("Open", "Show the selected runs in the Training Charts view", runs -> open()));
        tick();
    }

    /** The optimizers of a run's experiment, as their labels (or ids) read. */
    private static String optimizers(StoredRun run) {
        List<String> names = new java.util.ArrayList<>();
        run.experiment().path("optimizers").forEach(o -> names.add(o.path("label").asText(o.path("id").asText("?"))));
        return String.join(", ", names);
    }

    /** The texts of a run's row, column by column, as the table shows them. */
    public List<String> row(StoredRun run) {
        return cells.stream().map(c -> c.apply(run)).toList();
    }

    private void column(String title, int width, java.util.function.Function<StoredRun, String> text) {
        cells.add(text);
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((StoredRun) element);
            }
        });
    }

    /** Draws the cells of column {@code index} as a bar filled to the run's progress, under its percentage. */
    private void drawProgressBars(int index) {
        var table = viewer.getTable();
        table.addListener(SWT.EraseItem, e -> {
            if (e.index == index) {
                e.detail &= ~SWT.FOREGROUND;
            }
        });
        table.addListener(SWT.PaintItem, e -> {
            if (e.index != index || !(e.item.getData() instanceof StoredRun run)) {
                return;
            }
            var bounds = ((org.eclipse.swt.widgets.TableItem) e.item).getBounds(index);
            int width = (int) Math.round((bounds.width - 4) * run.progress());
            boolean bad = run.status() == StoredRun.Status.FAILED || run.status() == StoredRun.Status.KILLED;
            var colour = e.display.getSystemColor(bad ? SWT.COLOR_RED
                    : run.status() == StoredRun.Status.STOPPED ? SWT.COLOR_GRAY : SWT.COLOR_LIST_SELECTION);
            e.gc.setBackground(colour);
            e.gc.setAlpha(90);
            e.gc.fillRectangle(bounds.x + 2, bounds.y + 2, width, bounds.height - 4);
            e.gc.setAlpha(255);
            String text = String.format(Locale.ROOT, "%.0f %%", 100 * run.progress());
            var extent = e.gc.textExtent(text);
            e.gc.setForeground(e.display.getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            e.gc.drawText(text, bounds.x + (bounds.width - extent.x) / 2, bounds.y + (bounds.height - extent.y) / 2,
                    true);
        });
    }

    private Action action(String text, String tip, Consumer<List<StoredRun>> work) {
        Action action = new Action(text) {
            @Override
            public void run() {
                work.accept(selection());
            }
        };
        action.setToolTipText(tip);
        return action;
    }

    private List<StoredRun> selection() {
        return ((IStructuredSelection) viewer.getSelection()).toList().stream().map(StoredRun.class::cast).toList();
    }

    /** Stops the runs in a job: each may take a few seconds to end (the UI goes on meanwhile). */
    private void stop(List<StoredRun> runs) {
        if (!runs.isEmpty()) {
            Job.create("Stopping " + runs.size() + " run" + (runs.size() == 1 ? "" : "s"), monitor -> {
                runs.parallelStream().forEach(store::stop);
            }).schedule();
        }
    }

    private void delete(List<StoredRun> runs) {
        if (runs.isEmpty() || !MessageDialog.openConfirm(getSite().getShell(), "Delete runs", "Delete " + runs.size()
                + " run" + (runs.size() == 1 ? "" : "s") + " and all their files?")) {
            return;
        }
        Job.create("Deleting " + runs.size() + " run" + (runs.size() == 1 ? "" : "s"), monitor -> {
            for (StoredRun run : runs) {
                try {
                    store.delete(run); // stops it first, and waits for its process to end
                } catch (IOException e) {
                    Problems.report("Could not delete " + run.directory() + ": " + e.getMessage(), e);
                }
            }
        }).schedule();
    }

    private void open() {
        try {
            getSite().getPage().showView(TrainingChartsView.ID);
        } catch (PartInitException e) {
            MessageDialog.openError(getSite().getShell(), "Open", e.getMessage());
        }
    }

    /** Refreshes once for every burst of changes. */
    private void scheduleRefresh() {
        Display display = viewer.getControl().getDisplay();
        display.asyncExec(() -> {
            if (refreshScheduled || viewer.getControl().isDisposed()) {
                return;
            }
            refreshScheduled = true;
            display.timerExec(REFRESH_MS, () -> {
                refreshScheduled = false;
                if (!viewer.getControl().isDisposed()) {
                    viewer.setInput(store.runs());
                }
            });
        });
    }

    /** Elapsed times move while runs run: a refresh every second then. */
    private void tick() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        if (store.runs().stream().anyMatch(r -> r.status() == StoredRun.Status.RUNNING)) {
            viewer.refresh();
        }
        viewer.getControl().getDisplay().timerExec(1000, this::tick);
    }

    private static String elapsed(double seconds) {
        long s = Math.round(seconds);
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** The runs on display (for tests). */
    public List<StoredRun> runs() {
        return store.runs();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
