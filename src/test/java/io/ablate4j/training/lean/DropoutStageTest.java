package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link DropoutStage}'s two paths give one result: on Java data its Java mask loop produces, from the same draw
 * of ND4J's generator, the values its ND4J ops produce on an array (which {@code TrainingStepTest} proves equal to
 * DL4J's {@code DropOutInverted}), forward and backward, and leaves the generator in the same state. The drop
 * rates include those where {@code 1/p} differs between float and double.
 */
class DropoutStageTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.85, 0.55, 0.45, 0.1})
    void javaMaskEqualsTheOpsMask(double retain) {
        Layer layer = StageCheck.layer(new DropoutLayer.Builder(new Dropout(retain)).build(), InputType.feedForward(40), 1);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = StageCheck.random(3, 24, 40);
        INDArray eps = StageCheck.random(4, 24, 40);

        DropoutStage ops = new DropoutStage(0, layer, null, false);
        Nd4j.getRandom().setSeed(42);
        float[] opsOut = flat(ops.forward(Activations.of(x.dup()), 24, mgr).array(mgr, ArrayType.ACTIVATIONS));
        double opsNext = Nd4j.getRandom().nextDouble();
        float[] opsGrad = flat(ops.backward(Activations.of(eps.dup()), true, new DefaultGradient(), 24, mgr)
                .array(mgr, ArrayType.ACTIVATION_GRAD));

        DropoutStage java = new DropoutStage(0, layer, null);
        Nd4j.getRandom().setSeed(42);
        Activations in = Activations.ofNhwc(flat(x), 24, 1, 1, 40, false);
        int zeros = 0;
        for (float v : opsOut) {
            zeros += v == 0f ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < opsOut.length, "some values dropped, some kept: " + zeros);
        float[] javaOut = flat(java.forward(in, 24, mgr).array(mgr, ArrayType.ACTIVATIONS));
        assertEquals(opsNext, Nd4j.getRandom().nextDouble(), "the same numbers drawn");
        Activations e = Activations.ofNhwc(flat(eps), 24, 1, 1, 40, false);
        float[] javaGrad = flat(java.backward(e, true, new DefaultGradient(), 24, mgr).array(mgr, ArrayType.ACTIVATION_GRAD));

        assertArrayEquals(opsOut, javaOut, 0f, "output");
        // and on a dense ND4J array (not Java data) the stage takes the Java loop too, with the same result
        DropoutStage dense = new DropoutStage(0, layer, null);
        Nd4j.getRandom().setSeed(42);
        assertArrayEquals(opsOut, flat(dense.forward(Activations.of(x.dup()), 24, mgr).array(mgr, ArrayType.ACTIVATIONS)),
                0f, "output from an array");
        assertArrayEquals(opsGrad, javaGrad, 0f, "input gradient");
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }
}
