package org.optlab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.osgi.util.NLS;
import org.junit.jupiter.api.Test;

/** Every text field of Messages has its line in messages.properties and every line its field; choice texts format. */
class MessagesTest {

    @Test
    void fieldsAndPropertiesMatch() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("messages.properties")) {
            properties.load(in);
        }
        Set<String> fields = new TreeSet<>();
        for (Field f : Messages.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                fields.add(f.getName());
                String value = (String) f.get(null);
                assertTrue(value != null && !value.startsWith("NLS missing message"), f.getName() + " = " + value);
            }
        }
        assertEquals(new TreeSet<>(properties.stringPropertyNames()), fields);
    }

    @Test
    void countsChooseTheirWords() {
        assertEquals("Stopping 1 run", Messages.format(Messages.RunsView_stopping, 1));
        assertEquals("Stopping 3 runs", Messages.format(Messages.RunsView_stopping, 3));
        assertEquals("2 runs are still running", Messages.format(Messages.RunsOnClose_running, 2));
        assertEquals("1 step / frame", Messages.format(Messages.PlaybackBar_speed, 1));
        assertEquals("25 steps / frame", Messages.format(Messages.PlaybackBar_speed, 25));
    }

    @Test
    void placeholdersAreFilledIn() {
        assertEquals("Saved the frame as PNG to /tmp/a.png (1.5 kB)", NLS.bind(Messages.FileJob_saved,
                new Object[] { Messages.TrajectoryView_pngWhat, "/tmp/a.png", "1.5 kB" }));
        assertEquals("Legend (3) \u25be", NLS.bind(Messages.LabChart_legendClosed, 3));
        assertEquals("The test surface (\"id\": \"ellipse\" in experiment files)",
                NLS.bind(Messages.ExperimentForm_surfaceTip, "ellipse"));
        assertEquals("Any\nValid: (0, 1)", NLS.bind(Messages.TrainingForm_parameterTip, "Any", "(0, 1)"));
    }

    /** plugin.xml's %keys are read from plugin.properties (Bundle-Localization), none is left as a key. */
    @Test
    void pluginXmlTextsAreLocalized() {
        Map<String, String> names = new TreeMap<>();
        for (String point : List.of("org.eclipse.ui.views", "org.eclipse.ui.editors", "org.eclipse.ui.commands",
                "org.eclipse.ui.newWizards", "org.eclipse.ui.preferencePages")) {
            for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(point)) {
                if (e.getContributor().getName().equals("org.optlab.ui")) {
                    names.put(e.getAttribute("id"), e.getAttribute("name"));
                    String description = e.getAttribute("description");
                    assertTrue(description == null || !description.startsWith("%"), description);
                }
            }
        }
        // 2 categories, 7 views, 2 editors, 5 commands, 2 wizards, page
        assertEquals(20, names.size(), names.toString());
        names.values().forEach(name -> assertTrue(name != null && !name.startsWith("%"), names.toString()));
        assertEquals("Training Charts", names.get("org.optlab.ui.views.trainingCharts"));
        assertEquals("Open Experiment...", names.get("org.optlab.ui.commands.openExperiment"));
        assertEquals("Sweep", names.get("org.optlab.ui.views.sweep"));
        assertEquals("Run Sweep...", names.get("org.optlab.ui.commands.runSweep"));
        assertEquals("New Sweep...", names.get("org.optlab.ui.commands.newSweep"));
        assertEquals("Sweep", names.get("org.optlab.ui.editors.sweep"));
    }
}
