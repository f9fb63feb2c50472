package org.optlab.ui.internal.editor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.optlab.ui.internal.Messages;

/**
 * What the New wizards start with: a name (the file's, without .json) and a folder with Browse, laid out in a
 * three-column grid, and one check of both: a name of letters, digits, '.', '_' and '-', a folder, no file there yet.
 */
final class NameAndFolder {

    final Text name;
    final Text folder;

    NameAndFolder(Composite body, String nameLabel, String defaultName, String folderLabel, Runnable changed) {
        name = text(body, nameLabel, defaultName, changed);
        new Label(body, SWT.NONE);
        folder = text(body, folderLabel, Path.of(System.getProperty("user.home"), "optlab-experiments").toString(),
                changed);
        Button browse = new Button(body, SWT.PUSH);
        browse.setText(Messages.NewExperimentWizard_browse);
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(body.getShell());
            dialog.setFilterPath(folder.getText());
            String chosen = dialog.open();
            if (chosen != null) {
                folder.setText(chosen);
            }
        });
    }

    private static Text text(Composite body, String label, String value, Runnable changed) {
        new Label(body, SWT.NONE).setText(label);
        Text t = new Text(body, SWT.BORDER);
        t.setText(value);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 360;
        t.setLayoutData(data);
        t.addListener(SWT.Modify, e -> changed.run());
        return t;
    }

    /** What is wrong with the two fields, or null. */
    String problem() {
        if (!name.getText().trim().matches("[A-Za-z0-9._-]+")) {
            return Messages.NewExperimentWizard_badName;
        }
        if (folder.getText().isBlank()) {
            return Messages.NewExperimentWizard_chooseFolder;
        }
        return Files.exists(file()) ? NLS.bind(Messages.NewExperimentWizard_exists, file()) : null;
    }

    /** The file the wizard writes. */
    Path file() {
        return Path.of(folder.getText().trim()).resolve(name.getText().trim() + ".json");
    }
}
