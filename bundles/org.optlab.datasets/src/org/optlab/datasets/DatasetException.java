package org.optlab.datasets;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A dataset that cannot be loaded: a bad option, a missing or malformed file. {@link #field()} names the option at
 * fault (e.g. {@code noise}, {@code path}) so that an experiment parser can report {@code field 'dataset.noise': ...};
 * it is empty when the problem is not in one option (a corrupt file, a provider bug).
 */
public final class DatasetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** A problem in option {@code field} (empty for none). */
    public DatasetException(String field, String message) {
        super(message);
        this.field = field == null ? "" : field;
    }

    /** A problem in option {@code field} (empty for none) caused by {@code cause}. */
    public DatasetException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field == null ? "" : field;
    }

    /** A problem with the file's content or access, e.g. {@code /x/t10k-labels-idx1-ubyte: truncated: ...}. */
    public static DatasetException ofFile(Path file, String problem) {
        return new DatasetException("", file + ": " + problem);
    }

    /** A file that cannot be opened or read: "no such file", or the I/O error's message; keeps it as the cause. */
    public static DatasetException ofFile(Path file, IOException cause) {
        String problem = cause instanceof NoSuchFileException ? "no such file" : "cannot read: " + cause.getMessage();
        return new DatasetException("", file + ": " + problem, cause);
    }

    /** The option at fault, or the empty string when the problem is not in one option. */
    public String field() {
        return field;
    }
}
