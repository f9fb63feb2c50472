package org.optlab.datasets.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.optlab.datasets.Cifar10Files;
import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetProvider;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;

/**
 * CIFAR-10, 32 x 32 colour images, 10 classes, from the user's copy of the binary version: option {@code path}, else
 * {@code <defaultDirectory>/cifar10}. Either may also be the folder that holds {@value #ARCHIVE_FOLDER}, the folder
 * the published archive unpacks to.
 */
public final class Cifar10 implements DatasetProvider {

    static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

    @Override
    public String id() {
        return "cifar10";
    }

    @Override
    public String description() {
        return "CIFAR-10 32x32 colour images, 10 classes, 50,000/10,000, from your own copy of the binary version"
                + " (option path)";
    }

    @Override
    public Split load(DatasetRequest request) {
        request.checkKnown(Set.of("path"));
        Optional<Path> path = request.path("path");
        Path base = path.orElse(request.defaultDirectory() == null ? null : request.defaultDirectory().resolve(id()));
        if (base != null) {
            for (Path candidate : List.of(base, base.resolve(ARCHIVE_FOLDER))) {
                if (Cifar10Files.missingFiles(candidate).isEmpty()) {
                    return Cifar10Files.read(candidate);
                }
            }
        }
        String files = String.join(", ", Cifar10Files.TRAIN_FILES) + " and " + Cifar10Files.TEST_FILE;
        if (path.isPresent()) {
            throw new DatasetException("path", "cifar10: " + base + " has no " + String.join(", ",
                    Cifar10Files.missingFiles(base)) + "; set path to the directory with " + files);
        }
        throw new DatasetException("path", "cifar10: CIFAR-10 is not bundled with OptLab; set \"path\" to the directory"
                + " with " + files + " (the binary version)" + (base == null ? ""
                        : "; nothing was found in " + base));
    }
}
