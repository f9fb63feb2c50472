package org.optlab.app.tests;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

/** What the UI tests share: waiting for the workbench while its event loop goes on. */
final class Ui {

    private Ui() {
    }

    /** Runs the event loop until the condition holds, failing after 180 s. */
    static void waitFor(Display display, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the UI");
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
    }
}
