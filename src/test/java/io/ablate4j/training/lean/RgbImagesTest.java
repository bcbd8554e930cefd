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
}
