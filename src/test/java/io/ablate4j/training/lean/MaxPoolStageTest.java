package io.ablate4j.training.lean;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link MaxPoolStage} against DL4J's max-pooling SubsamplingLayer. Max and argmax involve no arithmetic, so the
 * values must be equal, ties included: inputs rounded to a few levels (and ReLU'd, as in a conv block) have
 * many equal values in a window, and the gradient must go where DL4J sends it.
 */
class MaxPoolStageTest {
    @ParameterizedTest(name = "{0}x{0} stride {1} {2} pad {3} on {4}x{5}x{6}, ties {7}")
    @CsvSource({
            // kernel, stride, mode, padding, channels, height, width, ties
            "2, 2, Truncate, 0, 8, 28, 28, false",
            "2, 2, Truncate, 0, 8, 28, 28, true",
            "2, 2, Truncate, 0, 3, 7, 9, true",
            "3, 2, Truncate, 0, 4, 9, 8, false",
            "3, 2, Truncate, 1, 2, 8, 8, true",
            "3, 2, Same, 0, 3, 9, 8, true",
            "2, 2, Same, 0, 2, 7, 7, false",
    })
    void matchesDl4jExactly(int kernel, int stride, ConvolutionMode mode, int pad, int channels, int height, int width,
                            boolean ties) {
        Layer layer = StageCheck.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(kernel, kernel).stride(stride, stride).padding(pad, pad).convolutionMode(mode).build(),
                InputType.convolutional(height, width, channels), 1);
        INDArray x = StageCheck.random(5, 4, channels, height, width);
        if (ties) {
            x = Transforms.relu(Transforms.round(x.muli(2), false), false);
        }
        int outH = mode == ConvolutionMode.Same ? (height + stride - 1) / stride : (height + 2 * pad - kernel) / stride + 1;
        int outW = mode == ConvolutionMode.Same ? (width + stride - 1) / stride : (width + 2 * pad - kernel) / stride + 1;
        StageCheck.compare(layer, x, StageCheck.random(6, 4, channels, outH, outW), 0);
    }
}
