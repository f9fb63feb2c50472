package org.optlab.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.optlab.runner.experiment.ExperimentDiff;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.training.Lab;

/**
 * The runs selected in the Runs view side by side (all runs when none is selected): each optimizer's final and best
 * test accuracy, final test loss and time, and below, every field of the experiments whose value differs between
 * the runs. It follows the runs as they report, rebuilding at most once a second.
 */
public final class CompareView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.compare";

    private Table metrics;
    private Table differences;
    private List<StoredRun> selected = List.of();
    private final ISelectionListener onSelection = this::selectionChanged;
    private final java.util.function.Consumer<StoredRun> onChange = run -> scheduleRefresh();
    private boolean refreshScheduled;

    @Override
    public void createPartControl(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        metrics = table(sash);
        differences = table(sash);
        sash.setWeights(55, 45);
        getSite().getPage().addSelectionListener(RunsView.ID, onSelection);
        selectionChanged(null, getSite().getPage().getSelection(RunsView.ID)); // what is selected already
        Lab.runs().addListener(onChange);
        metrics.addDisposeListener(e -> {
            getSite().getPage().removeSelectionListener(RunsView.ID, onSelection);
            Lab.runs().removeListener(onChange);
        });
        refresh();
    }

    private static Table table(Composite parent) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        return table;
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (selection instanceof IStructuredSelection s) {
            selected = s.toList().stream().filter(StoredRun.class::isInstance).map(StoredRun.class::cast).toList();
            refresh();
        }
    }

    /** One rebuild per second at most while runs report. */
    private void scheduleRefresh() {
        var display = metrics.getDisplay();
        display.asyncExec(() -> {
            if (refreshScheduled || metrics.isDisposed()) {
                return;
            }
            refreshScheduled = true;
            display.timerExec(1000, () -> {
                refreshScheduled = false;
                refresh();
            });
        });
    }

    /** Rebuilds both tables from the runs as they are now. */
    public void refresh() {
        if (metrics.isDisposed()) {
            return;
        }
        List<StoredRun> runs = selected.isEmpty() ? Lab.runs().runs() : selected;
        fill(metrics, List.of("Run", "Optimizer", "Final test accuracy", "Best test accuracy", "Final test loss",
                "Seconds", "Status"), metricRows(runs));
        List<String> headers = new ArrayList<>(List.of("Field"));
        runs.forEach(r -> headers.add(r.id()));
        List<List<String>> rows = new ArrayList<>();
        for (ExperimentDiff.Difference d : ExperimentDiff.of(runs.stream().map(StoredRun::experiment).toList())) {
            List<String> row = new ArrayList<>(List.of(d.path()));
            d.values().forEach(v -> row.add(v == null ? "(not set)" : v));
            rows.add(row);
        }
        fill(differences, headers, rows);
    }

    private static List<List<String>> metricRows(List<StoredRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (StoredRun run : runs) {
            for (Map.Entry<String, StoredRun.Series> e : run.series().entrySet()) {
                StoredRun.Series s = e.getValue();
                double[] last = s.evaluations.isEmpty() ? null : s.evaluations.get(s.evaluations.size() - 1);
                double best = s.evaluations.stream().mapToDouble(v -> v[3]).filter(v -> !Double.isNaN(v)).max()
                        .orElse(Double.NaN);
                double seconds = s.steps.isEmpty() ? Double.NaN : s.steps.get(s.steps.size() - 1)[3];
                rows.add(List.of(run.id(), e.getKey(), number(last == null ? Double.NaN : last[3], "%.4f"),
                        number(best, "%.4f"), number(last == null ? Double.NaN : last[2], "%.4f"),
                        number(seconds, "%.1f"), run.status().name().toLowerCase(Locale.ROOT)));
            }
        }
        return rows;
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }

    private static void fill(Table table, List<String> headers, List<List<String>> rows) {
        table.setRedraw(false);
        table.removeAll();
        for (TableColumn c : table.getColumns()) {
            c.dispose();
        }
        for (String h : headers) {
            TableColumn c = new TableColumn(table, SWT.NONE);
            c.setText(h);
        }
        for (List<String> row : rows) {
            new TableItem(table, SWT.NONE).setText(row.toArray(String[]::new));
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        table.setRedraw(true);
    }

    /** The rows of the metrics table, as text (for tests). */
    public List<List<String>> metricRows() {
        return rows(metrics);
    }

    /** The rows of the differences table, as text (for tests). */
    public List<List<String>> differenceRows() {
        return rows(differences);
    }

    private static List<List<String>> rows(Table table) {
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < table.getColumnCount(); i++) {
                row.add(item.getText(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void setFocus() {
        metrics.setFocus();
    }
}
