package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.VariantConfig;
import io.ablate4j.network.NetworkFactory;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** Which convolution layers the Java kernels take. */
class ConvStageAcceptsTest {
    private static MultiLayerNetwork cnn(String weightInit) {
        VariantConfig v = ConfigLoader.parse("c.yaml", "name: c\ndataset: {name: fashion-mnist}\nmodel: {type: cnn, "
                + "conv: [{filters: 4}], hidden: [8], weightInit: " + weightInit + "}\ntraining: {epochs: 1}\n").base();
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, 784, 10, 1));
        net.init();
        return net;
    }

    /**
     * PyTorch's initialization draws the conv biases through a configuration subclass (network.RandomBias.Conv)
     * whose runtime layer is DL4J's own convolution: the kernels take it as they take the plain one.
     */
    @Test
    void aConvolutionWhoseBiasesAreDrawnRunsOnTheJavaKernels() {
        MultiLayerNetwork drawn = cnn("pytorch");
        assertTrue(drawn.getLayer(0).conf().getLayer().getClass() != ConvolutionLayer.class,
                "the pytorch init's conv configuration is a subclass");
        assertTrue(ConvStage.accepts(drawn.getLayer(0)));
        assertTrue(ConvStage.accepts(cnn("auto").getLayer(0)));
        assertFalse(ConvStage.accepts(drawn.getLayer(drawn.getnLayers() - 1)), "the output layer is no convolution");
    }
}
