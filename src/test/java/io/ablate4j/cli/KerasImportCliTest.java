package io.ablate4j.cli;

import static io.ablate4j.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.cli.CliTest.Result;
import io.ablate4j.keras.KerasModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Keras preset through the CLI: plan writes the mapped networks; a bad Keras file exits 2 with nothing written. */
class KerasImportCliTest {
    @TempDir
    Path tmp;

    @Test
    void planWritesTheImportedNetworksOfTheKerasPreset() throws Exception {
        Path out = tmp.resolve("plan");
        Result r = cli("plan", "configs/keras-dropout.yaml", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("keras-dropout (configs/keras-dropout.yaml): 6 variants × 5 seeds = 30 trials"),
                r.out());
        List<Path> dirs;
        try (Stream<Path> s = Files.list(out.resolve("trials"))) {
            dirs = s.toList();
        }
        assertEquals(30, dirs.size());
        long asWritten = 0;
        for (Path d : dirs) {
            String yaml = Files.readString(d.resolve("config.yaml"));
            String network = Files.readString(d.resolve("network.json"));
            assertTrue(yaml.contains("type: mlp") && yaml.contains("- 64"), yaml);
            assertTrue(network.contains("\"nout\" : 64"), network);
            if (yaml.contains("dropout: 0.5") && yaml.contains("batchNorm: none")) {
                asWritten++;
                assertTrue(network.contains("\"p\" : 0.5") && network.contains("DropoutLayer"), network);
            }
        }
        assertEquals(5, asWritten, "the network as the Keras file has it, once per seed");
        String manifest = Files.readString(out.resolve("manifest.json"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(Path.of("configs/keras/mlp-dropout.json"))));
        assertTrue(manifest.contains("\"modelSource\" : {\n    \"type\" : \"keras\",\n    \"file\" : "
                + "\"configs/keras/mlp-dropout.json\",\n    \"sha256\" : \"" + sha + "\""), manifest);
    }

    /** keras.io's convnet: plan and validate say what each variant changes; the trials carry the file's layers. */
    @Test
    void planAndValidateSayWhatEachVariantChangesRelativeToTheFile() throws Exception {
        Path out = tmp.resolve("plan");
        Result r = cli("plan", "configs/keras-mnist-convnet.yaml", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String changes = "relative to configs/keras/mnist-convnet.json, each variant:\n";
        assertTrue(r.out().contains(changes), r.out());
        assertTrue(r.out().contains("(model.dropout=0):\n    dropout rate 0.5 → 0 (removed): layer 6 'dropout' "
                + "(Dropout)\n"), r.out());
        assertTrue(r.out().contains("(model.dropout=0.5) [baseline]: as written\n"), r.out());
        Result v = cli("validate", "configs/keras-mnist-convnet.yaml", "configs/keras-dropout.yaml");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains(changes) && v.out().contains("weight init GlorotUniform, biases Zeros → auto"),
                v.out());
        try (Stream<Path> s = Files.list(out.resolve("trials"))) {
            Path trial = s.findFirst().orElseThrow();
            String yaml = Files.readString(trial.resolve("config.yaml"));
            assertTrue(yaml.contains("type: keras") && yaml.contains("layers:") && yaml.contains("class_name: Conv2D")
                    && yaml.contains("padding: valid") && yaml.contains("weightInit: file"), yaml);
            String network = Files.readString(trial.resolve("network.json"));
            assertTrue(network.contains("\"convolutionMode\" : \"Truncate\"")
                    && network.contains("\"scheme\" : \"glorot-uniform\""), network);
            // the trial's config.yaml runs without the Keras file: the same trial id
            Result again = cli("plan", trial.resolve("config.yaml").toString());
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains(trial.getFileName().toString()), again.out());
        }
    }

    @Test
    void aKerasLayerTheMappingDoesNotKnowStopsTheRunBeforeAnythingIsWritten() throws IOException {
        String json = Files.readString(Path.of("configs/keras/mlp-dropout.json"))
                .replaceFirst("\"class_name\": \"Dropout\"", "\"class_name\": \"GRU\"")
                .replaceFirst("\"class_name\": \"Dropout\"", "\"class_name\": \"LayerNormalization\"")
                .replaceFirst("\"activation\": \"relu\"", "\"activation\": \"hard_sigmoid\"");
        Files.createDirectories(tmp.resolve("keras"));
        Files.writeString(tmp.resolve("keras/mlp-dropout.json"), json);
        Path config = tmp.resolve("k.yaml");
        Files.writeString(config, Files.readString(Path.of("configs/keras-dropout.yaml")));
        Path out = tmp.resolve("out");
        Result r = cli("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("k.yaml:21: model.file = keras/mlp-dropout.json: ")
                && r.err().contains("mlp-dropout.json: 3 problems:")
                && r.err().contains("  - layer 1 'dense' (Dense): activation hard_sigmoid: not supported; ablate4j "
                + "builds linear, relu")
                && r.err().contains("  - layer 2 'dropout' (GRU): layer type not supported. " + KerasModel.SUPPORTED)
                && r.err().contains("  - layer 4 'dropout_1' (LayerNormalization): layer type not supported"),
                r.err());
        assertFalse(Files.exists(out), "nothing written");
        Result v = cli("validate", config.toString());
        assertEquals(2, v.code(), v.err());
        assertTrue(v.err().contains("3 problems:"), v.err());
    }
}
