package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Runs one layer both ways, through DL4J's own implementation and through the training step's stage for it, on
 * the same input and output gradient, and compares the output, the input gradient and every parameter gradient
 * (the layer's whole gradient view: for batch norm that includes the running statistics' updates).
 */
final class StageCheck {
    /** Largest difference allowed, relative to the largest magnitude of the DL4J value compared. */
    static final double TOLERANCE = 2e-5;

    private StageCheck() {
    }

    /** A network of the layer under test (index 0) and a softmax output layer, for inputs of this type. */
    static Layer layer(org.deeplearning4j.nn.conf.layers.Layer conf, InputType input, long seed) {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).list()
                .layer(conf)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(input)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        net.initGradientsView();
        return net.getLayer(0);
    }

    /** Compares DL4J and the stage on input {@code x} (DL4J layout) and output gradient {@code eps}. */
    static void compare(Layer layer, INDArray x, INDArray eps, double tolerance) {
        compare(layer, x, eps, tolerance, false);
    }

    /**
     * As {@link #compare(Layer, INDArray, INDArray, double)}; {@code lowest}: the stage runs as the network's
     * lowest layer with parameters (no input gradient asked).
     */
    static void compare(Layer layer, INDArray x, INDArray eps, double tolerance, boolean lowest) {
        Stage stage = TrainingStep.stage(0, layer, null, true);
        assertFalse(stage instanceof DelegateStage, "a Java stage handles " + layer.conf().getLayer());
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        int n = (int) x.size(0);

        INDArray expectedOut = layer.activate(x.dup(), true, mgr).dup('c');
        Pair<Gradient, INDArray> p = layer.backpropGradient(eps.dup(), mgr);
        INDArray expectedDx = p.getSecond().dup('c');
        INDArray expectedGrads = layer.getGradientsViewArray() == null ? null : layer.getGradientsViewArray().dup();
        layer.clear();

        if (expectedGrads != null) {
            layer.getGradientsViewArray().assign(Float.NaN); // every gradient must be written by the stage
        }
        INDArray out = stage.forward(Activations.of(x.dup()), n, mgr).array(mgr, ArrayType.ACTIVATIONS).dup('c');
        DefaultGradient into = new DefaultGradient();
        Activations next = stage.backward(Activations.of(eps.dup()), !lowest, into, n, mgr);
        INDArray dx = lowest ? null : next.array(mgr, ArrayType.ACTIVATION_GRAD).dup('c');
        stage.clear();

        close(expectedOut, out, tolerance, "output");
        if (!lowest) {
            close(expectedDx, dx, tolerance, "input gradient");
        }
        if (expectedGrads != null) {
            close(expectedGrads, layer.getGradientsViewArray(), tolerance, "parameter gradients");
            assertEquals(p.getFirst().gradientForVariable().keySet().size(), into.gradientForVariable().size(),
                    "the same parameters get gradients: " + p.getFirst().gradientForVariable().keySet() + " vs "
                            + into.gradientForVariable().keySet());
        }
    }

    static void close(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        float[] e = expected.dup('c').reshape(expected.length()).toFloatVector();
        float[] a = actual.dup('c').reshape(actual.length()).toFloatVector();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs(e[i] - a[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertTrue(scale > 0, what + ": the reference is all zeros, a test that cannot fail");
        assertTrue(worst <= tolerance * scale, what + ": differs by " + worst + " (scale " + scale + ") at " + at
                + ": expected " + (at >= 0 ? e[at] : 0) + ", got " + (at >= 0 ? a[at] : 0));
    }

    /** Uniform values in [-1, 1) of this shape, from a generator seeded here. */
    static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).muli(2).subi(1);
    }
}
