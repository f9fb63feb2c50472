package org.optlab.ui.internal.charts;

import java.awt.image.BufferedImage;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.optlab.plot.HeatMaps;
import org.optlab.ui.internal.trajectory.FrameCanvas;

/**
 * A sweep's stability map in the window: the picture {@code optlab sweep} writes ({@link HeatMaps}), drawn at the
 * canvas's size, and a click on a cell told to a listener as (column, row) of the grid, so that the race of that
 * setting can be opened.
 */
public final class StabilityMap {

    private final Canvas canvas;
    private HeatMaps.Grid grid;
    private Image image;
    private BiConsumer<Integer, Integer> onCell = (c, r) -> {
    };

    public StabilityMap(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.Resize, e -> invalidate());
        canvas.addListener(SWT.MouseDown, e -> {
            int[] cell = cellAt(e.x, e.y);
            if (cell != null) {
                onCell.accept(cell[0], cell[1]);
            }
        });
        canvas.addDisposeListener(e -> invalidate());
    }

    public Canvas control() {
        return canvas;
    }

    /** Shows this grid (null: nothing). */
    public void setGrid(HeatMaps.Grid next) {
        grid = next;
        invalidate();
    }

    /** Told (column, row) when a cell is clicked. */
    public void onCell(BiConsumer<Integer, Integer> listener) {
        onCell = listener;
    }

    /** The (column, row) of the grid under a point of the canvas, or null outside the cells. */
    public int[] cellAt(int x, int y) {
        if (grid == null) {
            return null;
        }
        Point size = canvas.getSize();
        var area = HeatMaps.plotArea(size.x, size.y);
        if (x < area.x || y < area.y || x >= area.x + area.width || y >= area.y + area.height) {
            return null;
        }
        int column = Math.min(grid.x().length - 1, (x - area.x) * grid.x().length / Math.max(1, area.width));
        int fromBottom = Math.min(grid.y().length - 1, (area.y + area.height - 1 - y) * grid.y().length
                / Math.max(1, area.height));
        return new int[] { column, fromBottom };
    }

    private void invalidate() {
        if (image != null) {
            image.dispose();
            image = null;
        }
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    private void paint(GC gc) {
        Point size = canvas.getSize();
        if (grid == null || size.x < 1 || size.y < 1) {
            return;
        }
        if (image == null) {
            try {
                BufferedImage drawn = HeatMaps.render(grid, size.x, size.y);
                BufferedImage bgr = new BufferedImage(size.x, size.y, BufferedImage.TYPE_3BYTE_BGR);
                bgr.getGraphics().drawImage(drawn, 0, 0, null);
                image = new Image(canvas.getDisplay(), FrameCanvas.toImageData(bgr));
            } catch (IllegalArgumentException e) {
                return; // too small to draw the grid: nothing until it is larger
            }
        }
        gc.drawImage(image, 0, 0);
    }
}
