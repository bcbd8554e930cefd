package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Schema.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network. All dropout values are <em>drop</em> probabilities in [0, 1).
 *
 * @param type            mlp or cnn
 * @param hidden          hidden dense layer widths (for cnn: the dense head after the conv blocks)
 * @param conv            conv blocks (cnn only; empty for mlp)
 * @param activation      hidden activation
 * @param inputDropout    drop probability on the network input
 * @param dropout         drop probability on every hidden block's output
 * @param layerDropout    per-block override of {@code dropout}, one entry per conv block then per hidden layer;
 *                        empty when not overridden
 * @param dropoutType     bernoulli | gaussian | alpha | spatial (spatial: conv blocks only)
 * @param batchNorm       where BN sits in each hidden block
 * @param dropoutPosition dropout after the block's BN (default) or before it
 * @param templateClass   the {@code NetworkTemplate} class of a java model; null for mlp and cnn (a Keras file is
 *                        mapped onto mlp or cnn when loaded, so no bound model has type keras)
 */
public record ModelConfig(ModelType type, List<Integer> hidden, List<ConvBlock> conv, Activation activation,
                          double inputDropout, double dropout, List<Double> layerDropout, DropoutType dropoutType,
                          BatchNorm batchNorm, DropoutPosition dropoutPosition, String templateClass) {
    /**
     * Checks every value and the rules between them (the architecture keys each type has, one drop rate per block,
     * spatial dropout on conv blocks only).
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public ModelConfig {
        hidden = List.copyOf(hidden);
        conv = List.copyOf(conv);
        layerDropout = List.copyOf(layerDropout);
        Model.TYPE.check(type);
        if (type == ModelType.KERAS) {
            throw new ConfigException(Model.TYPE.path(), type, "a Keras model is mapped onto mlp or cnn when its "
                    + "config is loaded; a bound model is never of type keras");
        }
        checkTemplateClass(type, templateClass);
        Model.HIDDEN.check(hidden);
        checkConv(type, conv);
        Model.ACTIVATION.check(activation);
        Model.INPUT_DROPOUT.check(inputDropout);
        Model.DROPOUT.check(dropout);
        Model.LAYER_DROPOUT.check(layerDropout);
        if (type != ModelType.JAVA && !layerDropout.isEmpty()) {
            checkOneRatePerBlock(layerDropout, conv.size(), hidden.size(), "");
        }
        Model.DROPOUT_TYPE.check(dropoutType);
        if (type == ModelType.MLP) {
            checkSpatialOnConv(dropoutType, "an mlp");
        }
        Model.BATCH_NORM.check(batchNorm);
        Model.DROPOUT_POSITION.check(dropoutPosition);
    }

    private static void checkTemplateClass(ModelType type, String templateClass) {
        if (type != ModelType.JAVA) {
            if (templateClass != null) {
                throw new ConfigException(Model.CLASS.path(), templateClass, "a template class needs type: java (and "
                        + "its jar on --classpath)");
            }
            return;
        }
        if (templateClass == null || templateClass.isBlank()) {
            throw new ConfigException(Model.CLASS.path(), null, "required with type: java: the fully qualified name "
                    + "of a class that implements io.ablate4j.network.NetworkTemplate, e.g. com.example.MyNet (its "
                    + "jar on --classpath)");
        }
        if (!templateClass.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
            throw new ConfigException(Model.CLASS.path(), templateClass, "not a Java class name; write the fully "
                    + "qualified name, e.g. com.example.MyNet");
        }
    }

    /**
     * A cnn has conv blocks; other types have none. Whether the blocks fit the images is the data's question
     * ({@link ConvFit}: checked with the dataset's image shape).
     */
    private static void checkConv(ModelType type, List<ConvBlock> conv) {
        if (type != ModelType.CNN) {
            if (!conv.isEmpty()) {
                throw new ConfigException(Model.CONV.path(), null, "conv blocks need type: cnn");
            }
            return;
        }
        if (conv.isEmpty()) {
            throw new ConfigException(Model.CONV.path(), null, "a cnn needs at least one conv block, e.g. "
                    + "[{filters: 32, kernel: 3}, {filters: 64, kernel: 3}]");
        }
    }

    /**
     * {@code layerDropout} lists one drop probability per block: conv blocks, then dense layers.
     *
     * @param of what the blocks belong to in the message, e.g. {@code " of the Keras model"}; empty for the templates
     */
    static void checkOneRatePerBlock(List<Double> layerDropout, int conv, int dense, String of) {
        if (layerDropout.size() != conv + dense) {
            throw new ConfigException(Model.LAYER_DROPOUT.path(), layerDropout, "needs one drop probability per "
                    + "block" + of + " (" + (conv + dense) + ": " + (conv == 0 ? "" : conv + " conv, then ") + dense
                    + " dense)");
        }
    }

    /**
     * Spatial dropout needs conv blocks.
     *
     * @param network what has none in the message, e.g. {@code "an mlp"}
     */
    static void checkSpatialOnConv(DropoutType dropoutType, String network) {
        if (dropoutType == DropoutType.SPATIAL) {
            throw new ConfigException(Model.DROPOUT_TYPE.path(), dropoutType, "spatial dropout drops whole channels "
                    + "of conv layers; " + network + " has none (use bernoulli, gaussian or alpha)");
        }
    }

    /** An mlp or cnn (the templates). */
    public ModelConfig(ModelType type, List<Integer> hidden, List<ConvBlock> conv, Activation activation,
                       double inputDropout, double dropout, List<Double> layerDropout, DropoutType dropoutType,
                       BatchNorm batchNorm, DropoutPosition dropoutPosition) {
        this(type, hidden, conv, activation, inputDropout, dropout, layerDropout, dropoutType, batchNorm,
                dropoutPosition, null);
    }

    /** Number of hidden blocks that carry a dropout: conv blocks first, then dense layers. */
    public int blockCount() {
        return conv.size() + hidden.size();
    }

    /**
     * Drop probability on the output of block {@code i} (conv blocks first, then dense layers; for a java template
     * its own blocks, of which {@code layerDropout} may list any number).
     */
    public double blockDropRate(int i) {
        if (!layerDropout.isEmpty() && (i < 0 || i >= layerDropout.size())) {
            throw new IllegalArgumentException("block " + i + ": model.layerDropout lists " + layerDropout.size()
                    + " blocks (0 to " + (layerDropout.size() - 1) + ")");
        }
        return layerDropout.isEmpty() ? dropout : layerDropout.get(i);
    }

    Map<String, Object> toMap() {
        Keys.Writer w = Model.KEYS.writer().put(Model.TYPE, type);
        if (type == ModelType.JAVA) {
            w.put(Model.CLASS, templateClass);
        } else {
            w.put(Model.HIDDEN, new ArrayList<>(hidden));
        }
        if (type == ModelType.CNN) {
            List<Object> blocks = new ArrayList<>();
            conv.forEach(b -> blocks.add(b.toMap()));
            w.put(Model.CONV, blocks);
        }
        return w.putIf(type != ModelType.JAVA, Model.ACTIVATION, activation)
                .put(Model.INPUT_DROPOUT, inputDropout)
                .put(Model.DROPOUT, dropout)
                .putIf(!layerDropout.isEmpty(), Model.LAYER_DROPOUT, new ArrayList<>(layerDropout))
                .put(Model.DROPOUT_TYPE, dropoutType)
                .put(Model.BATCH_NORM, batchNorm)
                .put(Model.DROPOUT_POSITION, dropoutPosition)
                .toMap();
    }
}
