package org.optlab.runner.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of OptLab's result files (RFC 4180): a field holding a comma, a quote or a line break is quoted,
 * quotes doubled. The one place that writes and reads fields, so that every label round-trips.
 */
public final class Csv {

    private Csv() {
    }

    /** A field as written: quoted when it holds a comma, a quote or a line break. */
    public static String field(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return "\"" + text.replace("\"", "\"\"") + "\"";
            }
        }
        return text;
    }

    /**
     * The fields of one line (without its line break).
     *
     * @throws IllegalArgumentException when a quoted field is not closed or a quote is followed by other text
     */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    int quote = line.indexOf('"', i);
                    if (quote < 0) {
                        throw new IllegalArgumentException("a quoted field is not closed");
                    }
                    field.append(line, i, quote);
                    i = quote + 1;
                    if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after a quoted field");
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** A number as written: Java's shortest round trip, {@code NaN} and {@code Infinity} included. */
    public static String number(double value) {
        return Double.toString(value);
    }

    /** A number field: empty means not measured (NaN in memory); {@code NaN} and {@code Infinity} read back as such. */
    public static double number(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }
}
