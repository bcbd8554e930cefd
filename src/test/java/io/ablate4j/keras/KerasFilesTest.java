package io.ablate4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Keras mapping on its own (no config package), and {@link KerasFiles}: each file read and mapped once. */
class KerasFilesTest {
    @TempDir
    Path dir;

    static final String MLP = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"in\", \"batch_input_shape\": [null, 784]}}, "
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 32, \"activation\": \"silu\"}}, "
            + "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"dr\", \"rate\": 0.25}}, "
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"o\", \"units\": 10, \"activation\": \"softmax\"}}]}, "
            + "\"keras_version\": \"2.11.0\"}";

    @Test
    void aSequentialIsReadLayerByLayerAsWritten() {
        KerasNetwork k = KerasModel.parse("m.json", MLP);
        assertEquals(List.of(KerasLayer.Kind.DENSE, KerasLayer.Kind.DROPOUT, KerasLayer.Kind.DENSE),
                k.layers().stream().map(KerasLayer::kind).toList());
        assertEquals(32, k.layers().get(0).units());
        assertEquals("swish", k.layers().get(0).activation());
        assertEquals(KerasInit.GLOROT_UNIFORM, k.layers().get(0).kernelInit());
        assertEquals(0.25, k.dropoutLayers().get(0).rate());
        assertEquals("layer 2 'dr' (Dropout)", k.dropoutLayers().get(0).where());
        assertEquals(List.of(784), k.inputShape());
        assertEquals(10, k.output().units());
        assertEquals("softmax", k.outputActivation());
        assertEquals(k, KerasModel.fromLayers("model.layers", k.toLayerConfigs()), "what a resolved config writes "
                + "reads back to the same model");
    }

    @Test
    void aFileIsReadAndMappedOnceHoweverOftenItIsAskedFor() throws IOException {
        Path file = dir.resolve("m.json");
        Files.writeString(file, MLP);
        KerasFiles files = KerasFiles.fromDisk();
        KerasNetwork first = files.get(file);
        Files.delete(file);
        assertSame(first, files.get(file));
        assertEquals(Map.of(file.toString(), MLP), files.texts());
    }

    @Test
    void shippedTextsNeedNoFileAndOthersAreReadFromDisk() throws IOException {
        Path absent = dir.resolve("sent.json");
        KerasFiles files = KerasFiles.shipped(Map.of(absent.toString(), MLP));
        assertEquals(32, files.get(absent).layers().get(0).units());
        Path other = dir.resolve("other.json");
        Files.writeString(other, MLP.replace("\"units\": 32", "\"units\": 16"));
        assertEquals(16, files.get(other).layers().get(0).units());
        assertEquals(List.of(absent.toString(), other.toString()), List.copyOf(files.texts().keySet()));
    }

    @Test
    void aFileThatCannotBeMappedFailsTheSameWayEachTime() {
        KerasFiles files = KerasFiles.fromDisk();
        Path missing = dir.resolve("missing.json");
        String first = assertThrows(KerasException.class, () -> files.get(missing)).getMessage();
        assertTrue(first.startsWith(missing + ": no such file"), first);
        assertEquals(first, assertThrows(KerasException.class, () -> files.get(missing)).getMessage());
    }
}
