package org.optlab.ui.internal.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Shell;
import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.TrainingExperiment.Backend;
import org.optlab.runner.store.RunStore;
import org.optlab.runner.training.Backends;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.osgi.util.NLS;
import org.optlab.ui.internal.Messages;

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
            Problems.reportFailedRuns(runs);
        }
        return runs;
    }

    /** The run store if something opened it, else null (closing the lab does not open it to ask about runs). */
    public static synchronized RunStore openedRuns() {
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

    /** Where Run Sweep puts sweeps unless told otherwise: {@code <workspace>/sweeps}. */
    public static Path sweeps() {
        return workspace().resolve("sweeps");
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

    /**
     * The experiment to run: as given when its backend can run here; when it asks for a GPU this machine cannot
     * provide, the user reads why and may run it on the CPU instead (a copy with "backend": "cpu"), or cancel (null).
     */
    public static JsonNode runnable(Shell shell,
            JsonNode experiment) {
        if (!"gpu".equals(experiment.path("backend").asText())) {
            return experiment;
        }
        try {
            Backends.check(Backend.GPU);
            return experiment;
        } catch (ExperimentException e) {
            var dialog = new MessageDialog(shell, Messages.Lab_gpuTitle, null,
                    // the command-line advice at the end is replaced by the dialog's own button
                    NLS.bind(Messages.Lab_gpuQuestion, e.getMessage().replaceFirst("^field 'backend': ", "")
                            .replaceFirst(" Or run on the CPU: .*$", "")),
                    MessageDialog.WARNING, 0, Messages.Lab_runOnCpu, Messages.Lab_cancel);
            if (dialog.open() != 0) {
                return null;
            }
            var onCpu = experiment.deepCopy();
            ((ObjectNode) onCpu).put("backend", "cpu");
            return onCpu;
        }
    }
}
