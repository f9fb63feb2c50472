package org.optlab.datasets.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.optlab.datasets.DatasetException;
import org.optlab.datasets.DatasetProvider;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;

/**
 * Fashion-MNIST: 28 x 28 grey images of clothing, 10 classes, pixels scaled to [0, 1]. Option {@code subset}:
 * {@code full} (60,000 / 10,000, read from {@code path}, else {@code <defaultDirectory>/fashion-mnist}, else the
 * Debian package dataset-fashion-mnist's {@value #SYSTEM_DIRECTORY}) or {@code embedded} (6,000 / 1,000 bundled in
 * {@code data/fashion-mnist-embedded/}: the first 600 / 100 examples of each class of the real files, in file order;
 * see EmbeddedSubsetMaker in the tests); without {@code subset}, full when found, else embedded.
 * Dataset ids tell which was loaded: {@code fashion-mnist/train} or {@code fashion-mnist-embedded/train}.
 */
public final class FashionMnist implements DatasetProvider {

    public static final String SYSTEM_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    /** The bundle folder of the embedded subset (also holding {@code source-indices.txt}, its provenance). */
    public static final String EMBEDDED_FOLDER = "/data/fashion-mnist-embedded/";
    public static final String EMBEDDED = "embedded";
    public static final String FULL = "full";

    private final Path systemDirectory;

    public FashionMnist() {
        this(Path.of(SYSTEM_DIRECTORY));
    }

    /** With another place for the system-wide copy (tests). */
    public FashionMnist(Path systemDirectory) {
        this.systemDirectory = systemDirectory;
    }

    @Override
    public String id() {
        return "fashion-mnist";
    }

    @Override
    public String description() {
        return "Fashion-MNIST 28x28 grey images of clothing, 10 classes: the full 60,000/10,000 when installed, else"
                + " a bundled 6,000/1,000 subset (options subset, path)";
    }

    @Override
    public Split load(DatasetRequest request) {
        request.checkKnown(Set.of("subset", "path"));
        String subset = request.string("subset", null, EMBEDDED, FULL);
        Optional<Path> path = request.path("path");
        if (EMBEDDED.equals(subset)) {
            if (path.isPresent()) {
                throw new DatasetException("path", "fashion-mnist: path is read only with \"subset\": \"full\"; the"
                        + " embedded subset is bundled with OptLab");
            }
            return embedded();
        }
        if (path.isPresent()) {
            return IdxDirectory.find(path.get()).orElseThrow(() -> new DatasetException("path", "fashion-mnist: "
                    + IdxDirectory.problem(path.get()) + "; set path to a directory with "
                    + IdxDirectory.expectedFiles())).read(id());
        }
        List<Path> candidates = new ArrayList<>();
        if (request.defaultDirectory() != null) {
            candidates.add(request.defaultDirectory().resolve(id()));
        }
        candidates.add(systemDirectory);
        for (Path candidate : candidates) {
            Optional<IdxDirectory> found = IdxDirectory.find(candidate);
            if (found.isPresent()) {
                return found.get().read(id());
            }
        }
        if (subset == null) {
            return embedded();
        }
        throw new DatasetException("subset", "fashion-mnist: the full data set is not installed; looked in "
                + candidates + ". Install the Debian package dataset-fashion-mnist, or set \"path\" to a directory"
                + " with " + IdxDirectory.expectedFiles() + ", or use \"subset\": \"embedded\" (6,000 / 1,000"
                + " examples bundled with OptLab)");
    }

    /**
     * The bundled subset, read through the class loader so that it works from the packed jar; read once per process
     * (datasets are immutable and shared), so that a sweep's worker decodes it once, not once per trial.
     */
    public static Split embedded() {
        Split split = embedded;
        if (split == null) {
            synchronized (FashionMnist.class) {
                if (embedded == null) { // a failed read throws as it is and is tried again next time
                    embedded = IdxDirectory.readResources("fashion-mnist-embedded", FashionMnist.class,
                            EMBEDDED_FOLDER);
                }
                split = embedded;
            }
        }
        return split;
    }

    private static volatile Split embedded;
}
