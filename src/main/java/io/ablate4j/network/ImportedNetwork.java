package io.ablate4j.network;

import io.ablate4j.config.ImageShape;
import io.ablate4j.config.Init;
import io.ablate4j.config.LayerSpec;
import io.ablate4j.config.ModelConfig;
import io.ablate4j.config.RegularizationConfig;
import io.ablate4j.config.VariantConfig;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds an imported model's network layer by layer from its resolved {@link LayerSpec}s: a Dense as a
 * {@code DenseLayer} (the last as the {@code OutputLayer} with the training loss), a Conv2D as a
 * {@code ConvolutionLayer} ({@code valid} = DL4J's {@code Truncate}, {@code same} = {@code Same}), pooling as a
 * {@code SubsamplingLayer}, BatchNormalization with its decay and epsilon, each dropout as a {@code DropoutLayer}
 * (drop rates converted in {@link Dropouts} only), an Activation as an {@code ActivationLayer}. A Flatten is the
 * {@code CnnToFeedForwardPreProcessor} DL4J puts before the next Dense. Penalties go on the weights only, as in the
 * templates. Images come as DL4J's NCHW, Keras' as NHWC: the flattened order before a Dense differs, which matters
 * for imported weights only, and none are imported.
 */
final class ImportedNetwork {
    private ImportedNetwork() {
    }

    /**
     * @param image the images' shape (the loaded data's, which the file's input shape was checked against); null for
     *              other data
     */
    static MultiLayerConfiguration build(VariantConfig variant, ImageShape image, int numFeatures, int numClasses,
                                         long seed) {
        ModelConfig m = variant.model();
        RegularizationConfig reg = variant.regularization();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(NetworkFactory.updater(variant.training().optimizer()))
                .list();
        List<Layer> layers = new ArrayList<>();
        for (LayerSpec s : m.layers()) {
            switch (s.kind()) {
                case DENSE -> {
                    DenseLayer.Builder b = new DenseLayer.Builder().nOut(s.units()).hasBias(s.bias())
                            .activation(activation(s.activation()));
                    Init biases = NetworkFactory.initialize(b, s.weightInit(), s.biasInit(), 1);
                    NetworkFactory.regularize(b, reg, new int[]{0});
                    layers.add(NetworkFactory.withBiases(b.build(), biases));
                }
                case OUTPUT -> {
                    if (s.units() != numClasses) {
                        throw new IllegalStateException("the Keras model's output Dense has " + s.units() + " units; "
                                + "the data has " + numClasses + (numClasses == 1 ? " target" : " classes"));
                    }
                    OutputLayer.Builder b = new OutputLayer.Builder(NetworkFactory.loss(variant.training().loss()))
                            .nOut(s.units()).hasBias(s.bias()).activation(activation(s.activation()));
                    Init biases = NetworkFactory.initialize(b, s.weightInit(), s.biasInit(), 1);
                    NetworkFactory.regularize(b, reg, new int[]{0});
                    layers.add(NetworkFactory.withBiases(b.build(), biases));
                }
                case CONV -> {
                    ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(s.kernel().get(0), s.kernel().get(1))
                            .stride(s.strides().get(0), s.strides().get(1))
                            .nOut(s.units())
                            .convolutionMode(s.same() ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                            .hasBias(s.bias())
                            .activation(activation(s.activation()));
                    Init biases = NetworkFactory.initialize(b, s.weightInit(), s.biasInit(),
                            s.strides().get(0) * s.strides().get(1));
                    NetworkFactory.regularize(b, reg, new int[]{1, 2, 3});
                    layers.add(NetworkFactory.withBiases(b.build(), biases));
                }
                case MAX_POOL, AVG_POOL -> {
                    SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(s.kind() == LayerSpec.Kind.MAX_POOL
                            ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG)
                            .kernelSize(s.kernel().get(0), s.kernel().get(1))
                            .stride(s.strides().get(0), s.strides().get(1));
                    if (s.same()) {
                        b.convolutionMode(ConvolutionMode.Same);
                    }
                    if (s.kind() == LayerSpec.Kind.AVG_POOL) {
                        b.avgPoolIncludePadInDivisor(false); // Keras averages over the window's real inputs
                    }
                    layers.add(b.build());
                }
                case DROPOUT -> {
                    IDropout d = Dropouts.of(s.dropoutType(), s.rate());
                    if (d != null) {
                        layers.add(new DropoutLayer.Builder(d).build());
                    }
                }
                case BATCH_NORM -> layers.add(new BatchNormalization.Builder().decay(s.decay()).eps(s.epsilon())
                        .build());
                case ACTIVATION -> layers.add(new ActivationLayer.Builder().activation(activation(s.activation()))
                        .build());
                case FLATTEN -> {
                }
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            list.layer(i, layers.get(i));
        }
        if (m.keras().convolutional()) {
            if (image == null) {
                throw new IllegalArgumentException("a Keras model with Conv2D needs the images' shape ("
                        + variant.dataset().name().yamlName() + " is not images, or its shape comes from the files: "
                        + "build with the loaded data's)");
            }
            list.setInputType(InputType.convolutionalFlat(image.height(), image.width(), image.channels()));
        } else {
            list.setInputType(InputType.feedForward(numFeatures));
        }
        return list.build();
    }

    /** DL4J's activation of a resolved layer's ({@code linear} is the identity). */
    static Activation activation(String name) {
        return switch (name) {
            case "linear" -> Activation.IDENTITY;
            case "softmax" -> Activation.SOFTMAX;
            case "relu" -> Activation.RELU;
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "elu" -> Activation.ELU;
            case "selu" -> Activation.SELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "swish" -> Activation.SWISH;
            case "gelu" -> Activation.GELU;
            default -> throw new IllegalArgumentException("activation " + name);
        };
    }
}
