package org.optlab.datasets.tests;

import org.optlab.datasets.DatasetProvider;
import org.optlab.datasets.DatasetRequest;
import org.optlab.datasets.Split;
import org.optlab.datasets.internal.Moons;

/**
 * Broken contributions, contributed by this fragment's fragment.xml (and used directly), to show that the registry
 * reports each once and keeps the rest usable.
 */
public final class FaultyProviders {

    private FaultyProviders() {
    }

    /** A provider whose constructor throws. */
    public static final class FailingConstructor extends Stub {

        public FailingConstructor() {
            super("never");
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** A provider whose id() throws. */
    public static final class FailingId extends Stub {

        public FailingId() {
            super(null);
        }

        @Override
        public String id() {
            throw new IllegalStateException("no id on purpose");
        }
    }

    /** Two providers with the same id: one of them is ignored. */
    public static final class TwiceA extends Stub {

        public TwiceA() {
            super("twice");
        }
    }

    public static final class TwiceB extends Stub {

        public TwiceB() {
            super("twice");
        }
    }

    /** Not a DatasetProvider at all. */
    public static final class NotAProvider {
    }

    /** Loads the moons under another id. */
    public abstract static class Stub implements DatasetProvider {

        private final String id;

        Stub(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "a test contribution";
        }

        @Override
        public Split load(DatasetRequest request) {
            return new Moons().load(request);
        }
    }
}
