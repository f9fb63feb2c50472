package org.optlab.ui.internal;

import java.text.MessageFormat;
import java.util.Locale;

import org.eclipse.osgi.util.NLS;

/**
 * The texts the lab's views, editors and dialogs show, read from {@code messages.properties} beside this class (a
 * {@code messages_xx.properties} beside it translates them). Placeholders are {@code {0}}, {@code {1}}, ... as in
 * {@link NLS#bind}; texts with a count use MessageFormat's choice format and go through {@link #format}.
 */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.optlab.ui.internal.messages";

    public static String RunsView_run;
    public static String RunsView_status;
    public static String RunsView_progress;
    public static String RunsView_experiment;
    public static String RunsView_optimizers;
    public static String RunsView_dataAndModel;
    public static String RunsView_seed;
    public static String RunsView_elapsed;
    public static String RunsView_bestTestAccuracy;
    public static String RunsView_message;
    public static String RunsView_groupName;
    public static String RunsView_groupSeeds;
    public static String RunsView_stop;
    public static String RunsView_stopTip;
    public static String RunsView_delete;
    public static String RunsView_deleteTip;
    public static String RunsView_open;
    public static String RunsView_openTip;
    public static String RunsView_groupByExperiment;
    public static String RunsView_groupByExperimentTip;
    public static String RunsView_stopping;
    public static String RunsView_deleteTitle;
    public static String RunsView_deleteQuestion;
    public static String RunsView_deleting;
    public static String RunsView_cannotDelete;

    public static String CompareView_optimizer;
    public static String CompareView_n;
    public static String CompareView_finalTestAccuracy;
    public static String CompareView_bestTestAccuracy;
    public static String CompareView_finalTestLoss;
    public static String CompareView_seconds;
    public static String CompareView_status;
    public static String CompareView_seeds;
    public static String CompareView_field;
    public static String CompareView_seedsRow;
    public static String CompareView_notSet;
    public static String CompareView_statusCount;

    public static String GroupCurves_none;
    public static String GroupCurves_std;
    public static String GroupCurves_minMax;

    public static String Problems_runFailed;
    public static String GuideJob_name;
    public static String GuideJob_cancelled;
    public static String GuideJob_failed;
    public static String GuideJob_runStopped;
    public static String GuideJob_interrupted;
    public static String GuideJob_runFailed;
    public static String Lab_gpuTitle;
    public static String Lab_gpuQuestion;
    public static String Lab_runOnCpu;
    public static String Lab_cancel;
    public static String RunsOnClose_title;
    public static String RunsOnClose_running;
    public static String RunsOnClose_waiting;
    public static String RunsOnClose_and;
    public static String RunsOnClose_question;
    public static String RunsOnClose_stop;
    public static String RunsOnClose_leave;
    public static String RunsOnClose_cancel;
    public static String RunExperimentHandler_title;
    public static String RunExperimentHandler_cannotRun;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }

    /** A text with a choice format (counts), its arguments formatted as MessageFormat does. */
    public static String format(String pattern, Object... arguments) {
        return new MessageFormat(pattern, Locale.getDefault()).format(arguments);
    }
}
