package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.ImageShape;
import io.ablate4j.config.VariantConfig;
import io.ablate4j.network.NetworkFactory;
import io.ablate4j.network.NetworkFactoryTest;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The lean step on RGB images and on sizes other than 28×28 (nothing in it is specific to one channel or one size):
 * its Java kernels train as DL4J's layers do to float rounding, as on grey 28×28 images ({@link TrainingStepTest}).
 */
class RgbImagesTest {
    @ParameterizedTest
    @ValueSource(strings = {"32,32,3", "20,12,3", "9,16,1"})
    void leanKernelsTrainRgbAndOtherSizesAsDl4jDoes(String shapeText) {
        String[] hwc = shapeText.split(",");
        ImageShape shape = new ImageShape(Integer.parseInt(hwc[0]), Integer.parseInt(hwc[1]), Integer.parseInt(hwc[2]));
        VariantConfig v = ConfigLoader.parse("s.yaml", "name: s\n"
                + "dataset: {name: images, path: p, imageSize: [" + shape.height() + ", " + shape.width() + "], "
                + "channels: " + shape.channels() + "}\n"
                + "model: {type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 6, kernel: 3}], hidden: [16], "
                + "batchNorm: before-activation, layerDropout: [0, 0, 0.3]}\n"
                + "training: {epochs: 1, optimizer: {type: sgd, learningRate: 0.1}}\n").base();
        List<DataSet> batches = List.of(NetworkFactoryTest.randomData(16, shape.features(), 10, 3),
                NetworkFactoryTest.randomData(9, shape.features(), 10, 4));
        float[][] params = new float[2][];
        StepMode[] modes = {StepMode.EXACT, StepMode.LEAN};
        for (int m = 0; m < 2; m++) {
            var conf = NetworkFactory.build(v, shape, shape.features(), 10, 11);
            assertEquals(shape.channels(), ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) conf.getConf(0)
                    .getLayer()).getNIn(), "the first convolution takes the images' channels");
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            try (TrainingStep step = TrainingStep.of(net, modes[m])) {
                assertEquals(modes[m], step.mode(), "no fallback to DL4J's fit: " + step.fallbackReason());
                assertTrue(modes[m] == StepMode.EXACT || step.kernelStages() > 0);
                for (DataSet b : batches) {
                    assertTrue(step.fit(b));
                }
                step.syncUpdaterState();
                params[m] = net.params().toFloatVector();
                assertArrayEquals(new long[]{5, 10}, step.output(batches.get(1).getFeatures().getRows(0, 1, 2, 3, 4))
                        .shape());
            }
        }
        TrainingStepTest.assertClose(params[0], params[1], 1e-4, shape + ": parameters after two steps");
    }

    /**
     * Keras' way of writing a convnet (cifar10_cnn): convolutions with the identity activation, each followed by a
     * ReLU activation layer; and batch norm followed by a ReLU layer (the templates' and the import's BN). The lean
     * step's convolution or batch norm applies that ReLU itself ({@link ConvStage#fusesRelu},
     * {@link BatchNormStage#fusesRelu}): parameters, the updater's state and outputs bit-identical to the ReLU in a
     * stage of its own, and to DL4J's layers (exact mode) to float rounding.
     */
    @org.junit.jupiter.api.Test
    void convolutionsAndBatchNormTakeTheReluLayerAfterThemBitIdentically() {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf
                .NeuralNetConfiguration.Builder().seed(5).updater(new org.nd4j.linalg.learning.config.Nesterovs(0.05, 0.9))
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.RELU).list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(4)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer(org.nd4j.linalg.activations.Activation.RELU))
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(6).hasBias(false)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Truncate)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer(org.nd4j.linalg.activations.Activation.RELU))
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(5).hasBias(false)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer(org.nd4j.linalg.activations.Activation.RELU))
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(12).hasBias(false)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer(org.nd4j.linalg.activations.Activation.RELU))
                .layer(new org.deeplearning4j.nn.conf.layers.DropoutLayer(0.7))
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutionalFlat(12, 10, 3)).build();
        int features = 12 * 10 * 3;
        List<DataSet> batches = List.of(NetworkFactoryTest.randomData(16, features, 10, 3),
                NetworkFactoryTest.randomData(9, features, 10, 4), NetworkFactoryTest.randomData(16, features, 10, 5));
        float[][] params = new float[3][];
        float[][] outputs = new float[3][];
        for (int run = 0; run < 3; run++) {
            MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
            net.init();
            org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(77); // the same dropout masks in every run
            try (TrainingStep step = run == 0 ? TrainingStep.of(net, StepMode.LEAN)
                    : run == 1 ? TrainingStep.unfused(net, StepMode.LEAN) : TrainingStep.of(net, StepMode.EXACT)) {
                String k = run < 2 ? "kernel" : "dl4j";
                assertEquals(List.of(k, k, k, k, k, k, k, k, "step", k, k, "step", "step"), step.layerPaths());
                long fused = step.stagesForTest().stream().filter(s -> s instanceof ReluStage r && r.fused()).count();
                assertEquals(run == 0 ? 4 : 0, fused, "ReLU layers a convolution or batch norm takes");
                for (DataSet b : batches) {
                    assertTrue(step.fit(b));
                }
                step.syncUpdaterState();
                float[] p = net.params().toFloatVector();
                float[] state = net.getUpdater().getStateViewArray().toFloatVector();
                params[run] = java.util.Arrays.copyOf(p, p.length + state.length);
                System.arraycopy(state, 0, params[run], p.length, state.length);
                outputs[run] = step.output(batches.get(1).getFeatures()).ravel().toFloatVector();
            }
        }
        assertArrayEquals(params[1], params[0], "fused and unfused: parameters and updater state bit for bit");
        assertArrayEquals(outputs[1], outputs[0], "fused and unfused: outputs bit for bit");
        TrainingStepTest.assertClose(params[2], params[0], 1e-4, "lean and DL4J's layers, parameters and state");
    }

    /**
     * Keras' cifar10_cnn as the bench and the CIFAR preset import it (32×32×3, convolutions of 32 and 64 filters with
     * Same and valid padding, 2,304 inputs to the dense layer), at full width and a full batch: the shapes where the
     * lean step's convolutions take their blocked direct and per-tap ({@link ShiftedConvolution}) paths, over six
     * Adam steps with a short last batch. Trained by the lean step's kernels and by DL4J's layers (exact) from the same
     * start, the parameters agree to float rounding (dropout 0: the two draw their masks differently).
     */
    @org.junit.jupiter.api.Test
    void kerasCifar10CnnAtFullSizeTrainsAsDl4jDoes() {
        String file = java.nio.file.Path.of("configs/keras/cifar10-cnn.json").toAbsolutePath().toString();
        ImageShape shape = new ImageShape(32, 32, 3);
        VariantConfig v = ConfigLoader.parse("s.yaml", "name: s\n"
                + "dataset: {name: images, path: p, imageSize: [32, 32], channels: 3}\n"
                + "model: {type: keras, file: '" + file + "', dropout: 0}\n"
                + "training: {epochs: 1, optimizer: {type: adam, learningRate: 0.001}}\n").base();
        List<DataSet> batches = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batches.add(NetworkFactoryTest.randomData(i == 5 ? 37 : 128, shape.features(), 10, 3 + i));
        }
        float[][] params = new float[2][];
        StepMode[] modes = {StepMode.EXACT, StepMode.LEAN};
        for (int m = 0; m < 2; m++) {
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, shape, shape.features(), 10, 11));
            net.init();
            try (TrainingStep step = TrainingStep.of(net, modes[m])) {
                assertEquals(modes[m], step.mode(), "no fallback to DL4J's fit: " + step.fallbackReason());
                for (DataSet b : batches) {
                    assertTrue(step.fit(b));
                }
                step.syncUpdaterState();
                params[m] = net.params().toFloatVector();
            }
        }
        TrainingStepTest.assertClose(params[0], params[1], 1e-4, "cifar10_cnn: parameters after six steps");
    }
}
