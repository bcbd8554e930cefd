package io.ablate4j.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Enums.WeightInit;
import io.ablate4j.config.Init;
import io.ablate4j.config.ModelConfig;
import io.ablate4j.config.VariantConfig;
import io.ablate4j.keras.KerasModel;
import io.ablate4j.keras.KerasNetwork;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.training.lean.TrainingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** An imported model's network as written: keras.io's convnet, the template mirror, and training through every step. */
class ImportedNetworkTest {
    static VariantConfig convnet(String modelKeys) throws IOException {
        String yaml = "name: c\ndataset: {name: fashion-mnist, source: bundled, trainSize: 200, validationSize: 50, "
                + "testSize: 50}\nmodel: {type: keras, file: " + Path.of("configs/keras/mnist-convnet.json")
                .toAbsolutePath() + modelKeys + "}\ntraining: {epochs: 1, batchSize: 32}\n";
        Path f = Files.createTempFile("convnet", ".yaml");
        try {
            Files.writeString(f, yaml);
            return ConfigLoader.load(f).base();
        } finally {
            Files.delete(f);
        }
    }

    /** keras.io's "Simple MNIST convnet": model.summary() there reports 34,826 parameters. */
    @Test
    void theKerasIoConvnetHasKerasParameterCountAndLayers() throws IOException {
        VariantConfig v = convnet("");
        assertEquals(ModelType.KERAS, v.model().type());
        MultiLayerConfiguration conf = NetworkFactory.build(v, 784, 10, 1);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertEquals(34_826, net.numParams());
        assertEquals("Conv3x3(32, relu, valid) → MaxPool2 → Conv3x3(64, relu, valid) → MaxPool2 → Dropout(drop 0.5) → "
                + "Output(1600→10, softmax)", NetworkFactory.describe(conf));
        List<Layer> layers = NetworkFactoryTest.layers(conf);
        assertEquals(ConvolutionMode.Truncate, ((ConvolutionLayer) layers.get(0)).getConvolutionMode());
        assertInstanceOf(SubsamplingLayer.class, layers.get(1));
        assertEquals(0.5, ((org.deeplearning4j.nn.conf.dropout.Dropout) ((DropoutLayer) layers.get(4))
                .getIDropout()).getP(), "DL4J's retain probability of Keras' rate 0.5");
        // Keras' GlorotUniform weights, zero biases, with Keras' fans: shown in network.json
        DrawnInit w = (DrawnInit) ((ConvolutionLayer) layers.get(2)).getWeightInitFn();
        assertEquals(Init.weights(WeightInit.GLOROT_UNIFORM), w.init());
        assertTrue(conf.toJson().contains("\"scheme\" : \"glorot-uniform\""), "network.json names the initializer");
        double limit = Math.sqrt(6.0 / (32 * 9 + 64 * 9));
        INDArray conv2 = net.getLayer(2).getParam("W");
        assertTrue(conv2.amaxNumber().doubleValue() <= limit + 1e-6, "U(±sqrt(6 / (fan_in + fan_out)))");
        assertEquals(limit * limit / 3, conv2.varNumber().doubleValue(), limit * limit / 3 * 0.05);
        assertEquals(0.0, net.getLayer(0).getParam("b").amaxNumber().doubleValue());
        assertEquals(1600, ((OutputLayer) layers.get(5)).getNIn());
    }

