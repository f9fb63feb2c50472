package org.optlab.app.internal;

import org.eclipse.osgi.util.NLS;

/**
 * The texts of the lab window (menus, actions, title, startup), read from {@code messages.properties} beside this class
 * (a {@code messages_xx.properties} beside it translates them). Placeholders are {@code {0}}, ... as in
 * {@link NLS#bind}.
 */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.optlab.app.internal.messages";

    public static String LabActionBarAdvisor_keyAssist;
    public static String LabActionBarAdvisor_preferences;
    public static String LabActionBarAdvisor_guides;
    public static String LabActionBarAdvisor_file;
    public static String LabActionBarAdvisor_edit;
    public static String LabActionBarAdvisor_window;
    public static String LabActionBarAdvisor_showView;
    public static String LabActionBarAdvisor_help;

    public static String LabWorkbenchAdvisor_opening;
    public static String LabWorkbenchAdvisor_cannotOpen;
    public static String LabWorkbenchAdvisor_cannotShowRuns;

    public static String LabWindowAdvisor_title;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
