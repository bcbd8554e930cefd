package io.ablate4j.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.WeightInit;
import io.ablate4j.config.Init;
import io.ablate4j.config.VariantConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code model.weightInit}: each scheme's draws over a large layer have the variance of its formula (Keras' and
 * PyTorch's fans; a strided convolution's fan-out undivided), PyTorch's biases are U(±1/√fan_in), and a Keras file's
 * truncated normal is cut at two standard deviations with the variance still {@code scale / fan}.
 */
class WeightInitTest {
    private static MultiLayerNetwork net(String model) {
        VariantConfig v = NetworkFactoryTest.variant(model, "");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, 784, 10, 42));
        net.init();
        return net;
    }

    private static void assertVariance(double expected, INDArray values, double tolerance, String what) {
        double var = values.varNumber().doubleValue();
        assertEquals(expected, var, expected * tolerance, what + ": variance " + var + " vs " + expected);
        assertEquals(0, values.meanNumber().doubleValue(), 4 * Math.sqrt(expected / values.length()), what + ": mean");
    }

    /** Dense 784 → 2000: 1.57 million weights per scheme, their variance within 2% of the formula. */
    @ParameterizedTest
    @EnumSource(value = WeightInit.class, names = {"HE_NORMAL", "HE_UNIFORM", "GLOROT_NORMAL", "GLOROT_UNIFORM",
            "LECUN_NORMAL", "LECUN_UNIFORM", "PYTORCH"})
    void denseWeightsHaveTheirFormulasVariance(WeightInit scheme) {
        MultiLayerNetwork net = net("hidden: [2000], weightInit: " + scheme.yamlName());
        double expected = switch (scheme) {
            case HE_NORMAL, HE_UNIFORM -> 2.0 / 784;
            case GLOROT_NORMAL, GLOROT_UNIFORM -> 2.0 / (784 + 2000);
            case LECUN_NORMAL, LECUN_UNIFORM -> 1.0 / 784;
            default -> 1.0 / (3 * 784); // kaiming_uniform(a=√5): U(±1/√fan_in)
        };
        assertEquals(expected, Init.weights(scheme).variance(784, 2000), 1e-15);
        INDArray w = net.getLayer(0).getParam("W");
        assertVariance(expected, w, 0.02, scheme.yamlName());
        if (scheme.yamlName().endsWith("uniform") || scheme == WeightInit.PYTORCH) {
            assertTrue(w.amaxNumber().doubleValue() <= Math.sqrt(3 * expected) + 1e-6, "within the uniform's limit");
        }
        INDArray b = net.getLayer(0).getParam("b");
        if (scheme == WeightInit.PYTORCH) {
            double bound = 1 / Math.sqrt(784);
            assertTrue(b.amaxNumber().doubleValue() <= bound + 1e-7, "biases U(±1/√fan_in)");
            assertVariance(bound * bound / 3, b, 0.1, "pytorch biases");
            INDArray outBias = net.getLayer(1).getParam("b");
            assertTrue(outBias.amaxNumber().doubleValue() <= 1 / Math.sqrt(2000) + 1e-7, "output biases too");
            assertTrue(outBias.amaxNumber().doubleValue() > 0);
        } else {
            assertEquals(0.0, b.amaxNumber().doubleValue(), "zero biases");
        }
    }

    /** Conv 1 → 64 channels, 5×5, stride 2: Keras' fans are 25 and 1,600; DL4J's own would divide the fan-out by 4. */
    @Test
    void convolutionFansAreKerasAndPyTorchs() {
        MultiLayerNetwork net = net("type: cnn, conv: [{filters: 64, kernel: 5, stride: 2, pool: 1}], hidden: [8], "
                + "weightInit: glorot-normal");
        assertVariance(2.0 / (25 + 1600), net.getLayer(0).getParam("W"), 0.1, "glorot-normal conv (1,600 weights)");
        MultiLayerNetwork pytorch = net("type: cnn, conv: [{filters: 64, kernel: 5, stride: 2, pool: 1}], "
                + "hidden: [8], weightInit: pytorch");
        INDArray b = pytorch.getLayer(0).getParam("b");
        assertTrue(b.amaxNumber().doubleValue() <= 1 / Math.sqrt(25) + 1e-7 && b.amaxNumber().doubleValue() > 0.1,
                "conv biases U(±1/√(in·kh·kw))");
    }

    /** Keras' HeNormal: a normal cut at ±2σ, σ widened by 1/0.8796 so that the variance is still 2 / fan_in. */
    @Test
    void kerasTruncatedNormalIsCutAtTwoDeviationsWithTheFormulasVariance() {
        Init he = new Init(Init.Distribution.TRUNCATED_NORMAL, 2, Init.Fan.FAN_IN, 0, 0, false);
        INDArray w = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1_000_000);
        Nd4j.getRandom().setSeed(7);
        new DrawnInit(he, 1).fill(500, 100, w);
        double sigma = he.parameter(500, 100);
        assertEquals(Math.sqrt(2.0 / 500) / Init.TRUNCATED_STD, sigma, 1e-12);
        assertTrue(w.amaxNumber().doubleValue() <= 2 * sigma + 1e-6, "cut at two standard deviations");
        assertVariance(2.0 / 500, w, 0.01, "truncated he-normal");
    }

    /** auto is what the templates always built: DL4J's own He normal and Xavier normal. */
    @Test
    void autoIsDl4jsOwnInitializers() {
        MultiLayerNetwork net = net("hidden: [16]");
        assertEquals("WeightInitRelu", ((org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayerWiseConfigurations()
                .getConf(0).getLayer()).getWeightInitFn().getClass().getSimpleName());
        assertEquals("WeightInitXavier", ((org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayerWiseConfigurations()
                .getConf(1).getLayer()).getWeightInitFn().getClass().getSimpleName());
    }
}
