package io.ablate4j.training.lean;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link BatchNormStage} against DL4J's BatchNormalization in training mode, dense and convolutional, with both
 * parameterizations of the running variance; gamma, beta and the running statistics are set away from their
 * initial values so that every term of the formulas counts.
 */
class BatchNormStageTest {
    @ParameterizedTest(name = "rank {0}, {1} channels, log std {2}, decay {3}")
    @CsvSource({
            "2, 16, true, 0.9",
            "2, 7, false, 0.9",
            "4, 8, true, 0.9",
            "4, 5, false, 0.8",
            "4, 3, true, 0.99",
    })
    void matchesDl4j(int rank, int channels, boolean logStd, double decay) {
        BatchNormalization conf = new BatchNormalization.Builder().useLogStd(logStd).decay(decay).build();
        InputType type = rank == 2 ? InputType.feedForward(channels) : InputType.convolutional(6, 5, channels);
        Layer layer = StageCheck.layer(conf, type, 2);
        layer.getParam("gamma").assign(StageCheck.random(11, 1, channels).addi(1.5));
        layer.getParam("beta").assign(StageCheck.random(12, 1, channels));
        layer.getParam("mean").assign(StageCheck.random(13, 1, channels));
        if (logStd) {
            layer.getParam("log10stdev").assign(StageCheck.random(14, 1, channels).muli(0.5));
        } else {
            layer.getParam("var").assign(StageCheck.random(14, 1, channels).addi(1.5));
        }
        long[] shape = rank == 2 ? new long[]{32, channels} : new long[]{4, channels, 6, 5};
        // inputs off zero mean and unit scale, as a layer's pre-activations are
        INDArray x = StageCheck.random(15, shape).muli(3).addi(0.7);
        StageCheck.compare(layer, x, StageCheck.random(16, shape), StageCheck.TOLERANCE);
    }
}
