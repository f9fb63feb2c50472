package org.optlab.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.osgi.util.NLS;
import org.junit.jupiter.api.Test;

/** Every text field of the app's Messages has its line in messages.properties and every line its field. */
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
    void placeholdersAreFilledIn() {
        assertEquals("Cannot show the Runs view: no window",
                NLS.bind(Messages.LabWorkbenchAdvisor_cannotShowRuns, "no window"));
        assertEquals("Show &View", Messages.LabActionBarAdvisor_showView);
    }
}
