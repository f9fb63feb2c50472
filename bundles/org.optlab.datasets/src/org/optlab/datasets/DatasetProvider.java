package org.optlab.datasets;

/** Describes one dataset and loads (or generates) it. */
public interface DatasetProvider {

    /** Unique id used in experiment files, e.g. {@code blobs}. */
    String id();

    /** One line for lists and forms. */
    String description();

    /** Loads or generates the data; synthetic providers use {@code seed}, file readers ignore it. */
    Dataset load(long seed);
}
