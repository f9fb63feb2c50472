package org.optlab.runner.landscape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optlab.core.Parameter;
import org.optlab.runner.experiment.ResultFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parameter snapshots of a training run, in its folder: {@code snapshots/LABEL.npy} (float32 [k, n], row i = every
 * parameter flattened at the i-th snapshot) and {@code snapshots/layout.json}, the one codec of
 * <pre>
 * {"steps": [0, 12, 24, 36], "parameters": [{"name": "fc1.weight", "shape": [784, 256], "offset": 0}, ...]}
 * </pre>
 * where {@code steps} are the steps of the rows (a run that stopped early has fewer) and {@code offset} is where a
 * parameter starts in the flattened vector, its values in row-major order.
 */
public final class Snapshots {

    public static final String FOLDER = "snapshots", LAYOUT = "layout.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One parameter in the flattened vector. */
    public record Entry(String name, long[] shape, long offset) {
        public long length() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** The steps of the rows and where each parameter lies in a row. */
    public record Layout(List<Long> steps, List<Entry> parameters) {
        /** The length of a row: every parameter's values. */
        public long size() {
            return parameters.isEmpty() ? 0 : parameters.get(parameters.size() - 1).offset() + parameters.get(
                    parameters.size() - 1).length();
        }
    }

    private Snapshots() {
    }

    /** {@code LABEL.npy}: an optimizer's snapshots, its label kept to the characters a file name takes everywhere. */
    public static String file(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]", "_") + ".npy";
    }

    /** The layout of {@code parameters} in their order, for rows taken at {@code steps}. */
    public static Layout layout(List<Parameter> parameters, List<Long> steps) {
        List<Entry> entries = new ArrayList<>();
        long offset = 0;
        for (Parameter p : parameters) {
            Entry e = new Entry(p.name(), p.value().shape().clone(), offset);
            entries.add(e);
            offset += e.length();
        }
        return new Layout(List.copyOf(steps), List.copyOf(entries));
    }

    /**
     * The steps that get a snapshot in a run of {@code total} steps: the start (0), {@code k} spread evenly over the
     * run, and the end ({@code total}), each once.
     */
    public static List<Long> steps(int k, long total) {
        if (k < 0 || total < 0) {
            throw new IllegalArgumentException("snapshots and steps must not be negative, got " + k + " and " + total);
        }
        TreeSet<Long> steps = new TreeSet<>();
        steps.add(0L);
        for (int i = 1; i <= k; i++) {
            steps.add(Math.round((double) i * total / (k + 1)));
        }
        steps.add(total);
        return List.copyOf(steps);
    }

    /** Every value of {@code parameters}, flattened in their order, each in row-major order, as float32. */
    public static float[] flatten(List<Parameter> parameters) {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.value().length();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " parameters are more than one snapshot row holds");
        }
        float[] row = new float[(int) n];
        int at = 0;
        for (Parameter p : parameters) {
            float[] values = p.value().castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(values, 0, row, at, values.length);
            at += values.length;
        }
        return row;
    }

    /** Sets {@code parameters} to the values of a flattened row (the inverse of {@link #flatten}). */
    public static void restore(float[] row, List<Parameter> parameters) {
        int at = 0;
        for (Parameter p : parameters) {
            INDArray value = p.value();
            int n = (int) value.length();
            float[] part = java.util.Arrays.copyOfRange(row, at, at + n);
            value.assign(Nd4j.create(part, value.shape(), 'c').castTo(value.dataType()));
            at += n;
        }
        if (at != row.length) {
            throw new IllegalArgumentException("a row of " + row.length + " values for parameters of " + at);
        }
    }

    /**
     * The filters of the layout's parameters for filter normalisation: a convolution's weight [filters, channels k k]
     * by rows, a dense layer's weight [in, out] by columns (one per neuron), as OptLab's layers store them (named
     * {@code conv*.weight} and {@code fc*.weight}); biases have none.
     */
    public static List<Directions.Filters> filters(Layout layout) {
        List<Directions.Filters> filters = new ArrayList<>();
        for (Entry e : layout.parameters()) {
            if (!e.name().endsWith(".weight") || e.shape().length != 2) {
                continue;
            }
            int rows = (int) e.shape()[0], columns = (int) e.shape()[1];
            filters.add(e.name().startsWith("conv") ? Directions.Filters.rows((int) e.offset(), rows, columns)
                    : Directions.Filters.columns((int) e.offset(), rows, columns));
        }
        return filters;
    }

    /** Writes {@code folder}/layout.json. */
    public static void writeLayout(Path folder, Layout layout) throws IOException {
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Entry e : layout.parameters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("shape", e.shape());
            m.put("offset", e.offset());
            parameters.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("steps", layout.steps());
        root.put("parameters", parameters);
        Files.createDirectories(folder);
        ResultFiles.writeJson(folder.resolve(LAYOUT), root);
    }

    /** Reads {@code folder}/layout.json; a file that is not one is an IOException naming it. */
    public static Layout readLayout(Path folder) throws IOException {
        Path file = folder.resolve(LAYOUT);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.path("steps").isArray() || !root.path("parameters").isArray()) {
            throw new IOException(file + " is not a snapshot layout (expected \"steps\" and \"parameters\")");
        }
        List<Long> steps = new ArrayList<>();
        root.get("steps").forEach(s -> steps.add(s.asLong()));
        List<Entry> entries = new ArrayList<>();
        long expected = 0;
        for (JsonNode p : root.get("parameters")) {
            long[] shape = new long[p.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = p.path("shape").get(i).asLong();
            }
            Entry e = new Entry(p.path("name").asText(), shape, p.path("offset").asLong(-1));
            if (e.offset() != expected) {
                throw new IOException(file + ": parameter " + e.name() + " starts at " + e.offset() + ", expected "
                        + expected + " (the parameters follow each other)");
            }
            expected += e.length();
            entries.add(e);
        }
        return new Layout(List.copyOf(steps), List.copyOf(entries));
    }
}
