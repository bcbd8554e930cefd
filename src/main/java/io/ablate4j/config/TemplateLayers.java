package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Enums.WeightInit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The layers ablate4j's mlp and cnn templates build ({@code network.NetworkFactory}), as {@link LayerSpec}s, and the
 * reverse: the template an imported network equals, if any. An import that is exactly a template's network resolves
 * to that template, so that it has the template's ids and {@code config.yaml} (a test builds both and compares the
 * DL4J configurations).
 */
final class TemplateLayers {
    private TemplateLayers() {
    }

    /** The template's layers; the output has {@code outputUnits} units, linear for a regression, else softmax. */
    static List<LayerSpec> of(ModelConfig m, int outputUnits, boolean regression) {
        if (!m.type().builtIn()) {
            throw new IllegalArgumentException(m.type() + " is not a template");
        }
        List<LayerSpec> layers = new ArrayList<>();
        DropoutType dense = m.dropoutType() == DropoutType.SPATIAL ? DropoutType.BERNOULLI : m.dropoutType();
        dropout(layers, dense, m.inputDropout());
        boolean bnFirst = m.batchNorm() == BatchNorm.BEFORE_ACTIVATION;
        String act = m.activation().yamlName();
        int block = 0;
        for (ConvBlock c : m.conv()) {
            List<LayerSpec> tail = new ArrayList<>();
            if (c.pool() > 1) {
                tail.add(LayerSpec.pool(LayerSpec.Kind.MAX_POOL, List.of(c.pool(), c.pool()), List.of(c.pool(),
                        c.pool()), false));
            }
            LayerSpec w = LayerSpec.conv(c.filters(), List.of(c.kernel(), c.kernel()), List.of(c.stride(), c.stride()),
                    true, bnFirst ? "linear" : act, !bnFirst, weights(m, m.activation()), biases(m, !bnFirst));
            block(layers, w, m, m.blockDropRate(block++), m.dropoutType(), tail);
        }
        if (!m.conv().isEmpty()) {
            layers.add(LayerSpec.FLATTEN);
        }
        for (int width : m.hidden()) {
            LayerSpec w = LayerSpec.dense(LayerSpec.Kind.DENSE, width, bnFirst ? "linear" : act, !bnFirst,
                    weights(m, m.activation()), biases(m, !bnFirst));
            block(layers, w, m, m.blockDropRate(block++), dense, List.of());
        }
        layers.add(LayerSpec.dense(LayerSpec.Kind.OUTPUT, outputUnits, regression ? "linear" : "softmax", true,
                weights(m, null), biases(m, true)));
        return layers;
    }

    private static Init weights(ModelConfig m, Activation activation) {
        return m.weightInit() == WeightInit.AUTO ? Init.auto(activation) : Init.weights(m.weightInit());
    }

    private static Init biases(ModelConfig m, boolean bias) {
        return bias ? Init.biases(m.weightInit()) : Init.ZEROS;
    }

    private static void block(List<LayerSpec> layers, LayerSpec weights, ModelConfig m, double rate, DropoutType type,
                              List<LayerSpec> pool) {
        layers.add(weights);
        boolean dropoutBeforeBn = m.dropoutPosition() == DropoutPosition.BEFORE_BN && m.batchNorm() != BatchNorm.NONE;
        if (dropoutBeforeBn) {
            dropout(layers, type, rate);
        }
        if (m.batchNorm() != BatchNorm.NONE) {
            layers.add(LayerSpec.batchNorm(LayerSpec.DL4J_BN_DECAY, LayerSpec.DL4J_BN_EPSILON));
        }
        if (m.batchNorm() == BatchNorm.BEFORE_ACTIVATION) {
            layers.add(LayerSpec.activation(m.activation().yamlName()));
        }
        layers.addAll(pool);
        if (!dropoutBeforeBn) {
            dropout(layers, type, rate);
        }
    }

    private static void dropout(List<LayerSpec> layers, DropoutType type, double rate) {
        if (rate > 0) {
            layers.add(LayerSpec.dropout(type, rate));
        }
    }

