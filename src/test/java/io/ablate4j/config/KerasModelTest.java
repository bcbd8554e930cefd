package io.ablate4j.config;

import static io.ablate4j.config.ConfigLoaderTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
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

    @Test
    void theSeedsClassifierBecomesAnMlpWithItsDropRates() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, YAML.formatted(Path.of("configs/keras/mlp-dropout.json").toAbsolutePath(), ""));
        ModelConfig m = ConfigLoader.load(config).base().model();
        assertEquals(ModelType.MLP, m.type());
        assertEquals(List.of(64, 64), m.hidden());
        assertEquals(Enums.Activation.RELU, m.activation());
        assertEquals(0.5, m.dropout());
        assertEquals(List.of(), m.layerDropout());
        assertEquals(BatchNorm.NONE, m.batchNorm());
        assertEquals(0.0, m.inputDropout());
    }

    /** The imported network is the hand-written one: same resolved config, hence the same variant ids. */
    @Test
    void sweepAxesMeanWhatTheyMeanForTheTemplates() throws IOException {
        String sweep = "sweep: {axes: {model.dropout: [0.0, 0.2], model.batchNorm: [none, before-activation], "
                + "regularization.l2: [0, 1e-4]}}\n";
        Files.createDirectories(tmp.resolve("keras"));
        Files.writeString(tmp.resolve("keras/m.json"), keras2(INPUT, dense("d1", 64, "relu"),
                layer("Dropout", "dr", "\"rate\": 0.5"), dense("d2", 32, "relu"), OUT));
        Path k = tmp.resolve("k.yaml");
        Files.writeString(k, YAML.formatted("keras/m.json", "") + sweep);
        Path hand = tmp.resolve("h.yaml");
        Files.writeString(hand, YAML.replace("{type: keras, file: %s%s}", "{type: mlp, hidden: [64, 32]}") + sweep);
        Plan pk = SweepExpander.expand(ConfigLoader.load(k));
        Plan ph = SweepExpander.expand(ConfigLoader.load(hand));
        assertEquals(8, pk.variants().size());
        assertEquals(ph.variants().stream().map(Variant::id).toList(), pk.variants().stream().map(Variant::id).toList());
        // Without a dropout axis the file's per-block rates stay: 0.5 after the first block, none after the second.
        ModelConfig own = load(keras2(INPUT, dense("d1", 64, "relu"), layer("Dropout", "dr", "\"rate\": 0.5"),
                dense("d2", 32, "relu"), OUT), "").base().model();
        assertEquals(List.of(0.5, 0.0), own.layerDropout());
    }

    @Test
    void batchNormPlacementAndDropoutPositionAreReadFromTheLayerOrder() throws IOException {
        ModelConfig before = model(keras2(INPUT, layer("Dense", "d", "\"units\": 64, \"activation\": \"linear\", "
                        + "\"use_bias\": false"), layer("BatchNormalization", "bn", "\"axis\": -1"),
                layer("Activation", "a", "\"activation\": \"relu\""), layer("Dropout", "dr", "\"rate\": 0.3"), OUT));
        assertEquals(BatchNorm.BEFORE_ACTIVATION, before.batchNorm());
        assertEquals(DropoutPosition.AFTER_BN, before.dropoutPosition());
        assertEquals(0.3, before.dropout());
        ModelConfig after = model(keras2(INPUT, dense("d", 64, "tanh"), layer("Dropout", "dr", "\"rate\": 0.2"),
                layer("BatchNormalization", "bn", "\"axis\": [1]"), OUT));
        assertEquals(BatchNorm.AFTER_ACTIVATION, after.batchNorm());
        assertEquals(DropoutPosition.BEFORE_BN, after.dropoutPosition());
        assertEquals(Enums.Activation.TANH, after.activation());
        // Dense(linear) → Activation is Dense(act): Keras writes activations as layers of their own too.
        ModelConfig separate = model(keras2(INPUT, dense("d", 16, "linear"), layer("Activation", "a",
                "\"activation\": \"relu\""), layer("BatchNormalization", "bn", ""), OUT));
        assertEquals(BatchNorm.AFTER_ACTIVATION, separate.batchNorm());
    }

    @Test
    void convBlocksPoolingFlattenAndSpatialDropoutMapOntoACnn() throws IOException {
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
        assertMentions(error(keras2(INPUT, dense("d1", 8, "relu"), dense("d2", 8, "tanh"), OUT), ""),
                "layer 2 'd2' (Dense): activation tanh where layer 1 'd1' (Dense) has relu");
        assertMentions(error(keras2(INPUT, dense("d1", 8, "relu"), dense("out", 5, "softmax")), ""),
                "the output Dense has 5 units", "Dense(10, softmax)");
        assertMentions(error(keras2(INPUT, dense("d1", 8, "linear"), OUT), ""), "layer 1 'd1' (Dense): no "
                + "activation in this block");
        assertMentions(error(keras2(INPUT, dense("d1", 8, "relu"), layer("BatchNormalization", "bn", ""),
                layer("Activation", "a", "\"activation\": \"relu\""), OUT), ""), "two activations");
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
