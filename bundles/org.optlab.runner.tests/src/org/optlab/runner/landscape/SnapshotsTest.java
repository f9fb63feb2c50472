package org.optlab.runner.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.optlab.core.Parameter;
import org.optlab.core.model.Activation;
import org.optlab.core.model.Model;
import org.optlab.core.model.Models;

/** The snapshots' layout, their rows and the filters the layout gives. */
class SnapshotsTest {

    @TempDir
    Path dir;

    @Test
    void theLayoutPlacesEachParameterAfterTheLastAndARowIsTheirValuesInOrder() throws IOException {
        Model mlp = Models.mlp(new long[] { 3 }, new int[] { 4 }, Activation.Kind.RELU, 2, true, DataType.FLOAT);
        mlp.initialize(5);
        List<Parameter> ps = mlp.parameters();
        Snapshots.Layout layout = Snapshots.layout(ps, List.of(0L, 5L, 10L));
        // fc1.weight [3, 4] at 0, fc1.bias [1, 4] at 12, fc2.weight [4, 2] at 16, fc2.bias [1, 2] at 24
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), layout.parameters().stream().map(
                Snapshots.Entry::name).toList());
        assertEquals(List.of(0L, 12L, 16L, 24L), layout.parameters().stream().map(Snapshots.Entry::offset).toList());
        assertEquals(26, layout.size());
        float[] row = Snapshots.flatten(ps);
        assertEquals(26, row.length);
        // row-major: element (i, j) of fc1.weight at i * 4 + j
        assertEquals(ps.get(0).value().getFloat(2, 3), row[2 * 4 + 3]);
        assertEquals(ps.get(2).value().getFloat(3, 1), row[16 + 3 * 2 + 1]);

        Snapshots.writeLayout(dir, layout);
        Snapshots.Layout back = Snapshots.readLayout(dir);
        assertEquals(layout.steps(), back.steps());
        assertArrayEquals(new long[] { 4, 2 }, back.parameters().get(2).shape());
        assertEquals(layout.size(), back.size());

        // restore sets the parameters to a row: flatten after restore gives the row back
        float[] other = new float[row.length];
        for (int i = 0; i < other.length; i++) {
            other[i] = i * 0.25f - 3;
        }
        Snapshots.restore(other, ps);
        assertArrayEquals(other, Snapshots.flatten(ps));
        assertThrows(IllegalArgumentException.class, () -> Snapshots.restore(new float[27], ps));
    }

    @Test
    void snapshotsAreTheStartKSpreadEvenlyAndTheEnd() {
        assertEquals(List.of(0L, 25L, 50L, 75L, 100L), Snapshots.steps(3, 100));
        assertEquals(List.of(0L, 33L, 67L, 100L), Snapshots.steps(2, 100)); // 33.3 and 66.7 rounded
        assertEquals(List.of(0L, 10L), Snapshots.steps(0, 10));
        assertEquals(List.of(0L, 1L, 2L, 3L), Snapshots.steps(10, 3), "no step twice");
    }

    @Test
    void convolutionsFilterByRowsDenseLayersByNeuronAndBiasesNot() {
        Model cnn = Models.cnn(new long[] { 1, 28, 28 }, 3, true, DataType.FLOAT);
        Snapshots.Layout layout = Snapshots.layout(cnn.parameters(), List.of(0L));
        List<Directions.Filters> filters = Snapshots.filters(layout);
        List<Snapshots.Entry> weights = layout.parameters().stream().filter(e -> e.name().endsWith(".weight"))
                .toList();
        assertEquals(weights.size(), filters.size());
        for (int i = 0; i < filters.size(); i++) {
            Snapshots.Entry e = weights.get(i);
            Directions.Filters f = filters.get(i);
            assertEquals(e.offset(), f.offset());
            if (e.name().startsWith("conv")) { // [filters, channels k k]: a filter is a row
                assertEquals(e.shape()[0], f.count());
                assertEquals(e.shape()[1], f.length());
            } else { // [in, out]: a neuron is a column
                assertEquals(e.shape()[1], f.count());
                assertEquals(e.shape()[0], f.length());
            }
        }
        assertTrue(layout.parameters().stream().anyMatch(e -> e.name().endsWith(".bias")));
    }

    @Test
    void aLayoutWhoseOffsetsDoNotFollowIsRefused() throws IOException {
        Files.writeString(dir.resolve(Snapshots.LAYOUT), "{\"steps\": [0], \"parameters\": [{\"name\": \"a\", "
                + "\"shape\": [2], \"offset\": 0}, {\"name\": \"b\", \"shape\": [3], \"offset\": 3}]}");
        IOException e = assertThrows(IOException.class, () -> Snapshots.readLayout(dir));
        assertTrue(e.getMessage().contains("parameter b starts at 3, expected 2"), e.getMessage());
        Files.writeString(dir.resolve(Snapshots.LAYOUT), "[]");
        assertTrue(assertThrows(IOException.class, () -> Snapshots.readLayout(dir)).getMessage().contains(
                "is not a snapshot layout"));
    }
}
