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
import org.optlab.runner.store.SeedGroups;
import org.optlab.runner.store.StoredRun;
import org.optlab.ui.internal.training.Lab;
import org.eclipse.osgi.util.NLS;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.Tables;

/**
 * The runs selected in the Runs view side by side (all runs when none is selected), over seeds: the optimizers of runs
 * that differ only in their seed form one group ({@link SeedGroups}), shown with n and the mean ± std of its final and
 * best test accuracy, final test loss and time; below, every field whose value differs between the groups. It follows the runs as they report, rebuilding at most once a second.
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

    /** Shows these runs, as selecting them in the Runs view does. */
    public void showRuns(List<StoredRun> runs) {
        selected = List.copyOf(runs);
        refresh();
    }

    /** Rebuilds both tables from the runs as they are now. */
    public void refresh() {
        if (metrics.isDisposed()) {
            return;
        }
        List<StoredRun> runs = selected.isEmpty() ? Lab.runs().runs() : selected;
        List<SeedGroups.Group> groups = SeedGroups.of(runs);
        fill(metrics, List.of(Messages.CompareView_optimizer, Messages.CompareView_n,
                Messages.CompareView_finalTestAccuracy, Messages.CompareView_bestTestAccuracy,
                Messages.CompareView_finalTestLoss, Messages.CompareView_seconds, Messages.CompareView_status,
                Messages.CompareView_seeds), metricRows(groups));
        List<String> headers = new ArrayList<>(List.of(Messages.CompareView_field));
        groups.forEach(g -> headers.add(g.label()));
        List<List<String>> rows = new ArrayList<>();
        List<String> seeds = new ArrayList<>(List.of(Messages.CompareView_seedsRow));
        groups.forEach(g -> seeds.add(seedList(g)));
        rows.add(seeds);
        for (ExperimentDiff.Difference d : ExperimentDiff.of(groups.stream().map(SeedGroups.Group::setting)
                .toList())) {
            List<String> row = new ArrayList<>(List.of(d.path()));
            d.values().forEach(v -> row.add(v == null ? Messages.CompareView_notSet : v));
            rows.add(row);
        }
        fill(differences, headers, rows);
    }

    /** Per group: n, and the mean +- std over its runs of each final metric (the value alone for one run). */
    private static List<List<String>> metricRows(List<SeedGroups.Group> groups) {
        List<List<String>> rows = new ArrayList<>();
        for (SeedGroups.Group g : groups) {
            int n = g.size();
            double[] finalAccuracy = new double[n];
            double[] bestAccuracy = new double[n];
            double[] finalLoss = new double[n];
            double[] seconds = new double[n];
            Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                SeedGroups.Member m = g.members().get(i);
                StoredRun.Series s = m.series();
                double[] last = s.evaluations.isEmpty() ? null : s.evaluations.get(s.evaluations.size() - 1);
                finalAccuracy[i] = last == null ? Double.NaN : last[3];
                finalLoss[i] = last == null ? Double.NaN : last[2];
                bestAccuracy[i] = s.evaluations.stream().mapToDouble(v -> v[3]).filter(v -> !Double.isNaN(v)).max()
                        .orElse(Double.NaN);
                seconds[i] = s.steps.isEmpty() ? Double.NaN : s.steps.get(s.steps.size() - 1)[3];
                statuses.merge(m.run().status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
            List<String> status = new ArrayList<>();
            statuses.forEach((name, count) -> status.add(n == 1 ? name : NLS.bind(Messages.CompareView_statusCount, count, name)));
            rows.add(List.of(g.label(), Integer.toString(n), spread(finalAccuracy, "%.4f"), spread(bestAccuracy,
                    "%.4f"), spread(finalLoss, "%.4f"), spread(seconds, "%.1f"), String.join(", ", status),
                    seedList(g)));
        }
        return rows;
    }

    /** "mean ± std" over the values measured (the value alone when one was), in the given format. */
    private static String spread(double[] values, String format) {
        SeedGroups.Summary s = SeedGroups.Summary.of(values);
        return s.n() == 0 ? "" : s.n() == 1 ? number(s.mean(), format) : number(s.mean(), format) + " \u00b1 "
                + number(s.std(), format);
    }

    private static String seedList(SeedGroups.Group g) {
        return g.seeds().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
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
        return Tables.rows(metrics);
    }

    /** The rows of the differences table, as text (for tests). */
    public List<List<String>> differenceRows() {
        return Tables.rows(differences);
    }

    @Override
    public void setFocus() {
        metrics.setFocus();
    }
}
