package org.optlab.ui.internal.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.optlab.runner.experiment.ExperimentFiles;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.views.SweepView;

/**
 * File > Run Sweep...: a sweep file, then its output folder (a new {@code <workspace>/sweeps/<name>-<time>} proposed;
 * the folder of an earlier run of the same file resumes it), where Slurm's sbatch is on the PATH this machine or the
 * cluster, then {@code optlab sweep FILE --out DIR} in a child process that the Sweep view follows and can stop
 * (stopping a sweep on the cluster cancels its jobs).
 */
public final class RunSweepHandler extends AbstractHandler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        FileDialog files = new FileDialog(shell, SWT.OPEN);
        files.setText(Messages.RunSweepHandler_title);
        files.setFilterExtensions(new String[] { "*.json", "*" });
        String chosen = files.open();
        if (chosen == null) {
            return null;
        }
        Path file = Path.of(chosen);
        try {
            Path proposed = defaultFolder(file);
            Files.createDirectories(proposed);
            DirectoryDialog folders = new DirectoryDialog(shell);
            folders.setText(Messages.RunSweepHandler_title);
            folders.setMessage(Messages.RunSweepHandler_folder);
            folders.setFilterPath(proposed.toString());
            String out = folders.open();
            if (out == null || !Path.of(out).equals(proposed)) {
                deleteIfEmpty(proposed); // proposed only: not left behind when another folder is chosen
            }
            if (out != null) {
                String engine = chooseEngine(shell, file);
                if (!engine.isEmpty()) {
                    run(file, Path.of(out), engine.equals(FILE_ENGINE) ? null : engine,
                            HandlerUtil.getActiveWorkbenchWindow(event).getActivePage());
                }
            }
        } catch (IOException | PartInitException | RuntimeException e) {
            MessageDialog.openError(shell, Messages.RunSweepHandler_title, NLS.bind(
                    Messages.RunSweepHandler_cannotRun, chosen, e.getMessage()));
        }
        return null;
    }

    private static final String FILE_ENGINE = "*";

    /**
     * Where the trials run: where sbatch is on the PATH the user chooses between this machine and the Slurm cluster;
     * elsewhere the file's engine ({@value #FILE_ENGINE}). Empty when the user cancelled.
     */
    private static String chooseEngine(Shell shell, Path file) {
        if (!onPath("sbatch")) {
            return FILE_ENGINE;
        }
        MessageDialog ask = new MessageDialog(shell, Messages.RunSweepHandler_title, null, NLS.bind(
                Messages.RunSweepHandler_where, file.getFileName()), MessageDialog.QUESTION, 0,
                Messages.RunSweepHandler_here, Messages.RunSweepHandler_slurm,
                org.eclipse.jface.dialogs.IDialogConstants.CANCEL_LABEL);
        return switch (ask.open()) {
            case 0 -> "local";
            case 1 -> "slurm";
            default -> "";
        };
    }

    /** Whether {@code command} is an executable in a folder of the PATH. */
    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).filter(p -> !p
                .isEmpty()).anyMatch(p -> Files.isExecutable(Path.of(p, command)));
    }

    /** Starts the sweep on the engine its file names and shows it in the Sweep view, which follows it to its end. */
    public static SweepRun run(Path file, Path out, IWorkbenchPage page) throws IOException, PartInitException {
        return run(file, out, null, page);
    }

    /** Starts the sweep on {@code engine} (null: the file's) and shows it in the Sweep view. */
    public static SweepRun run(Path file, Path out, String engine, IWorkbenchPage page) throws IOException,
            PartInitException {
        SweepView view = (SweepView) page.showView(SweepView.ID);
        SweepRun run = SweepRun.start(file, out, engine, view::exited);
        view.follow(run);
        return run;
    }

    /** {@code <workspace>/sweeps/<the sweep's name, else the file's>-<time>}. */
    public static Path defaultFolder(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            var json = ExperimentFiles.read(file);
            if (json != null && json.path("name").isTextual() && !json.get("name").asText().isBlank()) {
                name = json.get("name").asText();
            }
        } catch (RuntimeException e) {
            // a file that does not parse: the sweep reports why once it starts
        }
        return Lab.sweeps().resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + LocalDateTime.now().format(TIME));
    }

    private static void deleteIfEmpty(Path folder) {
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (IOException e) {
            // left as it is
        }
    }
}
