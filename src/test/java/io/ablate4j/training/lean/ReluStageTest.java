package io.ablate4j.training.lean;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** {@link ReluStage} against DL4J's ReLU ActivationLayer: the same values exactly, dense and convolutional. */
class ReluStageTest {
    @Test
    void matchesDl4jExactly() {
        Layer dense = StageCheck.layer(new ActivationLayer.Builder().activation(Activation.RELU).build(),
                InputType.feedForward(20), 1);
        StageCheck.compare(dense, StageCheck.random(1, 16, 20), StageCheck.random(2, 16, 20), 0);
        Layer conv = StageCheck.layer(new ActivationLayer.Builder().activation(Activation.RELU).build(),
                InputType.convolutional(5, 6, 3), 1);
        StageCheck.compare(conv, StageCheck.random(3, 4, 3, 5, 6), StageCheck.random(4, 4, 3, 5, 6), 0);
    }
}
