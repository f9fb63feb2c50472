package org.optlab.runner.experiment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writing result files so that a reader never sees half a file, and a failed write leaves nothing behind. */
public final class ResultFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What goes into a file. */
    public interface Content {
        void write(Writer out) throws IOException;
    }

    private ResultFiles() {
    }

    /**
     * Writes to {@code target}.part, then moves it over {@code target} in one step. When writing fails (a full disk),
     * the temporary file is removed and {@code target} keeps what it held.
     */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                content.write(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Writes {@code image} as a PNG, atomically. */
    public static void writePng(Path target, java.awt.image.BufferedImage image) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        try {
            if (!javax.imageio.ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("this Java runtime has no PNG writer");
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Writes {@code value} (maps, lists, numbers, strings) as indented JSON, atomically. */
    public static void writeJson(Path target, Object value) throws IOException {
        writeAtomically(target, out -> JSON.writeValue(out, value));
    }
}
