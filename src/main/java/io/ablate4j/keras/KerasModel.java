package io.ablate4j.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Keras {@code Sequential} model, as {@code model.to_json()} writes it, mapped onto ablate4j's own model schema
 * (mlp: hidden widths; cnn: conv blocks and a dense head; one activation, one batch-norm placement, per-block drop
 * rates). The mapping is ablate4j's, not DL4J's Keras importer: the imported network must become the same model a
 * hand-written config would, so that every sweep axis ({@code model.dropout}, {@code model.batchNorm},
 * {@code model.dropoutPosition}, {@code regularization.*}) means what it means for the templates and the network is
 * built, trained and described by the same code. The config binder reads the result ({@link KerasNetwork}) as it
 * reads a file's own model keys.
 *
 * <p>Read: Keras 2.x JSON ({@code "keras_version": "2.…"}; the layer list under {@code config.layers}, or, before
 * Keras 2.2.3, as {@code config} itself) and the Keras 3 layout ({@code "module"} keys, {@code batch_shape},
 * {@code build_config}, without a version). Weights are not read: ablate4j trains every trial from its own
 * seeded initialization.
 */
public final class KerasModel {
    public static final String SUPPORTED = "Supported: InputLayer, Dense, Conv2D, MaxPooling2D, Flatten, Dropout, "
            + "SpatialDropout2D, GaussianDropout, AlphaDropout, BatchNormalization, Activation, ReLU";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasModel() {
    }

    /**
     * Keras' L2 regularizer adds {@code l2·Σw²} to the loss, so its gradient is {@code 2·l2·w}; ablate4j's
     * {@code regularization.l2} (DL4J's coefficient) adds {@code l2·w} to the gradient. The one conversion.
     */
    public static double ablate4jL2(double kerasL2) {
        return 2 * kerasL2;
    }

    /** Keras' L1 ({@code l1·Σ|w|}, gradient {@code l1·sign(w)}) is ablate4j's L1 as it is. */
    public static double ablate4jL1(double kerasL1) {
        return kerasL1;
    }

    /** Reads and maps a file; every problem is a {@link KerasException} whose message starts with the file. */
    public static KerasNetwork read(Path file) {
        return map(file, text(file));
    }

