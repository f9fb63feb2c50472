package org.optlab.app.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.optlab.runner.store.RunStore;
import org.optlab.ui.internal.charts.LabChart;
import org.optlab.ui.views.TrainingChartsView;

/** The lab's chart component, driven through its widgets: legend, hover readout, scales, shared x-ranges. */
class ChartsTest {

    private static final int RED = 0xd55e00;
    private static final int BLUE = 0x0072b2;

    /** A shell of this size with the charts the callback puts into it, shown until the callback's checks end. */
    private static void inShell(int width, int height, int charts, Consumer<List<LabChart>> test) {
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout(SWT.VERTICAL));
        List<LabChart> made = new ArrayList<>();
        for (int i = 0; i < charts; i++) {
            made.add(new LabChart(shell));
        }
        shell.setSize(width, height);
        shell.open();
        try {
            test.accept(made);
        } finally {
            shell.dispose();
        }
    }

    /** Runs the event loop for a moment: GTK paints on its frame clock, not at once on redraw(). */
    private static void settle(Display display) {
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Paints the chart now and waits until its legend was drawn. */
    private static void paint(LabChart chart) {
        Display display = chart.control().getDisplay();
        chart.chart().getPlotArea().getControl().redraw();
        chart.chart().getPlotArea().getControl().update();
        settle(display);
    }

    private static void mouse(Control control, int type, int x, int y) {
        Event e = new Event();
        e.type = type;
        e.x = x;
        e.y = y;
        e.button = type == SWT.MouseMove ? 0 : 1;
        e.widget = control;
        control.notifyListeners(type, e);
    }

    private static double[] range(int n, double step) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * step;
        }
        return x;
    }

    @Test
    void clickingALegendEntryHidesItsSeries() {
        inShell(700, 400, 1, charts -> {
            LabChart chart = charts.get(0);
            double[] x = range(50, 1);
            double[] up = x.clone();
            double[] down = new double[50];
            for (int i = 0; i < 50; i++) {
                down[i] = 49 - i;
            }
            chart.setSeries(List.of(new LabChart.Series("up", BLUE, x, up), new LabChart.Series("down", RED, x, down)));
            paint(chart);
            Rectangle entry = chart.legendEntries().get("down");
            assertNotNull(entry, "the legend shows an entry per series: " + chart.legendEntries());
            Control plot = chart.chart().getPlotArea().getControl();
            mouse(plot, SWT.MouseDown, entry.x + entry.width / 2, entry.y + entry.height / 2);
            mouse(plot, SWT.MouseUp, entry.x + entry.width / 2, entry.y + entry.height / 2);
            assertTrue(chart.isHidden("down"));
            assertEquals(List.of("up"), chart.visibleSeries().stream().map(LabChart.Series::label).toList());
            List<Boolean> drawn = new ArrayList<>();
            for (ISeries<?> s : chart.chart().getSeriesSet().getSeries()) {
                drawn.add(s.isVisible());
            }
            assertEquals(List.of(true, false), drawn, "SWTChart draws only the visible series");
            assertEquals(Map.of("up", 10.0), chart.readout(10), "the readout leaves the hidden series out");
            // the state survives new data with the same labels, and is forgotten with the label
            chart.setSeries(List.of(new LabChart.Series("up", BLUE, x, up), new LabChart.Series("down", RED, x, up)));
            assertTrue(chart.isHidden("down"));
            chart.setSeries(List.of(new LabChart.Series("up", BLUE, x, up)));
            chart.setSeries(List.of(new LabChart.Series("up", BLUE, x, up), new LabChart.Series("down", RED, x, up)));
            assertFalse(chart.isHidden("down"));
            // a second click shows it again
            chart.toggle("down");
            paint(chart);
            entry = chart.legendEntries().get("down");
            mouse(plot, SWT.MouseDown, entry.x + 2, entry.y + 2);
            assertFalse(chart.isHidden("down"));
        });
    }

    @Test
    void hoverReadoutIsTheNearestPointOfEachVisibleSeries() {
        inShell(700, 400, 1, charts -> {
            LabChart chart = charts.get(0);
            // two series sampled at different x: every 7 and every 10
            double[] xa = range(15, 7);
            double[] ya = new double[xa.length];
            for (int i = 0; i < xa.length; i++) {
                ya[i] = Math.sqrt(xa[i]) + 1;
            }
            double[] xb = range(10, 10);
            double[] yb = new double[xb.length];
            for (int i = 0; i < xb.length; i++) {
                yb[i] = 100 - xb[i];
            }
            chart.setSeries(List.of(new LabChart.Series("a", BLUE, xa, ya), new LabChart.Series("b", RED, xb, yb)));
            paint(chart);
            for (double at : new double[] { 0, 23.4, 24.6, 61, 89.9, 95 }) {
                Map<String, Double> expected = new LinkedHashMap<>();
                // independently: the point with the smallest |x - at|, by a plain scan
                if (at <= 98) {
                    expected.put("a", Math.sqrt(7 * Math.round(at / 7)) + 1);
                }
                if (at <= 90) {
                    expected.put("b", 100.0 - 10 * Math.round(at / 10));
                }
                assertEquals(expected, chart.readout(at), "at x = " + at);
            }
            // moving the mouse over the plot reads out at the x under it
            Control plot = chart.chart().getPlotArea().getControl();
            int px = chart.chart().getAxisSet().getXAxis(0).getPixelCoordinate(35);
            mouse(plot, SWT.MouseMove, px, plot.getSize().y - 5);
            paint(chart);
            double hovered = chart.chart().getAxisSet().getXAxis(0).getDataCoordinate(px);
            assertEquals(35, hovered, 0.5);
            assertEquals(Math.sqrt(35) + 1, chart.readout(hovered).get("a"), 1e-12);
            save(chart.control(), "charts-hover.png");
        });
    }

    @Test
    void stackedChartsShareOneNonNegativeXRange() {
        inShell(700, 600, 2, charts -> {
            LabChart loss = charts.get(0);
            LabChart accuracy = charts.get(1);
            LabChart.linkX(loss, accuracy);
            loss.setSeries(List.of(new LabChart.Series("adam", BLUE, range(141, 1), range(141, 0.5))));
            accuracy.setSeries(List.of(new LabChart.Series("adam", BLUE, new double[] { 45, 90, 140 },
                    new double[] { 0.5, 0.7, 0.8 }, null, true, null)));
            assertArrayEquals(new double[] { 0, 140 }, loss.xRange(), 1e-9);
            assertArrayEquals(new double[] { 0, 140 }, accuracy.xRange(), 1e-9);
            // new data in the second chart widen the first's range too
            accuracy.setSeries(List.of(new LabChart.Series("adam", BLUE, new double[] { 45, 90, 200 },
                    new double[] { 0.5, 0.7, 0.8 })));
            assertArrayEquals(new double[] { 0, 200 }, loss.xRange(), 1e-9);
            accuracy.setSeries(List.of(new LabChart.Series("adam", BLUE, new double[] { 45, 90, 140 },
                    new double[] { 0.5, 0.7, 0.8 }, null, true, null)));
            assertArrayEquals(new double[] { 0, 140 }, loss.xRange(), 1e-9);
            // a zoom dragged across one chart applies to both; a double-click shows everything again
            paint(accuracy);
            Control plot = accuracy.chart().getPlotArea().getControl();
            var axis = accuracy.chart().getAxisSet().getXAxis(0);
            int from = axis.getPixelCoordinate(50);
            int to = axis.getPixelCoordinate(100);
            mouse(plot, SWT.MouseDown, from, 10);
            mouse(plot, SWT.MouseMove, to, 10);
            mouse(plot, SWT.MouseUp, to, 10);
            assertArrayEquals(accuracy.xRange(), loss.xRange(), 1e-9);
            assertEquals(50, loss.xRange()[0], 1);
            assertEquals(100, loss.xRange()[1], 1);
            mouse(plot, SWT.MouseDoubleClick, from, 10);
            assertArrayEquals(new double[] { 0, 140 }, loss.xRange(), 1e-9);
            assertArrayEquals(new double[] { 0, 140 }, accuracy.xRange(), 1e-9);
        });
    }

    @Test
    void scalesTicksAndRanges() {
        inShell(700, 450, 1, charts -> {
            LabChart chart = charts.get(0);
            // a constant series gets a range around its value
            chart.setSeries(List.of(new LabChart.Series("lr", BLUE, range(10, 0.1), new double[] { 0.01, 0.01, 0.01,
                    0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01 })));
            assertArrayEquals(new double[] { 0, 0.011 }, chart.yRange(), 1e-15);
            // log-y when asked and every value is positive; ticks only at 1, 2 and 5 times powers of ten
            double[] y = new double[100];
            for (int i = 0; i < y.length; i++) {
                y[i] = 0.03 * Math.pow(40 / 0.03, i / 99.0);
            }
            chart.setLogY(true);
            chart.setSeries(List.of(new LabChart.Series("loss", BLUE, range(100, 1), y)));
            settle(chart.control().getDisplay());
            assertTrue(chart.isLogY());
            assertFalse(chart.yTicks().isEmpty());
            for (double t : chart.yTicks()) {
                double mantissa = t / Math.pow(10, Math.floor(Math.log10(t) + 1e-9));
                assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9
                        || Math.abs(mantissa - 5) < 1e-9, "log tick " + t);
            }
            save(chart.control(), "charts-log.png");
            // a value <= 0 keeps the axis linear
            y[3] = 0;
            chart.setSeries(List.of(new LabChart.Series("loss", BLUE, range(100, 1), y)));
            assertFalse(chart.isLogY());
            // log-x: steps from 1 allow it, from 0 do not
            chart.setLogX(true);
            assertFalse(chart.isLogX());
            double[] steps = new double[100];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = i + 1;
            }
            chart.setSeries(List.of(new LabChart.Series("loss", BLUE, steps, y)));
            assertTrue(chart.isLogX());
            assertArrayEquals(new double[] { 1, 100 }, chart.xRange(), 1e-9);
            settle(chart.control().getDisplay());
            assertTrue(chart.xTicks().containsAll(List.of(1.0, 10.0, 100.0)), chart.xTicks().toString());
        });
    }

    @Test
    void aBandIsShadedInItsSeriesColour() {
        inShell(700, 450, 1, charts -> {
            LabChart chart = charts.get(0);
            double[] x = range(11, 1);
            double[] five = new double[11];
            double[] two = new double[11];
            double[] eight = new double[11];
            java.util.Arrays.fill(five, 5);
            java.util.Arrays.fill(two, 2);
            java.util.Arrays.fill(eight, 8);
            chart.setSeries(List.of(new LabChart.Series("mean", BLUE, x, five, new LabChart.Band(x, two, eight), false,
                    "n=3")));
            assertArrayEquals(new double[] { 1.7, 8.3 }, chart.yRange(), 1e-9, "the band is in the range");
            chart.setYRange(new double[] { 0, 10 }); // room below the band
            paint(chart);
            Control plot = chart.chart().getPlotArea().getControl();
            var xAxis = chart.chart().getAxisSet().getXAxis(0);
            var yAxis = chart.chart().getAxisSet().getYAxis(0);
            Image image = new Image(plot.getDisplay(), plot.getSize().x, plot.getSize().y);
            GC gc = new GC(plot);
            try {
                gc.copyArea(image, 0, 0);
                ImageData data = image.getImageData();
                // inside the band, between grid lines: 25 % blue over white is (191, 220, 236)
                var inside = data.palette.getRGB(data.getPixel(xAxis.getPixelCoordinate(5.3),
                        yAxis.getPixelCoordinate(3.3)));
                assertEquals(191, inside.red, 12, inside.toString());
                assertEquals(220, inside.green, 12, inside.toString());
                assertEquals(236, inside.blue, 12, inside.toString());
                // outside it, the background
                var outside = data.palette.getRGB(data.getPixel(xAxis.getPixelCoordinate(5.3),
                        yAxis.getPixelCoordinate(1.3)));
                assertTrue(outside.red > 240 && outside.green > 240 && outside.blue > 240, outside.toString());
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
    }

    @Test
    void aLegendTallerThanHalfOfAShortPlotStartsCollapsed() {
        // the Trajectories view's loss chart: wide and short, where four rows hid the curves' whole start
        inShell(900, 170, 1, charts -> {
            LabChart chart = charts.get(0);
            List<LabChart.Series> four = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                four.add(new LabChart.Series("optimizer " + i, BLUE, range(20, 1), range(20, i + 1)));
            }
            chart.setSeries(four);
            paint(chart);
            Point plot = chart.chart().getPlotArea().getSize();
            assertNotNull(chart.legendButton(), "four rows in a plot " + plot.y + " pixels high");
            assertTrue(chart.legendEntries().isEmpty());
            chart.setSeries(four.subList(0, 1));
            paint(chart);
            assertEquals(1, chart.legendEntries().size(), "one row fits in half of it");
            assertTrue(chart.legendBox().height <= plot.y / 2, chart.legendBox() + " in " + plot);
        });
    }

    @Test
    void aLongLegendIsCutOrCollapsed() {
        inShell(600, 350, 1, charts -> {
            LabChart chart = charts.get(0);
            String longLabel = "adam  optimizers.lr=0.001, model.hidden=[256, 128], dataset.id=fashion-mnist, seed=7";
            chart.setSeries(List.of(new LabChart.Series(longLabel, BLUE, range(20, 1), range(20, 1)),
                    new LabChart.Series("sgd", RED, range(20, 1), range(20, 2))));
            paint(chart);
            Point plot = chart.chart().getPlotArea().getSize();
            Rectangle box = chart.legendBox();
            assertNotNull(box);
            assertTrue((long) box.width * box.height <= (long) plot.x * plot.y / 4, box + " in " + plot);
            assertTrue(chart.isTruncated(longLabel));
            assertFalse(chart.isTruncated("sgd"));
            // the least covered corner: data rising left to right leave the top left empty
            assertTrue(box.x < plot.x / 2 && box.y < plot.y / 2, "legend at " + box);
            save(chart.control(), "charts-legend.png");
            // thirty entries do not fit: a button that opens the list
            List<LabChart.Series> many = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                many.add(new LabChart.Series("run " + i, BLUE, range(20, 1), range(20, i)));
            }
            chart.setSeries(many);
            paint(chart);
            Rectangle button = chart.legendButton();
            assertNotNull(button);
            assertTrue(chart.legendEntries().isEmpty());
            mouse(chart.chart().getPlotArea().getControl(), SWT.MouseDown, button.x + 3, button.y + 3);
            paint(chart);
            assertFalse(chart.legendEntries().isEmpty());
            assertEquals(30, chart.legendEntries().size(), "opened, every entry is shown (in columns)");
            Rectangle last = chart.legendEntries().get("run 29");
            assertTrue(last.y + last.height <= plot.y && last.x + last.width <= plot.x, last + " in " + plot);
            // an entry of the opened legend hides its series too
            mouse(chart.chart().getPlotArea().getControl(), SWT.MouseDown, last.x + 3, last.y + 3);
            assertTrue(chart.isHidden("run 29"));
            save(chart.control(), "charts-legend-open.png");
        });
    }

    @Test
    void trainingChartsKeepColoursWhenAnOptimizerGoes() throws Exception {
        Path root = Files.createTempDirectory("runs");
        // the same experiment twice: with three optimizers, then without sgd
        Path three = write(root.resolve("run-a"), "three-optimizers", List.of("sgd", "momentum", "adam"));
        Path two = write(root.resolve("run-b"), "two-optimizers", List.of("momentum", "adam"));
        var store = new RunStore(root, 1);
        var byDir = new LinkedHashMap<Path, org.optlab.runner.store.StoredRun>();
        store.runs().forEach(r -> byDir.put(r.directory().getFileName(), r));
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        TrainingChartsView charts = (TrainingChartsView) page.showView(TrainingChartsView.ID);
        charts.showRuns(List.of(byDir.get(three.getFileName())));
        Map<String, Integer> before = colours(charts.lossChart());
        assertEquals(List.of("sgd", "momentum", "adam"), List.copyOf(before.keySet()), "labels without run ids");
        assertEquals(3, before.values().stream().distinct().count());
        charts.showRuns(List.of(byDir.get(two.getFileName())));
        Map<String, Integer> after = colours(charts.lossChart());
        assertEquals(before.get("momentum"), after.get("momentum"));
        assertEquals(before.get("adam"), after.get("adam"));
        // both runs: the labels say what differs between them (the experiments' names), never the run id
        charts.showRuns(store.runs());
        for (String label : colours(charts.lossChart()).keySet()) {
            assertTrue(label.endsWith("(three-optimizers)") || label.endsWith("(two-optimizers)"), label);
            for (var run : store.runs()) {
                assertFalse(label.contains(run.id()), label);
            }
        }
        // one legend for both charts: hiding a curve in the loss chart hides it in the accuracy chart
        String first = charts.lossChart().series().get(0).label();
        Rectangle entry = charts.lossChart().legendEntries().get(first);
        if (entry != null) { // drawn already: click it as a user does
            mouse(charts.lossChart().chart().getPlotArea().getControl(), SWT.MouseDown, entry.x + 2, entry.y + 2);
        } else {
            charts.lossChart().toggle(first);
        }
        assertTrue(charts.lossChart().isHidden(first));
        assertTrue(charts.accuracyChart().isHidden(first));
        assertTrue(charts.accuracyChart().legendEntries().isEmpty());
        charts.lossChart().toggle(first);
        assertFalse(charts.accuracyChart().isHidden(first));
        // the stacked charts share the x-range, and their plots line up (the wider y labels set both margins)
        assertArrayEquals(charts.lossChart().xRange(), charts.accuracyChart().xRange(), 1e-9);
        Display.getDefault().readAndDispatch();
        assertEquals(charts.lossChart().chart().getBounds().x, charts.accuracyChart().chart().getBounds().x);
        assertEquals(charts.lossChart().chart().getBounds().width, charts.accuracyChart().chart().getBounds().width);
        assertTrue(charts.lossChart().xRange()[0] >= 0);
        save(charts.lossChart().control().getParent(), "charts-training.png");
        var export = charts.exportPng(Path.of("target", "charts-export.png").toAbsolutePath());
        Ui.waitFor(Display.getDefault(), () -> export.getResult() != null);
        assertTrue(export.getResult().isOK(), export.getResult().getMessage());
        page.showView(org.optlab.ui.views.TrajectoryView.ID);
        save(page.getWorkbenchWindow().getShell(), "charts-lab.png");
        charts.showRuns(List.of());
    }

    @Test
    void theLandscapeActionOpensTheLandscapeViewOnTheRunShown() throws Exception {
        Path root = Files.createTempDirectory("runs");
        Path first = write(root.resolve("run-a"), "with-snapshots", List.of("sgd", "adam"));
        Files.createDirectories(first.resolve("snapshots"));
        Path second = write(root.resolve("run-b"), "without", List.of("adam"));
        var store = new RunStore(root, 1);
        var byDir = new LinkedHashMap<Path, org.optlab.runner.store.StoredRun>();
        store.runs().forEach(r -> byDir.put(r.directory().getFileName(), r));
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        TrainingChartsView charts = (TrainingChartsView) page.showView(TrainingChartsView.ID);
        // the action as the user finds it: the Training Charts view's tool bar button "Landscape"
        org.eclipse.jface.action.IAction landscape = null;
        for (var item : charts.getViewSite().getActionBars().getToolBarManager().getItems()) {
            if (item instanceof org.eclipse.jface.action.ActionContributionItem a && "Landscape".equals(a.getAction()
                    .getText())) {
                landscape = a.getAction();
            }
        }
        assertNotNull(landscape, "a Landscape button in the Training Charts view");
        try {
            // two runs shown: the first of them
            charts.showRuns(List.of(byDir.get(first.getFileName()), byDir.get(second.getFileName())));
            landscape.run();
            org.optlab.ui.views.LandscapeView view = (org.optlab.ui.views.LandscapeView) page.findView(
                    org.optlab.ui.views.LandscapeView.ID);
            assertNotNull(view, "the Landscape view opened");
            assertEquals(first, view.run());
            assertTrue(page.isPartVisible(view));
            assertTrue(view.statusText().startsWith("Not computed yet"), view.statusText());
            // another run shown: the same view moves to it, and says what that run lacks
            charts.showRuns(List.of(byDir.get(second.getFileName())));
            landscape.run();
            assertEquals(second, view.run());
            assertTrue(view.statusText().contains("no snapshots"), view.statusText());
        } finally {
            charts.showRuns(List.of());
            page.showView(TrainingChartsView.ID);
        }
    }

    @Test
    void theSchedulePreviewOfAConstantRateStartsAtZero() throws Exception {
        var window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Path file = Files.createTempDirectory("preview").resolve("constant.json");
        var editor = org.optlab.ui.internal.editor.NewExperimentHandler.create(file, page);
        try {
            settle(window.getShell().getDisplay());
            List<LabChart> previews = new ArrayList<>();
            find(window.getShell(), previews);
            previews.removeIf(c -> !c.xTitle().equals("share of the run"));
            assertEquals(1, previews.size());
            LabChart preview = previews.get(0);
            assertFalse(editor.document().has("schedule"), "a new experiment runs at a constant rate");
            assertEquals(1, preview.series().size());
            double[] lr = preview.series().get(0).y();
            double v = lr[0];
            for (double each : lr) {
                assertEquals(v, each);
            }
            assertTrue(v > 0);
            assertArrayEquals(new double[] { 0, 1.1 * v }, preview.yRange(), 1e-15 * v);
            save(window.getShell(), "charts-window.png");
            editor.showPage(2); // Schedule
            settle(window.getShell().getDisplay());
            save(preview.control(), "charts-preview.png");
            page.showView(org.optlab.ui.views.TrajectoryView.ID);
            settle(window.getShell().getDisplay());
            save(window.getShell(), "charts-race.png");
        } finally {
            page.closeEditor(editor, false);
        }
    }

    private static void find(Control control, List<LabChart> charts) {
        LabChart chart = LabChart.of(control);
        if (chart != null) {
            charts.add(chart);
        }
        if (control instanceof org.eclipse.swt.widgets.Composite c) {
            for (Control child : c.getChildren()) {
                find(child, charts);
            }
        }
    }

    private static Map<String, Integer> colours(LabChart chart) {
        Map<String, Integer> colours = new LinkedHashMap<>();
        chart.series().forEach(s -> colours.put(s.label(), s.rgb()));
        return colours;
    }

    /** A run folder: the experiment and 100 steps with an evaluation every 50, for each optimizer. */
    private static Path write(Path dir, String name, List<String> optimizers) throws Exception {
        Files.createDirectories(dir);
        StringBuilder ids = new StringBuilder();
        for (String o : optimizers) {
            ids.append(ids.length() == 0 ? "" : ", ").append("{\"id\": \"").append(o).append("\"}");
        }
        Files.writeString(dir.resolve("experiment.json"), "{\"name\": \"" + name
                + "\", \"epochs\": 2, \"optimizers\": [" + ids + "]}");
        StringBuilder csv = new StringBuilder("optimizer,epoch,step,train_loss,test_loss,test_accuracy,lr,seconds\n");
        for (String o : optimizers) {
            for (int step = 1; step <= 100; step++) {
                int epoch = (step - 1) / 50 + 1;
                csv.append(o).append(',').append(epoch).append(',').append(step).append(',').append(2.0 / step)
                        .append(",,,0.01,").append(step).append('\n');
                if (step % 50 == 0) {
                    csv.append(o).append(',').append(epoch).append(',').append(step).append(",,0.5,")
                            .append(0.5 + step / 1000.0).append(",,").append(step).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("metrics.csv"), csv);
        return dir;
    }

    /** Saves what the control shows as target/NAME, to look at (not compared with anything). */
    private static void save(Control control, String name) {
        Display display = control.getDisplay();
        settle(display);
        Point size = control.getSize();
        if (size.x <= 0 || size.y <= 0) {
            return;
        }
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(control);
        try {
            gc.copyArea(image, 0, 0);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(Path.of("target", name).toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
