package org.optlab.ui.internal.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.osgi.service.datalocation.Location;
import org.optlab.runner.store.RunStore;

/**
 * The lab's shared state: its run store in the workspace ({@code <workspace>/runs}) and the preferences that rule it
 * (where full datasets live, how many runs may go at once).
 */
public final class Lab {

    public static final String PLUGIN = "org.optlab.ui";
    public static final String DATA_DIRECTORY = "dataDirectory";
    public static final String MAX_CONCURRENT_RUNS = "maxConcurrentRuns";
    public static final int DEFAULT_MAX_CONCURRENT_RUNS = 2;

    private static RunStore runs;

    private Lab() {
    }

    /** The workspace's run store, opened on first use (runs of earlier sessions are listed). */
    public static synchronized RunStore runs() {
        if (runs == null) {
            try {
                runs = new RunStore(workspace().resolve("runs"), preferences().getInt(MAX_CONCURRENT_RUNS,
                        DEFAULT_MAX_CONCURRENT_RUNS));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the run store in " + workspace().resolve("runs"), e);
            }
            applyPreferences();
            preferences().addPreferenceChangeListener(event -> applyPreferences());
        }
        return runs;
    }

    private static void applyPreferences() {
        runs.setMaxConcurrent(preferences().getInt(MAX_CONCURRENT_RUNS, DEFAULT_MAX_CONCURRENT_RUNS));
        String data = preferences().get(DATA_DIRECTORY, "");
        runs.setDataDirectory(data.isBlank() ? null : Path.of(data));
    }

    public static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode(PLUGIN);
    }

    /** The workspace folder (the instance location), or ~/optlab-workspace without one. */
    static Path workspace() {
        Location instance = Platform.getInstanceLocation();
        if (instance != null && instance.getURL() != null) {
            try {
                return Path.of(instance.getURL().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Path.of(instance.getURL().getPath());
            }
        }
        return Path.of(System.getProperty("user.home"), "optlab-workspace");
    }
}