    /** A file's text; a missing or unreadable file is a {@link KerasException}. */
    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new KerasException(file + ": no such file (a relative model.file is resolved against the "
                    + "config file's directory)");
        } catch (IOException e) {
            throw new KerasException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** Maps the text of {@code file} (read from it, or sent from where it was read). */
    static KerasNetwork map(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras")) {
            throw new KerasException(file + ": a " + name.substring(name.lastIndexOf('.')) + " file; ablate4j "
                    + "reads the JSON architecture only (weights are never imported; every trial starts from its own "
                    + "seeded initialization). Export it with: open('model.json', 'w').write(model.to_json())");
        }
        return parse(file.toString(), text);
    }

    /** Maps the JSON text of a Keras model; {@code source} names it in messages. */
    public static KerasNetwork parse(String source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new KerasException(source + ":" + e.getLocation().getLineNr() + ": invalid JSON: "
                    + e.getOriginalMessage() + " (expected what Keras' model.to_json() writes)");
        }
        if (root == null || !root.isObject()) {
            throw new KerasException(source + ": not a Keras model: expected a JSON object with class_name and "
                    + "config, as model.to_json() writes it");
        }
        String version = root.path("keras_version").asText("");
        if (!version.isEmpty() && !version.startsWith("2.") && !version.startsWith("3.")) {
            throw new KerasException(source + ": keras_version " + version + ": not supported; ablate4j reads "
                    + "Keras 2.x and 3.x JSON (Keras 1 used other layer names and keys: re-save the model with "
                    + "Keras 2 or 3)");
        }
        String className = root.path("class_name").asText("");
        if (!className.equals("Sequential")) {
            throw new KerasException(source + ": class_name " + (className.isEmpty() ? "missing" : className)
                    + ": only Sequential models are supported (a functional Model, a subclassed model or several "
                    + "inputs/outputs cannot be mapped onto ablate4j's layer stack); rebuild it as "
                    + "keras.Sequential([...])");
        }
        JsonNode config = root.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new KerasException(source + ": config.layers: missing or empty; a Sequential model lists its "
                    + "layers there");
        }
        List<Integer> inputShape = shape(config.path("build_input_shape"));
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            Token t = token(source, i, layer);
            List<Integer> shape = layerInputShape(layer);
            if (shape != null && inputShape == null) {
                inputShape = shape;
            }
            if (t != null) {
                tokens.add(t);
            }
        }
        return new Mapper(source, tokens).map(inputShape);
    }

    /** One Keras layer, reduced to what the mapping needs. */
    private record Token(Kind kind, int index, String name, String className, String activation, int units,
                         int kernel, int stride, int pool, double rate, double l1, double l2, double maxNorm) {
        String where() {
            return "layer " + index + " '" + name + "' (" + className + ")";
        }
    }

    private enum Kind { DENSE, CONV, POOL, FLATTEN, DROPOUT, SPATIAL_DROPOUT, GAUSSIAN_DROPOUT, ALPHA_DROPOUT, BN, ACT }

    private static Token token(String source, int index, JsonNode layer) {
        String cls = layer.path("class_name").asText("");
        JsonNode c = layer.path("config");
        String name = c.path("name").asText("#" + index);
        String where = source + ": layer " + index + " '" + name + "' (" + (cls.isEmpty() ? "no class_name" : cls)
                + ")";
        Kind kind = switch (cls) {
            case "InputLayer" -> null;
            case "Dense" -> Kind.DENSE;
            case "Conv2D", "Convolution2D" -> Kind.CONV;
            case "MaxPooling2D", "MaxPool2D" -> Kind.POOL;
            case "Flatten" -> Kind.FLATTEN;
            case "Dropout" -> Kind.DROPOUT;
            case "SpatialDropout2D" -> Kind.SPATIAL_DROPOUT;
            case "GaussianDropout" -> Kind.GAUSSIAN_DROPOUT;
            case "AlphaDropout" -> Kind.ALPHA_DROPOUT;
            case "BatchNormalization" -> Kind.BN;
            case "Activation", "ReLU" -> Kind.ACT;
            default -> throw new KerasException(where + ": layer type not supported by ablate4j's mapping. "
                    + SUPPORTED + " (a custom layer, a recurrent, embedding or merge layer has no place in "
                    + "ablate4j's mlp/cnn blocks)");
        };
        if (kind == null) {
            return null;
        }
        String activation = null;
        int units = 0;
        int kernel = 0;
        int stride = 0;
        int pool = 0;
        double rate = 0;
        double[] reg = {0, 0};
        double maxNorm = 0;
        switch (kind) {
            case DENSE, CONV -> {
                activation = c.path("activation").asText("linear");
                units = positive(where, c, kind == Kind.DENSE ? "units" : "filters");
                reg = regularizer(where, c.path("kernel_regularizer"));
                for (String key : List.of("bias_regularizer", "activity_regularizer", "bias_constraint")) {
                    if (present(c.path(key))) {
                        throw new KerasException(where + ": " + key + " = " + c.path(key) + ": not supported; "
                                + "ablate4j penalizes weights only (kernel_regularizer: L1, L2, L1L2; "
                                + "kernel_constraint: MaxNorm)");
                    }
                }
                maxNorm = maxNorm(where, c.path("kernel_constraint"));
                if (kind == Kind.CONV) {
                    kernel = square(where, c, "kernel_size", true);
                    stride = square(where, c, "strides", false);
                    String padding = c.path("padding").asText("valid");
                    if (!padding.equals("same")) {
                        throw new KerasException(where + ": padding = " + padding + ": not supported; ablate4j's "
                                + "conv blocks use padding='same'");
                    }
                    int dilation = square(where, c, "dilation_rate", false);
                    if (dilation != 1 || c.path("groups").asInt(1) != 1) {
                        throw new KerasException(where + ": dilation_rate/groups other than 1: not supported");
                    }
                }
            }
            case POOL -> {
                pool = square(where, c, "pool_size", true);
                JsonNode strides = c.path("strides");
                if (present(strides) && square(where, c, "strides", false) != pool) {
                    throw new KerasException(where + ": strides = " + strides + ": ablate4j's max pooling uses "
                            + "strides equal to pool_size (" + pool + ")");
                }
                if (!c.path("padding").asText("valid").equals("valid")) {
                    throw new KerasException(where + ": padding = " + c.path("padding").asText()
                            + ": ablate4j's max pooling uses padding='valid'");
                }
            }
            case DROPOUT, SPATIAL_DROPOUT, GAUSSIAN_DROPOUT, ALPHA_DROPOUT -> {
                rate = c.path("rate").asDouble(Double.NaN);
                if (!(rate >= 0 && rate < 1)) {
                    throw new KerasException(where + ": rate = " + c.path("rate") + ": a drop probability must be "
                            + "in [0, 1)");
                }
            }
            case ACT -> activation = cls.equals("ReLU") ? relu(where, c) : c.path("activation").asText("");
            case BN -> {
                JsonNode axis = c.path("axis");
                int a = axis.isArray() && axis.size() == 1 ? axis.get(0).asInt() : axis.asInt(-1);
                if (a != -1 && a != 1 && a != 3) {
                    throw new KerasException(where + ": axis = " + axis + ": ablate4j normalizes each feature "
                            + "(dense) or channel (conv): axis -1");
                }
            }
            default -> {
            }
        }
        return new Token(kind, index, name, cls, activation, units, kernel, stride, pool, rate, reg[0], reg[1],
                maxNorm);
    }

    private static String relu(String where, JsonNode c) {
        for (String key : List.of("max_value", "negative_slope", "threshold")) {
            JsonNode v = c.path(key);
            if (present(v) && v.asDouble() != 0) {
                throw new KerasException(where + ": " + key + " = " + v + ": only the plain ReLU is supported");
            }
        }
        return "relu";
    }

    private static boolean present(JsonNode n) {
        return !n.isMissingNode() && !n.isNull();
    }

    private static int positive(String where, JsonNode c, String key) {
        JsonNode v = c.path(key);
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw new KerasException(where + ": " + key + " = " + v + ": must be a whole number >= 1");
        }
        return v.asInt();
    }

    /** A square size given as n or [n, n]; {@code required} or 1. */
    private static int square(String where, JsonNode c, String key, boolean required) {
        JsonNode v = c.path(key);
        if (!present(v)) {
            if (required) {
                throw new KerasException(where + ": " + key + ": missing");
            }
            return 1;
        }
        if (v.canConvertToInt()) {
            return v.asInt();
        }
        if (v.isArray() && v.size() == 2 && v.get(0).asInt() == v.get(1).asInt() && v.get(0).asInt() >= 1) {
            return v.get(0).asInt();
        }
        throw new KerasException(where + ": " + key + " = " + v + ": ablate4j's conv blocks are square; use ["
                + "n, n]");
    }

    /** {l1, l2} in Keras' own scale. */
    private static double[] regularizer(String where, JsonNode r) {
        if (!present(r)) {
            return new double[]{0, 0};
        }
        String cls = r.path("class_name").asText("");
        JsonNode c = r.path("config");
        if (!Set.of("L1", "L2", "L1L2", "l1", "l2", "l1_l2").contains(cls)) {
            throw new KerasException(where + ": kernel_regularizer " + (cls.isEmpty() ? r.toString() : cls)
                    + ": not supported; ablate4j maps L1, L2 and L1L2");
        }
        double l1 = c.path("l1").asDouble(0);
        double l2 = c.path("l2").asDouble(0);
        if (!(l1 >= 0 && l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new KerasException(where + ": kernel_regularizer " + c + ": l1 and l2 must be finite numbers >= 0");
        }
        return new double[]{l1, l2};
    }

    private static double maxNorm(String where, JsonNode k) {
        if (!present(k)) {
            return 0;
        }
        String cls = k.path("class_name").asText("");
        if (!cls.equals("MaxNorm")) {
            throw new KerasException(where + ": kernel_constraint " + (cls.isEmpty() ? k.toString() : cls)
                    + ": not supported; ablate4j maps MaxNorm (max_value on each unit's incoming weights)");
        }
        double v = k.path("config").path("max_value").asDouble(2);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new KerasException(where + ": kernel_constraint MaxNorm max_value = " + v + ": must be > 0");
        }
        return v;
    }

    /** The input shape a layer declares (Keras 2 batch_input_shape, Keras 3 batch_shape or build_config), or null. */
    private static List<Integer> layerInputShape(JsonNode layer) {
        JsonNode c = layer.path("config");
        for (JsonNode n : List.of(c.path("batch_input_shape"), c.path("batch_shape"),
                layer.path("build_config").path("input_shape"))) {
            List<Integer> s = shape(n);
            if (s != null) {
                return s;
            }
        }
        JsonNode input = c.path("input_shape");
        if (input.isArray()) {
            List<Integer> s = new ArrayList<>();
            input.forEach(d -> s.add(d.asInt()));
            return s;
        }
        return null;
    }

    /** [null, d1, d2, …] → [d1, d2, …]; null when absent. */
    private static List<Integer> shape(JsonNode n) {
        if (!n.isArray() || n.size() < 2) {
            return null;
        }
        List<Integer> s = new ArrayList<>();
        for (int i = 1; i < n.size(); i++) {
            s.add(n.get(i).isNull() ? -1 : n.get(i).asInt());
        }
        return s;
    }

    /** A hidden activation as {@code model.activation} spells it. */
    static String activation(String where, String keras) {
        return switch (keras) {
            case "relu", "elu", "selu", "tanh", "sigmoid", "gelu" -> keras;
            case "swish", "silu" -> "swish";
            default -> throw new KerasException(where + ": activation " + keras + ": not supported in a hidden "
                    + "block; ablate4j maps relu, elu, selu, tanh, sigmoid, swish/silu, gelu (linear only where a "
                    + "BatchNormalization and an Activation follow; softmax/linear on the output Dense)");
        };
    }

    /** Walks the tokens into blocks and checks them against the layer orders ablate4j's blocks build. */
    private static final class Mapper {
        private final String source;
        private final List<Token> tokens;
        private int pos;

        Mapper(String source, List<Token> tokens) {
            this.source = source;
            this.tokens = tokens;
        }

        private String at(Token t) {
            return source + ": " + t.where();
        }

        KerasNetwork map(List<Integer> inputShape) {
            int lastWeights = -1;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).kind() == Kind.DENSE || tokens.get(i).kind() == Kind.CONV) {
                    lastWeights = i;
                }
            }
            if (lastWeights < 0 || tokens.get(lastWeights).kind() != Kind.DENSE) {
                throw new KerasException(source + ": the model must end in a Dense output layer (softmax for "
                        + "classes, linear for a regression)");
            }
            // Leading Flatten and input dropout.
            double inputDropout = 0;
            Kind inputDropoutKind = null;
            boolean flattened = false;
            while (pos < tokens.size() && tokens.get(pos).kind() != Kind.DENSE && tokens.get(pos).kind() != Kind.CONV) {
                Token t = tokens.get(pos++);
                if (t.kind() == Kind.FLATTEN && !flattened) {
                    flattened = true;
                } else if (isDropout(t.kind()) && inputDropoutKind == null) {
                    inputDropout = t.rate();
                    inputDropoutKind = t.kind();
                } else {
                    throw new KerasException(at(t) + ": before the first Dense/Conv2D only a Flatten and one "
                            + "Dropout (ablate4j's inputDropout) can stand");
                }
            }
            List<Block> blocks = new ArrayList<>();
            while (pos < lastWeights) {
                blocks.add(block(blocks.isEmpty() ? null : blocks.get(blocks.size() - 1)));
            }
            Token out = tokens.get(lastWeights);
            String outActivation = out.activation();
            for (int i = lastWeights + 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.kind() == Kind.ACT && outActivation.equals("linear")) {
                    outActivation = t.activation();
                } else {
                    throw new KerasException(at(t) + ": after the output Dense '" + out.name() + "' nothing but "
                            + "one Activation can follow (ablate4j's output layer is Dense + softmax or linear)");
                }
            }
            if (!outActivation.equals("softmax") && !outActivation.equals("linear")) {
                throw new KerasException(at(out) + ": output activation " + outActivation + ": ablate4j's output "
                        + "layer is softmax (classification, cross-entropy) or linear (regression)");
            }
            if (blocks.isEmpty()) {
                throw new KerasException(at(out) + ": no hidden layer before the output Dense; ablate4j's models "
                        + "have at least one hidden Dense or Conv2D block");
            }
            return combine(blocks, out, outActivation, inputDropout, inputDropoutKind, inputShape, flattened);
        }

        private static boolean isDropout(Kind k) {
            return k == Kind.DROPOUT || k == Kind.SPATIAL_DROPOUT || k == Kind.GAUSSIAN_DROPOUT
                    || k == Kind.ALPHA_DROPOUT;
        }

        /** One hidden block as read: its weights, what followed them, and what the order means. */
        private record Block(Token weights, String activation, Placement batchNorm, Token dropout,
                             Position position, int pool, boolean flattenAfter) {
        }

        private Block block(Block previous) {
            Token w = tokens.get(pos++);
            if (w.kind() == Kind.CONV && previous != null && previous.weights().kind() == Kind.DENSE) {
                throw new KerasException(at(w) + ": a Conv2D after a Dense; ablate4j's cnn is conv blocks, then a "
                        + "Flatten, then the dense head");
            }
            List<Token> rest = new ArrayList<>();
            boolean flatten = false;
            while (pos < tokens.size() && tokens.get(pos).kind() != Kind.DENSE && tokens.get(pos).kind() != Kind.CONV) {
                Token t = tokens.get(pos++);
                if (t.kind() == Kind.FLATTEN) {
                    if (w.kind() != Kind.CONV || flatten) {
                        throw new KerasException(at(t) + ": a Flatten belongs at the input or between the last "
                                + "Conv2D block and the first Dense");
                    }
                    flatten = true;
                    continue;
                }
                if (flatten) {
                    throw new KerasException(at(t) + ": after the Flatten that ends the conv blocks, the next layer "
                            + "must be a Dense");
                }
                rest.add(t);
            }
            // W(linear) → Activation is W(act): Keras writes the activation as a layer of its own.
            boolean linearWeights = w.activation().equals("linear");
            String act = linearWeights ? null : w.activation();
            if (linearWeights && !rest.isEmpty() && rest.get(0).kind() == Kind.ACT) {
                act = rest.remove(0).activation();
                linearWeights = false;
            }
            // Read loosely what the block means...
            boolean bn = false;
            boolean dropoutBeforeBn = false;
            Token dropout = null;
            int pool = 1;
            for (Token t : rest) {
                switch (t.kind()) {
                    case ACT -> act = act == null ? t.activation() : act + "+" + t.activation();
                    case BN -> bn = true;
                    case POOL -> pool = t.pool();
                    default -> {
                        if (dropout != null) {
                            throw new KerasException(at(t) + ": a second dropout in the block of " + w.where()
                                    + "; ablate4j's blocks have one");
                        }
                        dropout = t;
                        dropoutBeforeBn = !bn;
                    }
                }
            }
            String where = at(w);
            if (act == null || act.contains("+")) {
                throw new KerasException(where + ": " + (act == null ? "no activation in this block (a linear "
                        + "hidden layer)" : "two activations in this block (" + act + ")") + "; an ablate4j block "
                        + "has one nonlinearity: " + ORDERS);
            }
            String activation = activation(where, act);
            Placement batchNorm = !bn ? Placement.NONE
                    : linearWeights ? Placement.BEFORE_ACTIVATION : Placement.AFTER_ACTIVATION;
            Position position = bn && dropout != null && dropoutBeforeBn ? Position.BEFORE_BN : Position.AFTER_BN;
            if (pool > 1 && w.kind() != Kind.CONV) {
                throw new KerasException(where + ": MaxPooling2D after a Dense; pooling belongs to conv blocks");
            }
            // ... then check strictly that the order is one ablate4j builds.
            List<Kind> expected = expected(linearWeights, batchNorm, position,
                    dropout == null ? null : dropout.kind(), pool > 1);
            List<Kind> actual = new ArrayList<>();
            rest.forEach(t -> actual.add(t.kind()));
            if (!expected.equals(actual)) {
                List<String> got = new ArrayList<>();
                rest.forEach(t -> got.add(t.className() + " '" + t.name() + "'"));
                throw new KerasException(where + ": the layers after it (" + (got.isEmpty() ? "none"
                        : String.join(", ", got)) + ") are not in an order ablate4j's blocks build: " + ORDERS);
            }
            return new Block(w, activation, batchNorm, dropout, position, pool, flatten);
        }

        static final String ORDERS = "W(act) [MaxPool] [Dropout]; W(linear) Activation [MaxPool] [Dropout]; "
                + "W(linear) BN Activation [MaxPool] [Dropout] (before-activation, after-bn); W(linear) Dropout "
                + "BN Activation [MaxPool] (before-activation, before-bn); W(act) BN [MaxPool] [Dropout] "
                + "(after-activation, after-bn); W(act) Dropout BN [MaxPool] (after-activation, before-bn)";

        /** The layers NetworkFactory puts after a block's weights, as Keras layer kinds. */
        private static List<Kind> expected(boolean linearWeights, Placement bn, Position position, Kind dropout,
                                           boolean pool) {
            List<Kind> k = new ArrayList<>();
            boolean before = bn != Placement.NONE && position == Position.BEFORE_BN;
            if (before && dropout != null) {
                k.add(dropout);
            }
            if (bn != Placement.NONE) {
                k.add(Kind.BN);
            }
            if (linearWeights) {
                k.add(Kind.ACT);
            }
            if (pool) {
                k.add(Kind.POOL);
            }
            if (!before && dropout != null) {
                k.add(dropout);
            }
            return k;
        }

        private KerasNetwork combine(List<Block> blocks, Token out, String outActivation, double inputDropout,
                               Kind inputDropoutKind, List<Integer> inputShape, boolean flattened) {
            Block first = blocks.get(0);
            Set<Placement> placements = new LinkedHashSet<>();
            Set<Position> positions = new LinkedHashSet<>();
            List<Integer> hidden = new ArrayList<>();
            List<KerasNetwork.Conv> conv = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            Set<Kind> convDropouts = new LinkedHashSet<>();
            Set<Kind> denseDropouts = new LinkedHashSet<>();
            boolean sawFlatten = flattened;
            int spatial = 28;
            for (Block b : blocks) {
                Token w = b.weights();
                if (!b.activation().equals(first.activation())) {
                    throw new KerasException(at(w) + ": activation " + b.activation() + " where "
                            + first.weights().where() + " has " + first.activation() + "; ablate4j uses "
                            + "one activation (model.activation) for every hidden block");
                }
                placements.add(b.batchNorm());
                if (placements.size() > 1) {
                    throw new KerasException(at(w) + ": batch normalization " + b.batchNorm().spelling() + " where "
                            + "an earlier block has " + placements.iterator().next().spelling() + "; ablate4j places "
                            + "BN the same way in every hidden block (model.batchNorm)");
                }
                if (b.batchNorm() != Placement.NONE && b.dropout() != null) {
                    positions.add(b.position());
                    if (positions.size() > 1) {
                        throw new KerasException(at(w) + ": dropout " + b.position().spelling() + " where an "
                                + "earlier block has it " + positions.iterator().next().spelling() + "; ablate4j "
                                + "orders dropout and BN the same way in every block (model.dropoutPosition)");
                    }
                }
                rates.add(b.dropout() == null ? 0 : b.dropout().rate());
                if (w.kind() == Kind.CONV) {
                    if (sawFlatten) {
                        throw new KerasException(at(w) + ": a Conv2D after a Flatten");
                    }
                    conv.add(new KerasNetwork.Conv(w.units(), w.kernel(), w.stride(), b.pool()));
                    spatial = (spatial + w.stride() - 1) / w.stride() / b.pool();
                    if (spatial < 1) {
                        throw new KerasException(at(w) + ": the conv blocks shrink 28×28 inputs below 1×1");
                    }
                    if (b.dropout() != null) {
                        convDropouts.add(b.dropout().kind());
                    }
                    sawFlatten |= b.flattenAfter();
                } else {
                    if (!conv.isEmpty() && !sawFlatten) {
                        throw new KerasException(at(w) + ": a Dense after Conv2D blocks needs a Flatten before it");
                    }
                    hidden.add(w.units());
                    if (b.dropout() != null) {
                        denseDropouts.add(b.dropout().kind());
                    }
                }
            }
            if (!conv.isEmpty() && !sawFlatten) {
                throw new KerasException(at(out) + ": a Dense after Conv2D blocks needs a Flatten before it");
            }
            String dropoutType = dropoutType(convDropouts, denseDropouts, inputDropoutKind);
            // One regularization on every layer's weights, the output's included.
            List<Token> weights = new ArrayList<>();
            blocks.forEach(b -> weights.add(b.weights()));
            weights.add(out);
            Token w0 = weights.get(0);
            for (Token w : weights) {
                if (w.l1() != w0.l1() || w.l2() != w0.l2()) {
                    throw new KerasException(at(w) + ": kernel_regularizer l1 = " + w.l1() + ", l2 = " + w.l2()
                            + " where " + w0.where() + " has l1 = " + w0.l1() + ", l2 = " + w0.l2() + "; ablate4j "
                            + "applies one regularization to the weights of every layer, the output's included");
                }
                if (w.maxNorm() != w0.maxNorm()) {
                    throw new KerasException(at(w) + ": kernel_constraint MaxNorm " + w.maxNorm() + " where "
                            + w0.where() + " has " + w0.maxNorm() + "; ablate4j applies one maxNorm to every layer");
                }
            }
            return new KerasNetwork(conv.isEmpty() ? "mlp" : "cnn", hidden, conv, first.activation(),
                    inputDropout, rates, dropoutType, placements.iterator().next().spelling(),
                    (positions.isEmpty() ? Position.AFTER_BN : positions.iterator().next()).spelling(),
                    ablate4jL1(w0.l1()), ablate4jL2(w0.l2()), w0.maxNorm(), out.units(), outActivation,
                    inputShape);
        }

        /** The dropout type as {@code model.dropoutType} spells it. */
        private String dropoutType(Set<Kind> conv, Set<Kind> dense, Kind input) {
            Set<Kind> all = new LinkedHashSet<>(conv);
            all.addAll(dense);
            if (input != null) {
                all.add(input);
            }
            if (conv.equals(Set.of(Kind.SPATIAL_DROPOUT)) && !dense.contains(Kind.SPATIAL_DROPOUT)
                    && dense.stream().allMatch(k -> k == Kind.DROPOUT)
                    && (input == null || input == Kind.DROPOUT)) {
                return "spatial";
            }
            if (all.contains(Kind.SPATIAL_DROPOUT)) {
                throw new KerasException(source + ": SpatialDropout2D is ablate4j's dropoutType spatial: every "
                        + "conv block's dropout a SpatialDropout2D, the dense head's and the input's Dropout");
            }
            if (all.size() > 1) {
                List<String> names = all.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
                throw new KerasException(source + ": dropout layers of several kinds (" + String.join(", ", names)
                        + "); ablate4j uses one dropoutType for every block");
            }
            Kind k = all.isEmpty() ? Kind.DROPOUT : all.iterator().next();
            return switch (k) {
                case GAUSSIAN_DROPOUT -> "gaussian";
                case ALPHA_DROPOUT -> "alpha";
                default -> "bernoulli";
            };
        }
    }

    /** Where batch normalization sits in a block, as {@code model.batchNorm} spells it. */
    private enum Placement {
        NONE, BEFORE_ACTIVATION, AFTER_ACTIVATION;

        String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where a block's dropout sits against its batch normalization, as {@code model.dropoutPosition} spells it. */
    private enum Position {
        AFTER_BN, BEFORE_BN;

        String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The input features a shape stands for (the product of its dimensions), or -1 when one is unknown. */
    public static int features(List<Integer> shape) {
        int n = 1;
        for (int d : shape) {
            if (d < 1) {
                return -1;
            }
            n *= d;
        }
        return n;
    }
}
