/**
 * The dataset API. A {@link org.optlab.datasets.DatasetProvider}, contributed through the {@code org.optlab.datasets}
 * extension point and found through the {@link org.optlab.datasets.DatasetRegistry}, turns a
 * {@link org.optlab.datasets.DatasetRequest} (seed, the experiment file's options, the user's datasets folder) into a
 * {@link org.optlab.datasets.Split} of two {@link org.optlab.datasets.Dataset}s: plain float arrays of examples of
 * one shape, with class labels or regression targets. Readers and generators stay free of ND4J; the training loop
 * copies batches to the backend. Synthetic sets are seeded: the same seed gives the same data on every JVM.
 * <p>
 * {@link org.optlab.datasets.IdxFile} and {@link org.optlab.datasets.Cifar10Files} read the MNIST / Fashion-MNIST
 * and CIFAR-10 file formats, rejecting malformed files with a {@link org.optlab.datasets.DatasetException} that
 * names the file and the problem.
 */
package org.optlab.datasets;
