package org.optlab.ui.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.store.StoredRun;
import org.optlab.runner.sweep.SweepFolder;
import org.optlab.runner.sweep.Trial;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.Tables;
import org.optlab.ui.internal.charts.LabChart;
import org.optlab.ui.internal.charts.StabilityMap;
import org.optlab.ui.internal.training.SweepRun;
import org.optlab.ui.internal.training.SweepSnapshot;

/**
 * A sweep's folder: its trials (results.csv's rows, as trials end), the objective against the learning rate, the
 * learning curves of each optimizer's best setting over the seeds, and the ranking. It follows a sweep it runs (Run
 * Sweep) or one still going elsewhere, reading the folder off the UI thread at most once a second.
 */
public final class SweepView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.sweep";
    private static final int POLL_MS = 1000, FOREIGN_POLL_MS = 5000;

    private Label status;
    private Table trials;
    private Table ranking;
    private LabChart sensitivity;
    private LabChart curves;
    private StabilityMap stability;
    /** The trials of the stability map's cells, [row][column]. */
    private Trial[][] cells = new Trial[0][0];
    private Action stop;
    private Action openTrial;
    private Path directory;
    private SweepSnapshot snapshot;
    private SweepRun run;
    private String error;
    /** Bumped when another folder is opened: a read of the previous one is dropped. */
    private int generation;
    private boolean reading;
    private boolean pollScheduled;
    /** The view's display, kept for the threads that report to it (a disposed view still knows it). */
    private org.eclipse.swt.widgets.Display display;

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        parent.setLayout(new GridLayout());
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        SashForm rows = new SashForm(parent, SWT.VERTICAL);
        rows.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        trials = table(rows, SWT.MULTI);
        SashForm charts = new SashForm(rows, SWT.HORIZONTAL);
        sensitivity = new LabChart(charts);
        sensitivity.setLogX(true);
        curves = new LabChart(charts);
        stability = new StabilityMap(charts);
        stability.control().setVisible(false); // only for a surface sweep over two hyper-parameters
        stability.onCell(this::openCell);
        ranking = table(rows, SWT.SINGLE);
        rows.setWeights(35, 45, 20);
        trials.addListener(SWT.Selection, e -> openTrial.setEnabled(trials.getSelectionCount() == 1));
        trials.addListener(SWT.DefaultSelection, e -> openTrial());
        createActions();
        show();
    }

    private static Table table(Composite parent, int style) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | style);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        return table;
    }

    private void createActions() {
        IToolBarManager bar = getViewSite().getActionBars().getToolBarManager();
        bar.add(action(Messages.SweepView_open, Messages.SweepView_openTip, this::chooseFolder));
        bar.add(action(Messages.SweepView_refresh, Messages.SweepView_refreshTip, this::refresh));
        openTrial = action(Messages.SweepView_openTrial, Messages.SweepView_openTrialTip, this::openTrial);
        openTrial.setEnabled(false);
        bar.add(openTrial);
        stop = action(Messages.SweepView_stop, Messages.SweepView_stopTip, this::stopRun);
        stop.setEnabled(false);
        bar.add(stop);
    }

    private static Action action(String text, String tip, Runnable body) {
        Action action = new Action(text) {
            @Override
            public void run() {
                body.run();
            }
        };
        action.setToolTipText(tip);
        return action;
    }

    private void chooseFolder() {
        DirectoryDialog dialog = new DirectoryDialog(trials.getShell());
        dialog.setText(Messages.SweepView_openTitle);
        dialog.setMessage(Messages.SweepView_openMessage);
        // beside the sweep shown, else where Run Sweep puts them
        Path start = directory != null ? directory.getParent() : org.optlab.ui.internal.training.Lab.sweeps();
        if (start != null && Files.isDirectory(start)) {
            dialog.setFilterPath(start.toString());
        }
        String chosen = dialog.open();
        if (chosen != null) {
            open(Path.of(chosen));
        }
    }

    /** Shows the sweep in {@code folder} (made here or elsewhere) and reads it. */
    public void open(Path folder) {
        directory = folder;
        snapshot = null;
        error = null;
        generation++;
        show();
        refresh();
    }

    /** Shows the sweep {@code sweep} writes and follows it until its process ends. */
    public void follow(SweepRun sweep) {
        run = sweep;
        stop.setEnabled(true);
        open(sweep.directory());
    }

    /** Called (any thread) when a sweep's process has ended: a last read, and why it ended when it failed. */
    public void exited(SweepRun sweep) {
        later(() -> {
            if (trials.isDisposed() || sweep != run) {
                return;
            }
            stop.setEnabled(false);
            if (sweep.stopped()) {
                error = Messages.SweepView_stopped;
            } else if (sweep.exitCode() != 0) {
                error = sweep.error();
                MessageDialog.openError(trials.getShell(), Messages.SweepView_failedTitle, error);
            }
            refresh();
        });
    }

    /** Runs on the UI thread soon, unless the lab has closed meanwhile. */
    private void later(Runnable work) {
        try {
            if (!display.isDisposed()) {
                display.asyncExec(work);
            }
        } catch (org.eclipse.swt.SWTException e) {
            // disposed between the check and the call: nothing to show it in
        }
    }

    /** Stops the sweep started here (SIGTERM); Run Sweep on the same file and folder resumes it. */
    public void stopRun() {
        if (run != null && run.isAlive()) {
            run.stop();
        }
    }

    /** Reads the folder again (off the UI thread); a read already under way is not doubled. */
    public void refresh() {
        if (directory == null || reading) {
            return;
        }
        reading = true;
        int reads = generation;
        Path folder = directory;
        Job job = Job.create(NLS.bind(Messages.SweepView_reading, folder.getFileName()), monitor -> {
            SweepSnapshot next = null;
            String failure = null;
            try {
                next = SweepSnapshot.read(folder);
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            }
            SweepSnapshot read = next;
            String problem = failure;
            later(() -> {
                reading = false;
                if (trials.isDisposed()) {
                    return;
                }
                if (reads == generation) {
                    if (read != null) {
                        snapshot = read;
                    } else if (run == null || !run.isAlive()) {
                        error = problem; // a folder the child has not made yet is no error
                    }
                    show();
                } else {
                    refresh(); // another folder was opened meanwhile
                }
                schedulePoll();
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    /**
     * While the sweep started here runs, one read a second; a folder not complete that no sweep of this lab writes
     * (one running elsewhere, or stopped) is read every {@value #FOREIGN_POLL_MS} ms.
     */
    private void schedulePoll() {
        boolean running = run != null && run.isAlive() && run.directory().equals(directory);
        boolean unfinished = snapshot != null && !snapshot.complete();
        if (pollScheduled || !(running || unfinished)) {
            return;
        }
        pollScheduled = true;
        trials.getDisplay().timerExec(running ? POLL_MS : FOREIGN_POLL_MS, () -> {
            pollScheduled = false;
            if (!trials.isDisposed()) {
                refresh();
            }
        });
    }

    /** Puts the snapshot into the tables and charts. */
    private void show() {
        if (snapshot == null) {
            status.setText(error != null ? error : directory == null ? Messages.SweepView_empty : NLS.bind(
                    Messages.SweepView_waiting, directory));
            fill(trials, List.of(), List.of());
            fill(ranking, List.of(), List.of());
            sensitivity.setSeries(List.of());
            curves.setSeries(List.of());
            sensitivity.setEmptyText(Messages.SweepView_noSweep);
            curves.setEmptyText(Messages.SweepView_noSweep);
            status.getParent().layout(true);
            return;
        }
        var sweep = snapshot.folder().sweep();
        String state = NLS.bind(Messages.SweepView_status, new Object[] { sweep.name(), directory, snapshot.ended(),
                snapshot.trials().size() });
        status.setText(error != null ? state + " \u2014 " + error : state);
        fill(trials, snapshot.header(), snapshot.displayRows());
        fill(ranking, List.of(Messages.SweepView_rank, Messages.SweepView_optimizer, Messages.SweepView_settings,
                Messages.SweepView_n, Messages.SweepView_mean, Messages.SweepView_ci, Messages.SweepView_diverged),
                snapshot.rankingRows());
        String objective = sweep.objective().metric();
        sensitivity.setTitles(snapshot.axis(), objective);
        sensitivity.setLogY(!sweep.objective().maximize());
        sensitivity.setEmptyText(Messages.SweepView_noTrials);
        sensitivity.setSeries(snapshot.sensitivity());
        curves.setTitles(Messages.SweepView_step, sweep.training() ? Messages.SweepView_trainLoss
                : Messages.SweepView_loss);
        curves.setLogY(true);
        curves.setEmptyText(Messages.SweepView_noCurves);
        curves.setSeries(snapshot.curves());
        var maps = snapshot.stability();
        boolean map = !maps.isEmpty();
        if (map != stability.control().getVisible()) {
            stability.control().setVisible(map);
            stability.control().getParent().layout(true);
        }
        if (map) { // the first optimizer's map (the report has a picture of each)
            var first = maps.values().iterator().next();
            cells = first.trials();
            stability.setGrid(first.grid());
        }
        status.getParent().layout(true);
    }

    /** A click on the stability map: that setting's race, opened in the Trajectories view. */
    private void openCell(int column, int row) {
        Trial trial = row < cells.length && column < cells[row].length ? cells[row][column] : null;
        if (trial == null) {
            return;
        }
        try {
            openTrial(trial);
        } catch (IOException | PartInitException e) {
            MessageDialog.openError(getSite().getShell(), Messages.SweepView_openTrial, e.getMessage());
        }
    }

    /** The stability map (for tests). */
    public StabilityMap stabilityMap() {
        return stability;
    }

    /** Replaces a table's rows; columns are remade only when the header changed, and keep their widths. */
    private static void fill(Table table, List<String> header, List<List<String>> rows) {
        table.setRedraw(false);
        List<String> current = new ArrayList<>();
        for (TableColumn c : table.getColumns()) {
            current.add(c.getText());
        }
        boolean fresh = !current.equals(header);
        if (fresh) {
            table.removeAll();
            for (TableColumn c : table.getColumns()) {
                c.dispose();
            }
            header.forEach(h -> new TableColumn(table, SWT.NONE).setText(h));
        }
        int[] selected = table.getSelectionIndices();
        table.setItemCount(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            TableItem item = table.getItem(i);
            String[] texts = rows.get(i).toArray(String[]::new);
            for (int c = 0; c < texts.length; c++) {
                if (!texts[c].equals(item.getText(c))) {
                    item.setText(c, texts[c]);
                }
            }
        }
        table.setSelection(selected);
        if (fresh || rows.size() < 200) {
            for (TableColumn c : table.getColumns()) {
                c.pack();
            }
        }
        table.setRedraw(true);
    }

    /**
     * The selected trial's run: a training trial's metrics in Training Charts; a surface trial's experiment in the
     * Trajectories view (its folder holds experiment.json, as any run's does).
     */
    private void openTrial() {
        int index = trials.getSelectionIndex();
        if (snapshot == null || index < 0 || index >= snapshot.trials().size()) {
            return;
        }
        try {
            openTrial(snapshot.trials().get(index));
        } catch (IOException | PartInitException | RuntimeException e) {
            MessageDialog.openError(trials.getShell(), Messages.SweepView_openTrial, NLS.bind(
                    Messages.SweepView_cannotOpenTrial, index, e.getMessage()));
        }
    }

    /** Opens one trial of the sweep shown as a run (see {@link #openTrial()}). */
    public void openTrial(Trial trial) throws IOException, PartInitException {
        SweepFolder folder = snapshot.folder();
        Path dir = folder.trialDirectory(trial);
        if (!Files.isRegularFile(dir.resolve("experiment.json"))) {
            throw new IOException(NLS.bind(Messages.SweepView_notRun, trial.index()));
        }
        var page = getSite().getPage();
        if (folder.sweep().training()) {
            RunStore store = new RunStore(dir.getParent(), 1);
            StoredRun stored = store.runs().stream().filter(r -> r.id().equals(dir.getFileName().toString()))
                    .findFirst().orElseThrow(() -> new IOException(dir + " is not a run folder"));
            ((TrainingChartsView) page.showView(TrainingChartsView.ID)).showRuns(List.of(stored));
        } else {
            ((TrajectoryView) page.showView(TrajectoryView.ID)).openExperiment(dir.resolve("experiment.json"));
        }
    }

    /** The sweep shown (null for none). */
    public SweepSnapshot snapshot() {
        return snapshot;
    }

    public String statusText() {
        return status.getText();
    }

    /** The trials table's rows as text (for tests). */
    public List<List<String>> trialRows() {
        return Tables.rows(trials);
    }

    /** The ranking table's rows as text (for tests). */
    public List<List<String>> rankingRows() {
        return Tables.rows(ranking);
    }

    public LabChart sensitivityChart() {
        return sensitivity;
    }

    public LabChart curvesChart() {
        return curves;
    }

    /** Whether Stop can end a sweep now. */
    public boolean canStop() {
        return stop.isEnabled();
    }

    @Override
    public void setFocus() {
        trials.setFocus();
    }
}
