package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Enums.WeightInit;
import io.ablate4j.config.Schema.AddDropout;
import io.ablate4j.config.Schema.Conv;
import io.ablate4j.config.Schema.Model;
import io.ablate4j.keras.KerasException;
import io.ablate4j.keras.KerasLayer;
import io.ablate4j.keras.KerasModel;
import io.ablate4j.keras.KerasNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds {@code model:}: ablate4j's templates (mlp, cnn), a java template (the factors only) and a Keras model (its
 * mapping, with the YAML's own model keys on top). Which keys each type takes is checked here; the rules between
 * values are {@link ModelConfig}'s own.
 */
final class ModelBinder {
    private ModelBinder() {
    }

    /** An mlp, cnn or java model; {@code type: keras} goes through {@link #keras} and {@link #overKeras}. */
    static ModelConfig template(Section s, DatasetConfig dataset) {
        ModelType type = s.get(Model.TYPE);
        if (type == ModelType.JAVA) {
            return javaModel(s);
        }
        if (s.has(Model.FILE)) {
            throw s.error(Model.FILE, s.value(Model.FILE), "a Keras model file needs type: keras");
        }
        // Before the architecture keys: "cnn needs images" says more than a missing conv block would.
        s.check(() -> VariantConfig.checkModelFitsData(type, dataset));
        List<Integer> hidden = s.get(Model.HIDDEN, type == ModelType.CNN ? Model.CNN_HIDDEN
                : Model.HIDDEN.defaultValue());
        List<ConvBlock> conv = new ArrayList<>();
        for (Section b : s.sections(Model.CONV)) {
            if (!b.has(Conv.FILTERS)) {
                throw b.error(Conv.FILTERS, null, "required: the number of output channels");
            }
            conv.add(b.build(() -> new ConvBlock(b.get(Conv.FILTERS), b.get(Conv.KERNEL), b.get(Conv.STRIDE),
                    b.get(Conv.POOL))));
        }
        Activation activation = s.get(Model.ACTIVATION);
        double inputDropout = s.get(Model.INPUT_DROPOUT);
        double dropout = s.get(Model.DROPOUT);
        List<Double> layerDropout = s.get(Model.LAYER_DROPOUT, List.of());
        DropoutType dropoutType = s.get(Model.DROPOUT_TYPE);
        BatchNorm batchNorm = s.get(Model.BATCH_NORM);
        DropoutPosition position = s.get(Model.DROPOUT_POSITION);
        String templateClass = s.get(Model.CLASS);
        WeightInit weightInit = s.get(Model.WEIGHT_INIT);
        return s.build(() -> new ModelConfig(type, hidden, conv, activation, inputDropout, dropout, layerDropout,
                dropoutType, batchNorm, position, templateClass, weightInit, null, null, List.of(), List.of()));
    }

    /**
     * {@code type: java}: the template builds the layers, so the architecture keys are errors; the factors (drop
     * rates, BN placement, dropout position) are bound as for the templates. {@code layerDropout} may list any
     * number of blocks: the template asks for the ones it has.
     */
    private static ModelConfig javaModel(Section s) {
        for (Key<?> key : List.of(Model.HIDDEN, Model.CONV, Model.ACTIVATION, Model.FILE, Model.LAYERS,
                Model.WEIGHT_INIT, Model.ADD_DROPOUT)) {
            if (s.has(key)) {
                throw s.error(key, s.value(key), "a java template builds its own layers; model." + key.name() + " is "
                        + "not used with type: java (the template gets the drop rates, batch-norm placement, dropout "
                        + "position, penalties and seed)");
            }
        }
        String cls = s.get(Model.CLASS);
        double inputDropout = s.get(Model.INPUT_DROPOUT);
        double dropout = s.get(Model.DROPOUT);
        List<Double> layerDropout = s.get(Model.LAYER_DROPOUT, List.of());
        DropoutType dropoutType = s.get(Model.DROPOUT_TYPE);
        BatchNorm batchNorm = s.get(Model.BATCH_NORM);
        DropoutPosition position = s.get(Model.DROPOUT_POSITION);
        return s.build(() -> new ModelConfig(ModelType.JAVA, List.of(), List.of(), Model.ACTIVATION.defaultValue(),
                inputDropout, dropout, layerDropout, dropoutType, batchNorm, position, cls));
    }

