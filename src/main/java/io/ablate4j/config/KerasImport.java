package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.WeightInit;
import io.ablate4j.config.Schema.Model;
import io.ablate4j.keras.KerasLayer;
import io.ablate4j.keras.KerasLayer.Kind;
import io.ablate4j.keras.KerasNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The network of an imported Keras model: its layers as written, with the factors applied by their documented
 * meaning, and a line for each thing a factor changed relative to the file (what {@code plan} and {@code validate}
 * print). The factors:
 * <ul>
 *   <li>{@code layerDropout}: the rate of each of the file's dropout layers, in file order; {@code dropout}: the rate
 *       of all of them (an error for a file without any: adding dropout is {@code addDropout}). A rate of 0 removes
 *       the layer.</li>
 *   <li>{@code dropoutType}: the class of every dropout layer, the file's and the added ones (spatial acts on images
 *       only; elsewhere it is Bernoulli, as in the templates). Unset: the file's classes; added ones Bernoulli.</li>
 *   <li>{@code addDropout}: a dropout after each Conv2D / hidden Dense block that has none.</li>
 *   <li>{@code inputDropout}: a dropout in front of the first layer.</li>
 *   <li>{@code batchNorm}: a BatchNormalization with DL4J's decay 0.9 and epsilon 1e-5 (the templates' BN) in every
 *       hidden block, before or after its activation, for a file without BN layers.</li>
 *   <li>{@code activation}: every hidden block's activation (on its weights, or its Activation layer).</li>
 *   <li>{@code weightInit}: {@code file} keeps the file's initializers; anything else replaces them on every weight
 *       layer, the output's included.</li>
 * </ul>
 * A block is a Dense or Conv2D with the BatchNormalization, Activation, pooling and dropout layers after it, up to the
 * next weight layer or Flatten.
 */
final class KerasImport {
    /** Which factors were set (null / NaN / empty: not set). */
    record Factors(Activation activation, double inputDropout, Double dropout, List<Double> layerDropout,
                   DropoutType dropoutType, BatchNorm batchNorm, WeightInit weightInit, AddedDropout addDropout) {
    }

    /** The resolved network, the rate of each file dropout layer, and the changes relative to the file. */
    record Result(List<LayerSpec> layers, List<Double> dropRates, List<String> changes) {
    }

    private final KerasNetwork k;
    private final Factors f;
    private final List<String> changes = new ArrayList<>();

    private KerasImport(KerasNetwork k, Factors f) {
        this.k = k;
        this.f = f;
    }

    /** @throws ConfigException naming the factor that cannot apply to this file, and why */
    static Result resolve(KerasNetwork k, Factors f) {
        return new KerasImport(k, f).resolve();
    }

    /** One block of the file: its weight layer's position and the positions of the layers that follow it. */
    private record Block(int weights, int end, boolean conv, boolean output) {
    }

