package io.ablate4j.network;

import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.ModelConfig;
import io.ablate4j.config.RegularizationConfig;
import io.ablate4j.config.VariantConfig;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The resolved factors of one trial, as a {@link NetworkTemplate} receives them. Drop rates are <em>drop</em>
 * probabilities; the DL4J objects ({@link #dropout(int)}, {@link #dropoutLayer(int)}, {@link #regularize}) are
 * made by the same code that builds ablate4j's own templates, so a factor means the same in both.
 *
 * @param seed         the trial's seed: set it on the {@code NeuralNetConfiguration.Builder} (weight init and dropout
 *                     masks); the check refuses a network with another seed
 * @param numInputs    input features (784 for 28×28 images, flattened)
 * @param numOutputs   classes, or 1 for a regression
 * @param regression   whether the output is one real value (linear output) rather than classes (softmax)
 * @param model        the resolved model section: drop rates, dropout type, BN placement, dropout position
 * @param regularization the resolved penalties
 * @param variant      the whole resolved variant (training settings included), for templates that need more
 */
public record TrialFactors(long seed, int numInputs, int numOutputs, boolean regression, ModelConfig model,
                           RegularizationConfig regularization, VariantConfig variant) {

    static TrialFactors of(VariantConfig variant, int numInputs, int numOutputs, long seed) {
        return new TrialFactors(seed, numInputs, numOutputs, variant.dataset().isRegression(), variant.model(),
                variant.regularization(), variant);
    }

    /** Drop probability on the input (0 = none). */
    public double inputDropRate() {
        return model.inputDropout();
    }

    /**
     * Drop probability on the output of the template's hidden block {@code block} (0-based): {@code model.dropout}
     * for every block, or entry {@code block} of {@code model.layerDropout} when the config lists them.
     */
    public double dropRate(int block) {
        return model.blockDropRate(block);
    }

    /** DL4J's retain probability of block {@code block} ({@code 1 − dropRate}), converted where ablate4j converts. */
    public double retainProbability(int block) {
        return Dropouts.retainProbability(dropRate(block));
    }

    public DropoutType dropoutType() {
        return model.dropoutType();
    }

    public BatchNorm batchNorm() {
        return model.batchNorm();
    }

    public DropoutPosition dropoutPosition() {
        return model.dropoutPosition();
    }

    /** The input's dropout, or null for none (spatial configs use Bernoulli on the input, as the templates do). */
    public IDropout inputDropout() {
        return Dropouts.of(denseType(), inputDropRate());
    }

    /** The dropout of dense block {@code block}, or null when its rate is 0 (spatial configs: Bernoulli here). */
    public IDropout dropout(int block) {
        return Dropouts.of(denseType(), dropRate(block));
    }

    /** The dropout of conv block {@code block}, or null when its rate is 0 (spatial configs: spatial here). */
    public IDropout convDropout(int block) {
        return Dropouts.of(model.dropoutType(), dropRate(block));
    }

    /** A {@code DropoutLayer} for dense block {@code block}, or null when its rate is 0. */
    public DropoutLayer dropoutLayer(int block) {
        IDropout d = dropout(block);
        return d == null ? null : new DropoutLayer.Builder(d).build();
    }

    private DropoutType denseType() {
        return model.dropoutType() == DropoutType.SPATIAL ? DropoutType.BERNOULLI : model.dropoutType();
    }

    /**
     * The activation of a block's weight layer: identity when BN sits before the activation (the activation then
     * comes after BN, see {@link #afterWeights}), else {@code activation}.
     */
    public Activation weightActivation(Activation activation) {
        return model.batchNorm() == BatchNorm.BEFORE_ACTIVATION ? Activation.IDENTITY : activation;
    }

    /** Whether a block's weight layer has a bias (none before a BN, whose shift replaces it). */
    public boolean weightBias() {
        return model.batchNorm() != BatchNorm.BEFORE_ACTIVATION;
    }

    /**
     * The layers that follow a dense block's weights, in the order ablate4j's templates put them: BN, activation and
     * dropout as {@code batchNorm} and {@code dropoutPosition} say (see {@link NetworkFactory}); empty for a plain
     * block without dropout.
     */
    public List<Layer> afterWeights(int block, Activation activation) {
        List<Layer> layers = new ArrayList<>();
        boolean bn = model.batchNorm() != BatchNorm.NONE;
        boolean dropoutFirst = bn && model.dropoutPosition() == DropoutPosition.BEFORE_BN;
        DropoutLayer d = dropoutLayer(block);
        if (dropoutFirst && d != null) {
            layers.add(d);
        }
        if (bn) {
            layers.add(new BatchNormalization.Builder().build());
        }
        if (model.batchNorm() == BatchNorm.BEFORE_ACTIVATION) {
            layers.add(new ActivationLayer.Builder().activation(activation).build());
        }
        if (!dropoutFirst && d != null) {
            layers.add(d);
        }
        return layers;
    }

    /** Puts the penalties on a dense or output layer's weights (never on biases), as the templates do. */
    public void regularize(BaseLayer.Builder<?> layer) {
        NetworkFactory.regularize(layer, regularization, new int[]{0});
    }

    /** Puts the penalties on a conv layer's weights [out, in, kH, kW] (max-norm per filter). */
    public void regularizeConv(BaseLayer.Builder<?> layer) {
        NetworkFactory.regularize(layer, regularization, new int[]{1, 2, 3});
    }

    /** The updater of {@code training.optimizer}. */
    public IUpdater updater() {
        return NetworkFactory.updater(variant.training().optimizer());
    }

    /** The output layer's loss ({@code training.loss}). */
    public ILossFunction loss() {
        return NetworkFactory.loss(variant.training().loss());
    }

    /** Softmax for classes, identity for a regression. */
    public Activation outputActivation() {
        return regression ? Activation.IDENTITY : Activation.SOFTMAX;
    }

    /**
     * The weight init ablate4j's templates use for an activation: He for the ReLU family, LeCun for SELU, Xavier
     * for saturating activations (tanh, sigmoid) and anything else.
     */
    public static WeightInit weightInit(Activation activation) {
        return switch (activation) {
            case RELU, LEAKYRELU, ELU, SWISH, GELU -> WeightInit.RELU;
            case SELU -> WeightInit.LECUN_NORMAL;
            default -> WeightInit.XAVIER;
        };
    }
}
