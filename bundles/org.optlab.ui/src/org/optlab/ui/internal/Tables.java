package org.optlab.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/** What the views' tables share. */
public final class Tables {

    private Tables() {
    }

    /** A table's rows as the user reads them, cell by cell (for tests, and for anything that copies a table). */
    public static List<List<String>> rows(Table table) {
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < table.getColumnCount(); i++) {
                row.add(item.getText(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
