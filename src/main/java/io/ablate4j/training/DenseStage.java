package io.ablate4j.training;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A dense or output layer, with {@code BaseLayer}'s and {@code BaseOutputLayer}'s ops in their order and array
 * layouts (so its results are {@code fit}'s bit for bit), the pre-activation kept from the forward pass instead
 * of being recomputed in the backward pass as {@code BaseLayer.backpropGradient} does.
 */
final class DenseStage extends Stage {
    private final INDArray w;
    private final INDArray b;
    private final INDArray wGrad;
    private final INDArray bGrad;
    private final IActivation activation;
    private final boolean plainRelu;
    private final ILossFunction loss;
    private INDArray input;
    private INDArray z;
    private INDArray labels;

    DenseStage(int index, BaseLayer<?> layer, InputPreProcessor pre) {
        super(index, pre);
        var lc = (org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer();
        Map<String, INDArray> grads = DefaultParamInitializer.getInstance()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
        this.w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        this.wGrad = grads.get(DefaultParamInitializer.WEIGHT_KEY);
        this.b = layer.hasBias() ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null;
        this.bGrad = layer.hasBias() ? grads.get(DefaultParamInitializer.BIAS_KEY) : null;
        this.activation = lc.getActivationFn();
        this.plainRelu = ReluStage.plain(activation);
        this.loss = layer instanceof OutputLayer o ? o.layerConf().getLossFn() : null;
    }

    /**
     * The pre-activation {@code x W + b}; for a hidden layer, the activation of a copy of it; for the output
     * layer in inference mode, its activation (the class probabilities).
     */
    @Override
    Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr) {
        input = x.array(mgr, ArrayType.ACTIVATIONS).castTo(w.dataType());
        z = mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), input.size(0), w.size(1));
        input.mmuli(w, z);
        if (b != null) {
            z.addiRowVector(b);
        }
        return Activations.of(loss != null && training ? z : activation.getActivation(z.dup(), training));
    }

    /** The layer's width. */
    long outputs() {
        return w.size(1);
    }

    /** Whether every pre-activation is finite: one sum, where the loss would be a dozen ops. */
    boolean finite() {
        return Double.isFinite(z.sumNumber().doubleValue());
    }

    /** The output layer's labels for this step: its backward pass starts from the loss, not from an epsilon. */
    void labels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    Activations backprop(Activations epsilon, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        INDArray delta;
        if (loss != null) {
            delta = loss.computeGradient(labels, z, activation, null);
        } else if (plainRelu) {
            // eps where z > 0, else 0: ActivationReLU.backprop's values (its relu_bp op is ~4x slower than
            // these two; an entry where z <= 0 may come out as -0 instead of +0, equal in every use)
            INDArray eps = epsilon.array(mgr, ArrayType.ACTIVATION_GRAD);
            delta = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, z.dataType(), z.shape(), z.ordering());
            Nd4j.getExecutioner().exec(new Step(z, delta, 0.0));
            Nd4j.getExecutioner().exec(new MulOp(delta, eps, delta));
        } else {
            delta = activation.backprop(z, epsilon.array(mgr, ArrayType.ACTIVATION_GRAD)).getFirst();
        }
        if (b != null) {
            delta.sum(bGrad, 0);
        }
        INDArray next = inputGradient ? inputGradient(delta, mgr) : null;
        Nd4j.gemm(input, delta, wGrad, true, false, 1.0, 0.0);
        into.setGradientFor(index + "_" + DefaultParamInitializer.WEIGHT_KEY, wGrad);
        if (b != null) {
            into.setGradientFor(index + "_" + DefaultParamInitializer.BIAS_KEY, bGrad);
        }
        return next == null ? null : Activations.of(next);
    }

    private INDArray inputGradient(INDArray delta, LayerWorkspaceMgr mgr) {
        INDArray next = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[]{w.size(0), delta.size(0)}, 'f');
        return w.mmuli(delta.transpose(), next).transpose();
    }

    @Override
    void clear() {
        input = null;
        z = null;
        labels = null;
    }
}
