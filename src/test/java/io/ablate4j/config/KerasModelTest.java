package io.ablate4j.config;

import static io.ablate4j.config.ConfigLoaderTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.keras.KerasModel;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model: {type: keras, file: …}}: Keras Sequential JSON mapped onto ablate4j's model schema. */
class KerasModelTest {
    @TempDir
    Path tmp;

    static final String YAML = """
            name: k
            dataset: {name: fashion-mnist, source: bundled, trainSize: 100, validationSize: 50, testSize: 50}
            model: {type: keras, file: %s%s}
            training: {epochs: 1}
            seeds: [1]
            """;

    /** Keras 2 JSON of a Sequential with these layers (each a class name and its config, as to_json writes them). */
    static String keras2(String... layers) {
        return "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
                + String.join(", ", layers) + "]}, \"keras_version\": \"2.11.0\", \"backend\": \"tensorflow\"}";
    }

    static String layer(String cls, String name, String config) {
        return "{\"class_name\": \"" + cls + "\", \"config\": {\"name\": \"" + name + "\"" + (config.isEmpty() ? ""
                : ", " + config) + "}}";
    }

    static String dense(String name, int units, String activation) {
        return layer("Dense", name, "\"units\": " + units + ", \"activation\": \"" + activation + "\"");
    }

    static final String INPUT = layer("InputLayer", "in", "\"batch_input_shape\": [null, 784]");
    static final String OUT = dense("out", 10, "softmax");

    Experiment load(String json, String extraModelKeys) throws IOException {
        Files.createDirectories(tmp.resolve("keras"));
        Files.writeString(tmp.resolve("keras/m.json"), json);
        Path yaml = tmp.resolve("x.yaml");
        Files.writeString(yaml, YAML.formatted("keras/m.json", extraModelKeys));
        return ConfigLoader.load(yaml);
    }

    ModelConfig model(String json) throws IOException {
        return load(json, "").base().model();
    }

    String error(String json, String extra) {
        return assertThrows(ConfigException.class, () -> load(json, extra)).getMessage();
    }

