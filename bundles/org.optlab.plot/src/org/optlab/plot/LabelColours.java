package org.optlab.plot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@linkplain Colours#categorical(int) categorical colour} per label that stays while the label lives: a new label
 * takes the first palette slot no live label holds, and a label's slot is freed when a {@link #retain} no longer names
 * it. So removing one optimizer from a race leaves the others' colours as they were. When every slot is taken, slots
 * are shared in turn (the palette repeats). Thread-safe.
 */
public final class LabelColours {

    private final Map<String, Integer> slots = new LinkedHashMap<>();

    /**
     * Keeps the labels given (in their order new ones get slots), frees every other: call it with all labels shown
     * now, then ask {@link #rgb}.
     */
    public synchronized void retain(Collection<String> labels) {
        Set<String> live = new LinkedHashSet<>(labels);
        slots.keySet().retainAll(live);
        live.forEach(this::slot);
    }

    /** The label's colour as 0xRRGGBB, giving it a slot if it has none. */
    public synchronized int rgb(String label) {
        return Colours.categorical(slot(label));
    }

    /** The labels that hold a colour now, in the order they got it. */
    public synchronized List<String> labels() {
        return new ArrayList<>(slots.keySet());
    }

    private int slot(String label) {
        Integer held = slots.get(label);
        if (held != null) {
            return held;
        }
        int n = Colours.categoricalCount();
        int[] uses = new int[n];
        slots.values().forEach(s -> uses[s % n]++);
        int best = 0; // the least used slot, the first of them: a free one while there is one
        for (int s = 1; s < n; s++) {
            if (uses[s] < uses[best]) {
                best = s;
            }
        }
        slots.put(label, best);
        return best;
    }

    /** Colours for these labels alone, in order (a fresh assignment: the first label gets the first colour). */
    public static LabelColours of(Collection<String> labels) {
        LabelColours colours = new LabelColours();
        colours.retain(labels);
        return colours;
    }
}
