package org.optlab.ui.internal.charts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Layout;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.swtchart.Range;
import org.optlab.plot.Ticks;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * The lab's one chart: line series (with an optional shaded band each) on SWTChart, with what SWTChart does not give
 * drawn here: ticks, tick labels, grid and axis titles in the workbench's font and colours (log axes at 1-2-5 per
 * decade, numbers as {@link Ticks#labels} writes them), a compact legend inside the plot whose entries hide
 * and show their series, a hover crosshair reading out every visible series, a vertical marker, a centred text when
 * there is nothing to show, and an x-range that stacked charts can share ({@link #linkX}: drag across the plot to
 * zoom into an x-range, double-click to see everything again; linked charts follow).
 * <p>
 * The caller gives labels and colours; the chart keeps which labels are hidden for as long as they are shown.
 */
public final class LabChart {

    /** A shaded range behind a series: at each x, from low to high (NaN where unknown). */
    public record Band(double[] x, double[] low, double[] high) {
    }

    /**
     * One curve: its legend label (series with the same label share one legend entry and are hidden together), colour (0xRRGGBB), points (x ascending), an optional band,
     * whether each point gets a marker, an optional detail the legend adds in grey ("n=3"), or null, and whether the
     * points are joined by a line (dots alone: a scatter, where x may repeat).
     */
    public record Series(String label, int rgb, double[] x, double[] y, Band band, boolean markers, String detail,
            boolean line) {

        public Series(String label, int rgb, double[] x, double[] y) {
            this(label, rgb, x, y, null, false, null);
        }

        public Series(String label, int rgb, double[] x, double[] y, Band band, boolean markers, String detail) {
            this(label, rgb, x, y, band, markers, detail, true);
        }

        /** Points without a line, each a marker. */
        public static Series dots(String label, int rgb, double[] x, double[] y) {
            return new Series(label, rgb, x, y, null, true, null, false);
        }
    }

    /** Charts that show one x-range: the union of their data's, or the zoom one of them chose. */
    private static final class XLink {
        final List<LabChart> charts = new ArrayList<>();
        double[] zoom;
        /** The room each chart needs left of its plot: all take the most, so the stacked plots line up in x. */
        final Map<LabChart, Integer> lefts = new java.util.HashMap<>();

        int left() {
            return lefts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    private static final int PAD = 4;
    private static final int TICK = 2;
    private static final int SWATCH = 14;
    /** Band fill opacity (of 255): about 25 %. */
    private static final int BAND_ALPHA = 64;

    private final Composite frame;
    private final Chart chart;
    private final Font font;
    private List<Series> series = List.of();
    private final Set<String> hidden = new HashSet<>();
    private final List<java.util.function.Consumer<String>> onToggle = new ArrayList<>();
    private String xTitle = "";
    private String yTitle = "";
    private String emptyText = "";
    private boolean logX;
    private boolean logY;
    private double[] fixedY;
    private double marker = Double.NaN;
    private XLink link = new XLink();
    private List<Double> xTicks = List.of();
    private List<Double> yTicks = List.of();
    private List<String> xLabels = List.of();
    private List<String> yLabels = List.of();
    private double hoverX = Double.NaN;
    private int dragFrom = -1;
    private int dragTo = -1;
    private boolean legendShown = true;
    private boolean legendOpen;
    /** The legend as last drawn: entry bounds (plot-area pixels) by label, and the collapse button's. */
    private final Map<String, Rectangle> legendEntries = new LinkedHashMap<>();
    private final Map<String, Boolean> legendTruncated = new LinkedHashMap<>();
    private Rectangle legendButton;
    private Rectangle legendBox;

    public LabChart(Composite parent) {
        link.charts.add(this);
        font = JFaceResources.getDefaultFont();
        frame = new Composite(parent, SWT.DOUBLE_BUFFERED);
        frame.setData(LabChart.class.getName(), this);
        frame.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        frame.setBackgroundMode(SWT.INHERIT_DEFAULT);
        chart = new Chart(frame, SWT.NONE);
        chart.setBackground(frame.getBackground());
        chart.getPlotArea().setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        chart.getTitle().setVisible(false);
        chart.getLegend().setVisible(false);
        for (IAxis axis : chart.getAxisSet().getAxes()) {
            axis.getTitle().setVisible(false);
            axis.getTick().setVisible(false);
            axis.getGrid().setStyle(LineStyle.NONE);
        }
        frame.setLayout(new Layout() {
            @Override
            protected Point computeSize(Composite composite, int wHint, int hHint, boolean flushCache) {
                return new Point(wHint == SWT.DEFAULT ? 300 : wHint, hHint == SWT.DEFAULT ? 200 : hHint);
            }

            @Override
            protected void layout(Composite composite, boolean flushCache) {
                layoutChart();
            }
        });
        frame.addPaintListener(e -> paintAxes(e.gc));
        chart.getPlotArea().addCustomPaintListener(painter(true, this::paintBehind));
        chart.getPlotArea().addCustomPaintListener(painter(false, this::paintOver));
        Control plot = chart.getPlotArea().getControl();
        plot.addListener(SWT.MouseMove, this::mouseMove);
        plot.addListener(SWT.MouseExit, e -> {
            hoverX = Double.NaN;
            plot.setToolTipText(null);
            plot.redraw();
        });
        plot.addListener(SWT.MouseDown, this::mouseDown);
        plot.addListener(SWT.MouseUp, this::mouseUp);
        plot.addListener(SWT.MouseDoubleClick, e -> {
            if (e.button == 1 && hit(e.x, e.y) == null) {
                resetZoom();
            }
        });
        frame.addDisposeListener(e -> link.charts.remove(this));
    }

    private static ICustomPaintListener painter(boolean behind, java.util.function.Consumer<PaintEvent> paint) {
        return new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                paint.accept(e);
            }

            @Override
            public boolean drawBehindSeries() {
                return behind;
            }
        };
    }

    /** The chart whose {@link #control()} this is, or null (tests find charts by walking the widget tree). */
    public static LabChart of(Control control) {
        return control.getData(LabChart.class.getName()) instanceof LabChart chart ? chart : null;
    }

    /** The control to lay out (the chart with its axes). */
    public Composite control() {
        return frame;
    }

    /** The SWTChart chart inside (for tests and for what this class does not wrap). */
    public Chart chart() {
        return chart;
    }

    public void setTitles(String x, String y) {
        String nextX = x == null ? "" : x;
        String nextY = y == null ? "" : y;
        if (!nextX.equals(xTitle) || !nextY.equals(yTitle)) {
            xTitle = nextX;
            yTitle = nextY;
            frame.layout(true);
            frame.redraw();
        }
    }

    public String xTitle() {
        return xTitle;
    }

    public String yTitle() {
        return yTitle;
    }

    /** The text shown in the middle when there are no series ("No runs selected"). */
    public void setEmptyText(String text) {
        String next = text == null ? "" : text;
        if (!next.equals(emptyText)) {
            emptyText = next;
            chart.getPlotArea().getControl().redraw();
        }
    }

    /** Log scale for x, used only while every x of every series is > 0. */
    public void setLogX(boolean on) {
        if (logX != on) {
            logX = on;
            update();
        }
    }

    /** Log scale for y, used only while every y of every series is > 0 (band values that are not are left out). */
    public void setLogY(boolean on) {
        if (logY != on) {
            logY = on;
            update();
        }
    }

    /** Whether x is on a log scale now (asked for, and the data allow it). */
    public boolean isLogX() {
        return chart.getAxisSet().getXAxis(0).isLogScaleEnabled();
    }

    /** Whether y is on a log scale now (asked for, and the data allow it). */
    public boolean isLogY() {
        return chart.getAxisSet().getYAxis(0).isLogScaleEnabled();
    }

    /** A y-range chosen by the caller instead of the data's ({@code null}: the data's). */
    public void setYRange(double[] range) {
        if (!java.util.Arrays.equals(range, fixedY)) {
            fixedY = range == null ? null : range.clone();
            update();
        }
    }

    /** Whether the legend is drawn (a chart of one curve named by its axis title needs none). */
    public void setLegendVisible(boolean on) {
        legendShown = on;
        chart.getPlotArea().getControl().redraw();
    }

    /** The vertical marker's x (NaN: none). */
    public void setMarker(double x) {
        marker = x;
        chart.getPlotArea().getControl().redraw();
    }

    public double marker() {
        return marker;
    }

    /**
     * Replaces the series. Labels hidden before stay hidden while a series still has that label; the others are
     * forgotten.
     */
    public void setSeries(List<Series> next) {
        series = List.copyOf(next);
        Set<String> labels = new HashSet<>();
        series.forEach(s -> labels.add(s.label()));
        hidden.retainAll(labels);
        if (series.isEmpty()) {
            legendOpen = false;
        }
        update();
    }

    public List<Series> series() {
        return series;
    }

    /** The series not hidden through the legend, in order. */
    public List<Series> visibleSeries() {
        return series.stream().filter(s -> !hidden.contains(s.label())).toList();
    }

    public boolean isHidden(String label) {
        return hidden.contains(label);
    }

    /** Hides or shows the series with this label, as clicking its legend entry does. */
    public void toggle(String label) {
        setHidden(label, !hidden.contains(label));
        onToggle.forEach(c -> c.accept(label));
    }

    /** Hides or shows the series with this label (without telling the {@link #onToggle} listeners). */
    public void setHidden(String label, boolean hide) {
        if (hide) {
            hidden.add(label);
        } else {
            hidden.remove(label);
        }
        update();
    }

    /** Called with the label after each legend toggle (a chart without a legend can follow another's). */
    public void onToggle(java.util.function.Consumer<String> listener) {
        onToggle.add(listener);
    }

    /** These charts show one x-range from now on (the union of their data's, or a zoom chosen on any of them). */
    public static void linkX(LabChart... charts) {
        XLink shared = new XLink();
        for (LabChart c : charts) {
            c.link.charts.remove(c);
            c.link.lefts.remove(c);
            c.link = shared;
            shared.charts.add(c);
        }
        shared.charts.forEach(LabChart::update);
    }

    /** Shows only [lo, hi] of x, here and on the linked charts. */
    public void zoomX(double lo, double hi) {
        if (hi > lo) {
            link.zoom = new double[] { lo, hi };
            link.charts.forEach(LabChart::applyRanges);
        }
    }

    /** Shows all data again, here and on the linked charts. */
    public void resetZoom() {
        link.zoom = null;
        link.charts.forEach(LabChart::applyRanges);
    }

    /** The x-range shown: {lower, upper}. */
    public double[] xRange() {
        Range r = chart.getAxisSet().getXAxis(0).getRange();
        return new double[] { r.lower, r.upper };
    }

    /** The y-range shown: {lower, upper}. */
    public double[] yRange() {
        Range r = chart.getAxisSet().getYAxis(0).getRange();
        return new double[] { r.lower, r.upper };
    }

    /** The x values that have a tick and label now. */
    public List<Double> xTicks() {
        return xTicks;
    }

    /** The y values that have a tick and label now. */
    public List<Double> yTicks() {
        return yTicks;
    }

    /** The y ticks' labels as drawn. */
    public List<String> yLabels() {
        return yLabels;
    }

    /**
     * What the hover readout shows at x: for every visible series whose points span x, its label and the y of its
     * point nearest to x (the earlier point on a tie), in the series' order; of series sharing a label, the first
     * that spans x.
     */
    public Map<String, Double> readout(double x) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Series s : visibleSeries()) {
            int i = nearest(s.x(), x);
            if (i >= 0 && !values.containsKey(s.label())) {
                values.put(s.label(), s.y()[i]);
            }
        }
        return values;
    }

    /** The index of the point of ascending xs nearest to x, or -1 when x is outside [xs[0], xs[n-1]]. */
    static int nearest(double[] xs, double x) {
        if (xs.length == 0 || !(x >= xs[0]) || !(x <= xs[xs.length - 1])) {
            return -1;
        }
        int i = java.util.Arrays.binarySearch(xs, x);
        if (i >= 0) {
            return i;
        }
        int above = -i - 1; // xs[above - 1] < x < xs[above]
        return x - xs[above - 1] <= xs[above] - x ? above - 1 : above;
    }

    /** The legend entries' bounds in the plot area's pixels, as last drawn (empty when collapsed). */
    public Map<String, Rectangle> legendEntries() {
        return Map.copyOf(legendEntries);
    }

    /** The "Legend (n)" button's bounds when the legend is collapsed, else null. */
    public Rectangle legendButton() {
        return legendButton;
    }

    /** The legend's box as last drawn (plot-area pixels), or null. */
    public Rectangle legendBox() {
        return legendBox;
    }

    /** Whether an entry's label was cut to fit (its tooltip has the whole label). */
    public boolean isTruncated(String label) {
        return legendTruncated.getOrDefault(label, false);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Puts the series into SWTChart, chooses the scales and ranges, and redraws. */
    private void update() {
        if (chart.isDisposed()) {
            return;
        }
        chart.suspendUpdate(true);
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        IAxis yAxis = chart.getAxisSet().getYAxis(0);
        xAxis.enableLogScale(false);
        yAxis.enableLogScale(false);
        for (ISeries<?> old : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(old.getId());
        }
        boolean positiveX = !series.isEmpty();
        boolean positiveY = !series.isEmpty();
        int index = 0;
        for (Series s : series) {
            ILineSeries<?> line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, "s" + index++);
            line.setDescription(s.label());
            line.setXSeries(s.x());
            line.setYSeries(s.y());
            Color colour = colour(s.rgb());
            line.setLineColor(colour);
            line.setLineWidth(2);
            line.setAntialias(SWT.ON);
            line.setSymbolType(s.markers() ? PlotSymbolType.CIRCLE : PlotSymbolType.NONE);
            line.setSymbolColor(colour);
            line.setSymbolSize(s.line() ? 3 : 4);
            line.setLineStyle(s.line() ? LineStyle.SOLID : LineStyle.NONE);
            line.setVisible(!hidden.contains(s.label()));
            positiveX &= allPositive(s.x());
            positiveY &= allPositive(s.y());
        }
        xAxis.enableLogScale(logX && positiveX);
        yAxis.enableLogScale(logY && positiveY);
        chart.suspendUpdate(false);
        applyRanges();
        // the linked charts' x-range is the union of all their data: follow this chart's new data
        for (LabChart other : link.charts) {
            if (other != this && !other.chart.isDisposed() && !java.util.Arrays.equals(other.xRange(), xRange())) {
                other.applyRanges();
            }
        }
    }

    /** Sets the x-range (the link's) and the y-range (the caller's, or the visible data's there), and redraws. */
    private void applyRanges() {
        chart.suspendUpdate(true);
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        IAxis yAxis = chart.getAxisSet().getYAxis(0);
        boolean lx = xAxis.isLogScaleEnabled();
        boolean ly = yAxis.isLogScaleEnabled();
        double[] x = link.zoom != null ? link.zoom : linkedDataX();
        x = Ticks.range(x[0], x[1], lx, false);
        if (lx && !(x[0] > 0)) {
            x = new double[] { 1, 10 };
        }
        xAxis.setRange(new Range(x[0], x[1]));
        double[] y = fixedY != null ? fixedY : dataY(x, ly);
        if (ly && !(y[0] > 0)) {
            y = new double[] { Math.max(Double.MIN_NORMAL, y[1] / 10), y[1] };
        }
        yAxis.setRange(new Range(y[0], y[1]));
        chart.suspendUpdate(false);
        frame.layout(true);
        frame.redraw();
        chart.redraw();
        chart.getPlotArea().getControl().redraw();
    }

    private static boolean allPositive(double[] values) {
        for (double v : values) {
            if (!(v > 0) && !Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /** The x-range of every series of the linked charts (hidden ones too: hiding does not move the axis). */
    private double[] linkedDataX() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (LabChart c : link.charts) {
            for (Series s : c.series) {
                for (double v : s.x()) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return new double[] { lo, hi };
    }

    /** The y-range of the visible series' points inside the x-range (bands included), padded. */
    private double[] dataY(double[] x, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : visibleSeries()) {
            double[][] parts = s.band() == null ? new double[][] { s.x(), s.y() }
                    : new double[][] { s.x(), s.y(), s.band().x(), s.band().low(), s.band().x(), s.band().high() };
            for (int p = 0; p < parts.length; p += 2) {
                for (int i = 0; i < parts[p].length; i++) {
                    double v = parts[p + 1][i];
                    if (parts[p][i] >= x[0] && parts[p][i] <= x[1] && Double.isFinite(v) && (!log || v > 0)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return Ticks.range(lo, hi, log, true);
    }

    private Color colour(int rgb) {
        return new Color(chart.getDisplay(), new RGB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff));
    }

    // --- axes: laid out and drawn around the chart ----------------------------------------------------------------

    private int lineHeight() {
        GC gc = new GC(frame);
        try {
            gc.setFont(font);
            return gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
    }

    /** Chooses the ticks for the frame's size, then leaves room for their labels and the titles around the chart. */
    private void layoutChart() {
        Rectangle area = frame.getClientArea();
        int line = lineHeight();
        int top = line / 2 + PAD;
        int bottom = TICK + line + PAD + (xTitle.isEmpty() ? 0 : line + PAD);
        GC gc = new GC(frame);
        try {
            gc.setFont(font);
            boolean empty = series.isEmpty();
            Range yr = chart.getAxisSet().getYAxis(0).getRange();
            int height = Math.max(1, area.height - top - bottom);
            yTicks = empty ? List.of() : ticks(yr, isLogY(), Math.max(2, height / (2 * line)));
            yLabels = Ticks.labels(yTicks, isLogY());
            int labels = 0;
            for (String l : yLabels) {
                labels = Math.max(labels, gc.textExtent(l).x);
            }
            int before = link.left();
            link.lefts.put(this, PAD + (yTitle.isEmpty() ? 0 : line + PAD) + labels + PAD + TICK);
            int left = link.left();
            if (left != before) {
                for (LabChart other : link.charts) {
                    if (other != this && !other.frame.isDisposed()) {
                        other.frame.layout(true); // it lines up with this one's new margin
                        other.frame.redraw();
                        // the plot too (a child: the frame's redraw leaves it): a legend drawn for the old size goes
                        other.chart.getPlotArea().getControl().redraw();
                    }
                }
            }
            Range xr = chart.getAxisSet().getXAxis(0).getRange();
            int width = Math.max(1, area.width - left - PAD);
            int count = Math.max(2, width / 60);
            xTicks = List.of();
            xLabels = List.of();
            while (!empty && count >= 2) { // the most ticks whose labels keep a gap between them
                xTicks = ticks(xr, isLogX(), count);
                xLabels = Ticks.labels(xTicks, isLogX());
                int widest = 0;
                for (String l : xLabels) {
                    widest = Math.max(widest, gc.textExtent(l).x);
                }
                if (xTicks.size() <= 1 || width / xTicks.size() >= widest + 2 * line) {
                    break;
                }
                count = xTicks.size() - 1;
            }
            int right = PAD + (xTicks.isEmpty() ? 0 : gc.textExtent(xLabels.get(xLabels.size() - 1)).x / 2);
            chart.setBounds(area.x + left, area.y + top, Math.max(1, area.width - left - right),
                    Math.max(1, area.height - top - bottom));
            chart.getPlotArea().getControl().redraw(); // its legend and readout are placed for its new size
        } finally {
            gc.dispose();
        }
    }

    private static List<Double> ticks(Range r, boolean log, int count) {
        return log ? Ticks.log(r.lower, r.upper, count) : Ticks.linear(r.lower, r.upper, count);
    }

    /** The plot area's bounds in the frame's pixels. */
    private Rectangle plotInFrame() {
        Rectangle p = chart.getPlotArea().getControl().getBounds();
        Point c = chart.getLocation();
        return new Rectangle(c.x + p.x, c.y + p.y, p.width, p.height);
    }

    /** Tick marks, tick labels and axis titles, outside the plot area. */
    private void paintAxes(GC gc) {
        gc.setFont(font);
        gc.setForeground(frame.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        Rectangle plot = plotInFrame();
        // the chart covers its bounds: labels go outside them, lined up with the plot area inside
        Rectangle bounds = chart.getBounds();
        int line = gc.getFontMetrics().getHeight();
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        IAxis yAxis = chart.getAxisSet().getYAxis(0);
        int below = bounds.y + bounds.height;
        int previousRight = Integer.MIN_VALUE;
        for (int i = 0; i < xTicks.size(); i++) {
            int px = plot.x + xAxis.getPixelCoordinate(xTicks.get(i));
            String label = xLabels.get(i);
            int w = gc.textExtent(label).x;
            if (px - w / 2 > previousRight + PAD) { // never overlap: a label with no room is left out
                gc.drawText(label, px - w / 2, below + TICK, true);
                previousRight = px - w / 2 + w;
            }
        }
        for (int i = 0; i < yTicks.size(); i++) {
            int py = plot.y + yAxis.getPixelCoordinate(yTicks.get(i));
            String label = yLabels.get(i);
            Point size = gc.textExtent(label);
            gc.drawText(label, bounds.x - TICK - PAD / 2 - size.x, py - size.y / 2, true);
        }
        if (!xTitle.isEmpty()) {
            int w = gc.textExtent(xTitle).x;
            gc.drawText(xTitle, plot.x + (plot.width - w) / 2, below + TICK + line + PAD / 2, true);
        }
        if (!yTitle.isEmpty()) {
            String title = ellipsize(gc, yTitle, Math.max(bounds.height, 20)); // a short chart cuts a long title
            int w = gc.textExtent(title).x;
            Transform t = new Transform(gc.getDevice());
            t.translate(PAD, plot.y + (plot.height + w) / 2f);
            t.rotate(-90);
            gc.setTransform(t);
            gc.drawText(title, 0, 0, true);
            gc.setTransform(null);
            t.dispose();
        }
    }

    // --- inside the plot ------------------------------------------------------------------------------------------

    /** Grid lines at the ticks and the bands, behind the curves. */
    private void paintBehind(PaintEvent e) {
        GC gc = e.gc;
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        IAxis yAxis = chart.getAxisSet().getYAxis(0);
        gc.setForeground(new Color(chart.getDisplay(), 0xe0, 0xe0, 0xe0));
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setLineWidth(1);
        for (double v : xTicks) {
            int px = xAxis.getPixelCoordinate(v);
            gc.drawLine(px, 0, px, e.height);
        }
        for (double v : yTicks) {
            int py = yAxis.getPixelCoordinate(v);
            gc.drawLine(0, py, e.width, py);
        }
        gc.setAlpha(BAND_ALPHA);
        boolean logx = isLogX();
        boolean logy = isLogY();
        for (Series s : visibleSeries()) {
            Band b = s.band();
            if (b == null) {
                continue;
            }
            List<Integer> polygon = new ArrayList<>();
            for (int i = 0; i < b.x().length; i++) {
                if (drawable(b.x()[i], b.high()[i], logx, logy)) {
                    polygon.add(xAxis.getPixelCoordinate(b.x()[i]));
                    polygon.add(yAxis.getPixelCoordinate(b.high()[i]));
                }
            }
            for (int i = b.x().length - 1; i >= 0; i--) {
                if (drawable(b.x()[i], b.low()[i], logx, logy)) {
                    polygon.add(xAxis.getPixelCoordinate(b.x()[i]));
                    polygon.add(yAxis.getPixelCoordinate(b.low()[i]));
                }
            }
            if (polygon.size() >= 6) {
                gc.setBackground(colour(s.rgb()));
                gc.fillPolygon(polygon.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        gc.setAlpha(255);
    }

    private static boolean drawable(double x, double y, boolean logx, boolean logy) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logx || x > 0) && (!logy || y > 0);
    }

    /** The marker, the empty text, the zoom selection, the legend and the hover readout, over the curves. */
    private void paintOver(PaintEvent e) {
        GC gc = e.gc;
        gc.setFont(font);
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        var display = chart.getDisplay();
        Color foreground = display.getSystemColor(SWT.COLOR_WIDGET_FOREGROUND);
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        if (series.isEmpty()) {
            legendEntries.clear();
            legendButton = null;
            legendBox = null;
            if (!emptyText.isEmpty()) {
                Point size = gc.textExtent(emptyText);
                gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GRAY));
                gc.drawText(emptyText, (e.width - size.x) / 2, (e.height - size.y) / 2, true);
            }
            return;
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(0, 0, e.width - 1, e.height - 1);
        if (!Double.isNaN(marker)) {
            int px = xAxis.getPixelCoordinate(marker);
            gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawLine(px, 0, px, e.height);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
        if (dragFrom >= 0 && dragTo >= 0 && Math.abs(dragTo - dragFrom) > 3) {
            gc.setAlpha(50);
            gc.setBackground(display.getSystemColor(SWT.COLOR_LIST_SELECTION));
            gc.fillRectangle(Math.min(dragFrom, dragTo), 0, Math.abs(dragTo - dragFrom), e.height);
            gc.setAlpha(255);
        }
        if (legendShown) {
            paintLegend(gc, e.width, e.height, foreground);
        } else {
            legendEntries.clear();
            legendButton = null;
            legendBox = null;
        }
        if (!Double.isNaN(hoverX) && dragFrom < 0) {
            paintReadout(gc, e.width, e.height, foreground);
        }
    }

    /**
     * The legend in the corner that covers the fewest points, at most a quarter of the plot and half of its height
     * (in a short, wide plot a taller one hides the curves' whole start or end): labels cut with an ellipsis when
     * needed, and when even that does not fit, a "Legend (n)" button that opens it (in columns).
     */
    private void paintLegend(GC gc, int width, int height, Color foreground) {
        legendEntries.clear();
        legendTruncated.clear();
        legendButton = null;
        legendBox = null;
        int line = gc.getFontMetrics().getHeight();
        int rowH = line + 2;
        int chrome = PAD + SWATCH + PAD + PAD; // swatch and gaps around a label
        List<Series> shown = entries();
        List<String> texts = shown.stream().map(LabChart::legendText).toList();
        int widest = 0;
        for (String t : texts) {
            widest = Math.max(widest, gc.textExtent(t).x);
        }
        int boxH = rowH * texts.size() + PAD;
        long quarter = (long) width * height / 4;
        int textW = widest;
        int minText = gc.textExtent("abcdefgh").x;
        // at most a quarter of the plot, and never wider than half of it
        while (textW > minText && ((long) (textW + chrome) * boxH > quarter || textW + chrome > width / 2)) {
            textW -= Math.max(4, textW / 10);
        }
        boolean fits = (long) (textW + chrome) * boxH <= quarter && textW + chrome <= width / 2
                && boxH <= height / 2;
        String button = NLS.bind(legendOpen ? Messages.LabChart_legendOpen : Messages.LabChart_legendClosed,
                shown.size());
        Point buttonSize = gc.textExtent(button);
        int buttonW = buttonSize.x + 2 * PAD;
        int buttonH = buttonSize.y + PAD;
        int rows = shown.size();
        int columns = 1;
        int top = PAD / 2; // of the entries, in the box
        int boxW;
        if (fits) {
            boxW = textW + chrome;
        } else if (!legendOpen) { // collapsed: the button alone
            boxW = buttonW;
            boxH = buttonH;
        } else { // opened: under the button, in as many columns as the plot's height asks for
            top += buttonH;
            rows = Math.max(1, (height - 2 * PAD - top - PAD) / rowH);
            int most = Math.max(1, (width - 2 * PAD) / (chrome + minText / 2));
            columns = Math.min(most, (shown.size() + rows - 1) / rows);
            textW = Math.min(widest, (width - 2 * PAD) / columns - chrome);
            boxW = Math.max(buttonW, columns * (textW + chrome));
            boxH = top + Math.min(rows, shown.size()) * rowH + PAD;
        }
        Rectangle box = corner(boxW, boxH, width, height);
        legendBox = box;
        // opaque: curves showing through a crowded legend read as a shaded band
        gc.setBackground(chart.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(box);
        gc.setForeground(chart.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(box);
        if (!fits) {
            legendButton = new Rectangle(box.x, box.y, boxW, buttonH);
            gc.setForeground(foreground);
            gc.drawText(button, box.x + PAD, box.y + PAD / 2, true);
            if (!legendOpen) {
                return;
            }
        }
        Color grey = chart.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND);
        int columnW = textW + chrome;
        for (int i = 0; i < shown.size() && i < rows * columns; i++) {
            Series s = shown.get(i);
            boolean off = hidden.contains(s.label());
            String text = texts.get(i);
            String cut = ellipsize(gc, text, textW);
            legendTruncated.put(s.label(), !cut.equals(text));
            int x = box.x + (i / rows) * columnW;
            int y = box.y + top + (i % rows) * rowH;
            legendEntries.put(s.label(), new Rectangle(x + 1, y, columnW - 2, rowH));
            int mid = y + rowH / 2;
            gc.setLineWidth(3);
            gc.setForeground(off ? grey : colour(s.rgb()));
            gc.drawLine(x + PAD, mid, x + PAD + SWATCH, mid);
            gc.setLineWidth(1);
            gc.setForeground(off ? grey : foreground);
            gc.drawText(cut, x + PAD + SWATCH + PAD, y + 1, true);
        }
    }

    /** The first series of each label: one legend entry each. */
    private List<Series> entries() {
        Set<String> seen = new HashSet<>();
        return series.stream().filter(s -> seen.add(s.label())).toList();
    }

    private static String legendText(Series s) {
        return s.detail() == null || s.detail().isEmpty() ? s.label() : s.label() + "  " + s.detail();
    }

    /** The text cut to fit the width, with an ellipsis at the end. */
    private static String ellipsize(GC gc, String text, int width) {
        if (gc.textExtent(text).x <= width) {
            return text;
        }
        int keep = text.length();
        while (keep > 0 && gc.textExtent(text.substring(0, keep) + "\u2026").x > width) {
            keep--;
        }
        return text.substring(0, keep) + "\u2026";
    }

    /**
     * The box of this size in the plot corner it hides the fewest visible points in (ties: top right, top left,
     * bottom right, bottom left).
     */
    private Rectangle corner(int w, int h, int width, int height) {
        Rectangle[] corners = { new Rectangle(width - w - PAD, PAD, w, h), new Rectangle(PAD, PAD, w, h),
                new Rectangle(width - w - PAD, height - h - PAD, w, h), new Rectangle(PAD, height - h - PAD, w, h) };
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        IAxis yAxis = chart.getAxisSet().getYAxis(0);
        int[] covered = new int[corners.length];
        boolean logx = isLogX();
        boolean logy = isLogY();
        for (Series s : visibleSeries()) {
            int lastX = Integer.MIN_VALUE;
            int lastY = 0;
            for (int i = 0; i < s.x().length; i++) {
                if (!drawable(s.x()[i], s.y()[i], logx, logy)) {
                    lastX = Integer.MIN_VALUE;
                    continue;
                }
                int px = xAxis.getPixelCoordinate(s.x()[i]);
                int py = yAxis.getPixelCoordinate(s.y()[i]);
                // the line between points counts too: sampled every few pixels
                int steps = lastX == Integer.MIN_VALUE ? 1
                        : Math.max(1, Math.min(50, (Math.abs(px - lastX) + Math.abs(py - lastY)) / 6));
                for (int k = 1; k <= steps; k++) {
                    int sx = lastX == Integer.MIN_VALUE ? px : lastX + (px - lastX) * k / steps;
                    int sy = lastX == Integer.MIN_VALUE ? py : lastY + (py - lastY) * k / steps;
                    for (int c = 0; c < corners.length; c++) {
                        covered[c] += corners[c].contains(sx, sy) ? 1 : 0;
                    }
                }
                lastX = px;
                lastY = py;
            }
        }
        int best = 0;
        for (int c = 1; c < corners.length; c++) {
            if (covered[c] < covered[best]) {
                best = c;
            }
        }
        return corners[best];
    }

    /** The crosshair at the hovered x and a box with each visible series' value there, in its colour. */
    private void paintReadout(GC gc, int width, int height, Color foreground) {
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        int px = xAxis.getPixelCoordinate(hoverX);
        gc.setForeground(chart.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawLine(px, 0, px, height);
        Map<String, Double> values = readout(hoverX);
        List<String> lines = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        lines.add((xTitle.isEmpty() ? "" : xTitle + " ") + Ticks.format(hoverX, 4));
        colours.add(foreground);
        for (Series s : visibleSeries()) {
            Double v = values.remove(s.label());
            if (v != null) {
                lines.add(ellipsize(gc, s.label(), Math.max(80, width / 3)) + ": " + Ticks.format(v, 4));
                colours.add(colour(s.rgb()));
            }
        }
        int line = gc.getFontMetrics().getHeight();
        int fit = Math.max(2, (height - PAD) / line);
        if (lines.size() > fit) { // more series than lines fit: the first ones and a count of the rest
            int more = lines.size() - fit + 1;
            lines.subList(fit - 1, lines.size()).clear();
            colours.subList(fit - 1, colours.size()).clear();
            lines.add(NLS.bind(Messages.LabChart_more, more));
            colours.add(foreground);
        }
        int w = 0;
        for (String l : lines) {
            w = Math.max(w, gc.textExtent(l).x);
        }
        w += 2 * PAD;
        int h = line * lines.size() + PAD;
        int x = px + 8 + w <= width ? px + 8 : Math.max(0, px - 8 - w);
        int y = PAD;
        if (legendBox != null && legendBox.intersects(new Rectangle(x, y, w, h))) {
            y = Math.min(height - h, legendBox.y + legendBox.height + PAD);
        }
        gc.setAlpha(235);
        gc.setBackground(chart.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(x, y, w, h);
        gc.setAlpha(255);
        gc.setForeground(chart.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(x, y, w, h);
        for (int i = 0; i < lines.size(); i++) {
            gc.setForeground(colours.get(i));
            gc.drawText(lines.get(i), x + PAD, y + PAD / 2 + i * line, true);
        }
    }

    // --- mouse ----------------------------------------------------------------------------------------------------

    /** What the plot-area point hits: a legend entry's label, "" for the legend button, or null. */
    private String hit(int x, int y) {
        if (legendButton != null && legendButton.contains(x, y)) {
            return "";
        }
        for (Map.Entry<String, Rectangle> e : legendEntries.entrySet()) {
            if (e.getValue().contains(x, y)) {
                return e.getKey();
            }
        }
        return null;
    }

    private void mouseMove(Event e) {
        Control plot = chart.getPlotArea().getControl();
        if (dragFrom >= 0) {
            dragTo = e.x;
            plot.redraw();
            return;
        }
        String on = hit(e.x, e.y);
        String tip = on != null && !on.isEmpty() && isTruncated(on) ? on
                : on == null && !series.isEmpty() ? Messages.LabChart_zoomTip : null;
        if (!java.util.Objects.equals(tip, plot.getToolTipText())) {
            plot.setToolTipText(tip);
        }
        boolean inLegend = legendBox != null && legendBox.contains(e.x, e.y);
        hoverX = series.isEmpty() || inLegend ? Double.NaN : chart.getAxisSet().getXAxis(0).getDataCoordinate(e.x);
        plot.redraw();
    }

    private void mouseDown(Event e) {
        if (e.button != 1) {
            return;
        }
        String on = hit(e.x, e.y);
        if ("".equals(on)) {
            legendOpen = !legendOpen;
            chart.getPlotArea().getControl().redraw();
        } else if (on != null) {
            toggle(on);
        } else if (!series.isEmpty() && (legendBox == null || !legendBox.contains(e.x, e.y))) {
            dragFrom = e.x;
            dragTo = -1;
        }
    }

    private void mouseUp(Event e) {
        if (dragFrom < 0) {
            return;
        }
        int from = dragFrom;
        dragFrom = -1;
        dragTo = -1;
        if (Math.abs(e.x - from) > 5) {
            IAxis xAxis = chart.getAxisSet().getXAxis(0);
            double a = xAxis.getDataCoordinate(Math.min(from, e.x));
            double b = xAxis.getDataCoordinate(Math.max(from, e.x));
            zoomX(a, b);
        } else {
            chart.getPlotArea().getControl().redraw();
        }
    }
}
