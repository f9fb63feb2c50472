package org.optlab.ui.internal.trajectory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Slider;
import org.optlab.ui.internal.Messages;
import org.eclipse.osgi.util.NLS;

/**
 * Play, pause, one step, speed and a scrubber over the steps of a race, with the step shown. Every view of the race
 * listens to it, so that one bar drives them all.
 */
public final class PlaybackBar {

    /** Playback speeds, in steps per frame. */
    private static final int[] SPEEDS = { 1, 2, 5, 10, 25, 100 };
    /** Time between frames while playing (25 frames per second). */
    private static final int FRAME_MS = 40;

    private final Composite bar;
    private final Button play;
    private final Slider scrub;
    private final Label position;
    private final Combo speed;
    private final List<IntConsumer> listeners = new ArrayList<>();
    private int current;
    private int last;
    private boolean playing;

    public PlaybackBar(Composite parent) {
        bar = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(5, false);
        layout.marginHeight = 2;
        bar.setLayout(layout);
        play = new Button(bar, SWT.PUSH);
        play.setText(Messages.PlaybackBar_play);
        play.setToolTipText(Messages.PlaybackBar_playTip);
        play.addListener(SWT.Selection, e -> setPlaying(!playing));
        Button step = new Button(bar, SWT.PUSH);
        step.setText(Messages.PlaybackBar_step);
        step.setToolTipText(Messages.PlaybackBar_stepTip);
        step.addListener(SWT.Selection, e -> {
            setPlaying(false);
            show(current + 1);
        });
        speed = new Combo(bar, SWT.READ_ONLY);
        for (int s : SPEEDS) {
            speed.add(Messages.format(Messages.PlaybackBar_speed, s));
        }
        speed.select(1);
        speed.setToolTipText(Messages.PlaybackBar_speedTip);
        scrub = new Slider(bar, SWT.HORIZONTAL);
        scrub.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        scrub.setValues(0, 0, 1, 1, 1, 10);
        scrub.addListener(SWT.Selection, e -> {
            setPlaying(false);
            show(scrub.getSelection());
        });
        position = new Label(bar, SWT.NONE);
        position.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        fitPosition();
    }

    /** The step label's width: that of its longest text in this race, "step N / N", so no step is ever cut. */
    private void fitPosition() {
        String longest = NLS.bind(Messages.PlaybackBar_position, last, last);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(position);
        int width;
        try {
            // every digit as wide as the widest, whatever the font
            int digit = 0;
            for (char c = '0'; c <= '9'; c++) {
                digit = Math.max(digit, gc.textExtent(String.valueOf(c)).x);
            }
            int digits = longest.replaceAll("\\D", "").length();
            width = gc.textExtent(longest.replaceAll("\\d", "")).x + digits * digit + 2;
        } finally {
            gc.dispose();
        }
        ((GridData) position.getLayoutData()).widthHint = width;
        bar.layout(true);
    }

    public Composite control() {
        return bar;
    }

    /** Called with the step shown whenever it changes. */
    public void addListener(IntConsumer listener) {
        listeners.add(listener);
    }

    /** A new race of {@code lastStep} steps: shows its last step, where the race has ended. */
    public void setLastStep(int lastStep) {
        last = Math.max(0, lastStep);
        scrub.setMaximum(last + scrub.getThumb());
        fitPosition();
        show(playing ? current : last); // while playing, the race goes on from where it is
    }

    public int lastStep() {
        return last;
    }

    /** The step label's text, and whether it fits its width (for tests). */
    public String positionText() {
        return position.getText();
    }

    public boolean positionFits() {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(position);
        try {
            return gc.textExtent(position.getText()).x <= position.getSize().x;
        } finally {
            gc.dispose();
        }
    }

    public int currentStep() {
        return current;
    }

    public boolean playing() {
        return playing;
    }

    /** Starts or pauses playback; playing from the last step starts over. */
    public void setPlaying(boolean on) {
        playing = on;
        play.setText(on ? Messages.PlaybackBar_pause : Messages.PlaybackBar_play);
        bar.layout();
        if (on) {
            if (current >= last) {
                show(0);
            }
            bar.getDisplay().timerExec(FRAME_MS, this::tick);
        }
    }

    private void tick() {
        if (!playing || bar.isDisposed()) {
            return;
        }
        show(current + SPEEDS[Math.max(0, speed.getSelectionIndex())]);
        if (current >= last) {
            setPlaying(false);
        } else {
            bar.getDisplay().timerExec(FRAME_MS, this::tick);
        }
    }

    /** Shows step {@code step} (clamped to the race) in every view. */
    public void show(int step) {
        current = Math.max(0, Math.min(step, last));
        scrub.setSelection(current);
        position.setText(NLS.bind(Messages.PlaybackBar_position, current, last));
        for (IntConsumer listener : listeners) {
            listener.accept(current);
        }
    }
}
