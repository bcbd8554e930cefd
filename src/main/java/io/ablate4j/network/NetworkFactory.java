package io.ablate4j.network;

import io.ablate4j.config.ConvBlock;
import io.ablate4j.config.ConvFit;
import io.ablate4j.config.ImageShape;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.Loss;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Enums;
import io.ablate4j.config.Init;
import io.ablate4j.config.LayerSpec;
import io.ablate4j.config.ModelConfig;
import io.ablate4j.config.OptimizerConfig;
import io.ablate4j.config.RegularizationConfig;
import io.ablate4j.config.VariantConfig;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Builds the DL4J network of a variant. Every layer is configured explicitly: nothing is set on the global
 * builder but seed, updater and data type, because M2.1 copies a global dropout to every layer (raw input and
 * output included), doubles a global weight decay, and does not let a per-layer {@code l2(0)} cancel a global one.
 *
 * <p>Layer sequence of a hidden block (dense or conv), with D = a {@link DropoutLayer} when the block's drop
 * probability is above 0:
 * <pre>
 * batchNorm          dropoutPosition  block
 * none               (either)         W(act) → D
 * before-activation  after-bn         W(identity, no bias) → BN → act → D
 * before-activation  before-bn        W(identity, no bias) → D → BN → act
 * after-activation   after-bn         W(act) → BN → D
 * after-activation   before-bn        W(act) → D → BN
 * </pre>
 * Conv blocks end with max pooling after the activation/BN and before an after-bn dropout. Input dropout is a
 * {@link DropoutLayer} in front of everything. Dropout is always a separate layer so that where it acts is
 * visible in the layer list and never depends on which layer types DL4J lets a dropout ride on (BN and
 * activation layers silently ignore {@code dropOut}).
 *
 * <p>Weight penalties go on the weights of every dense, conv and output layer; never on biases or BN parameters.
 */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    /**
     * The network for one trial of a variant; {@code seed} sets weight init and dropout masks; {@code numClasses}
     * is the number of outputs (1 for a regression, whose output layer is linear). A java model is built by its
     * {@link NetworkTemplate}, loaded through {@code templates}, and checked against the factors
     * ({@link TemplateException} when it contradicts them).
     */
    public static MultiLayerConfiguration build(VariantConfig variant, int numFeatures, int numClasses, long seed,
                                               Templates templates) {
        return build(variant, variant.dataset().imageShape(), numFeatures, numClasses, seed, templates);
    }

    /**
     * As {@link #build(VariantConfig, int, int, long, Templates)} on images of the given shape (the loaded data's:
     * a folder's images may take their size and channels from the files); null for other data.
     */
    public static MultiLayerConfiguration build(VariantConfig variant, ImageShape image, int numFeatures,
                                               int numClasses, long seed, Templates templates) {
        ModelConfig m = variant.model();
        if (m.type() == ModelType.JAVA) {
            return templates.build(variant, numFeatures, numClasses, seed);
        }
        return build(variant, image, numFeatures, numClasses, seed);
    }

    /**
     * The network of a variant whose model is ablate4j's own ({@code mlp}, {@code cnn}, {@code keras}); a java
     * template needs the {@link Templates} to load it from (the five-argument build).
     *
     * @throws IllegalArgumentException for a java template
     */
    public static MultiLayerConfiguration build(VariantConfig variant, int numFeatures, int numClasses, long seed) {
        return build(variant, variant.dataset().imageShape(), numFeatures, numClasses, seed);
    }

    /**
     * The network of an own model on images of the given shape (null for other data): a cnn takes it as its input,
     * {@code InputType.convolutionalFlat(height, width, channels)} (the features flattened channel-first).
     *
     * @throws io.ablate4j.config.ConfigException at {@code model.conv[i].pool} when the conv blocks do not fit the
     *                                            images ({@link ConvFit})
     */
    public static MultiLayerConfiguration build(VariantConfig variant, ImageShape image, int numFeatures,
                                               int numClasses, long seed) {
        ModelConfig m = variant.model();
        if (m.type() == ModelType.JAVA) {
            throw new IllegalArgumentException("model.type java: " + m.templateClass()
                    + " is loaded through the run's Templates; use build(variant, numFeatures, numClasses, seed, templates)");
        }
        if (m.type() == ModelType.KERAS) {
            return ImportedNetwork.build(variant, image, numFeatures, numClasses, seed);
        }
        RegularizationConfig reg = variant.regularization();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater(variant.training().optimizer()))
                .list();
        List<Layer> layers = new ArrayList<>();
        addDropout(layers, m.dropoutType() == DropoutType.SPATIAL ? DropoutType.BERNOULLI : m.dropoutType(),
                m.inputDropout());
        int block = 0;
        for (ConvBlock c : m.conv()) {
            boolean bnFirst = m.batchNorm() == BatchNorm.BEFORE_ACTIVATION;
            ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(c.kernel(), c.kernel())
                    .stride(c.stride(), c.stride())
                    .nOut(c.filters())
                    .convolutionMode(ConvolutionMode.Same)
                    .hasBias(!bnFirst)
                    .activation(bnFirst ? Activation.IDENTITY : activation(m));
            Init biases = initialize(conv, weights(m, m.activation()), biases(m, !bnFirst), c.stride() * c.stride());
            regularize(conv, reg, new int[]{1, 2, 3});
            List<Layer> tail = new ArrayList<>();
            if (c.pool() > 1) {
                tail.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(c.pool(), c.pool()).stride(c.pool(), c.pool()).build());
            }
            addBlock(layers, withBiases(conv.build(), biases), m, m.blockDropRate(block++), m.dropoutType(), tail);
        }
        DropoutType denseDropout = m.dropoutType() == DropoutType.SPATIAL ? DropoutType.BERNOULLI : m.dropoutType();
        for (int width : m.hidden()) {
            boolean bnFirst = m.batchNorm() == BatchNorm.BEFORE_ACTIVATION;
            DenseLayer.Builder dense = new DenseLayer.Builder()
                    .nOut(width)
                    .hasBias(!bnFirst)
                    .activation(bnFirst ? Activation.IDENTITY : activation(m));
            Init biases = initialize(dense, weights(m, m.activation()), biases(m, !bnFirst), 1);
            regularize(dense, reg, new int[]{0});
            addBlock(layers, withBiases(dense.build(), biases), m, m.blockDropRate(block++), denseDropout,
                    List.of());
        }
        OutputLayer.Builder out = new OutputLayer.Builder(loss(variant.training().loss()))
                .nOut(numClasses)
                .activation(variant.dataset().isRegression() ? Activation.IDENTITY : Activation.SOFTMAX);
        Init outBiases = initialize(out, weights(m, null), biases(m, true), 1);
        regularize(out, reg, new int[]{0});
        layers.add(withBiases(out.build(), outBiases));
        for (int i = 0; i < layers.size(); i++) {
            list.layer(i, layers.get(i));
        }
        list.setInputType(m.type() == ModelType.CNN ? convolutional(m, image, variant.dataset().name().yamlName())
                : InputType.feedForward(numFeatures));
        return list.build();
    }

    /** A cnn's input: the images' shape, once the conv blocks are known to fit it. */
    private static InputType convolutional(ModelConfig m, ImageShape image, String dataset) {
        if (image == null) {
            throw new IllegalArgumentException("model.type cnn needs the images' shape (" + dataset + " is not images, "
                    + "or its shape comes from the files: build with the loaded data's)");
        }
        ConvFit.check(m.conv(), image, "the " + image + " images of " + dataset);
        return InputType.convolutionalFlat(image.height(), image.width(), image.channels());
    }

    private static void addBlock(List<Layer> layers, Layer weights, ModelConfig m, double dropRate,
                                 DropoutType dropoutType, List<Layer> pool) {
        layers.add(weights);
        boolean dropoutBeforeBn = m.dropoutPosition() == DropoutPosition.BEFORE_BN && m.batchNorm() != BatchNorm.NONE;
        if (dropoutBeforeBn) {
            addDropout(layers, dropoutType, dropRate);
        }
        if (m.batchNorm() != BatchNorm.NONE) {
            layers.add(new BatchNormalization.Builder().build());
        }
        if (m.batchNorm() == BatchNorm.BEFORE_ACTIVATION) {
            layers.add(new ActivationLayer.Builder().activation(activation(m)).build());
        }
        layers.addAll(pool);
        if (!dropoutBeforeBn) {
            addDropout(layers, dropoutType, dropRate);
        }
    }

    private static void addDropout(List<Layer> layers, DropoutType type, double dropRate) {
        IDropout dropout = Dropouts.of(type, dropRate);
        if (dropout != null) {
            layers.add(new DropoutLayer.Builder(dropout).build());
        }
    }

    /**
     * Penalties on this layer's weights only. {@code maxNormDims} are the weight dimensions that make up one
     * unit's incoming vector: 0 for dense weights [nIn, nOut]; 1, 2, 3 for conv weights [out, in, kH, kW].
     */
    static void regularize(BaseLayer.Builder<?> layer, RegularizationConfig reg, int[] maxNormDims) {
        if (reg.l1() > 0) {
            layer.l1(reg.l1());
        }
        if (reg.l2() > 0) {
            layer.l2(reg.l2());
        }
        if (reg.weightDecay() > 0) {
            layer.weightDecay(reg.weightDecay(), true);
        }
        if (reg.maxNorm() > 0) {
            layer.constrainWeights(new LayerConstraint[]{new MaxNormConstraint(reg.maxNorm(), maxNormDims)});
        }
    }

    /**
     * The output layer's loss: softmax cross-entropy for a classifier; for a regression (a linear output) DL4J's
     * mean squared and mean absolute error, or {@link LossHuber}. DL4J's MSE and MAE average over the outputs as
     * Keras' do; with the one output of a regression they are the plain per-example squared and absolute errors.
     */
    static ILossFunction loss(Loss loss) {
        return switch (loss) {
            case CROSS_ENTROPY -> new LossMCXENT();
            case MSE -> new LossMSE();
            case MAE -> new LossMAE();
            case HUBER -> new LossHuber();
        };
    }

    static IUpdater updater(OptimizerConfig o) {
        return switch (o.type()) {
            case ADAM -> new Adam(o.learningRate());
            case SGD -> new Sgd(o.learningRate());
            case NESTEROVS -> new Nesterovs(o.learningRate(), o.momentum());
        };
    }

    static Activation activation(ModelConfig m) {
        return switch (m.activation()) {
            case RELU -> Activation.RELU;
            case LEAKYRELU -> Activation.LEAKYRELU;
            case ELU -> Activation.ELU;
            case SELU -> Activation.SELU;
            case TANH -> Activation.TANH;
            case SIGMOID -> Activation.SIGMOID;
            case SWISH -> Activation.SWISH;
            case GELU -> Activation.GELU;
        };
    }

    /** A template's weight initializer: under a hidden {@code activation}, or on the output layer (null). */
    private static Init weights(ModelConfig m, Enums.Activation activation) {
        return m.weightInit() == Enums.WeightInit.AUTO ? Init.auto(activation) : Init.weights(m.weightInit());
    }

    private static Init biases(ModelConfig m, boolean bias) {
        return bias ? Init.biases(m.weightInit()) : Init.ZEROS;
    }

    /**
     * Sets a weight layer's initializers: DL4J's own for {@code weightInit: auto} (as the templates always had),
     * else ablate4j's {@link DrawnInit} with Keras' fans ({@code strideArea}: the convolution's stride area, which
     * DL4J divides the fan-out by). A constant bias is DL4J's {@code biasInit}.
     *
     * @return the bias initializer when it draws at random (then {@link #withBiases} must wrap the built layer), else
     *         null
     */
    static Init initialize(org.deeplearning4j.nn.conf.layers.BaseLayer.Builder<?> layer, Init weights, Init biases,
                           int strideArea) {
        if (weights.dl4j()) {
            layer.weightInit(dl4j(weights));
        } else {
            layer.weightInit(new DrawnInit(weights, strideArea));
        }
        if (biases.distribution() == Init.Distribution.CONSTANT) {
            if (biases.mean() != 0) {
                layer.biasInit(biases.mean());
            }
            return null;
        }
        return biases;
    }

    /** {@code layer}, or, when its biases are drawn, the same layer drawing them ({@link RandomBias}). */
    static Layer withBiases(Layer layer, Init biases) {
        return biases == null ? layer : RandomBias.of(layer, biases);
    }

    /** DL4J's own initializer of an {@link Init#dl4j} distribution. */
    static WeightInit dl4j(Init init) {
        if (init.scale() == 2) {
            return WeightInit.RELU;
        }
        return init.fan() == Init.Fan.FAN_IN ? WeightInit.LECUN_NORMAL : WeightInit.XAVIER;
    }

    /** A one-line description of the layer sequence, e.g. {@code Dense(784→256, relu) → BN → Dropout(drop 0.5) → …}. */
    public static String describe(MultiLayerConfiguration conf) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            b.append(i > 0 ? " → " : "").append(LayerDescriptions.of(layer));
        }
        return b.toString();
    }
}
