package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ModelType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    public ModelConfig {
        hidden = List.copyOf(hidden);
        conv = List.copyOf(conv);
        layerDropout = List.copyOf(layerDropout);
        if (type == ModelType.KERAS) {
            throw new IllegalArgumentException("a Keras model is mapped onto mlp or cnn when loaded");
        }
        if ((type == ModelType.JAVA) != (templateClass != null)) {
            throw new IllegalArgumentException("templateClass is set exactly for java models");
        }
        if (type != ModelType.JAVA && !layerDropout.isEmpty() && layerDropout.size() != conv.size() + hidden.size()) {
            throw new IllegalArgumentException("layerDropout needs one entry per block");
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.yamlName());
        if (type == ModelType.JAVA) {
            m.put("class", templateClass);
        } else {
            m.put("hidden", new ArrayList<>(hidden));
        }
        if (type == ModelType.CNN) {
            List<Object> blocks = new ArrayList<>();
            conv.forEach(b -> blocks.add(b.toMap()));
            m.put("conv", blocks);
        }
        if (type != ModelType.JAVA) {
            m.put("activation", activation.yamlName());
        }
        m.put("inputDropout", inputDropout);
        m.put("dropout", dropout);
        if (!layerDropout.isEmpty()) {
            m.put("layerDropout", new ArrayList<>(layerDropout));
        }
        m.put("dropoutType", dropoutType.yamlName());
        m.put("batchNorm", batchNorm.yamlName());
        m.put("dropoutPosition", dropoutPosition.yamlName());
        return m;
    }
}