    /**
     * {@code type: keras}: the model of {@code model.file} (relative to the config file's directory; read once per
     * load) or of {@code model.layers} (as a resolved config writes it), checked against the dataset; null for other
     * types.
     */
    static KerasNetwork keras(Section s, DatasetConfig dataset, RawConfig raw) {
        if (s.get(Model.TYPE) != ModelType.KERAS) {
            if (s.has(Model.LAYERS) || s.has(Model.ADD_DROPOUT)) {
                Key<?> key = s.has(Model.LAYERS) ? Model.LAYERS : Model.ADD_DROPOUT;
                throw s.error(key, s.value(key), "needs type: keras");
            }
            return null;
        }
        for (Key<?> key : List.of(Model.HIDDEN, Model.CONV, Model.CLASS)) {
            if (s.has(key)) {
                throw s.error(key, s.value(key), "the Keras file defines the architecture; model." + key.name()
                        + " is not used with type: keras (on top of it: dropout, layerDropout, inputDropout, "
                        + "addDropout, dropoutType, batchNorm, activation, weightInit, regularization.*)");
            }
        }
        String file = s.get(Model.FILE);
        KerasNetwork k;
        String at;
        Key<?> key;
        if (s.has(Model.LAYERS)) {
            if (file != null) {
                throw s.error(Model.FILE, file, "give the model either as a file or as layers, not both");
            }
            key = Model.LAYERS;
            at = "model.layers: ";
            try {
                k = KerasModel.fromLayers("model.layers", s.list(Model.LAYERS.name()));
            } catch (KerasException e) {
                throw s.error(Model.LAYERS, null, e.getMessage());
            }
        } else {
            if (file == null || file.isBlank()) {
                throw s.error(Model.FILE, null, "required with type: keras: the JSON of model.to_json(), relative "
                        + "to this config file's directory");
            }
            key = Model.FILE;
            Path path = resolve(raw, file);
            at = path + ": ";
            try {
                k = raw.kerasFiles().get(path);
            } catch (KerasException e) {
                throw s.error(Model.FILE, file, e.getMessage());
            }
        }
        Object shown = key == Model.FILE ? file : null;
        if (k.convolutional() && !dataset.isImage()) {
            throw s.error(key, shown, at + "a Conv2D model needs an image dataset (fashion-mnist, mnist, images, "
                    + "cifar10 or cifar100); " + dataset.name().yamlName() + " is tabular");
        }
        String outActivation = k.outputActivation();
        int outUnits = k.output().units();
        if (dataset.isRegression()) {
            if (outUnits != 1 || !outActivation.equals("linear")) {
                throw s.error(key, shown, at + "the output Dense has " + outUnits + " units, activation "
                        + outActivation + "; a regression (dataset.task: regression) needs Dense(1) with a linear "
                        + "activation");
            }
        } else {
            int classes = dataset.isImage() ? dataset.knownClasses()
                    : dataset.synthetic() != null ? dataset.synthetic().classes()
                    : dataset.csv() != null ? dataset.csv().numClasses() : 0;
            if (!outActivation.equals("softmax") || classes > 0 && outUnits != classes) {
                throw s.error(key, shown, at + "the output Dense has " + outUnits + " units, activation "
                        + outActivation + "; " + dataset.name().yamlName() + " is a classification"
                        + (classes > 0 ? " with " + classes + " classes: Dense(" + classes + ", softmax)"
                        : ": its output is a softmax Dense"));
            }
        }
        // the output Dense's activation may be an Activation layer after it (Dense(10) -> Activation('softmax'))
        List<KerasLayer> hidden = k.layers().subList(0, k.layers().indexOf(k.output()));
        for (KerasLayer l : hidden) {
            if ("softmax".equals(l.activation())) {
                throw s.error(key, shown, at + l.where() + ": softmax is the output layer's activation; a hidden "
                        + "layer takes linear, relu, elu, selu, tanh, sigmoid, swish/silu or gelu");
            }
        }
        // images are checked with the shape where the config fixes it; a folder whose files decide it, once it is
        // loaded (ConfigLoader.checkKerasFitsData)
        ImageShape image = dataset.imageShape();
        if (image != null) {
            String problem = ConvFit.keras(k, image, dataset.name().yamlName());
            if (problem != null) {
                throw s.error(key, shown, at + problem);
            }
        } else if (k.inputShape() != null && dataset.synthetic() != null) {
            int features = KerasModel.features(k.inputShape());
            if (features >= 0 && features != dataset.synthetic().features()) {
                throw s.error(key, shown, at + "input shape " + k.inputShape() + " does not fit "
                        + dataset.name().yamlName() + " (" + dataset.synthetic().features() + " features)");
            }
        }
        return k;
    }

