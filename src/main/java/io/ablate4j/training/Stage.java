package io.ablate4j.training;

import org.deeplearning4j.nn.conf.InputPreProcessor;
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

    Stage(int index, InputPreProcessor pre) {
        this.index = index;
        this.pre = pre;
    }

    final Activations forward(Activations x, int n, LayerWorkspaceMgr mgr) {
        return activate(pre == null ? x : Activations.of(pre.preProcess(x.array(mgr, ArrayType.ACTIVATIONS), n, mgr)), mgr);
    }

    /**
     * @param inputGradient whether the layers below need this layer's input gradient (false for the lowest
     *                      layer with parameters: nothing below it learns)
     * @return the gradient with respect to the layer's input, or null when not asked for
     */
    final Activations backward(Activations eps, boolean inputGradient, Gradient into, int n, LayerWorkspaceMgr mgr) {
        Activations next = backprop(eps, inputGradient, into, mgr);
        return pre == null || next == null ? next
                : Activations.of(pre.backprop(next.array(mgr, ArrayType.ACTIVATION_GRAD), n, mgr));
    }

    /** The training-mode forward pass of the layer itself (after the pre-processor). */
    abstract Activations activate(Activations x, LayerWorkspaceMgr mgr);

    /** Records this layer's parameter gradients in {@code into}; returns the input gradient or null. */
    abstract Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr);

    /** Drops what this step's forward pass kept for the backward pass. */
    void clear() {
    }
}
