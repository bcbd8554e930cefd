package io.ablate4j.training.lean;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * An {@link ActivationLayer} with plain ReLU, in Java on the NHWC data: {@code max(0, x)} forward, the gradient
 * where the output is positive (where x &gt; 0, as DL4J's {@code relu_bp}) backward. The values are DL4J's exactly;
 * this stage exists so that the activations between the Java kernels (convolution, batch normalization, pooling)
 * stay in Java. A ReLU layer right after a convolution with the identity activation or after batch normalization
 * is {@code fused}: that layer's stage applies it and takes its gradient ({@link ConvStage#fusesRelu},
 * {@link BatchNormStage#fusesRelu}), and this stage passes the activations and the gradient through unchanged.
 */
final class ReluStage extends Stage {
    private float[] out = new float[0];
    private float[] grad = new float[0];
    private final Scratch scratch = new Scratch();
    private final boolean fused;

    ReluStage(int index, InputPreProcessor pre) {
        this(index, pre, false);
    }

    ReluStage(int index, InputPreProcessor pre, boolean fused) {
        super(index, pre);
        this.fused = fused;
    }

    /** Whether the convolution below applies this ReLU (this stage then passes data through). */
    boolean fused() {
        return fused;
    }

    /** ReLU without a cap, threshold or negative slope: {@code max(0, x)}. */
    static boolean plain(IActivation a) {
        return a instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null
                && r.getNegativeSlope() == null;
    }

    static boolean accepts(Layer layer) {
        return layer instanceof ActivationLayer
                && plain(((org.deeplearning4j.nn.conf.layers.ActivationLayer) layer.conf().getLayer()).getActivationFn());
    }

    @Override
    Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr) {
        if (fused) {
            return x;
        }
        int len = x.length();
        float[] in = x.floats(scratch);
        out = Kernels.atLeast(out, len);
        Kernels.relu(in, out, len);
        return x.withData(out);
    }

    @Override
    Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        if (!inputGradient) {
            return null;
        }
        if (fused) {
            return eps;
        }
        int len = eps.length();
        float[] e = eps.floats(scratch);
        grad = Kernels.atLeast(grad, len);
        Kernels.reluBackward(out, e, grad, len);
        return eps.withData(grad);
    }
}
