package org.optlab.datasets.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetProvider;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;

/**
 * MNIST handwritten digits, 28 x 28, 10 classes, pixels scaled to [0, 1], from the user's copy: option {@code path},
 * else {@code <defaultDirectory>/mnist}. Nothing is bundled (no registry reachable here distributes it).
 */
public final class Mnist implements DatasetProvider {

    @Override
    public String id() {
        return "mnist";
    }

    @Override
    public String description() {
        return "MNIST handwritten digits 28x28, 10 classes, 60,000/10,000, from your own copy (option path)";
    }

    @Override
    public Split load(DatasetRequest request) {
        request.checkKnown(Set.of("path"));
        Optional<Path> path = request.path("path");
        if (path.isPresent()) {
            return IdxDirectory.find(path.get()).orElseThrow(() -> new DatasetException("path", "mnist: "
                    + IdxDirectory.problem(path.get()) + "; set path to a directory with "
                    + IdxDirectory.expectedFiles())).read(id());
        }
        Path standard = request.defaultDirectory() == null ? null : request.defaultDirectory().resolve(id());
        if (standard != null) {
            Optional<IdxDirectory> found = IdxDirectory.find(standard);
            if (found.isPresent()) {
                return found.get().read(id());
            }
        }
        throw new DatasetException("path", "mnist: MNIST is not bundled with OptLab; set \"path\" to a directory with "
                + IdxDirectory.expectedFiles() + (standard == null
                        ? " (or set a datasets folder and put them in its mnist folder)"
                        : " (or put them in " + standard + ", where nothing was found)"));
    }
}
