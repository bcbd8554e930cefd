package io.ablate4j.network;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Huber loss with δ = 1, which DL4J 1.0.0-M2.1 does not have: per output ½ d² where |d| ≤ δ, δ (|d| − ½ δ)
 * beyond, for d = prediction − target, averaged over the outputs as DL4J's {@code LossMSE} does (so with one output
 * it is Keras' {@code Huber(delta=1)} and PyTorch's {@code HuberLoss(delta=1)} per example). Its gradient is d
 * clipped to [−δ, δ]. No state, so it serializes to JSON as its class name alone.
 */
public final class LossHuber implements ILossFunction {
    private static final long serialVersionUID = 1L;
    /** Where the loss turns from squared to absolute, in the target's training units. */
    public static final double DELTA = 1.0;

    private static INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray abs = Transforms.abs(output.subi(labels.castTo(output.dataType())), false);
        INDArray quadratic = Transforms.min(abs, DELTA, true);
        INDArray linear = abs.subi(quadratic);
        INDArray score = quadratic.muli(quadratic).muli(0.5).addi(linear.muli(DELTA));
        if (mask != null) {
            score.muliColumnVector(mask.castTo(score.dataType()));
        }
        return score;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray score = scoreArray(labels, preOutput, activationFn, mask);
        double sum = score.sumNumber().doubleValue() / labels.size(1);
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return scoreArray(labels, preOutput, activationFn, mask).sum(true, 1).divi(labels.size(1));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray d = output.subi(labels.castTo(output.dataType()));
        INDArray dLdOut = Transforms.min(Transforms.max(d, -DELTA, false), DELTA, false).divi(labels.size(1));
        INDArray grad = activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
        if (mask != null) {
            grad.muliColumnVector(mask.castTo(grad.dataType()));
        }
        return grad;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public String toString() {
        return "LossHuber(delta=" + DELTA + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossHuber;
    }

    @Override
    public int hashCode() {
        return LossHuber.class.hashCode();
    }
}
