package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Schema.Conv;
import io.ablate4j.config.Schema.Model;
import io.ablate4j.keras.KerasException;
import io.ablate4j.keras.KerasModel;
import io.ablate4j.keras.KerasNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        return s.build(() -> new ModelConfig(type, hidden, conv, activation, inputDropout, dropout, layerDropout,
                dropoutType, batchNorm, position, templateClass));
    }

    /**
     * {@code type: java}: the template builds the layers, so the architecture keys are errors; the factors (drop
     * rates, BN placement, dropout position) are bound as for the templates. {@code layerDropout} may list any
     * number of blocks: the template asks for the ones it has.
     */
    private static ModelConfig javaModel(Section s) {
        for (Key<?> key : List.of(Model.HIDDEN, Model.CONV, Model.ACTIVATION, Model.FILE)) {
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
     * {@code type: keras}: the mapped {@code model.file} (relative to the config file's directory; read once per
     * load), checked against the dataset; null for other types.
     */
    static KerasNetwork keras(Section s, DatasetConfig dataset, RawConfig raw) {
        if (s.get(Model.TYPE) != ModelType.KERAS) {
            return null;
        }
        for (Key<?> key : List.of(Model.HIDDEN, Model.CONV, Model.CLASS)) {
            if (s.has(key)) {
                throw s.error(key, s.value(key), "the Keras file defines the architecture; model." + key.name()
                        + " is not used with type: keras (sweepable on top of it: activation, inputDropout, dropout, "
                        + "layerDropout, dropoutType, batchNorm, dropoutPosition, regularization.*)");
            }
        }
        String file = s.get(Model.FILE);
        if (file == null || file.isBlank()) {
            throw s.error(Model.FILE, null, "required with type: keras: the JSON of model.to_json(), relative to this "
                    + "config file's directory");
        }
        Path path = resolve(raw, file);
        KerasNetwork k;
        try {
            k = raw.kerasFiles().get(path);
        } catch (KerasException e) {
            throw s.error(Model.FILE, file, e.getMessage());
        }
        String at = path + ": ";
        if (type(k) == ModelType.CNN && !dataset.isImage()) {
            throw s.error(Model.FILE, file, at + "a Conv2D model needs an image dataset (fashion-mnist, mnist, "
                    + "images, cifar10 or cifar100); " + dataset.name().yamlName() + " is tabular");
        }
        if (dataset.isRegression()) {
            if (k.outputUnits() != 1 || !k.outputActivation().equals("linear")) {
                throw s.error(Model.FILE, file, at + "the output Dense has " + k.outputUnits() + " units, activation "
                        + k.outputActivation() + "; a regression (dataset.task: regression) needs Dense(1) with a "
                        + "linear activation");
            }
        } else {
            int classes = dataset.isImage() ? dataset.knownClasses()
                    : dataset.synthetic() != null ? dataset.synthetic().classes()
                    : dataset.csv() != null ? dataset.csv().numClasses() : 0;
            if (!k.outputActivation().equals("softmax") || classes > 0 && k.outputUnits() != classes) {
                throw s.error(Model.FILE, file, at + "the output Dense has " + k.outputUnits() + " units, activation "
                        + k.outputActivation() + "; " + dataset.name().yamlName() + " is a classification"
                        + (classes > 0 ? " with " + classes + " classes: Dense(" + classes + ", softmax)"
                        : ": its output is a softmax Dense"));
            }
        }
        List<Integer> shape = k.inputShape();
        if (shape != null) {
            int features = KerasModel.features(shape);
            // the images' shape where the config fixes it; a folder that leaves it to its files must set it here
            ImageShape image = dataset.imageShape();
            if (dataset.isImage() && image == null) {
                throw s.error(Model.FILE, file, at + "input shape " + shape + ": set dataset.imageSize and "
                        + "dataset.channels, so that the model's input can be checked against the folder's images");
            }
            int expected = image != null ? image.features() : dataset.synthetic() != null
                    ? dataset.synthetic().features() : -1;
            boolean ok = features < 0 || expected < 0 || features == expected;
            if (type(k) == ModelType.CNN && !(shape.equals(List.of(image.height(), image.width(), image.channels()))
                    || shape.equals(List.of(image.channels(), image.height(), image.width())))) {
                ok = false;
            }
            if (!ok) {
                throw s.error(Model.FILE, file, at + "input shape " + shape + " does not fit "
                        + dataset.name().yamlName() + (expected > 0 ? " (" + expected + " features" + (image != null
                        ? ": [" + expected + "]" + (image.channels() == 1 ? ", [" + image.height() + ", "
                        + image.width() + "] with a Flatten" : "") + ", or [" + image.height() + ", " + image.width()
                        + ", " + image.channels() + "] for Conv2D)" : ")") : ""));
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

    /** The mapped Keras model with the YAML's own model keys (set there or by a sweep axis) on top. */
    static ModelConfig overKeras(Section s, KerasNetwork k) {
        ModelType type = type(k);
        List<ConvBlock> conv = new ArrayList<>();
        k.conv().forEach(c -> conv.add(new ConvBlock(c.filters(), c.kernel(), c.stride(), c.pool())));
        Activation activation = s.get(Model.ACTIVATION, Enums.parse(Activation.class, k.activation()));
        double inputDropout = s.get(Model.INPUT_DROPOUT, k.inputDropout());
        double dropout;
        List<Double> layerDropout;
        if (s.has(Model.LAYER_DROPOUT)) {
            layerDropout = s.get(Model.LAYER_DROPOUT);
            s.check(() -> ModelConfig.checkOneRatePerBlock(layerDropout, k.conv().size(), k.hidden().size(),
                    " of the Keras model"));
            dropout = s.get(Model.DROPOUT);
        } else if (s.has(Model.DROPOUT)) {
            // model.dropout means what it means for the templates: every block's rate, the file's replaced.
            dropout = s.get(Model.DROPOUT);
            layerDropout = List.of();
        } else if (!Double.isNaN(k.uniformDropRate())) {
            dropout = k.uniformDropRate();
            layerDropout = List.of();
        } else {
            dropout = 0;
            layerDropout = k.blockDropRates();
        }
        DropoutType dropoutType = s.get(Model.DROPOUT_TYPE, Enums.parse(DropoutType.class, k.dropoutType()));
        if (type != ModelType.CNN) {
            s.check(() -> ModelConfig.checkSpatialOnConv(dropoutType, "this Keras model"));
        }
        BatchNorm batchNorm = s.get(Model.BATCH_NORM, Enums.parse(BatchNorm.class, k.batchNorm()));
        DropoutPosition position = s.get(Model.DROPOUT_POSITION, Enums.parse(DropoutPosition.class,
                k.dropoutPosition()));
        double rate = dropout;
        return s.build(() -> new ModelConfig(type, k.hidden(), conv, activation, inputDropout, rate, layerDropout,
                dropoutType, batchNorm, position));
    }

    /** mlp or cnn: what the Keras mapping gives, in the schema's words. */
    private static ModelType type(KerasNetwork k) {
        return Enums.parse(ModelType.class, k.type());
    }
}
