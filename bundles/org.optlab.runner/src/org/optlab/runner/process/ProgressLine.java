package org.optlab.runner.process;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The progress line our long commands write on stderr ({@code optlab sweep}, {@code optlab landscape}):
 * {@code PHASE: DONE/TOTAL done}, optionally followed by {@code , more}. Written and read here only, so that the lab
 * (which runs these commands in child processes and reads their log) and the command line agree on one format.
 */
public record ProgressLine(String phase, long done, long total) {

    private static final Pattern LINE = Pattern.compile("^([^:\\r\\n]+): (\\d+)/(\\d+) done(?:,.*)?$");

    public ProgressLine {
        if (phase.isEmpty() || phase.contains(":") || done < 0 || total < 0 || done > total) {
            throw new IllegalArgumentException("a progress line needs a phase without ':' and 0 <= done <= total, "
                    + "got '" + phase + "' " + done + "/" + total);
        }
    }

    /** {@code PHASE: DONE/TOTAL done}, without the end of line. */
    public String format() {
        return phase + ": " + done + "/" + total + " done";
    }

    /**
     * The progress a line tells, if it is one: a line redrawn in place on a terminal (a carriage return before it, an
     * erase-to-the-end after it) counts as its last drawing.
     */
    public static Optional<ProgressLine> parse(String line) {
        String text = line.substring(line.lastIndexOf('\r') + 1).replace("\u001b[K", "").strip();
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long done = Long.parseLong(m.group(2)), total = Long.parseLong(m.group(3));
            return done <= total ? Optional.of(new ProgressLine(m.group(1), done, total)) : Optional.empty();
        } catch (NumberFormatException e) { // more digits than a long holds: not ours
            return Optional.empty();
        }
    }
}
