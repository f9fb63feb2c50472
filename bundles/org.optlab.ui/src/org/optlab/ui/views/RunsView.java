package org.optlab.ui.views;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

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

/**
 * The training runs of the workspace: status, progress, elapsed time and best test accuracy, with Stop, Delete and
 * Open (the run's curves in the Training Charts view). Selecting runs shows them in the charts. Updates from the runs
 * are coalesced into one refresh every {@value #REFRESH_MS} ms.
 */
public final class RunsView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.runs";
    private static final int REFRESH_MS = 250;

    private TableViewer viewer;
    private RunStore store;
    private boolean refreshScheduled;
    private final Consumer<StoredRun> onChange = run -> scheduleRefresh();

    @Override
    public void createPartControl(Composite parent) {
        store = Lab.runs();
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column("Run", 230, StoredRun::id);
        column("Status", 90, r -> r.status().name().toLowerCase(Locale.ROOT));
        column("Progress", 80, r -> String.format(Locale.ROOT, "%.0f %%", 100 * r.progress()));
        column("Elapsed", 70, r -> r.status() == StoredRun.Status.WAITING ? "" : elapsed(r.elapsedSeconds()));
        column("Best test accuracy", 120, r -> Double.isNaN(r.bestTestAccuracy()) ? ""
                : String.format(Locale.ROOT, "%.4f", r.bestTestAccuracy()));
        column("Message", 300, StoredRun::message);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(store.runs());
        viewer.addDoubleClickListener(e -> open());
        getSite().setSelectionProvider(viewer);
        store.addListener(onChange);
        viewer.getTable().addDisposeListener(e -> store.removeListener(onChange));
        var toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(action("Stop", "Stop the selected runs (what they reported is kept)",
                runs -> runs.forEach(store::stop)));
        toolbar.add(action("Delete", "Stop and delete the selected runs and their files", this::delete));
        toolbar.add(action("Open", "Show the selected runs in the Training Charts view", runs -> open()));
        tick();
    }

    private void column(String title, int width, java.util.function.Function<StoredRun, String> text) {
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

    private void delete(List<StoredRun> runs) {
        if (runs.isEmpty() || !MessageDialog.openConfirm(getSite().getShell(), "Delete runs", "Delete " + runs.size()
                + " run" + (runs.size() == 1 ? "" : "s") + " and all their files?")) {
            return;
        }
        for (StoredRun run : runs) {
            try {
                store.delete(run);
            } catch (IOException e) {
                MessageDialog.openError(getSite().getShell(), "Delete runs", "Could not delete " + run.directory()
                        + ": " + e.getMessage());
            }
        }
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
