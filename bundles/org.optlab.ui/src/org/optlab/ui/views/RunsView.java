package org.optlab.ui.views;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.training.Lab;
import org.optlab.ui.internal.training.Problems;
import org.eclipse.osgi.util.NLS;
import org.optlab.ui.internal.Messages;

/**
 * The training runs of the workspace: status, a progress bar, the experiment, its optimizers, data and model and seed,
 * elapsed time and best test accuracy, with Stop, Delete and Open (the run's curves in the Training Charts view), and
 * grouped by experiment if wanted (a group's row sums its runs up; selecting it selects its runs). Selecting runs shows
 * them in the charts. Updates from the runs are coalesced into one refresh every {@value #REFRESH_MS} ms.
 */
public final class RunsView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.runs";
    private static final int REFRESH_MS = 250;

    /** The runs of one experiment (by name), a row of the view when it groups by experiment. */
    public record ExperimentGroup(String name, List<StoredRun> runs) {
    }

    private TreeViewer viewer;
    /** What each column shows for a run and for a group of runs, in order. */
    private final List<java.util.function.Function<StoredRun, String>> cells = new java.util.ArrayList<>();
    private final List<java.util.function.Function<ExperimentGroup, String>> groupCells = new java.util.ArrayList<>();
    private boolean grouped;
    private RunStore store;
    private boolean refreshScheduled;
    private final Consumer<StoredRun> onChange = run -> scheduleRefresh();

    @Override
    public void createPartControl(Composite parent) {
        store = Lab.runs();
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        // status and progress first: the view often sits in a narrow column, and they are what one looks for
        column(Messages.RunsView_run, 200, StoredRun::id, g -> NLS.bind(Messages.RunsView_groupName, g.name(), g
                .runs().size()));
        column(Messages.RunsView_status, 80, r -> r.status().name().toLowerCase(Locale.ROOT), RunsView::statuses);
        column(Messages.RunsView_progress, 80, r -> percent(r.progress()), g -> percent(g.runs().stream()
                .mapToDouble(StoredRun::progress).average().orElse(0)));
        column(Messages.RunsView_experiment, 120, StoredRun::name, g -> "");
        column(Messages.RunsView_optimizers, 140, RunsView::optimizers, g -> "");
        column(Messages.RunsView_dataAndModel, 150, r -> r.experiment().path("dataset").path("id").asText("?") + " / "
                + r.experiment().path("model").path("id").asText("?"), g -> "");
        column(Messages.RunsView_seed, 50, r -> r.experiment().path("seed").asText("42"), g -> Messages.format(
                Messages.RunsView_groupSeeds, g.runs().stream().map(r -> r.experiment().path("seed").asText("42"))
                        .distinct().count()));
        column(Messages.RunsView_elapsed, 70, r -> r.status() == StoredRun.Status.WAITING ? "" : elapsed(r.elapsedSeconds()),
                g -> "");
        column(Messages.RunsView_bestTestAccuracy, 130, r -> accuracy(r.bestTestAccuracy()), g -> accuracy(g.runs().stream()
                .mapToDouble(StoredRun::bestTestAccuracy).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN)));
        column(Messages.RunsView_message, 300, StoredRun::message, g -> "");
        drawProgressBars(2);
        viewer.setContentProvider(new Content());
        viewer.setComparer(new org.eclipse.jface.viewers.IElementComparer() { // a group stays itself as runs join it
            @Override
            public boolean equals(Object a, Object b) {
                return a instanceof ExperimentGroup x && b instanceof ExperimentGroup y ? x.name().equals(y.name())
                        : a == b;
            }

            @Override
            public int hashCode(Object element) {
                return element instanceof ExperimentGroup g ? g.name().hashCode() : System.identityHashCode(element);
            }
        });
        viewer.setInput(store.runs());
        viewer.addDoubleClickListener(e -> open());
        getSite().setSelectionProvider(new RunSelection());
        store.addListener(onChange);
        viewer.getTree().addDisposeListener(e -> store.removeListener(onChange));
        var toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(action(Messages.RunsView_stop, Messages.RunsView_stopTip, this::stop));
        toolbar.add(action(Messages.RunsView_delete, Messages.RunsView_deleteTip, this::delete));
        toolbar.add(action(Messages.RunsView_open, Messages.RunsView_openTip, runs -> open()));
        toolbar.add(action(Messages.RunsView_landscape, Messages.RunsView_landscapeTip, this::landscape));
        Action group = new Action(Messages.RunsView_groupByExperiment, IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                setGrouped(isChecked());
            }
        };
        group.setToolTipText(Messages.RunsView_groupByExperimentTip);
        toolbar.add(group);
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

    /** The texts of a group's row (for tests). */
    public List<String> row(ExperimentGroup group) {
        return groupCells.stream().map(c -> c.apply(group)).toList();
    }

    /** Lists the runs under their experiments, or flat. */
    public void setGrouped(boolean on) {
        grouped = on;
        viewer.refresh();
        viewer.expandAll();
    }

    /** The rows at the top level: runs, or their experiments when grouped (for tests). */
    public List<Object> topRows() {
        return List.of(((Content) viewer.getContentProvider()).getElements(store.runs()));
    }

    private static List<ExperimentGroup> byExperiment(List<StoredRun> runs) {
        java.util.Map<String, List<StoredRun>> groups = new java.util.LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(r.name(), k -> new java.util.ArrayList<>()).add(r));
        return groups.entrySet().stream().map(e -> new ExperimentGroup(e.getKey(), List.copyOf(e.getValue())))
                .toList();
    }

    private static String statuses(ExperimentGroup group) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        group.runs().forEach(r -> counts.merge(r.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum));
        List<String> parts = new java.util.ArrayList<>();
        counts.forEach((status, n) -> parts.add(n + " " + status));
        return String.join(", ", parts);
    }

    private static String percent(double progress) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * progress);
    }

    private static String accuracy(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private void column(String title, int width, java.util.function.Function<StoredRun, String> text,
            java.util.function.Function<ExperimentGroup, String> groupText) {
        cells.add(text);
        groupCells.add(groupText);
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof ExperimentGroup g ? groupText.apply(g) : text.apply((StoredRun) element);
            }
        });
    }

    /** The runs, flat or under their experiments. */
    private final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            @SuppressWarnings("unchecked")
            List<StoredRun> runs = (List<StoredRun>) input;
            return grouped ? byExperiment(runs).toArray() : runs.toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof ExperimentGroup g ? g.runs().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof ExperimentGroup;
        }
    }

    /** The viewer's selection with every selected group replaced by its runs: the views that follow it get runs. */
    private final class RunSelection implements ISelectionProvider {
        private final java.util.Map<ISelectionChangedListener, ISelectionChangedListener> wrapped =
                new java.util.HashMap<>();

        @Override
        public ISelection getSelection() {
            return new StructuredSelection(selection());
        }

        @Override
        public void setSelection(ISelection selection) {
            viewer.setSelection(selection);
        }

        @Override
        public void addSelectionChangedListener(ISelectionChangedListener listener) {
            ISelectionChangedListener w = e -> listener.selectionChanged(new SelectionChangedEvent(this,
                    getSelection()));
            wrapped.put(listener, w);
            viewer.addSelectionChangedListener(w);
        }

        @Override
        public void removeSelectionChangedListener(ISelectionChangedListener listener) {
            ISelectionChangedListener w = wrapped.remove(listener);
            if (w != null) {
                viewer.removeSelectionChangedListener(w);
            }
        }
    }

    /** Draws the cells of column {@code index} as a bar filled to the run's progress, under its percentage. */
    private void drawProgressBars(int index) {
        var tree = viewer.getTree();
        tree.addListener(SWT.EraseItem, e -> {
            if (e.index == index && e.item.getData() instanceof StoredRun) {
                e.detail &= ~SWT.FOREGROUND;
            }
        });
        tree.addListener(SWT.PaintItem, e -> {
            if (e.index != index || !(e.item.getData() instanceof StoredRun run)) {
                return;
            }
            var bounds = ((org.eclipse.swt.widgets.TreeItem) e.item).getBounds(index);
            int width = (int) Math.round((bounds.width - 4) * run.progress());
            boolean bad = run.status() == StoredRun.Status.FAILED || run.status() == StoredRun.Status.KILLED;
            var colour = e.display.getSystemColor(bad ? SWT.COLOR_RED
                    : run.status() == StoredRun.Status.STOPPED ? SWT.COLOR_GRAY : SWT.COLOR_LIST_SELECTION);
            e.gc.setBackground(colour);
            e.gc.setAlpha(90);
            e.gc.fillRectangle(bounds.x + 2, bounds.y + 2, width, bounds.height - 4);
            e.gc.setAlpha(255);
            String text = percent(run.progress());
            var extent = e.gc.textExtent(text);
            e.gc.setForeground(e.display.getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            e.gc.drawText(text, bounds.x + (bounds.width - extent.x) / 2, bounds.y + (bounds.height - extent.y) / 2,
                    true);
        });
    }

    /** The loss landscape of the first selected run, in the Landscape view. */
    private void landscape(List<StoredRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        try {
            LandscapeView.show(getSite().getPage(), runs.get(0).directory());
        } catch (org.eclipse.ui.PartInitException e) {
            org.eclipse.core.runtime.ILog.of(getClass()).error(e.getMessage(), e);
        }
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

    /** The selected runs, those of selected groups included, each once. */
    private List<StoredRun> selection() {
        java.util.Set<StoredRun> runs = new java.util.LinkedHashSet<>();
        for (Object o : ((IStructuredSelection) viewer.getSelection()).toList()) {
            if (o instanceof ExperimentGroup g) {
                runs.addAll(g.runs());
            } else if (o instanceof StoredRun r) {
                runs.add(r);
            }
        }
        return List.copyOf(runs);
    }

    /** Stops the runs in a job: each may take a few seconds to end (the UI goes on meanwhile). */
    private void stop(List<StoredRun> runs) {
        if (!runs.isEmpty()) {
            Job.create(Messages.format(Messages.RunsView_stopping, runs.size()), monitor -> {
                runs.parallelStream().forEach(store::stop);
            }).schedule();
        }
    }

    private void delete(List<StoredRun> runs) {
        if (runs.isEmpty() || !MessageDialog.openConfirm(getSite().getShell(), Messages.RunsView_deleteTitle,
                Messages.format(Messages.RunsView_deleteQuestion, runs.size()))) {
            return;
        }
        Job.create(Messages.format(Messages.RunsView_deleting, runs.size()), monitor -> {
            for (StoredRun run : runs) {
                try {
                    store.delete(run); // stops it first, and waits for its process to end
                } catch (IOException e) {
                    Problems.report(NLS.bind(Messages.RunsView_cannotDelete, run.directory(), e.getMessage()), e);
                }
            }
        }).schedule();
    }

    private void open() {
        try {
            getSite().getPage().showView(TrainingChartsView.ID);
        } catch (PartInitException e) {
            MessageDialog.openError(getSite().getShell(), Messages.RunsView_open, e.getMessage());
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
                    if (grouped) {
                        viewer.expandAll();
                    }
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
