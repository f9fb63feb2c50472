package org.optlab.datasets;

/**
 * Contributed through the {@code org.optlab.datasets} extension point: describes one dataset and loads (or
 * generates) it. Implementations need a public no-argument constructor and must be stateless: the registry shares one
 * instance across loads and threads.
 */
public interface DatasetProvider {

    /** Unique id used in experiment files, e.g. {@code moons}. */
    String id();

    /** One line for lists and forms, naming the options. */
    String description();

    /**
     * Loads or generates the training and test sets. Synthetic providers draw from {@link DatasetRequest#seed()}
     * (the same seed gives the same data on every JVM); file readers ignore it.
     *
     * @throws DatasetException for an unknown or invalid option ({@link DatasetException#field()} names it), or a
     *         missing or malformed file (the message names the file)
     */
    Split load(DatasetRequest request);
}
