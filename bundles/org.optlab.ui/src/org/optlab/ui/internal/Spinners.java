package org.optlab.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;

/** The spinners of the lab's forms and views: whole numbers, steps of 1, pages of 10. */
public final class Spinners {

    private Spinners() {
    }

    /** A bordered spinner over [min, max] showing {@code value} (brought into the range). */
    public static Spinner of(Composite parent, int min, int max, int value) {
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(Math.max(min, Math.min(max, value)), min, max, 0, 1, 10);
        return s;
    }
}
