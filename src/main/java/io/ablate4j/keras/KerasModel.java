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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Keras {@code Sequential} model, as {@code model.to_json()} writes it, into its layers as written
 * ({@link KerasNetwork}): every layer of a supported type, wherever it stands, with its own activation, initializers,
 * padding, strides and batch-norm momentum/epsilon. Nothing is rearranged or dropped; the config binder builds the
 * network from these layers and applies the sweep axes to them by their documented meaning.
 *
 * <p>Every problem of a file is collected and reported at once ({@link KerasException}, one line per problem, each
 * naming the layer's index, name and class and what is supported). Read: Keras 2.x JSON ({@code "keras_version":
 * "2.…"}; the layer list under {@code config.layers}, or, before Keras 2.2.3, as {@code config} itself) and the Keras
 * 3 layout ({@code "module"} keys, {@code batch_shape}, {@code build_config}, dtype-policy objects, without a
 * version). Weights are not read: ablate4j trains every trial from its own seeded initialization.
 */
public final class KerasModel {
    public static final String SUPPORTED = "Supported: InputLayer, Dense, Conv2D, MaxPooling2D, AveragePooling2D, "
            + "Flatten, Dropout, SpatialDropout2D, GaussianDropout, AlphaDropout, BatchNormalization, Activation, ReLU";
    /** The activations a layer may have, as Keras spells them. */
    public static final Set<String> ACTIVATIONS = Set.of("linear", "relu", "elu", "selu", "tanh", "sigmoid",
            "swish", "silu", "gelu", "softmax");
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

    /** Reads a file; every problem is a {@link KerasException} whose message starts with the file. */
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