    private List<Block> blocks() {
        List<KerasLayer> layers = k.layers();
        KerasLayer out = k.output();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).kind().weights()) {
                continue;
            }
            int end = i + 1;
            while (end < layers.size() && !layers.get(end).kind().weights()
                    && layers.get(end).kind() != Kind.FLATTEN) {
                end++;
            }
            blocks.add(new Block(i, end, layers.get(i).kind() == Kind.CONV, layers.get(i) == out));
        }
        return blocks;
    }

    private Result resolve() {
        List<KerasLayer> layers = k.layers();
        List<KerasLayer> dropouts = k.dropoutLayers();
        if (f.dropoutType() != null && dropouts.isEmpty() && f.addDropout() == null && !(f.inputDropout() > 0)) {
            throw new ConfigException(Model.DROPOUT_TYPE.path(), f.dropoutType(), "sets the class of the Keras "
                    + "model's dropout layers, and this file has none; add some with model.addDropout: {after: "
                    + "[conv, dense], rate: 0.25} or model.inputDropout");
        }
        List<Double> rates = rates(dropouts);
        List<Block> blocks = blocks();
        // What each file layer becomes, in order; additions are spliced in by position below.
        List<List<LayerSpec>> at = new ArrayList<>();
        int d = 0;
        boolean images = k.convolutional();
        for (KerasLayer l : layers) {
            if (l.kind() == Kind.FLATTEN || l.kind() == Kind.DENSE) {
                images = false;
            } else if (l.kind() == Kind.CONV) {
                images = true;
            }
            List<LayerSpec> specs = new ArrayList<>();
            switch (l.kind()) {
                // the output Dense takes the activation of an Activation layer after it (Dense(10) ->
                // Activation('softmax')), which DL4J's output layer must carry itself
                case DENSE -> specs.add(l == k.output() ? LayerSpec.dense(LayerSpec.Kind.OUTPUT, l.units(),
                        k.outputActivation(), l.useBias(), null, null) : LayerSpec.dense(LayerSpec.Kind.DENSE,
                        l.units(), l.activation(), l.useBias(), null, null));
                case CONV -> specs.add(LayerSpec.conv(l.units(), l.kernel(), l.strides(), l.padding().equals("same"),
                        l.activation(), l.useBias(), null, null));
                case MAX_POOL, AVG_POOL -> specs.add(LayerSpec.pool(l.kind() == Kind.MAX_POOL ? LayerSpec.Kind.MAX_POOL
                        : LayerSpec.Kind.AVG_POOL, l.kernel(), l.strides(), l.padding().equals("same")));
                case FLATTEN -> specs.add(LayerSpec.FLATTEN);
                case BATCH_NORM -> specs.add(LayerSpec.batchNorm(l.momentum(), l.epsilon()));
                case ACTIVATION -> {
                    if (layers.indexOf(l) < layers.indexOf(k.output())) {
                        specs.add(LayerSpec.activation(l.activation()));
                    }
                }
                default -> {
                    double rate = rates.get(d++);
                    DropoutType type = f.dropoutType() == null ? fileType(l.kind()) : f.dropoutType();
                    if (type == DropoutType.SPATIAL && !images) {
                        type = DropoutType.BERNOULLI;
                    }
                    if (rate > 0) {
                        specs.add(LayerSpec.dropout(type, rate));
                    }
                    if (rate != l.rate()) {
                        changes.add("dropout rate " + RawConfig.renderNumber(l.rate()) + " → "
                                + RawConfig.renderNumber(rate) + (rate == 0 ? " (removed)" : "") + ": " + l.where());
                    }
                    if (rate > 0 && type != fileType(l.kind())) {
                        changes.add("dropout class " + l.className() + " → " + className(type) + ": " + l.where());
                    }
                }
            }
            at.add(specs);
        }
        activation(blocks, at);
        inits(blocks, at);
        batchNorm(blocks, at);
        addDropout(blocks, at);
        List<LayerSpec> out = new ArrayList<>();
        inputDropout(out);
        at.forEach(out::addAll);
        return new Result(out, rates, List.copyOf(changes));
    }

    /** The rate of each file dropout layer: layerDropout, else dropout for all, else the file's. */
    private List<Double> rates(List<KerasLayer> dropouts) {
        List<Double> file = dropouts.stream().map(KerasLayer::rate).toList();
        if (!f.layerDropout().isEmpty()) {
            if (f.layerDropout().size() != dropouts.size()) {
                throw new ConfigException(Model.LAYER_DROPOUT.path(), f.layerDropout(), "needs one drop probability "
                        + "per dropout layer of the Keras model (" + dropouts.size() + (dropouts.isEmpty() ? ""
                        : ": " + String.join(", ", dropouts.stream().map(KerasLayer::where).toList())) + ")"
                        + (dropouts.isEmpty() ? "; to add dropout use model.addDropout: {after: [conv, dense], rate: "
                        + "0.25}" : ""));
            }
            return f.layerDropout();
        }
        if (f.dropout() != null) {
            if (dropouts.isEmpty()) {
                throw new ConfigException(Model.DROPOUT.path(), f.dropout(), "sets the rate of the Keras model's own "
                        + "dropout layers, and this file has none. To add dropout where the file has none, say where: "
                        + "model.addDropout: {after: [conv, dense], rate: " + RawConfig.renderNumber(f.dropout())
                        + "} (sweepable: model.addDropout.rate)");
            }
            return dropouts.stream().map(x -> f.dropout()).toList();
        }
        return file;
    }

    private static DropoutType fileType(Kind kind) {
        return switch (kind) {
            case SPATIAL_DROPOUT -> DropoutType.SPATIAL;
            case GAUSSIAN_DROPOUT -> DropoutType.GAUSSIAN;
            case ALPHA_DROPOUT -> DropoutType.ALPHA;
            default -> DropoutType.BERNOULLI;
        };
    }

    private static String className(DropoutType type) {
        return switch (type) {
            case SPATIAL -> "SpatialDropout2D";
            case GAUSSIAN -> "GaussianDropout";
            case ALPHA -> "AlphaDropout";
            case BERNOULLI -> "Dropout";
        };
    }

    /** The position in {@code at} of a block's activation: its weights when not linear, else its Activation layer. */
    private int activationAt(Block b, List<List<LayerSpec>> at) {
        if (!"linear".equals(at.get(b.weights()).get(0).activation())) {
            return b.weights();
        }
        for (int i = b.weights() + 1; i < b.end(); i++) {
            if (k.layers().get(i).kind() == Kind.ACTIVATION) {
                return i;
            }
        }
        return -1;
    }

    private String blockActivation(Block b, List<List<LayerSpec>> at) {
        int a = activationAt(b, at);
        return a < 0 ? null : at.get(a).get(0).activation();
    }

    private void activation(List<Block> blocks, List<List<LayerSpec>> at) {
        if (f.activation() == null) {
            return;
        }
        Set<String> from = new LinkedHashSet<>();
        int n = 0;
        for (Block b : blocks) {
            int a = activationAt(b, at);
            if (b.output() || a < 0) {
                continue;
            }
            LayerSpec s = at.get(a).get(0);
            if (!s.activation().equals(f.activation().yamlName())) {
                from.add(s.activation());
                n++;
            }
            at.get(a).set(0, s.withActivation(f.activation().yamlName()));
        }
        if (n > 0) {
            changes.add("activation " + String.join("/", from) + " → " + f.activation().yamlName() + " in " + n
                    + " hidden block" + (n == 1 ? "" : "s"));
        }
    }

    private void inits(List<Block> blocks, List<List<LayerSpec>> at) {
        Set<String> fileWeights = new LinkedHashSet<>();
        Set<String> fileBiases = new LinkedHashSet<>();
        for (Block b : blocks) {
            KerasLayer l = k.layers().get(b.weights());
            LayerSpec s = at.get(b.weights()).get(0);
            Init w;
            Init bias;
            switch (f.weightInit()) {
                case FILE -> {
                    w = Init.of(l.kernelInit());
                    bias = Init.of(l.biasInit());
                }
                case AUTO -> {
                    String act = blockActivation(b, at);
                    w = Init.auto(b.output() ? null : act == null ? Activation.TANH
                            : Enums.parse(Activation.class, act));
                    bias = Init.ZEROS;
                }
                default -> {
                    w = Init.weights(f.weightInit());
                    bias = Init.biases(f.weightInit());
                }
            }
            fileWeights.add(l.kernelInit().className());
            if (l.useBias()) {
                fileBiases.add(l.biasInit().className());
            }
            at.get(b.weights()).set(0, s.withInits(w, s.bias() ? bias : Init.ZEROS));
        }
        if (f.weightInit() != WeightInit.FILE) {
            String to = f.weightInit() == WeightInit.AUTO ? "auto (DL4J's He normal under the ReLU family, LeCun "
                    + "normal under SELU, Xavier normal otherwise and on the output layer; zero biases)"
                    : f.weightInit().yamlName() + (f.weightInit() == WeightInit.PYTORCH ? " (biases U(±1/√fan_in))"
                    : "");
            changes.add("weight init " + String.join("/", fileWeights) + (fileBiases.isEmpty() ? ""
                    : ", biases " + String.join("/", fileBiases)) + " → " + to + " on every weight layer");
        }
    }

    private void batchNorm(List<Block> blocks, List<List<LayerSpec>> at) {
        if (f.batchNorm() == BatchNorm.NONE) {
            return;
        }
        for (KerasLayer l : k.layers()) {
            if (l.kind() == Kind.BATCH_NORM) {
                throw new ConfigException(Model.BATCH_NORM.path(), f.batchNorm(), "adds BatchNormalization to every "
                        + "hidden block of a Keras model without any; this file has its own (" + l.where() + "): "
                        + "set none, or remove them from the file");
            }
        }
        int n = 0;
        boolean before = f.batchNorm() == BatchNorm.BEFORE_ACTIVATION;
        for (Block b : blocks) {
            if (b.output()) {
                continue;
            }
            LayerSpec bn = LayerSpec.batchNorm(LayerSpec.DL4J_BN_DECAY, LayerSpec.DL4J_BN_EPSILON);
            int a = activationAt(b, at);
            List<LayerSpec> w = at.get(b.weights());
            if (before) {
                LayerSpec s = w.get(0);
                if (a == b.weights()) {
                    w.set(0, s.withActivation("linear").withBias(false).withInits(s.weightInit(), Init.ZEROS));
                    w.add(bn);
                    w.add(LayerSpec.activation(s.activation()));
                } else {
                    w.set(0, s.withBias(false).withInits(s.weightInit(), Init.ZEROS));
                    w.add(bn);
                }
            } else {
                at.get(a < 0 ? b.weights() : a).add(bn);
            }
            n++;
        }
        changes.add("+BatchNormalization (DL4J's decay 0.9, epsilon 1e-5) " + (before ? "before" : "after")
                + " the activation of each hidden Dense/Conv2D block (" + n + ")" + (before ? "; their weight layers "
                + "lose the bias" : ""));
    }

    private void addDropout(List<Block> blocks, List<List<LayerSpec>> at) {
        AddedDropout add = f.addDropout();
        if (add == null) {
            return;
        }
        List<String> where = new ArrayList<>();
        for (Block b : blocks) {
            if (b.output() || (b.conv() ? !add.conv() : !add.dense())) {
                continue;
            }
            boolean has = k.layers().subList(b.weights() + 1, b.end()).stream().anyMatch(l -> l.kind().dropout());
            if (has) {
                continue;
            }
            where.add(k.layers().get(b.weights()).where());
            if (add.rate() > 0) {
                DropoutType type = f.dropoutType() == null ? DropoutType.BERNOULLI : f.dropoutType();
                if (type == DropoutType.SPATIAL && !b.conv()) {
                    type = DropoutType.BERNOULLI;
                }
                at.get(b.end() - 1).add(LayerSpec.dropout(type, add.rate()));
            }
        }
        if (where.isEmpty()) {
            throw new ConfigException(Model.ADD_DROPOUT.path(), add.toMap(), "this Keras model has no "
                    + (add.conv() && add.dense() ? "Conv2D or hidden Dense" : add.conv() ? "Conv2D" : "hidden Dense")
                    + " block without a dropout for it to add one to; model.dropout sets the rate of the file's own");
        }
        if (add.rate() > 0) {
            changes.add("+" + add.describe() + " (" + where.size() + ": " + String.join(", ", where) + ")");
        }
    }

    private void inputDropout(List<LayerSpec> out) {
        if (!(f.inputDropout() > 0)) {
            return;
        }
        KerasLayer first = k.layers().get(0);
        if (first.kind().dropout()) {
            throw new ConfigException(Model.INPUT_DROPOUT.path(), f.inputDropout(), "the Keras model already drops "
                    + "its input (" + first.where() + "); model.dropout / model.layerDropout set that layer's rate");
        }
        DropoutType type = f.dropoutType() == null || f.dropoutType() == DropoutType.SPATIAL ? DropoutType.BERNOULLI
                : f.dropoutType();
        out.add(LayerSpec.dropout(type, f.inputDropout()));
        changes.add("+" + className(type) + "(" + RawConfig.renderNumber(f.inputDropout()) + ") on the input");
    }
}