    /** A config-relative path: against the config file's directory (as given on the command line), or as it is. */
    static Path resolve(RawConfig raw, String file) {
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            Path dir = Path.of(raw.source()).getParent();
            path = dir == null ? path : dir.resolve(path);
        }
        return path;
    }

    /**
     * The Keras model with the YAML's own model keys (set there or by a sweep axis) applied by their meaning on an
     * import ({@link KerasImport}); the template it equals when its network is exactly a template's.
     */
    static ModelConfig overKeras(Section s, KerasNetwork k, DatasetConfig dataset) {
        Activation activation = s.has(Model.ACTIVATION) ? s.get(Model.ACTIVATION) : null;
        double inputDropout = s.get(Model.INPUT_DROPOUT);
        Double dropout = s.has(Model.DROPOUT) ? s.get(Model.DROPOUT) : null;
        List<Double> layerDropout = s.get(Model.LAYER_DROPOUT, List.of());
        DropoutType dropoutType = s.has(Model.DROPOUT_TYPE) ? s.get(Model.DROPOUT_TYPE) : null;
        BatchNorm batchNorm = s.get(Model.BATCH_NORM);
        if (s.has(Model.DROPOUT_POSITION) && s.get(Model.DROPOUT_POSITION) != DropoutPosition.AFTER_BN) {
            throw s.error(Model.DROPOUT_POSITION, s.value(Model.DROPOUT_POSITION), "on a Keras model the file's layer "
                    + "order places its dropout; model.batchNorm adds BN before each block's dropout (after-bn). To "
                    + "study dropout before BN, write that order in the file");
        }
        WeightInit weightInit = s.get(Model.WEIGHT_INIT, WeightInit.FILE);
        AddedDropout add = null;
        if (s.has(Model.ADD_DROPOUT)) {
            Section a = s.section(Model.ADD_DROPOUT);
            boolean conv = false;
            boolean dense = false;
            List<?> after = a.has(AddDropout.AFTER) ? a.list(AddDropout.AFTER.name()) : List.of();
            for (Object o : after) {
                if ("conv".equals(o)) {
                    conv = true;
                } else if ("dense".equals(o)) {
                    dense = true;
                } else {
                    throw a.error(AddDropout.AFTER, after, "lists conv (each Conv2D block) and/or dense (each hidden "
                            + "Dense block)");
                }
            }
            if (!a.has(AddDropout.RATE)) {
                throw a.error(AddDropout.RATE, null, "required: the drop probability of the added layers");
            }
            double rate = a.get(AddDropout.RATE);
            boolean c = conv;
            boolean d = dense;
            add = a.build(() -> new AddedDropout(c, d, rate));
        }
        AddedDropout added = add;
        KerasImport.Result r = s.build(() -> KerasImport.resolve(k, new KerasImport.Factors(activation, inputDropout,
                dropout, layerDropout, dropoutType, batchNorm, weightInit, added)));
        Optional<ModelConfig> template = TemplateLayers.match(r.layers(), weightInit, dataset.isRegression());
        if (template.isPresent()) {
            return template.get().withChanges(r.changes());
        }
        return s.build(() -> new ModelConfig(ModelType.KERAS, List.of(), List.of(), activation, inputDropout, 0,
                r.dropRates(), dropoutType, batchNorm, DropoutPosition.AFTER_BN, null, weightInit, added, k,
                r.layers(), r.changes()));
    }
}
