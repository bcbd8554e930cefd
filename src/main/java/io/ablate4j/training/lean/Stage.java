package io.ablate4j.training.lean;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

/**
 * One layer's forward and backward pass within a {@link TrainingStep}, with the layer's input pre-processor
 * (DL4J's reshapes between dense and convolutional layouts) run in front of it and behind its backward pass.
 * A stage keeps what its backward pass needs from the forward pass of the same step; {@link #clear} drops it.
 */
abstract class Stage {
    /** The layer's index in the network: gradients are recorded as {@code index_param}. */
    final int index;
    private final InputPreProcessor pre;
    /** This step's input when the pre-processor's flattening was done in Java (its shape, for the backward pass). */
    private Activations unflattened;
    private float[] flat = new float[0];
    private float[] unflat = new float[0];
    private final Scratch scratch = new Scratch();

    Stage(int index, InputPreProcessor pre) {
        this.index = index;
        this.pre = pre;
    }

    /** The training-mode forward pass, keeping what the backward pass needs. */
    final Activations forward(Activations x, int n, LayerWorkspaceMgr mgr) {
        return forward(x, n, true, mgr);
    }

    /**
     * The forward pass in training or inference mode ({@code training} false: dropout off, batch norm on its
     * running statistics, as DL4J's {@code output(x, false)}).
     */
    final Activations forward(Activations x, int n, boolean training, LayerWorkspaceMgr mgr) {
        unflattened = null;
        if (pre instanceof CnnToFeedForwardPreProcessor p && p.getFormat() == CNN2DFormat.NCHW && x.rank4() && x.hasFloats()) {
            // DL4J's flattening of NCHW ([n, c·h·w] in c, h, w order), from the Java kernels' NHWC data in Java: the
            // pre-processor would copy a permuted view element by element through ND4J
            unflattened = x;
            flat = Kernels.atLeast(flat, x.length());
            Kernels.nhwcToNchw(x.floats(scratch), flat, x.examples(), x.height(), x.width(), x.channels());
            return activate(Activations.ofNhwc(flat, x.examples(), 1, 1, x.length() / x.examples(), false), training, mgr);
        }
        return activate(pre == null ? x : Activations.of(pre.preProcess(x.array(mgr, ArrayType.ACTIVATIONS), n, mgr)),
                training, mgr);
    }

    /**
     * @param inputGradient whether the layers below need this layer's input gradient (false for the lowest
     *                      layer with parameters: nothing below it learns)
     * @return the gradient with respect to the layer's input, or null when not asked for
     */
    final Activations backward(Activations eps, boolean inputGradient, Gradient into, int n, LayerWorkspaceMgr mgr) {
        Activations next = backprop(eps, inputGradient, into, mgr);
        if (next != null && unflattened != null) {
            unflat = Kernels.atLeast(unflat, next.length());
            Kernels.nchwToNhwc(next.floats(scratch), unflat, unflattened.examples(), unflattened.height(),
                    unflattened.width(), unflattened.channels());
            return unflattened.withData(unflat);
        }
        return pre == null || next == null ? next
                : Activations.of(pre.backprop(next.array(mgr, ArrayType.ACTIVATION_GRAD), n, mgr));
    }

    /** The forward pass of the layer itself (after the pre-processor), in training or inference mode. */
    abstract Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr);

    /** Records this layer's parameter gradients in {@code into}; returns the input gradient or null. */
    abstract Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr);

    /** Drops what this step's forward pass kept for the backward pass. */
    void clear() {
    }

    /**
     * Frees the native buffers this stage holds for the trial ({@link NativeFloats#detached}); called once, at the
     * trial's end, after which the stage is not used.
     */
    void close() {
    }

    /** Closes a buffer of {@link NativeFloats#detached} (null: nothing). */
    static void free(org.nd4j.linalg.api.ndarray.INDArray buffer) {
        if (buffer != null && !buffer.wasClosed()) {
            buffer.close();
        }
    }
}