    /**
     * The seeds' classifier is exactly an mlp's network: it resolves to that template, with the file's GlorotUniform
     * as weightInit; with weightInit: auto it is the hand-written mlp itself (the same variant ids).
     */
    @Test
    void anImportThatIsExactlyATemplatesNetworkIsThatTemplate() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, YAML.formatted(Path.of("configs/keras/mlp-dropout.json").toAbsolutePath(), ""));
        ModelConfig m = ConfigLoader.load(config).base().model();
        assertEquals(ModelType.MLP, m.type());
        assertEquals(List.of(64, 64), m.hidden());
        assertEquals(Enums.Activation.RELU, m.activation());
        assertEquals(0.5, m.dropout());
        assertEquals(Enums.WeightInit.GLOROT_UNIFORM, m.weightInit());
        assertEquals(List.of(), m.changes());
        String sweep = "sweep: {axes: {model.dropout: [0.0, 0.2], model.batchNorm: [none, after-activation]}}\n";
        Files.writeString(config, YAML.formatted(Path.of("configs/keras/mlp-dropout.json").toAbsolutePath(),
                ", weightInit: auto") + sweep);
        Path hand = tmp.resolve("h.yaml");
        Files.writeString(hand, YAML.replace("{type: keras, file: %s%s}", "{type: mlp, hidden: [64, 64]}") + sweep);
        Plan pk = SweepExpander.expand(ConfigLoader.load(config));
        Plan ph = SweepExpander.expand(ConfigLoader.load(hand));
        assertEquals(ph.variants().stream().map(Variant::id).toList(), pk.variants().stream().map(Variant::id).toList());
        assertMentions(String.join("\n", pk.variants().get(3).config().model().changes()),
                "dropout rate 0.5 → 0.2: layer 2 'dropout' (Dropout)", "dropout rate 0.5 → 0.2: layer 4 'dropout_1'",
                "weight init GlorotUniform, biases Zeros → auto", "+BatchNormalization (DL4J's decay 0.9, epsilon "
                + "1e-5) after the activation of each hidden Dense/Conv2D block (2)");
    }

    /** model.dropout sets the file's own dropout layers only: a block without one stays without. */
    @Test
    void dropoutSetsTheRateOfTheFilesOwnDropoutLayersOnly() throws IOException {
        String json = keras2(INPUT, dense("d1", 64, "relu"), layer("Dropout", "dr", "\"rate\": 0.5"),
                dense("d2", 32, "relu"), OUT);
        ModelConfig own = load(json, ", weightInit: auto").base().model();
        assertEquals(List.of(0.5, 0.0), own.layerDropout(), "an mlp with dropout after the first block only");
        ModelConfig swept = load(json, ", weightInit: auto, dropout: 0.2").base().model();
        assertEquals(List.of(0.2, 0.0), swept.layerDropout());
        assertEquals(List.of(0.3, 0.0), load(json, ", layerDropout: [0.3]").base().model().layerDropout(),
                "one rate per dropout layer of the file; the template it equals has one per block");
        String none = keras2(INPUT, dense("d1", 64, "relu"), OUT);
        assertMentions(error(none, ", dropout: 0.25"), "model.dropout = 0.25: sets the rate of the Keras model's own "
                + "dropout layers, and this file has none", "model.addDropout: {after: [conv, dense], rate: 0.25}");
        ModelConfig added = load(none, ", weightInit: auto, addDropout: {after: [dense], rate: 0.25}").base().model();
        assertEquals(ModelType.MLP, added.type());
        assertEquals(0.25, added.dropout());
    }

    /** Layers are built as written: per-layer activations, BN with the file's momentum and epsilon, no bias. */
    @Test
    void layersAreBuiltAsWrittenWhereverTheyStand() throws IOException {
        ModelConfig m = model(keras2(INPUT, layer("Dense", "d", "\"units\": 64, \"activation\": \"linear\", "
                        + "\"use_bias\": false"), layer("BatchNormalization", "bn", "\"axis\": -1, \"momentum\": 0.99, "
                        + "\"epsilon\": 0.001"), layer("Activation", "a", "\"activation\": \"relu\""),
                dense("d2", 32, "tanh"), layer("Dropout", "dr", "\"rate\": 0.3"), OUT));
        assertEquals(ModelType.KERAS, m.type());
        List<LayerSpec> l = m.layers();
        assertEquals(List.of(LayerSpec.Kind.DENSE, LayerSpec.Kind.BATCH_NORM, LayerSpec.Kind.ACTIVATION,
                LayerSpec.Kind.DENSE, LayerSpec.Kind.DROPOUT, LayerSpec.Kind.OUTPUT),
                l.stream().map(LayerSpec::kind).toList());
        assertEquals(false, l.get(0).bias());
        assertEquals(0.99, l.get(1).decay());
        assertEquals(0.001, l.get(1).epsilon());
        assertEquals("tanh", l.get(3).activation());
        assertEquals(Init.weights(Enums.WeightInit.GLOROT_UNIFORM), l.get(3).weightInit());
        assertMentions(error(keras2(INPUT, layer("BatchNormalization", "bn", ""), dense("d", 8, "relu"), OUT),
                ", batchNorm: after-activation"), "model.batchNorm = after-activation: adds BatchNormalization to "
                + "every hidden block of a Keras model without any; this file has its own (layer 1 'bn' "
                + "(BatchNormalization))");
    }

    @Test
    void convBlocksPoolingFlattenAndSpatialDropoutOfATemplateShapeAreACnn() throws IOException {
        String conv = "\"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"same\", \"activation\": \"relu\"";
        String cnn = keras2(layer("InputLayer", "in", "\"batch_input_shape\": [null, 28, 28, 1]"),
                layer("Conv2D", "c1", "\"filters\": 32, " + conv), layer("MaxPooling2D", "p1", "\"pool_size\": [2, 2]"),
                layer("SpatialDropout2D", "s1", "\"rate\": 0.1"),
                layer("Conv2D", "c2", "\"filters\": 64, " + conv), layer("MaxPooling2D", "p2",
                        "\"pool_size\": [2, 2], \"strides\": [2, 2], \"padding\": \"valid\""),
                layer("Flatten", "f", ""), dense("d", 128, "relu"), layer("Dropout", "dr", "\"rate\": 0.5"), OUT);
        ModelConfig m = model(cnn);
        assertEquals(ModelType.CNN, m.type());
        assertEquals(List.of(new ConvBlock(32, 3, 1, 2), new ConvBlock(64, 3, 1, 2)), m.conv());
        assertEquals(List.of(128), m.hidden());
        assertEquals(List.of(0.1, 0.0, 0.5), m.layerDropout());
        assertEquals(DropoutType.SPATIAL, m.dropoutType());
        ModelConfig valid = model(cnn.replace("\"padding\": \"same\"", "\"padding\": \"valid\""));
        assertEquals(ModelType.KERAS, valid.type(), "valid convolutions are no template's: built layer by layer");
    }

    /** keras.io's convnet: the sweep acts on the file's Dropout only; addDropout is the way to add more. */
    @Test
    void theKerasIoConvnetIsImportedAsWritten() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, YAML.formatted(Path.of("configs/keras/mnist-convnet.json").toAbsolutePath(),
                ", addDropout: {after: [conv], rate: 0.25}, weightInit: he-uniform"));
        ModelConfig m = ConfigLoader.load(config).base().model();
        assertEquals(List.of("CONV", "MAX_POOL", "DROPOUT", "CONV", "MAX_POOL", "DROPOUT", "FLATTEN", "DROPOUT",
                "OUTPUT"), m.layers().stream().map(l -> l.kind().name()).toList());
        assertEquals(List.of(0.25, 0.25, 0.5), m.layers().stream().filter(l -> l.kind() == LayerSpec.Kind.DROPOUT)
                .map(LayerSpec::rate).toList());
        assertMentions(String.join("\n", m.changes()), "weight init GlorotUniform, biases Zeros → he-uniform on every "
                + "weight layer", "+Dropout(0.25) after each Conv2D block without one (2: layer 1 'conv2d' (Conv2D), "
                + "layer 3 'conv2d_1' (Conv2D))");
        assertEquals(false, m.layers().get(0).same(), "padding='valid'");
        // The resolved config (config.yaml) reads back to the same variant, without the file.
        Plan plan = SweepExpander.expand(ConfigLoader.load(config));
        Path again = tmp.resolve("again.yaml");
        Files.writeString(again, new org.yaml.snakeyaml.Yaml().dump(new java.util.LinkedHashMap<>(
                Map.of("name", "again", "seeds", List.of(1))) {{
                    putAll(plan.variants().get(0).config().toMap());
                }}));
        assertEquals(plan.variants().get(0).id(), SweepExpander.expand(ConfigLoader.load(again)).variants().get(0)
                .id());
    }

    /** Keras adds l2·Σw² to the loss (gradient 2·l2·w); ablate4j's l2 is the gradient's coefficient. */
    @Test
    void kernelRegularizersBecomeTheRegularizationDefaultsInAblate4jsScale() throws IOException {
        String reg = ", \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.001}}";
        String json = keras2(INPUT, layer("Dense", "d", "\"units\": 8, \"activation\": \"relu\"" + reg),
                layer("Dense", "out", "\"units\": 10, \"activation\": \"softmax\"" + reg));
        assertEquals(0.002, load(json, "").base().regularization().l2(), 1e-15);
        assertEquals(0.002, KerasModel.ablate4jL2(0.001), 1e-15);
        Files.writeString(tmp.resolve("y.yaml"), YAML.formatted("keras/m.json", "")
                + "regularization: {l2: 0.0005}\n");
        assertEquals(0.0005, ConfigLoader.load(tmp.resolve("y.yaml")).base().regularization().l2());
        String mixed = keras2(INPUT, layer("Dense", "d", "\"units\": 8, \"activation\": \"relu\"" + reg), OUT);
        assertMentions(error(mixed, ""), "layer 2 'out' (Dense): kernel_regularizer l1 = 0.0, l2 = 0.0",
                "one regularization to the weights of every layer");
    }

    @Test
    void keras3AndKeras20LayoutsAreRead() throws IOException {
        String keras3 = "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", "
                + "\"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": "
                + "{\"batch_shape\": [null, 784], \"name\": \"in\"}, \"registered_name\": null}, {\"module\": "
                + "\"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 32, "
                + "\"activation\": \"gelu\"}, \"registered_name\": null, \"build_config\": {\"input_shape\": "
                + "[null, 784]}}, {\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": "
                + "\"o\", \"units\": 10, \"activation\": \"softmax\"}, \"registered_name\": null}]}, "
                + "\"registered_name\": null}";
        assertEquals(Enums.Activation.GELU, model(keras3).activation());
        String keras20 = "{\"class_name\": \"Sequential\", \"config\": [" + layer("Dense", "d",
                "\"units\": 16, \"activation\": \"relu\", \"batch_input_shape\": [null, 784]") + ", " + OUT
                + "], \"keras_version\": \"2.0.8\"}";
        assertEquals(List.of(16), model(keras20).hidden());
    }

    /** Every layer that cannot be imported is listed at once: index, name, class and what is supported. */
    @Test
    void allOfAFilesProblemsAreListedAtOnce() throws IOException {
        String m = error(keras2(INPUT, layer("Embedding", "emb", "\"input_dim\": 10"), dense("d", 8, "relu"),
                layer("LSTM", "lstm", "\"units\": 8"), layer("Conv2D", "c", "\"filters\": 4, \"kernel_size\": 3, "
                        + "\"padding\": \"causal\""), layer("Reshape", "r", ""), OUT), "");
        assertMentions(m, "x.yaml:3: model.file = keras/m.json: ", "m.json: 4 problems:",
                "  - layer 1 'emb' (Embedding): layer type not supported. Supported: InputLayer, Dense, Conv2D",
                "  - layer 3 'lstm' (LSTM): layer type not supported",
                "  - layer 4 'c' (Conv2D): padding = causal: ablate4j builds 'valid' and 'same'",
                "  - layer 5 'r' (Reshape): layer type not supported");
    }

    @Test
    void badFilesAreNamedWithTheConfigKeyTheFileAndTheFix() throws IOException {
        Files.writeString(tmp.resolve("x.yaml"), YAML.formatted("nowhere.json", ""));
        assertMentions(assertThrows(ConfigException.class, () -> ConfigLoader.load(tmp.resolve("x.yaml")))
                .getMessage(), "x.yaml:3: model.file = nowhere.json", "nowhere.json: no such file",
                "relative model.file is resolved against the config file's directory");
        assertMentions(error("{\"class_name\": \"Sequential\",\n \"config\": {", ""), "model.file = keras/m.json",
                "m.json:2: invalid JSON");
        assertMentions(error(keras2(INPUT, dense("d", 8, "relu"), OUT).replace("2.11.0", "1.2.2"), ""),
                "keras_version 1.2.2: not supported", "Keras 2.x and 3.x");
        assertMentions(error("{\"class_name\": \"Functional\", \"config\": {\"layers\": []}}", ""),
                "class_name Functional: only Sequential models are supported");
        assertMentions(error(keras2(INPUT, layer("LSTM", "lstm", "\"units\": 8"), OUT), ""),
                "layer 1 'lstm' (LSTM): layer type not supported", "Supported: InputLayer, Dense, Conv2D");
        assertMentions(error(keras2(INPUT, dense("d1", 8, "relu"), dense("out", 5, "softmax")), ""),
                "the output Dense has 5 units", "Dense(10, softmax)");
        assertMentions(error(keras2(INPUT, dense("d1", 8, "relu"), OUT, dense("d2", 8, "relu")), ""),
                "the output Dense has 8 units");
        assertMentions(error(keras2(INPUT, dense("d1", 8, "relu"), OUT), ", hidden: [4]"),
                "model.hidden = [4]: the Keras file defines the architecture");
        Files.writeString(tmp.resolve("m.h5"), "HDF");
        Files.writeString(tmp.resolve("h.yaml"), YAML.formatted("m.h5", ""));
        assertMentions(assertThrows(ConfigException.class, () -> ConfigLoader.load(tmp.resolve("h.yaml")))
                .getMessage(), "a .h5 file; ablate4j reads the JSON architecture only", "model.to_json()");
    }

    /** Once per load: expanding the sweep (a bind per variant) and loading elsewhere from the texts read no file. */
    @Test
    void theFileIsReadOncePerLoadAndCanBeLoadedElsewhereFromItsText() throws IOException {
        Files.createDirectories(tmp.resolve("keras"));
        Path json = tmp.resolve("keras/m.json");
        Files.writeString(json, keras2(INPUT, dense("d1", 64, "relu"), layer("Dropout", "dr", "\"rate\": 0.5"), OUT));
        Path yaml = tmp.resolve("s.yaml");
        Files.writeString(yaml, YAML.formatted("keras/m.json", "")
                + "sweep: {axes: {model.dropout: [0.0, 0.2], model.batchNorm: [none, after-activation]}}\n");
        Experiment e = ConfigLoader.load(yaml);
        Map<String, String> texts = ConfigLoader.kerasTexts(e);
        assertEquals(List.of(json.toString()), List.copyOf(texts.keySet()));
        Files.delete(json);
        Plan plan = SweepExpander.expand(e);
        assertEquals(4, plan.variants().size());
        Plan elsewhere = SweepExpander.expand(ConfigLoader.parse(yaml.toString(), Files.readString(yaml), texts));
        assertEquals(plan.configHash(), elsewhere.configHash());
        assertMentions(assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml)).getMessage(),
                "m.json: no such file");
    }
}
