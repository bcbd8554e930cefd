package io.ablate4j.training.lean;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link ConvStage} against DL4J's ConvolutionLayer: output, input gradient, weight and bias gradients. */
class ConvStageTest {
    @ParameterizedTest(name = "{0}x{0} stride {1} {2} pad {3}, {4} in {5}x{6}x{7} → {8}, bias {9}")
    @CsvSource({
            // kernel, stride, mode, padding, activation, channels, height, width, filters, bias
            "3, 1, Same, 0, RELU, 1, 28, 28, 8, true",
            "3, 1, Same, 0, IDENTITY, 3, 9, 7, 5, false",
            "5, 1, Same, 0, RELU, 2, 8, 8, 4, true",
            "2, 1, Same, 0, IDENTITY, 3, 7, 6, 4, true",
            "3, 2, Same, 0, RELU, 3, 9, 8, 6, true",
            "4, 3, Same, 0, TANH, 2, 11, 10, 3, true",
            "3, 1, Truncate, 1, RELU, 2, 6, 7, 4, true",
            "3, 2, Truncate, 0, ELU, 4, 9, 9, 5, false",
            // K = 36 > DIRECT_MAX_K: patches and OpenBLAS, with ReLU and bias fused, filters beyond whole vectors
            "3, 1, Same, 0, RELU, 4, 7, 6, 20, true",
            // stride 1 and K > DIRECT_MAX_K: products per tap on the padded input, valid and padded, odd sizes
            "3, 1, Truncate, 0, IDENTITY, 32, 8, 9, 32, true",
            "3, 1, Truncate, 1, RELU, 5, 6, 7, 8, false",
            "2, 1, Same, 0, RELU, 9, 5, 4, 3, true",
            // K <= DIRECT_MAX_K, directly: 19 and 17 filters (vector lanes plus leftovers), identity and tanh
            "3, 1, Same, 0, IDENTITY, 1, 5, 6, 19, true",
            "2, 2, Truncate, 0, TANH, 2, 7, 7, 17, true",
            // directly, filters in whole pairs of vectors: blocks of six and four columns and single ones
            "3, 1, Same, 0, RELU, 3, 9, 14, 32, true",
            "3, 1, Truncate, 0, IDENTITY, 3, 8, 9, 64, true",
    })
    void matchesDl4j(int kernel, int stride, ConvolutionMode mode, int pad, Activation activation, int channels,
                     int height, int width, int filters, boolean bias) {
        Layer layer = StageCheck.layer(new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .padding(pad, pad).convolutionMode(mode).nOut(filters).activation(activation).hasBias(bias).build(),
                InputType.convolutional(height, width, channels), 3);
        if (bias) {
            layer.getParam("b").assign(StageCheck.random(4, 1, filters).muli(0.3)); // DL4J initializes biases to 0
        }
        int outH = mode == ConvolutionMode.Same ? (height + stride - 1) / stride : (height + 2 * pad - kernel) / stride + 1;
        int outW = mode == ConvolutionMode.Same ? (width + stride - 1) / stride : (width + 2 * pad - kernel) / stride + 1;
        INDArray x = StageCheck.random(1, 6, channels, height, width);
        INDArray eps = StageCheck.random(2, 6, filters, outH, outW);
        StageCheck.compare(layer, x, eps, StageCheck.TOLERANCE);
        // as the lowest layer: no input gradient asked
        StageCheck.compare(layer, x, eps, StageCheck.TOLERANCE, true);
    }

    /**
     * Enough images that the patches are built in several chunks, the last one short (and again, per chunk, in the
     * backward pass); K = 36 > DIRECT_MAX_K, so through patches and OpenBLAS.
     */
    @org.junit.jupiter.api.Test
    void matchesDl4jOverSeveralChunksOfImages() {
        Layer layer = StageCheck.layer(new ConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same).nOut(8)
                .activation(Activation.RELU).build(), InputType.convolutional(28, 28, 4), 3);
        int images = 2 * ConvStage.imagesPerChunk(28 * 28 * 36) + 5;
        INDArray x = StageCheck.random(1, images, 4, 28, 28);
        INDArray eps = StageCheck.random(2, images, 8, 28, 28);
        StageCheck.compare(layer, x, eps, StageCheck.TOLERANCE);
        StageCheck.compare(layer, x, eps, StageCheck.TOLERANCE, true);
    }
}
