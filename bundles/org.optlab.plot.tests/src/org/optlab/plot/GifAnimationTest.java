package org.optlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.core.surface.Surface;
import org.optlab.core.surface.Surfaces;

/** Animated GIFs decoded with the JDK's GIF reader: frame count, size, delays, looping and what each frame shows. */
class GifAnimationTest {

    @TempDir
    Path dir;

    private static Scene himmelblau(int steps) {
        Surface surface = Surfaces.byId("himmelblau").orElseThrow();
        double[] x = new double[steps + 1];
        double[] y = new double[steps + 1];
        double[] loss = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            x[i] = -4 + 7.0 * i / steps;
            y[i] = 4 - 6.0 * i / steps;
            loss[i] = surface.value(new double[] { x[i], y[i] });
        }
        return new Scene("line", surface, List.of(new Track("line", 0xd62728, x, y, loss, steps + 1)));
    }

    @Test
    void framesAreSpreadEvenlyOverTheSteps() {
        int[] steps = new int[7];
        for (int k = 0; k < 7; k++) {
            steps[k] = GifAnimation.stepOf(k, 7, 300);
        }
        assertArrayEquals(new int[] { 0, 50, 100, 150, 200, 250, 300 }, steps);
        assertEquals(300, GifAnimation.stepOf(0, 1, 300));
        assertEquals(33, GifAnimation.stepOf(1, 4, 100)); // 100/3 rounded
    }

    @Test
    void decodesWithTheRequestedFrameCountSizeDelaysAndLoop() throws IOException {
        for (View view : List.of(View.PLAN, View.MESH)) {
            Path gif = dir.resolve(view.key() + ".gif");
            List<Integer> written = new ArrayList<>();
            GifAnimation.write(view.renderer(himmelblau(90)), 240, 180, 7, 60, gif, written::add);
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), written);
            assertFalse(Files.exists(dir.resolve(view.key() + ".gif.part")));
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
                reader.setInput(in);
                assertEquals(7, reader.getNumImages(true));
                BufferedImage first = reader.read(0);
                assertEquals(240, first.getWidth());
                assertEquals(180, first.getHeight());
                assertEquals("6", control(reader, 0).getAttribute("delayTime")); // 60 ms in 1/100 s
                assertEquals("150", control(reader, 6).getAttribute("delayTime")); // the last frame is held
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0)
                        .getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode loop = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
                assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
                assertArrayEquals(new byte[] { 1, 0, 0 }, (byte[]) loop.getUserObject());
                // after the first frame, each frame holds only what changed, drawn over the previous one: composed,
                // the frames end as the renderer's last frame (up to the palette reduction)
                BufferedImage composed = new BufferedImage(240, 180, BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = composed.createGraphics();
                for (int k = 0; k < 7; k++) {
                    IIOMetadataNode place = (IIOMetadataNode) ((IIOMetadataNode) reader.getImageMetadata(k)
                            .getAsTree("javax_imageio_gif_image_1.0")).getElementsByTagName("ImageDescriptor").item(0);
                    BufferedImage part = reader.read(k);
                    if (k > 0) {
                        assertTrue(part.getWidth() * part.getHeight() < 240 * 180, "frame " + k + " is a change only");
                    }
                    g.drawImage(part, Integer.parseInt(place.getAttribute("imageLeftPosition")),
                            Integer.parseInt(place.getAttribute("imageTopPosition")), null);
                }
                g.dispose();
                FrameRenderer renderer = view.renderer(himmelblau(90));
                renderer.prepare(240, 180);
                BufferedImage last = renderer.render(240, 180, 90);
                assertTrue(meanDifference(composed, last) < 3, "mean channel difference " + meanDifference(composed, last));
                assertTrue(meanDifference(composed, renderer.render(240, 180, 0)) > meanDifference(composed, last),
                        "the ball moved");
            } finally {
                reader.dispose();
            }
        }
    }

    @Test
    void badRequestsWriteNothing() {
        Path gif = dir.resolve("bad.gif");
        PlanRenderer plan = new PlanRenderer(himmelblau(10));
        assertThrows(IllegalArgumentException.class, () -> GifAnimation.write(plan, 240, 180, 0, 60, gif, null));
        assertThrows(IllegalArgumentException.class, () -> GifAnimation.write(plan, 8, 180, 3, 60, gif, null));
        assertFalse(Files.exists(gif));
    }

    private static IIOMetadataNode control(ImageReader reader, int frame) throws IOException {
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(frame).getAsTree("javax_imageio_gif_image_1.0");
        return (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
    }

    /** The mean absolute difference of the two images' channels (0..255). */
    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    @Test
    void changedRectangleBoundsTheDifferingPixels() {
        BufferedImage a = new BufferedImage(50, 40, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage b = new BufferedImage(50, 40, BufferedImage.TYPE_3BYTE_BGR);
        assertArrayEquals(new int[] { 0, 0, 1, 1 }, GifAnimation.changed(a, b));
        b.setRGB(7, 30, 0xff0000);
        b.setRGB(20, 3, 0x000001);
        assertArrayEquals(new int[] { 7, 3, 14, 28 }, GifAnimation.changed(a, b));
    }
}