    /** Reads the text of {@code file} (read from it, or sent from where it was read). */
    static KerasNetwork map(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras")) {
            throw new KerasException(file + ": a " + name.substring(name.lastIndexOf('.')) + " file; ablate4j "
                    + "reads the JSON architecture only (weights are never imported; every trial starts from its own "
                    + "seeded initialization). Export it with: open('model.json', 'w').write(model.to_json())");
        }
        return parse(file.toString(), text);
    }

    /** Reads the JSON text of a Keras model; {@code source} names it in messages. */
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
                    + "inputs/outputs have no single layer order); rebuild it as keras.Sequential([...])");
        }
        JsonNode config = root.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        return layers(source, layers, shape(config.path("build_input_shape")));
    }

    /**
     * Reads layer objects as a resolved config writes them ({@link KerasNetwork#toLayerConfigs}), with the same checks
     * as a file's.
     */
    public static KerasNetwork fromLayers(String source, List<?> layers) {
        return layers(source, JSON.valueToTree(layers), null);
    }

    private static KerasNetwork layers(String source, JsonNode layers, List<Integer> buildShape) {
        if (!layers.isArray() || layers.isEmpty()) {
            throw new KerasException(source + ": config.layers: missing or empty; a Sequential model lists its "
                    + "layers there");
        }
        Problems problems = new Problems(source);
        List<Integer> inputShape = buildShape;
        List<KerasLayer> parsed = new ArrayList<>();
        Regularization reg = null;
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            List<Integer> shape = layerInputShape(layer);
            if (shape != null && inputShape == null) {
                inputShape = shape;
            }
            Reader r = new Reader(problems, i, layer);
            KerasLayer l = r.layer();
            if (l != null) {
                parsed.add(l);
                if (l.kind().weights()) {
                    reg = r.sameRegularization(reg, l);
                }
            }
        }
        if (problems.isEmpty()) {
            checkOrder(problems, parsed, inputShape);
        }
        problems.throwIfAny();
        return new KerasNetwork(parsed, inputShape, reg == null ? 0 : ablate4jL1(reg.l1), reg == null ? 0
                : ablate4jL2(reg.l2), reg == null ? 0 : reg.maxNorm);
    }

    /** Every problem of one file, reported together. */
    private static final class Problems {
        private final String source;
        private final List<String> list = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        void add(String where, String problem) {
            list.add(where + ": " + problem);
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        void throwIfAny() {
            if (list.size() == 1) {
                throw new KerasException(source + ": " + list.get(0));
            }
            if (!list.isEmpty()) {
                throw new KerasException(source + ": " + list.size() + " problems:\n  - "
                        + String.join("\n  - ", list));
            }
        }
    }

    /** A kernel regularization and constraint, which must be the same on every weight layer. */
    private record Regularization(KerasLayer first, double l1, double l2, double maxNorm) {
    }

    /**
     * The structure a Sequential model must have for ablate4j to build it: a Dense output at the end (only an
     * Activation after it), a Flatten between images and a Dense, no image layer after the Flatten.
     */
    private static void checkOrder(Problems problems, List<KerasLayer> layers, List<Integer> inputShape) {
        int last = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).kind().weights()) {
                last = i;
            }
        }
        if (last < 0 || layers.get(last).kind() != KerasLayer.Kind.DENSE) {
            problems.add("the model", "must end in a Dense output layer (softmax for classes, linear for a "
                    + "regression)");
            return;
        }
        for (KerasLayer l : layers.subList(last + 1, layers.size())) {
            if (l.kind() != KerasLayer.Kind.ACTIVATION) {
                problems.add(l.where(), "after the output Dense '" + layers.get(last).name() + "' only an "
                        + "Activation can follow (ablate4j's output layer is the last Dense)");
            }
        }
        boolean images = inputShape != null ? inputShape.size() >= 2 : layers.get(0).kind() == KerasLayer.Kind.CONV
                || layers.get(0).kind().pool();
        for (KerasLayer l : layers) {
            switch (l.kind()) {
                case FLATTEN -> images = false;
                case DENSE -> {
                    if (images) {
                        problems.add(l.where(), "a Dense on " + (inputShape != null && inputShape.size() == 2
                                ? "a 2-D input" : "images") + " acts on the last axis only; put a Flatten before it");
                        images = false;
                    }
                }
                case CONV, MAX_POOL, AVG_POOL, SPATIAL_DROPOUT -> {
                    if (!images) {
                        problems.add(l.where(), "needs images (height, width, channels); it stands after a "
                                + "Flatten or a Dense, or the input is not an image");
                        images = true;
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Reads one layer object, adding its problems. */
    private static final class Reader {
        private final Problems problems;
        private final int index;
        private final JsonNode layer;
        private final JsonNode c;
        private final String cls;
        private final String where;
        private int before;

        Reader(Problems problems, int index, JsonNode layer) {
            this.problems = problems;
            this.index = index;
            this.layer = layer;
            this.c = layer.path("config");
            this.cls = layer.path("class_name").asText("");
            this.where = "layer " + index + " '" + c.path("name").asText("#" + index) + "' ("
                    + (cls.isEmpty() ? "no class_name" : cls) + ")";
        }

        private void problem(String text) {
            problems.add(where, text);
        }

        KerasLayer layer() {
            KerasLayer.Kind kind = switch (cls) {
                case "InputLayer" -> null;
                case "Dense" -> KerasLayer.Kind.DENSE;
                case "Conv2D", "Convolution2D" -> KerasLayer.Kind.CONV;
                case "MaxPooling2D", "MaxPool2D" -> KerasLayer.Kind.MAX_POOL;
                case "AveragePooling2D", "AvgPool2D" -> KerasLayer.Kind.AVG_POOL;
                case "Flatten" -> KerasLayer.Kind.FLATTEN;
                case "Dropout" -> KerasLayer.Kind.DROPOUT;
                case "SpatialDropout2D" -> KerasLayer.Kind.SPATIAL_DROPOUT;
                case "GaussianDropout" -> KerasLayer.Kind.GAUSSIAN_DROPOUT;
                case "AlphaDropout" -> KerasLayer.Kind.ALPHA_DROPOUT;
                case "BatchNormalization" -> KerasLayer.Kind.BATCH_NORM;
                case "Activation", "ReLU" -> KerasLayer.Kind.ACTIVATION;
                default -> {
                    problem("layer type not supported. " + SUPPORTED + " (a custom, recurrent, embedding, "
                            + "reshaping or merge layer has no DL4J counterpart here)");
                    yield null;
                }
            };
            if (kind == null) {
                return null;
            }
            before = problems.list.size();
            String name = c.path("name").asText("#" + index);
            int units = 0;
            List<Integer> kernel = List.of();
            List<Integer> strides = List.of();
            String padding = null;
            String activation = null;
            boolean useBias = false;
            KerasInit kernelInit = null;
            KerasInit biasInit = null;
            double rate = 0;
            double momentum = 0;
            double epsilon = 0;
            switch (kind) {
                case DENSE, CONV -> {
                    units = positive(kind == KerasLayer.Kind.DENSE ? "units" : "filters");
                    activation = activation(c.path("activation"), "linear");
                    useBias = c.path("use_bias").asBoolean(true);
                    kernelInit = init("kernel_initializer", KerasInit.GLOROT_UNIFORM);
                    biasInit = useBias ? init("bias_initializer", KerasInit.ZEROS) : KerasInit.ZEROS;
                    for (String key : List.of("bias_regularizer", "activity_regularizer", "bias_constraint")) {
                        if (present(c.path(key))) {
                            problem(key + " = " + c.path(key) + ": not supported; ablate4j penalizes weights only "
                                    + "(kernel_regularizer: L1, L2, L1L2; kernel_constraint: MaxNorm)");
                        }
                    }
                    if (kind == KerasLayer.Kind.CONV) {
                        kernel = pair("kernel_size", null);
                        strides = pair("strides", List.of(1, 1));
                        padding = padding();
                        if (!pair("dilation_rate", List.of(1, 1)).equals(List.of(1, 1))
                                || c.path("groups").asInt(1) != 1) {
                            problem("dilation_rate/groups other than 1: not supported");
                        }
                    }
                }
                case MAX_POOL, AVG_POOL -> {
                    kernel = pair("pool_size", List.of(2, 2));
                    strides = present(c.path("strides")) ? pair("strides", kernel) : kernel;
                    padding = padding();
                }
                case DROPOUT, SPATIAL_DROPOUT, GAUSSIAN_DROPOUT, ALPHA_DROPOUT -> {
                    rate = c.path("rate").asDouble(Double.NaN);
                    if (!(rate >= 0 && rate < 1)) {
                        problem("rate = " + c.path("rate") + ": a drop probability must be in [0, 1)");
                    }
                    if (present(c.path("noise_shape"))) {
                        problem("noise_shape = " + c.path("noise_shape") + ": not supported (SpatialDropout2D drops "
                                + "whole channels)");
                    }
                }
                case BATCH_NORM -> {
                    JsonNode axis = c.path("axis");
                    int a = axis.isArray() && axis.size() == 1 ? axis.get(0).asInt() : axis.asInt(-1);
                    if (a != -1 && a != 1 && a != 3) {
                        problem("axis = " + axis + ": ablate4j normalizes each feature (after a Dense) or channel "
                                + "(after a Conv2D): axis -1");
                    }
                    momentum = c.path("momentum").asDouble(0.99);
                    epsilon = c.path("epsilon").asDouble(1e-3);
                    if (!(momentum >= 0 && momentum < 1) || !(epsilon > 0)) {
                        problem("momentum = " + momentum + ", epsilon = " + epsilon + ": momentum must be in [0, 1) "
                                + "and epsilon > 0");
                    }
                    if (!c.path("center").asBoolean(true) || !c.path("scale").asBoolean(true)
                            || c.path("renorm").asBoolean(false) || present(c.path("virtual_batch_size"))) {
                        problem("center/scale false, renorm or virtual_batch_size: not supported (ablate4j's "
                                + "BatchNormalization learns gamma and beta)");
                    }
                    for (String key : List.of("beta_regularizer", "gamma_regularizer", "beta_constraint",
                            "gamma_constraint")) {
                        if (present(c.path(key))) {
                            problem(key + ": not supported (BN parameters are never regularized)");
                        }
                    }
                    for (String key : List.of("beta_initializer", "moving_mean_initializer")) {
                        checkConstant(key, 0);
                    }
                    for (String key : List.of("gamma_initializer", "moving_variance_initializer")) {
                        checkConstant(key, 1);
                    }
                }
                case ACTIVATION -> activation = cls.equals("ReLU") ? relu() : activation(c.path("activation"), null);
                default -> {
                }
            }
            if (present(c.path("data_format")) && !c.path("data_format").asText().equals("channels_last")
                    && (kind == KerasLayer.Kind.CONV || kind.pool())) {
                problem("data_format = " + c.path("data_format").asText() + ": ablate4j reads channels_last "
                        + "models (Keras' default)");
            }
            if (problems.list.size() > before) {
                return null;
            }
            return new KerasLayer(index, name, cls, kind, units, kernel, strides, padding, activation, useBias,
                    kernelInit, biasInit, rate, momentum, epsilon);
        }

        /** The kernel regularizer and constraint of a weight layer, checked against the first one's. */
        Regularization sameRegularization(Regularization first, KerasLayer l) {
            double[] r = regularizer(c.path("kernel_regularizer"));
            double maxNorm = maxNorm(c.path("kernel_constraint"));
            if (r == null || Double.isNaN(maxNorm)) {
                return first;
            }
            Regularization mine = new Regularization(l, r[0], r[1], maxNorm);
            if (first == null) {
                return mine;
            }
            if (first.l1 != mine.l1 || first.l2 != mine.l2) {
                problem("kernel_regularizer l1 = " + mine.l1 + ", l2 = " + mine.l2 + " where "
                        + first.first.where() + " has l1 = " + first.l1 + ", l2 = " + first.l2 + "; ablate4j "
                        + "applies one regularization to the weights of every layer, the output's included");
            }
            if (first.maxNorm != mine.maxNorm) {
                problem("kernel_constraint MaxNorm " + mine.maxNorm + " where " + first.first.where() + " has "
                        + first.maxNorm + "; ablate4j applies one maxNorm to every layer");
            }
            return first;
        }

        private void checkConstant(String key, double expected) {
            JsonNode v = c.path(key);
            if (!present(v)) {
                return;
            }
            KerasInit init = init(key, null);
            if (init != null && !(init.distribution().equals("constant") && init.a() == expected)) {
                problem(key + " " + init.className() + ": not supported; ablate4j's BatchNormalization starts "
                        + "from " + (expected == 0 ? "Zeros" : "Ones") + " there");
            }
        }

        private String relu() {
            for (String key : List.of("max_value", "negative_slope", "threshold")) {
                JsonNode v = c.path(key);
                if (present(v) && v.asDouble() != 0) {
                    problem(key + " = " + v + ": only the plain ReLU is supported");
                }
            }
            return "relu";
        }

        private String activation(JsonNode v, String def) {
            String a = v.isObject() ? v.path("config").asText(v.path("class_name").asText("")) : v.asText("");
            if (!present(v) || a.isEmpty()) {
                if (def == null) {
                    problem("activation: missing");
                }
                return def;
            }
            if (!ACTIVATIONS.contains(a)) {
                problem("activation " + a + ": not supported; ablate4j builds linear, relu, elu, selu, tanh, "
                        + "sigmoid, swish/silu, gelu and softmax");
                return def;
            }
            return a.equals("silu") ? "swish" : a;
        }

        private int positive(String key) {
            JsonNode v = c.path(key);
            if (!v.canConvertToInt() || v.asInt() < 1) {
                problem(key + " = " + v + ": must be a whole number >= 1");
                return 1;
            }
            return v.asInt();
        }

        /** A size given as n or [h, w]; {@code def} when absent (null: required). */
        private List<Integer> pair(String key, List<Integer> def) {
            JsonNode v = c.path(key);
            if (!present(v)) {
                if (def == null) {
                    problem(key + ": missing");
                    return List.of(1, 1);
                }
                return def;
            }
            if (v.canConvertToInt() && v.asInt() >= 1) {
                return List.of(v.asInt(), v.asInt());
            }
            if (v.isArray() && v.size() == 2 && v.get(0).canConvertToInt() && v.get(1).canConvertToInt()
                    && v.get(0).asInt() >= 1 && v.get(1).asInt() >= 1) {
                return List.of(v.get(0).asInt(), v.get(1).asInt());
            }
            problem(key + " = " + v + ": expected a whole number >= 1 or [height, width]");
            return List.of(1, 1);
        }

        private String padding() {
            String p = c.path("padding").asText("valid");
            if (!p.equals("valid") && !p.equals("same")) {
                problem("padding = " + p + ": ablate4j builds 'valid' and 'same'");
            }
            return p;
        }

        /** A Keras initializer: an object {class_name, config} or a name; {@code def} when absent. */
        private KerasInit init(String key, KerasInit def) {
            JsonNode v = c.path(key);
            if (!present(v)) {
                return def;
            }
            String name = v.isTextual() ? v.asText() : v.path("class_name").asText("");
            JsonNode ic = v.path("config");
            KerasInit init = switch (name) {
                case "GlorotUniform", "glorot_uniform" -> KerasInit.scaled(name, 1, "fan_avg", "uniform");
                case "GlorotNormal", "glorot_normal" -> KerasInit.scaled(name, 1, "fan_avg", "truncated_normal");
                case "HeUniform", "he_uniform" -> KerasInit.scaled(name, 2, "fan_in", "uniform");
                case "HeNormal", "he_normal" -> KerasInit.scaled(name, 2, "fan_in", "truncated_normal");
                case "LecunUniform", "lecun_uniform" -> KerasInit.scaled(name, 1, "fan_in", "uniform");
                case "LecunNormal", "lecun_normal" -> KerasInit.scaled(name, 1, "fan_in", "truncated_normal");
                case "VarianceScaling", "variance_scaling" -> varianceScaling(key, name, ic);
                case "RandomNormal", "random_normal" -> new KerasInit(name, "untruncated_normal", 0, null,
                        ic.path("mean").asDouble(0), ic.path("stddev").asDouble(0.05));
                case "TruncatedNormal", "truncated_normal" -> new KerasInit(name, "truncated_normal", 0, null,
                        ic.path("mean").asDouble(0), ic.path("stddev").asDouble(0.05));
                case "RandomUniform", "random_uniform" -> new KerasInit(name, "uniform", 0, null,
                        ic.path("minval").asDouble(-0.05), ic.path("maxval").asDouble(0.05));
                case "Zeros", "zeros" -> KerasInit.constant(name, 0);
                case "Ones", "ones" -> KerasInit.constant(name, 1);
                case "Constant", "constant" -> KerasInit.constant(name, ic.path("value").asDouble(0));
                default -> {
                    problem(key + " " + (name.isEmpty() ? v.toString() : name) + ": not supported; ablate4j "
                            + "builds GlorotUniform/Normal, HeUniform/Normal, LecunUniform/Normal, VarianceScaling, "
                            + "RandomNormal, RandomUniform, TruncatedNormal, Zeros, Ones and Constant");
                    yield null;
                }
            };
            return init;
        }

        private KerasInit varianceScaling(String key, String name, JsonNode ic) {
            double scale = ic.path("scale").asDouble(1);
            String mode = ic.path("mode").asText("fan_in");
            String dist = ic.path("distribution").asText("truncated_normal");
            // Keras 2.0-2.2 wrote "normal" for what later versions call "truncated_normal"
            dist = dist.equals("normal") ? "truncated_normal" : dist;
            if (!(scale > 0) || !Set.of("fan_in", "fan_out", "fan_avg").contains(mode)
                    || !Set.of("truncated_normal", "untruncated_normal", "uniform").contains(dist)) {
                problem(key + " VarianceScaling(scale=" + scale + ", mode=" + mode + ", distribution=" + dist
                        + "): expected scale > 0, mode fan_in/fan_out/fan_avg and distribution truncated_normal, "
                        + "untruncated_normal or uniform");
                return null;
            }
            return KerasInit.scaled(name, scale, mode, dist);
        }

        /** {l1, l2} in Keras' own scale; null after a problem. */
        private double[] regularizer(JsonNode r) {
            if (!present(r)) {
                return new double[]{0, 0};
            }
            String rc = r.path("class_name").asText("");
            JsonNode cfg = r.path("config");
            if (!Set.of("L1", "L2", "L1L2", "l1", "l2", "l1_l2").contains(rc)) {
                problem("kernel_regularizer " + (rc.isEmpty() ? r.toString() : rc) + ": not supported; ablate4j "
                        + "maps L1, L2 and L1L2");
                return null;
            }
            double l1 = cfg.path("l1").asDouble(0);
            double l2 = cfg.path("l2").asDouble(0);
            if (!(l1 >= 0 && l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
                problem("kernel_regularizer " + cfg + ": l1 and l2 must be finite numbers >= 0");
                return null;
            }
            return new double[]{l1, l2};
        }

        /** The MaxNorm of a kernel constraint (0 for none); NaN after a problem. */
        private double maxNorm(JsonNode k) {
            if (!present(k)) {
                return 0;
            }
            String kc = k.path("class_name").asText("");
            if (!kc.equals("MaxNorm")) {
                problem("kernel_constraint " + (kc.isEmpty() ? k.toString() : kc) + ": not supported; ablate4j "
                        + "maps MaxNorm (max_value on each unit's incoming weights)");
                return Double.NaN;
            }
            double v = k.path("config").path("max_value").asDouble(2);
            if (!(v > 0) || Double.isInfinite(v)) {
                problem("kernel_constraint MaxNorm max_value = " + v + ": must be > 0");
                return Double.NaN;
            }
            return v;
        }
    }

    private static boolean present(JsonNode n) {
        return !n.isMissingNode() && !n.isNull();
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
            input.forEach(d -> s.add(d.isNull() ? -1 : d.asInt()));
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

    /** Keras' names of the layer classes ablate4j builds, by kind; for messages and descriptions. */
    public static final Map<KerasLayer.Kind, String> CLASS_NAMES = Map.ofEntries(
            Map.entry(KerasLayer.Kind.DENSE, "Dense"), Map.entry(KerasLayer.Kind.CONV, "Conv2D"),
            Map.entry(KerasLayer.Kind.MAX_POOL, "MaxPooling2D"), Map.entry(KerasLayer.Kind.AVG_POOL,
                    "AveragePooling2D"), Map.entry(KerasLayer.Kind.FLATTEN, "Flatten"),
            Map.entry(KerasLayer.Kind.DROPOUT, "Dropout"), Map.entry(KerasLayer.Kind.SPATIAL_DROPOUT,
                    "SpatialDropout2D"), Map.entry(KerasLayer.Kind.GAUSSIAN_DROPOUT, "GaussianDropout"),
            Map.entry(KerasLayer.Kind.ALPHA_DROPOUT, "AlphaDropout"), Map.entry(KerasLayer.Kind.BATCH_NORM,
                    "BatchNormalization"), Map.entry(KerasLayer.Kind.ACTIVATION, "Activation"));
}
