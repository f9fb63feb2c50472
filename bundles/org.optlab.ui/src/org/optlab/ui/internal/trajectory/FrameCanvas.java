package org.optlab.ui.internal.trajectory;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.optlab.plot.FrameRenderer;
import org.optlab.plot.MeshRenderer;
import org.optlab.ui.internal.Messages;

/**
 * A canvas that shows frames of a {@link FrameRenderer}. Frames are drawn on a render thread of their own and only
 * blitted on the UI thread; requests made while a frame is being drawn are coalesced into one (the latest wins), so
 * playback, resizing and rotating never queue up work. A 3-D renderer turns with a mouse drag and zooms with the
 * wheel.
 */
public final class FrameCanvas {

    /** One frame to draw: which renderer, at which size and step, and the 3-D viewpoint at the time of the request. */
    private record Request(FrameRenderer renderer, int width, int height, int step, double azimuth, double elevation,
            double zoom) {
    }

    private final Canvas canvas;
    private final ExecutorService renderThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "OptLab frame renderer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private FrameRenderer renderer;
    private int step;
    private double azimuth = -30;
    private double elevation = 40;
    private double zoom = 1;
    private Image image;
    private Point dragFrom;
    private volatile int framesShown;

    public FrameCanvas(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.addPaintListener(e -> {
            Rectangle area = canvas.getClientArea();
            if (image != null && !image.isDisposed()) {
                Rectangle size = image.getBounds();
                if (size.width == area.width && size.height == area.height) {
                    e.gc.drawImage(image, 0, 0);
                } else {
                    e.gc.drawImage(image, 0, 0, size.width, size.height, 0, 0, area.width, area.height);
                }
            } else {
                e.gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
                e.gc.fillRectangle(area);
            }
        });
        canvas.addListener(SWT.Resize, e -> request());
        canvas.addListener(SWT.MouseDown, e -> dragFrom = new Point(e.x, e.y));
        canvas.addListener(SWT.MouseUp, e -> dragFrom = null);
        canvas.addListener(SWT.MouseMove, e -> {
            if (dragFrom != null && renderer instanceof MeshRenderer) {
                azimuth -= (e.x - dragFrom.x) * 0.5;
                elevation = Math.max(5, Math.min(90, elevation + (e.y - dragFrom.y) * 0.4));
                dragFrom = new Point(e.x, e.y);
                request();
            }
        });
        canvas.addListener(SWT.MouseVerticalWheel, e -> {
            if (renderer instanceof MeshRenderer) {
                zoom = Math.max(0.3, Math.min(6, zoom * (e.count > 0 ? 1.1 : 1 / 1.1)));
                request();
            }
        });
        canvas.addDisposeListener(e -> {
            renderThread.shutdownNow();
            if (image != null) {
                image.dispose();
            }
        });
    }

    public Canvas control() {
        return canvas;
    }

    /** Shows frames of {@code next} from now on (null: an empty canvas). */
    public void setRenderer(FrameRenderer next) {
        renderer = next;
        canvas.setCursor(canvas.getDisplay().getSystemCursor(next instanceof MeshRenderer ? SWT.CURSOR_SIZEALL
                : SWT.CURSOR_ARROW));
        canvas.setToolTipText(next instanceof MeshRenderer ? Messages.FrameCanvas_meshTip : null);
        request();
    }

    public FrameRenderer renderer() {
        return renderer;
    }

    /** Shows step {@code s} of the scene. */
    public void setStep(int s) {
        step = s;
        request();
    }

    /** Sets the 3-D viewpoint (degrees; clamped like {@link MeshRenderer#setView}). */
    public void setView(double azimuthDegrees, double elevationDegrees, double zoomFactor) {
        azimuth = azimuthDegrees;
        elevation = Math.max(5, Math.min(90, elevationDegrees));
        zoom = Math.max(0.3, Math.min(6, zoomFactor));
        request();
    }

    /** How many frames have reached the screen (for tests). */
    public int framesShown() {
        return framesShown;
    }

    private void request() {
        Rectangle area = canvas.getClientArea();
        if (renderer == null || area.width < 16 || area.height < 16) {
            return;
        }
        Request r = new Request(renderer, area.width, area.height, step, azimuth, elevation, zoom);
        if (pending.getAndSet(r) == null) {
            Display display = canvas.getDisplay();
            renderThread.execute(() -> draw(display));
        }
    }

    /** On the render thread: draws the latest request and hands the pixels to the UI thread. */
    private void draw(Display display) {
        Request r = pending.getAndSet(null);
        if (r == null) {
            return;
        }
        if (r.renderer instanceof MeshRenderer mesh) {
            mesh.setView(r.azimuth, r.elevation, r.zoom);
        }
        r.renderer.prepare(r.width, r.height);
        BufferedImage frame = r.renderer.render(r.width, r.height, r.step);
        ImageData pixels = toImageData(frame);
        if (!display.isDisposed()) {
            display.asyncExec(() -> show(pixels));
        }
    }

    private void show(ImageData pixels) {
        if (canvas.isDisposed()) {
            return;
        }
        Image next = new Image(canvas.getDisplay(), pixels);
        if (image != null) {
            image.dispose();
        }
        image = next;
        framesShown++;
        canvas.redraw();
    }

    /**
     * The pixels of a 24-bit BGR image without copying: SWT reads 24-bit pixels most significant byte first, so
     * bytes B, G, R are the pixel 0xBBGGRR, which a palette with red in the low byte decodes.
     */
    public static ImageData toImageData(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("expected a 3-byte BGR image, got type " + image.getType());
        }
        byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        return new ImageData(image.getWidth(), image.getHeight(), 24, new PaletteData(0xff, 0xff00, 0xff0000), 1,
                bytes);
    }
}
