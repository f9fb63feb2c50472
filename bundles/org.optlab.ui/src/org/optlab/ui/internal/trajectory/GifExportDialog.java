package org.optlab.ui.internal.trajectory;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.optlab.plot.View;
import org.optlab.ui.internal.Messages;
import org.optlab.ui.internal.Spinners;
import org.eclipse.osgi.util.NLS;

/**
 * Export GIF: which picture of the race (2-D map, 3-D surface, 1-D curve), how many frames, the size of a frame and
 * the file, in one dialog. {@link #settings()} is what was chosen once it closed with OK.
 */
public final class GifExportDialog extends TitleAreaDialog {

    /** What the GIF shows, and where it goes. */
    public record Settings(View view, int frames, int width, int height, Path file) {
    }

    public static final int MAX_FRAMES = 2000;
    public static final int MAX_SIZE = 4096;

    private final List<View> views;
    private final Settings initial;
    private final int lastStep;
    private Combo view;
    private Spinner frames;
    private Spinner width;
    private Spinner height;
    private Text file;
    private Settings chosen;

    /**
     * @param views the pictures the race can be shown in
     * @param initial what the dialog proposes (the view shown, its size, a file named after the experiment)
     */
    public GifExportDialog(Shell parent, List<View> views, Settings initial, int lastStep) {
        super(parent);
        this.views = List.copyOf(views);
        this.initial = initial;
        this.lastStep = lastStep;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.GifExportDialog_title);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(Messages.GifExportDialog_heading);
        setMessage(NLS.bind(Messages.GifExportDialog_message, lastStep));
        Composite body = new Composite(area, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new GridLayout(3, false));

        new Label(body, SWT.NONE).setText(Messages.GifExportDialog_picture);
        view = new Combo(body, SWT.READ_ONLY);
        views.forEach(v -> view.add(ViewNames.name(v)));
        view.select(Math.max(0, views.indexOf(initial.view())));
        view.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        new Label(body, SWT.NONE).setText(Messages.GifExportDialog_frames);
        frames = Spinners.of(body, 1, MAX_FRAMES, initial.frames());
        frames.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));

        new Label(body, SWT.NONE).setText(Messages.GifExportDialog_size);
        Composite size = new Composite(body, SWT.NONE);
        GridLayout sizeLayout = new GridLayout(3, false);
        sizeLayout.marginWidth = 0;
        sizeLayout.marginHeight = 0;
        size.setLayout(sizeLayout);
        size.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
        width = Spinners.of(size, 16, MAX_SIZE, initial.width());
        new Label(size, SWT.NONE).setText(Messages.GifExportDialog_by);
        height = Spinners.of(size, 16, MAX_SIZE, initial.height());

        new Label(body, SWT.NONE).setText(Messages.GifExportDialog_file);
        file = new Text(body, SWT.BORDER);
        file.setText(initial.file().toString());
        GridData fileData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        fileData.widthHint = convertWidthInCharsToPixels(48);
        file.setLayoutData(fileData);
        file.addListener(SWT.Modify, e -> check());
        Button browse = new Button(body, SWT.PUSH);
        browse.setText(Messages.GifExportDialog_browse);
        browse.addListener(SWT.Selection, e -> browse());
        return area;
    }

    private void browse() {
        FileDialog dialog = new FileDialog(getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] { "*.gif", "*" });
        dialog.setOverwrite(true);
        Path current = Path.of(file.getText().trim().isEmpty() ? initial.file().toString() : file.getText().trim());
        if (current.getParent() != null) {
            dialog.setFilterPath(current.getParent().toString());
        }
        dialog.setFileName(current.getFileName().toString());
        String picked = dialog.open();
        if (picked != null) {
            file.setText(picked);
        }
    }

    private void check() {
        String problem = file.getText().isBlank() ? Messages.GifExportDialog_chooseFile : null;
        setErrorMessage(problem);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
    }

    /** Fills the dialog as a person would (for tests); null values leave a field as it is. */
    public void fill(View picture, Integer frameCount, Integer w, Integer h, String path) {
        if (picture != null) {
            view.select(views.indexOf(picture));
        }
        if (frameCount != null) {
            frames.setSelection(frameCount);
        }
        if (w != null) {
            width.setSelection(w);
        }
        if (h != null) {
            height.setSelection(h);
        }
        if (path != null) {
            file.setText(path);
        }
    }

    /** Whether OK can be pressed now. */
    public boolean canFinish() {
        Button ok = getButton(IDialogConstants.OK_ID);
        return ok != null && ok.isEnabled();
    }

    @Override
    protected void okPressed() {
        chosen = current();
        super.okPressed();
    }

    /** What the fields say now. */
    public Settings current() {
        return new Settings(views.get(Math.max(0, view.getSelectionIndex())), frames.getSelection(),
                width.getSelection(), height.getSelection(), Path.of(file.getText().trim()));
    }

    /** What was chosen (null unless OK was pressed). */
    public Settings settings() {
        return chosen;
    }

    /** Presses OK (for tests). */
    public void pressOk() {
        okPressed();
    }
}
