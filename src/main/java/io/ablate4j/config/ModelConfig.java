package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Enums.WeightInit;
import io.ablate4j.config.Schema.Model;
import io.ablate4j.keras.KerasNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network. All dropout values are <em>drop</em> probabilities in [0, 1).
 *
 * @param type            mlp, cnn, java, or keras (an imported model that is not exactly a template's network)
 * @param hidden          hidden dense layer widths (for cnn: the dense head after the conv blocks)
 * @param conv            conv blocks (cnn only; empty for mlp)
 * @param activation      hidden activation (keras: every hidden block's, replacing the file's; null: the file's)
 * @param inputDropout    drop probability on the network input
 * @param dropout         drop probability on every hidden block's output
 * @param layerDropout    per-block override of {@code dropout}, one entry per conv block then per hidden layer;
 *                        empty when not overridden (keras: the rate of each of the file's dropout layers)
 * @param dropoutType     bernoulli | gaussian | alpha | spatial (spatial: conv blocks only; keras: null keeps the
 *                        file's dropout classes)
 * @param batchNorm       where BN sits in each hidden block
 * @param dropoutPosition dropout after the block's BN (default) or before it
 * @param templateClass   the {@code NetworkTemplate} class of a java model; null otherwise
 * @param weightInit      how weights and biases are drawn ({@code auto}: the templates' rule; keras: {@code file})
 * @param addDropout      keras: dropout added after the file's blocks that have none; null for none
 * @param keras           keras: the file's model as written (its layers are what {@code toMap()} writes); null otherwise
 * @param layers          keras: the network to build, the file's layers with the factors applied; empty otherwise
 * @param changes         what the factors change relative to the Keras file, one line each (empty: the network is
 *                        the file's, or the model came from no file); not part of the resolved config
 */
public record ModelConfig(ModelType type, List<Integer> hidden, List<ConvBlock> conv, Activation activation,
                          double inputDropout, double dropout, List<Double> layerDropout, DropoutType dropoutType,
                          BatchNorm batchNorm, DropoutPosition dropoutPosition, String templateClass,
                          WeightInit weightInit, AddedDropout addDropout, KerasNetwork keras, List<LayerSpec> layers,
                          List<String> changes) {
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
        layers = List.copyOf(layers);
        changes = List.copyOf(changes);
        Model.TYPE.check(type);
        Model.WEIGHT_INIT.check(weightInit);
        if ((type == ModelType.KERAS) != (keras != null) || (type == ModelType.KERAS) == layers.isEmpty()) {
            throw new ConfigException(Model.TYPE.path(), type, "a keras model has its file's layers and the layers "
                    + "to build; other types have neither");
        }
        if (type != ModelType.KERAS && weightInit == WeightInit.FILE) {
            throw new ConfigException(Model.WEIGHT_INIT.path(), weightInit, "file means a Keras model's own "
                    + "initializers; a " + type.yamlName() + " model has none (use auto, he-normal, he-uniform, "
                    + "glorot-normal, glorot-uniform, lecun-normal, lecun-uniform or pytorch)");
        }
        if (type != ModelType.KERAS && addDropout != null) {
            throw new ConfigException(Model.ADD_DROPOUT.path(), null, "adds dropout to a Keras model's blocks; a "
                    + type.yamlName() + " model's dropout is model.dropout / model.layerDropout");
        }
        checkTemplateClass(type, templateClass);
        Model.HIDDEN.check(hidden);
        checkConv(type, conv);
        if (type != ModelType.KERAS) {
            Model.ACTIVATION.check(activation);
        }
        Model.INPUT_DROPOUT.check(inputDropout);
        Model.DROPOUT.check(dropout);
        Model.LAYER_DROPOUT.check(layerDropout);
        if (type.builtIn() && !layerDropout.isEmpty()) {
            checkOneRatePerBlock(layerDropout, conv.size(), hidden.size(), "");
        }
        if (type != ModelType.KERAS) {
            Model.DROPOUT_TYPE.check(dropoutType);
        }
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

    /** An mlp or cnn (the templates) with the default weight init. */
    public ModelConfig(ModelType type, List<Integer> hidden, List<ConvBlock> conv, Activation activation,
                       double inputDropout, double dropout, List<Double> layerDropout, DropoutType dropoutType,
                       BatchNorm batchNorm, DropoutPosition dropoutPosition) {
        this(type, hidden, conv, activation, inputDropout, dropout, layerDropout, dropoutType, batchNorm,
                dropoutPosition, null);
    }

    /** An mlp, cnn or java model with the default weight init. */
    public ModelConfig(ModelType type, List<Integer> hidden, List<ConvBlock> conv, Activation activation,
                       double inputDropout, double dropout, List<Double> layerDropout, DropoutType dropoutType,
                       BatchNorm batchNorm, DropoutPosition dropoutPosition, String templateClass) {
        this(type, hidden, conv, activation, inputDropout, dropout, layerDropout, dropoutType, batchNorm,
                dropoutPosition, templateClass, WeightInit.AUTO, null, null, List.of(), List.of());
    }

    /**
     * An mlp's or cnn's network as layers, exactly as {@code NetworkFactory} builds it (what an import is compared
     * with to resolve to a template).
     */
    public List<LayerSpec> templateLayers(int outputUnits, boolean regression) {
        return TemplateLayers.of(this, outputUnits, regression);
    }

    /** This model with the changes relative to a Keras file it was resolved from. */
    ModelConfig withChanges(List<String> lines) {
        return new ModelConfig(type, hidden, conv, activation, inputDropout, dropout, layerDropout, dropoutType,
                batchNorm, dropoutPosition, templateClass, weightInit, addDropout, keras, layers, lines);
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
        if (type == ModelType.KERAS) {
            return Model.KEYS.writer().put(Model.TYPE, type)
                    .put(Model.LAYERS, new ArrayList<Object>(keras.toLayerConfigs()))
                    .putIf(activation != null, Model.ACTIVATION, activation)
                    .putIf(inputDropout > 0, Model.INPUT_DROPOUT, inputDropout)
                    .putIf(!layerDropout.isEmpty(), Model.LAYER_DROPOUT, new ArrayList<>(layerDropout))
                    .putIf(dropoutType != null, Model.DROPOUT_TYPE, dropoutType)
                    .putIf(batchNorm != BatchNorm.NONE, Model.BATCH_NORM, batchNorm)
                    .put(Model.WEIGHT_INIT, weightInit)
                    .putIf(addDropout != null, Model.ADD_DROPOUT, addDropout == null ? null : addDropout.toMap())
                    .toMap();
        }
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
                .putIf(weightInit != WeightInit.AUTO, Model.WEIGHT_INIT, weightInit)
                .toMap();
    }
}
