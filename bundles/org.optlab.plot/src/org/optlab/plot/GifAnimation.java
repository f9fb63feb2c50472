package org.optlab.plot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.function.IntConsumer;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a scene as an animated GIF that loops forever: {@code frames} frames at steps spread evenly from 0 to the
 * last step, the last frame held a little longer. After the first frame, each frame stores only the rectangle that
 * changed (the moving balls and the growing paths), drawn over the previous one; this keeps a race of 60 frames a few
 * times the size of a single frame. Uses the JDK's GIF writer, which reduces each rectangle to its own 256-colour
 * palette. The file is written under a temporary name and moved into place, so that it is either complete or
 * absent.
 */
public final class GifAnimation {

    /** The GIF format's metadata names (javax.imageio's GIF metadata format). */
    private static final String FORMAT = "javax_imageio_gif_image_1.0";
    /** How long the last frame stays before the loop starts again. */
    private static final int HOLD_MS = 1500;

    private GifAnimation() {
    }

    /** The step shown by frame {@code k} of {@code frames}: evenly spread, the first at 0 and the last at {@code last}. */
    public static int stepOf(int k, int frames, int last) {
        return frames == 1 ? last : (int) Math.round((double) k * last / (frames - 1));
    }

    /**
     * @param delayMs time per frame (rounded to the GIF's 10 ms unit, at least 20 ms)
     * @param progress told the index of each frame written (may be null)
     */
    public static void write(FrameRenderer renderer, int width, int height, int frames, int delayMs, Path file,
            IntConsumer progress) throws IOException {
        if (frames < 1) {
            throw new IllegalArgumentException("an animation needs at least 1 frame, got " + frames);
        }
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("frames must be at least 16 x 16 pixels, got " + width + " x " + height);
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        renderer.prepare(width, height);
        int last = renderer.scene().lastStep();
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no GIF writer");
        }
        ImageWriter writer = writers.next();
        try (OutputStream bytes = Files.newOutputStream(part);
                ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            BufferedImage previous = null;
            for (int k = 0; k < frames; k++) {
                BufferedImage frame = renderer.render(width, height, stepOf(k, frames, last));
                int delay = k == frames - 1 ? Math.max(delayMs, HOLD_MS) : delayMs;
                int[] box = previous == null ? new int[] { 0, 0, width, height } : changed(previous, frame);
                BufferedImage changes = frame.getSubimage(box[0], box[1], box[2], box[3]);
                writer.writeToSequence(new IIOImage(changes, null, metadata(writer, changes, delay, k == 0, box)), null);
                previous = frame;
                if (progress != null) {
                    progress.accept(k);
                }
            }
            writer.endWriteSequence();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        } finally {
            writer.dispose();
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The rectangle {x, y, width, height} where two frames differ (a 1 x 1 rectangle at the origin when they do not:
     * a frame must store something).
     */
    static int[] changed(BufferedImage before, BufferedImage after) {
        byte[] a = ((DataBufferByte) before.getRaster().getDataBuffer()).getData();
        byte[] b = ((DataBufferByte) after.getRaster().getDataBuffer()).getData();
        int width = after.getWidth();
        int height = after.getHeight();
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                int i = row + 3 * x;
                if (a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2]) {
                    top = Math.min(top, y);
                    bottom = y;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return bottom < 0 ? new int[] { 0, 0, 1, 1 } : new int[] { left, top, right - left + 1, bottom - top + 1 };
    }

    /**
     * A frame's delay and place ({@code box}: x, y, width, height), drawn over the previous frame; on the first frame
     * the NETSCAPE2.0 extension that makes the animation loop forever.
     */
    private static IIOMetadata metadata(ImageWriter writer, BufferedImage frame, int delayMs, boolean first, int[] box)
            throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode place = child(root, "ImageDescriptor");
        place.setAttribute("imageLeftPosition", Integer.toString(box[0]));
        place.setAttribute("imageTopPosition", Integer.toString(box[1]));
        place.setAttribute("imageWidth", Integer.toString(box[2]));
        place.setAttribute("imageHeight", Integer.toString(box[3]));
        place.setAttribute("interlaceFlag", "FALSE");
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "doNotDispose");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("transparentColorIndex", "0");
        control.setAttribute("delayTime", Integer.toString(Math.max(2, Math.round(delayMs / 10f))));
        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] { 1, 0, 0 }); // sub-block 1: loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        metadata.setFromTree(FORMAT, root);
        return metadata;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }
}