    /**
     * The template whose network is exactly {@code layers} (read loosely here, then checked strictly by building the
     * candidate's layers and comparing), or empty.
     */
    static Optional<ModelConfig> match(List<LayerSpec> layers, WeightInit weightInit, boolean regression) {
        try {
            ModelConfig candidate = candidate(layers, weightInit);
            if (candidate == null) {
                return Optional.empty();
            }
            LayerSpec out = layers.get(layers.size() - 1);
            return of(candidate, out.units(), regression).equals(layers) ? Optional.of(candidate) : Optional.empty();
        } catch (ConfigException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ModelConfig candidate(List<LayerSpec> layers, WeightInit weightInit) {
        int i = 0;
        double inputDropout = 0;
        Set<DropoutType> types = new LinkedHashSet<>();
        Set<DropoutType> convTypes = new LinkedHashSet<>();
        if (layers.get(0).kind() == LayerSpec.Kind.DROPOUT) {
            inputDropout = layers.get(0).rate();
            types.add(layers.get(0).dropoutType());
            i = 1;
        }
        List<ConvBlock> conv = new ArrayList<>();
        List<Integer> hidden = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        String activation = null;
        BatchNorm bn = BatchNorm.NONE;
        DropoutPosition position = DropoutPosition.AFTER_BN;
        for (; i < layers.size(); i++) {
            LayerSpec w = layers.get(i);
            if (w.kind() == LayerSpec.Kind.FLATTEN) {
                continue;
            }
            if (w.kind() == LayerSpec.Kind.OUTPUT) {
                break;
            }
            if (w.kind() != LayerSpec.Kind.CONV && w.kind() != LayerSpec.Kind.DENSE) {
                return null;
            }
            int pool = 1;
            double rate = 0;
            boolean sawBn = false;
            activation = activation != null ? activation : "linear".equals(w.activation()) ? null : w.activation();
            for (int j = i + 1; j < layers.size() && !layers.get(j).weights()
                    && layers.get(j).kind() != LayerSpec.Kind.FLATTEN; j++, i++) {
                LayerSpec t = layers.get(j);
                switch (t.kind()) {
                    case BATCH_NORM -> {
                        sawBn = true;
                        bn = "linear".equals(w.activation()) ? BatchNorm.BEFORE_ACTIVATION : BatchNorm.AFTER_ACTIVATION;
                    }
                    case ACTIVATION -> activation = activation != null ? activation : t.activation();
                    case MAX_POOL -> pool = t.kernel().get(0);
                    case DROPOUT -> {
                        rate = t.rate();
                        (w.kind() == LayerSpec.Kind.CONV ? convTypes : types).add(t.dropoutType());
                        if (!sawBn) {
                            position = DropoutPosition.BEFORE_BN;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            rates.add(rate);
            if (w.kind() == LayerSpec.Kind.CONV) {
                conv.add(new ConvBlock(w.units(), w.kernel().get(0), w.strides().get(0), pool));
            } else {
                hidden.add(w.units());
            }
        }
        if (activation == null || bn == BatchNorm.NONE) {
            position = DropoutPosition.AFTER_BN;
        }
        DropoutType type;
        if (convTypes.contains(DropoutType.SPATIAL)) {
            type = DropoutType.SPATIAL;
        } else {
            Set<DropoutType> all = new LinkedHashSet<>(types);
            all.addAll(convTypes);
            type = all.isEmpty() ? DropoutType.BERNOULLI : all.iterator().next();
        }
        boolean uniform = rates.stream().distinct().count() <= 1;
        double dropout = uniform && !rates.isEmpty() ? rates.get(0) : 0;
        List<Double> layerDropout = uniform ? List.of() : rates;
        if (activation == null) {
            return null;
        }
        Activation act = Enums.parse(Activation.class, activation);
        if (act == null) {
            return null;
        }
        WeightInit scheme = scheme(layers, weightInit);
        if (scheme == null) {
            return null;
        }
        return new ModelConfig(conv.isEmpty() ? ModelType.MLP : ModelType.CNN, hidden, conv, act, inputDropout,
                dropout, layerDropout, type, bn, position, null, scheme, null, null, List.of(), List.of());
    }

    /** The named scheme (or auto) every weight layer's initializers belong to, or null. */
    private static WeightInit scheme(List<LayerSpec> layers, WeightInit asked) {
        LayerSpec out = layers.get(layers.size() - 1);
        if (asked == WeightInit.AUTO) {
            return WeightInit.AUTO;
        }
        for (WeightInit s : WeightInit.values()) {
            if (s != WeightInit.AUTO && s != WeightInit.FILE && Init.weights(s).equals(out.weightInit())
                    && Init.biases(s).equals(out.biasInit())) {
                return s;
            }
        }
        return null;
    }
}