    /**
     * What the templates build equals what the layer-list builder makes of the template's layers, DL4J configuration
     * for DL4J configuration: an import that resolves to a template is that template's network.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "type: mlp, hidden: [64, 32], inputDropout: 0.2, dropout: 0.5",
            "type: mlp, hidden: [16], batchNorm: before-activation, dropout: 0.3, dropoutPosition: before-bn",
            "type: mlp, hidden: [16, 8], activation: selu, dropoutType: alpha, layerDropout: [0.1, 0], weightInit: pytorch",
            "type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 6, kernel: 5, stride: 2, pool: 1}], hidden: [16], "
                    + "dropoutType: spatial, layerDropout: [0.1, 0.2, 0.3], batchNorm: after-activation",
            "type: cnn, conv: [{filters: 4}], hidden: [8], activation: tanh, weightInit: he-uniform",
    })
    void templatesAndTheirLayersBuildTheSameNetwork(String model) throws IOException {
        VariantConfig t = NetworkFactoryTest.variant(model, "l2: 0.0001");
        ModelConfig m = t.model();
        KerasNetwork shape = KerasModel.parse("k", "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
                + (m.type() == ModelType.CNN ? "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": "
                + "[null, 28, 28, 1]}}, {\"class_name\": \"Conv2D\", \"config\": {\"filters\": 1, \"kernel_size\": 1}}, "
                + "{\"class_name\": \"Flatten\", \"config\": {}}, " : "")
                + "{\"class_name\": \"Dense\", \"config\": {\"units\": 10, \"activation\": \"softmax\"}}]}}");
        ModelConfig layers = new ModelConfig(ModelType.KERAS, List.of(), List.of(), null, 0, 0, List.of(), null,
                m.batchNorm(), m.dropoutPosition(), null, WeightInit.FILE, null, shape, m.templateLayers(10, false),
                List.of());
        VariantConfig imported = new VariantConfig(t.dataset(), layers, t.regularization(), t.training());
        assertEquals(NetworkFactory.build(t, 784, 10, 3).toJson(), NetworkFactory.build(imported, 784, 10, 3).toJson());
    }

    /**
     * Valid padding, a 1,600-input output layer and Keras' initializers train through the lean step (its conv and
     * pooling kernels take valid windows), through exact mode (DL4J's layers) bit for bit as DL4J's fit, and the two
     * agree to float rounding. Average pooling and a strided valid convolution: DL4J's own layers in the lean step.
     */
    @Test
    void theConvnetTrainsInEveryStepModeAsDl4jsFit() throws IOException {
        VariantConfig v = convnet(", dropout: 0");
        List<DataSet> batches = List.of(NetworkFactoryTest.randomData(16, 784, 10, 1),
                NetworkFactoryTest.randomData(16, 784, 10, 2));
        float[][] params = new float[3][];
        StepMode[] modes = {StepMode.DL4J, StepMode.EXACT, StepMode.LEAN};
        for (int i = 0; i < modes.length; i++) {
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, 784, 10, 5));
            net.init();
            TrainingStep step = TrainingStep.of(net, modes[i]);
            if (i > 0) {
                assertNull(step.fallbackReason(), "the lean step takes the imported convnet");
            }
            for (DataSet b : batches) {
                assertTrue(step.fit(b));
            }
            step.syncUpdaterState();
            params[i] = net.params().toFloatVector();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(params[0], params[1], 0f, "exact = fit, bit for bit");
        float max = 0;
        for (int j = 0; j < params[0].length; j++) {
            max = Math.max(max, Math.abs(params[0][j] - params[2][j]));
        }
        assertTrue(max < 1e-4, "lean = fit to float rounding: " + max);
    }

    /**
     * Average pooling, a strided valid convolution, the file's BatchNormalization and a GaussianDropout: DL4J's own
     * layers inside the lean step (its kernels take the rest); exact mode is DL4J's fit bit for bit.
     */
    @Test
    void layersTheJavaKernelsDoNotTakeRunAsDl4jsInsideTheStep() throws IOException {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 28, 28, 1]}}, "
                + "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": 5, "
                + "\"strides\": 2, \"padding\": \"valid\", \"activation\": \"linear\"}}, "
                + "{\"class_name\": \"BatchNormalization\", \"config\": {\"momentum\": 0.99, \"epsilon\": 0.001}}, "
                + "{\"class_name\": \"Activation\", \"config\": {\"activation\": \"elu\"}}, "
                + "{\"class_name\": \"AveragePooling2D\", \"config\": {\"pool_size\": 2, \"padding\": \"same\"}}, "
                + "{\"class_name\": \"GaussianDropout\", \"config\": {\"rate\": 0.2}}, "
                + "{\"class_name\": \"Flatten\", \"config\": {}}, "
                + "{\"class_name\": \"Dense\", \"config\": {\"units\": 10, \"activation\": \"softmax\"}}]}}";
        Path file = Files.createTempFile("avg", ".json");
        Files.writeString(file, json);
        VariantConfig v;
        try {
            String yaml = "name: a\ndataset: {name: fashion-mnist, source: auto}\nmodel: {type: keras, file: "
                    + file + "}\ntraining: {epochs: 1}\n";
            v = ConfigLoader.parse("a.yaml", yaml).base();
        } finally {
            Files.delete(file);
        }
        assertEquals("Conv5x5(4, identity, stride 2, valid) → BN → elu(alpha=1.0) → AvgPool2(same) → GaussianDropout(rate 0.2) "
                + "→ Output(144→10, softmax)", NetworkFactory.describe(NetworkFactory.build(v, 784, 10, 1)));
        List<DataSet> batches = List.of(NetworkFactoryTest.randomData(16, 784, 10, 3));
        float[][] params = new float[3][];
        StepMode[] modes = {StepMode.DL4J, StepMode.EXACT, StepMode.LEAN};
        for (int i = 0; i < modes.length; i++) {
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, 784, 10, 5));
            net.init();
            TrainingStep step = TrainingStep.of(net, modes[i]);
            assertTrue(i == 0 || step.fallbackReason() == null, modes[i] + ": " + step.fallbackReason());
            for (DataSet b : batches) {
                assertTrue(step.fit(b));
            }
            step.syncUpdaterState();
            params[i] = net.params().toFloatVector();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(params[0], params[1], 0f, "exact = fit, bit for bit");
        float max = 0;
        for (int j = 0; j < params[0].length; j++) {
            max = Math.max(max, Math.abs(params[0][j] - params[2][j]));
        }
        assertTrue(max < 1e-3, "lean = fit to float rounding: " + max);
    }
}
