/**
 * The dataset API: a {@link org.optlab.datasets.Dataset} is a labelled table of float features held in plain
 * arrays (readers and generators stay free of ND4J; the training loop copies batches to the backend). Synthetic
 * sets are seeded: the same seed gives the same data.
 */
package org.optlab.datasets;
