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
    public static String GuideJob_landscapeStopped;
    public static String GuideJob_landscapeFailed;
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

    public static String GuidesView_openStep;
    public static String GuidesView_openStepTip;
    public static String GuidesView_runGuide;
    public static String GuidesView_runGuideTip;
    public static String GuidesView_stopGuide;
    public static String GuidesView_stopGuideTip;
    public static String GuidesView_runToRead;
    public static String GuidesView_replace;
    public static String GuidesView_cancel;
    public static String GuidesView_replaceQuestion;
    public static String GuidesView_running;
    public static String GuidesView_runsAppear;
    public static String GuidesView_cannotShowRuns;

    public static String OptimizersView_name;
    public static String OptimizersView_default;
    public static String OptimizersView_validValues;
    public static String OptimizersView_description;

    public static String TrainingChartsView_logScale;
    public static String TrainingChartsView_logScaleTip;
    public static String TrainingChartsView_logX;
    public static String TrainingChartsView_logXTip;
    public static String TrainingChartsView_byEpoch;
    public static String TrainingChartsView_byEpochTip;
    public static String TrainingChartsView_band;
    public static String TrainingChartsView_bandTip;
    public static String TrainingChartsView_smoothing;
    public static String TrainingChartsView_noSmoothing;
    public static String TrainingChartsView_ema;
    public static String TrainingChartsView_png;
    public static String TrainingChartsView_pngTip;
    public static String TrainingChartsView_trainLoss;
    public static String TrainingChartsView_testAccuracy;
    public static String TrainingChartsView_pngWhat;
    public static String TrainingChartsView_drawing;
    public static String TrainingChartsView_n;
    public static String TrainingChartsView_epoch;
    public static String TrainingChartsView_step;
    public static String TrainingChartsView_noRuns;
    public static String TrainingChartsView_noData;
    public static String TrainingChartsView_noEvaluation;
    public static String TrainingChartsView_logScaleTitle;

    public static String TrajectoryView_open;
    public static String TrajectoryView_openTip;
    public static String TrajectoryView_save;
    public static String TrajectoryView_saveTip;
    public static String TrajectoryView_png;
    public static String TrajectoryView_pngTip;
    public static String TrajectoryView_gif;
    public static String TrajectoryView_gifTip;
    public static String TrajectoryView_csv;
    public static String TrajectoryView_csvTip;
    public static String TrajectoryView_errorTitle;
    public static String TrajectoryView_cannotWrite;
    public static String TrajectoryView_running;
    public static String TrajectoryView_failed;
    public static String TrajectoryView_notRun;
    public static String TrajectoryView_raced;
    public static String TrajectoryView_diverged;
    public static String TrajectoryView_note;
    public static String TrajectoryView_tuning;
    public static String TrajectoryView_tuningFailed;
    public static String TrajectoryView_nothingToTune;
    public static String TrajectoryView_tuned;
    public static String TrajectoryView_notSurface;
    public static String TrajectoryView_cannotOpen;
    public static String TrajectoryView_pngWhat;
    public static String TrajectoryView_drawingFrame;
    public static String TrajectoryView_gifWhat;
    public static String TrajectoryView_drawingFrames;
    public static String TrajectoryView_csvWhat;

    public static String FileJob_saving;
    public static String FileJob_saved;
    public static String FileJob_cannotSave;
    public static String FileJob_noPngWriter;

    public static String LabPreferencePage_description;
    public static String LabPreferencePage_datasetsFolder;
    public static String LabPreferencePage_concurrentRuns;

    public static String NewExperimentWizard_title;
    public static String NewExperimentWizard_cannotCreate;
    public static String NewExperimentWizard_description;
    public static String NewExperimentWizard_name;
    public static String NewExperimentWizard_folder;
    public static String NewExperimentWizard_browse;
    public static String NewExperimentWizard_training;
    public static String NewExperimentWizard_dataset;
    public static String NewExperimentWizard_model;
    public static String NewExperimentWizard_surfaceExperiment;
    public static String NewExperimentWizard_surface;
    public static String NewExperimentWizard_badName;
    public static String NewExperimentWizard_chooseFolder;
    public static String NewExperimentWizard_exists;

    public static String OpenExperimentHandler_title;
    public static String OpenExperimentHandler_cannotOpen;
    public static String OpenExperimentHandler_invalid;
    public static String OpenExperimentHandler_notExperiment;

    public static String TrainingExperimentEditor_dataAndModel;
    public static String TrainingExperimentEditor_optimizers;
    public static String TrainingExperimentEditor_schedule;
    public static String TrainingExperimentEditor_run;
    public static String TrainingExperimentEditor_source;
    public static String TrainingExperimentEditor_typingInSource;
    public static String TrainingExperimentEditor_editSource;
    public static String TrainingExperimentEditor_notExperiment;
    public static String TrainingExperimentEditor_save;
    public static String TrainingExperimentEditor_cannotSave;
    public static String TrainingExperimentEditor_fixFirst;
    public static String TrainingExperimentEditor_cannotStart;

    public static String TrainingForm_name;
    public static String TrainingForm_nameTip;
    public static String TrainingForm_dataset;
    public static String TrainingForm_subset;
    public static String TrainingForm_subsetDefault;
    public static String TrainingForm_subsetTip;
    public static String TrainingForm_dataFolder;
    public static String TrainingForm_dataFolderDefault;
    public static String TrainingForm_dataFolderTip;
    public static String TrainingForm_model;
    public static String TrainingForm_modelTip;
    public static String TrainingForm_hidden;
    public static String TrainingForm_hiddenTip;
    public static String TrainingForm_activation;
    public static String TrainingForm_schedule;
    public static String TrainingForm_constantRate;
    public static String TrainingForm_scheduleTip;
    public static String TrainingForm_share;
    public static String TrainingForm_previewLr;
    public static String TrainingForm_epochs;
    public static String TrainingForm_batch;
    public static String TrainingForm_seed;
    public static String TrainingForm_seedTip;
    public static String TrainingForm_backend;
    public static String TrainingForm_cpu;
    public static String TrainingForm_gpu;
    public static String TrainingForm_clip;
    public static String TrainingForm_clipDefault;
    public static String TrainingForm_clipTip;
    public static String TrainingForm_evaluateEvery;
    public static String TrainingForm_evaluateEveryTip;
    public static String TrainingForm_run;
    public static String TrainingForm_runTip;
    public static String TrainingForm_parameterTip;
    public static String TrainingForm_noPreview;

    public static String JsonForm_edit;
    public static String JsonForm_typingIn;

    public static String OptimizersSection_optimizers;
    public static String OptimizersSection_add;
    public static String OptimizersSection_addTip;
    public static String OptimizersSection_addUndo;
    public static String OptimizersSection_remove;
    public static String OptimizersSection_removeTip;
    public static String OptimizersSection_removeUndo;
    public static String OptimizersSection_hyperParameters;
    public static String OptimizersSection_hyperParametersOf;
    public static String OptimizersSection_labelTip;
    public static String OptimizersSection_tune;
    public static String OptimizersSection_tuneTip;
    public static String OptimizersSection_valid;
    public static String OptimizersSection_default;

    public static String ExperimentForm_formula;
    public static String ExperimentForm_tuneUndo;
    public static String ExperimentForm_name;
    public static String ExperimentForm_nameTip;
    public static String ExperimentForm_surface;
    public static String ExperimentForm_expression;
    public static String ExperimentForm_expressionExample;
    public static String ExperimentForm_expressionTip;
    public static String ExperimentForm_kappa;
    public static String ExperimentForm_kappaTip;
    public static String ExperimentForm_steps;
    public static String ExperimentForm_starts;
    public static String ExperimentForm_startsDefault;
    public static String ExperimentForm_startsTip;
    public static String ExperimentForm_sigma;
    public static String ExperimentForm_sigmaTip;
    public static String ExperimentForm_seed;
    public static String ExperimentForm_surfaceTip;
    public static String ExperimentForm_formulaTip;

    public static String FrameCanvas_meshTip;

    public static String GifExportDialog_title;
    public static String GifExportDialog_heading;
    public static String GifExportDialog_message;
    public static String GifExportDialog_picture;
    public static String GifExportDialog_frames;
    public static String GifExportDialog_size;
    public static String GifExportDialog_by;
    public static String GifExportDialog_file;
    public static String GifExportDialog_browse;
    public static String GifExportDialog_chooseFile;

    public static String LossChart_step;
    public static String LossChart_loss;
    public static String LossChart_noRace;
    public static String LossChart_logLoss;

    public static String PlaybackBar_play;
    public static String PlaybackBar_playTip;
    public static String PlaybackBar_step;
    public static String PlaybackBar_stepTip;
    public static String PlaybackBar_speed;
    public static String PlaybackBar_speedTip;
    public static String PlaybackBar_position;
    public static String PlaybackBar_pause;

    public static String ViewNames_plan;
    public static String ViewNames_mesh;
    public static String ViewNames_curve;
    public static String ViewNames_planTip;
    public static String ViewNames_meshTip;
    public static String ViewNames_curveTip;

    public static String LabChart_legendOpen;
    public static String LabChart_legendClosed;
    public static String LabChart_more;
    public static String LabChart_zoomTip;

    public static String SweepView_open;
    public static String SweepView_openTip;
    public static String SweepView_openTitle;
    public static String SweepView_openMessage;
    public static String SweepView_refresh;
    public static String SweepView_refreshTip;
    public static String SweepView_openTrial;
    public static String SweepView_openTrialTip;
    public static String SweepView_stop;
    public static String SweepView_stopTip;
    public static String SweepView_stopped;
    public static String SweepView_failedTitle;
    public static String SweepView_reading;
    public static String SweepView_empty;
    public static String SweepView_waiting;
    public static String SweepView_status;
    public static String SweepView_noSweep;
    public static String SweepView_noTrials;
    public static String SweepView_noCurves;
    public static String SweepView_rank;
    public static String SweepView_optimizer;
    public static String SweepView_settings;
    public static String SweepView_n;
    public static String SweepView_mean;
    public static String SweepView_ci;
    public static String SweepView_diverged;
    public static String SweepView_step;
    public static String SweepView_trainLoss;
    public static String SweepView_loss;
    public static String SweepView_cannotOpenTrial;
    public static String SweepView_notRun;
    public static String RunSweepHandler_title;
    public static String RunSweepHandler_folder;
    public static String RunSweepHandler_cannotRun;
    public static String RunSweepHandler_where;
    public static String RunSweepHandler_here;
    public static String RunSweepHandler_slurm;
    // SweepEditor
    public static String SweepEditor_experiment;
    public static String SweepEditor_optimizers;
    public static String SweepEditor_objective;
    public static String SweepEditor_engine;
    public static String SweepForm_experimentFile;
    public static String SweepForm_inline;
    public static String SweepForm_experimentFileTip;
    public static String SweepForm_browse;
    public static String SweepForm_summary;
    public static String SweepForm_editInSource;
    public static String SweepForm_noExperiment;
    public static String SweepForm_inlineWhere;
    public static String SweepForm_trainingSummary;
    public static String SweepForm_surfaceSummary;
    public static String SweepForm_id;
    public static String SweepForm_label;
    public static String SweepForm_labelDefault;
    public static String SweepForm_labelTip;
    public static String SweepForm_fixed;
    public static String SweepForm_search;
    public static String SweepForm_budget;
    public static String SweepForm_budgetDefault;
    public static String SweepForm_budgetTip;
    public static String SweepForm_add;
    public static String SweepForm_remove;
    public static String SweepForm_addOptimizer;
    public static String SweepForm_removeOptimizer;
    public static String SweepForm_selected;
    public static String SweepForm_noneSelected;
    public static String SweepForm_parameter;
    public static String SweepForm_parameterTip;
    public static String SweepForm_kind;
    public static String SweepForm_kindTip;
    public static String SweepForm_lo;
    public static String SweepForm_loTip;
    public static String SweepForm_hi;
    public static String SweepForm_hiTip;
    public static String SweepForm_points;
    public static String SweepForm_pointsTip;
    public static String SweepForm_values;
    public static String SweepForm_valuesTip;
    public static String SweepForm_metric;
    public static String SweepForm_goal;
    public static String SweepForm_max;
    public static String SweepForm_min;
    public static String SweepForm_tolerance;
    public static String SweepForm_toleranceDefault;
    public static String SweepForm_toleranceTip;
    public static String SweepForm_tuningSeeds;
    public static String SweepForm_tuningSeedsTip;
    public static String SweepForm_seeds;
    public static String SweepForm_seedsDefault;
    public static String SweepForm_seedsTip;
    public static String SweepForm_engine;
    public static String SweepForm_workers;
    public static String SweepForm_workersDefault;
    public static String SweepForm_workersTip;
    public static String SweepForm_run;
    public static String SweepForm_runTip;
    public static String NewSweepWizard_title;
    public static String NewSweepWizard_description;
    public static String NewSweepWizard_name;
    public static String NewSweepWizard_folder;
    public static String NewSweepWizard_start;
    public static String NewSweepWizard_training;
    public static String NewSweepWizard_surface;
    public static String NewSweepWizard_cannotCreate;
    public static String LandscapeView_noRun;
    public static String LandscapeView_run;
    public static String LandscapeView_directions;
    public static String LandscapeView_grid;
    public static String LandscapeView_span;
    public static String LandscapeView_examples;
    public static String LandscapeView_compute;
    public static String LandscapeView_optimizer;
    public static String LandscapeView_end;
    public static String LandscapeView_endLoss;
    public static String LandscapeView_residual;
    public static String LandscapeView_notYet;
    public static String LandscapeView_noSnapshots;
    public static String LandscapeView_summary;
    public static String LandscapeView_cannotRead;
    public static String LandscapeView_computing;
    public static String LandscapeView_failed;
    public static String LandscapeView_job;
    public static String LandscapeView_cancelled;
    public static String LandscapeView_pngTip;
    public static String LandscapeView_gifTip;
    public static String LandscapeView_csvTip;
    public static String LandscapeView_gifWhat;
    public static String LandscapeView_csvWhat;
    public static String RunsView_landscape;
    public static String RunsView_landscapeTip;
    public static String TrainingChartsView_landscapeTip;

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
