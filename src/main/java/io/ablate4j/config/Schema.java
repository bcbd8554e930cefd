package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.CifarLabels;
import io.ablate4j.config.Enums.Correction;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ExpectMetric;
import io.ablate4j.config.Enums.Loss;
import io.ablate4j.config.Enums.Missing;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.SweepMode;
import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.Enums.WeightInit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experiment schema, every key declared once: name, kind of value, default (or how it is derived), what is
 * allowed and a line of documentation, one nested class per section in documentation order. The binder reads
 * files against it (unknown keys are errors), sweep axes are checked against its key paths, the records check
 * their values with its keys and write {@code toMap()} in its order, and {@code ablate4j schema} and the README's
 * config reference list it (a test keeps the README in step).
 */
public final class Schema {
    private Schema() {
    }

    /** Most examples any split may ask for. */
    static final int MAX_SIZE = 100_000_000;

    /** The top level of an experiment file. */
    public static final class Top {
        private Top() {
        }

        static final Keys KEYS = new Keys("");
        public static final Key<String> NAME = KEYS.text("name", null, "file name",
                "1-80 letters, digits, '.', '_' or '-'", "experiment name: names the run directory");
        public static final Key<String> DESCRIPTION = KEYS.text("description", "", "any",
                "free text shown in the report");
        public static final Key<Object> DATASET = KEYS.section("dataset", "the data and how it is split (required)");
        public static final Key<Object> MODEL = KEYS.section("model", "the network (required)");
        public static final Key<Object> REGULARIZATION = KEYS.section("regularization", "weight penalties");
        public static final Key<Object> TRAINING = KEYS.section("training", "how each trial trains (required)");
        public static final Key<Object> SEEDS = KEYS.other("seeds", "list of whole numbers, or mapping", "[1, 2, 3]",
                "distinct seeds; or {initial, max, step} (seeds.*)",
                "replicates: weights, dropout masks, batch order, augmentation; a mapping adds seeds where undecided");
        public static final Key<Object> SWEEP = KEYS.section("sweep", "the axes varied across variants");
        public static final Key<Object> BASELINE = KEYS.other("baseline", "mapping, or none",
                "the base config's values (where no variant has them: the first value of each axis)",
                "sweep axis -> one of its values; none: compare nothing", "the variant the others are compared with");
        public static final Key<Object> EXPECT = KEYS.sections("expect", "claims the run should confirm");
        public static final Key<Object> STATISTICS = KEYS.section("statistics",
                "how the report decides (never retrains)");
    }

    /** {@code dataset}. The key order is the order {@code toMap()} has always written. */
    public static final class Dataset {
        private Dataset() {
        }

        /**
         * A table's (csv files, a java data class) validation split, and its test split when no test file gives one,
         * when their sizes are not given: this share of the training file's rows, rounded; training takes the rest.
         */
        public static final double TABLE_SHARE = 0.2;
        /** The bundled diabetes data has 442 patients: 282 train, 60 validation, 100 test by default. */
        public static final int DIABETES_TRAIN_SIZE = 282;
        public static final int DIABETES_VALIDATION_SIZE = 60;
        public static final int DIABETES_TEST_SIZE = 100;

        static final Keys KEYS = new Keys("dataset");
        public static final Key<DatasetName> NAME = KEYS.choice("name", DatasetName.class, DatasetName.FASHION_MNIST,
                "the data: images (fashion-mnist, mnist, cifar10, cifar100, a folder of one's own: images), csv "
                        + "files, synthetic, diabetes or java (a class of one's own)");
        public static final Key<Task> TASK = KEYS.choice("task", Task.class, null, "what the data is",
                "classification or regression; diabetes and synthetic friedman1 are regressions. Not sweepable");
        public static final Key<Integer> FOLDS = KEYS.integer("folds", 0, 1000, 0,
                "k-fold cross-validation over the trainSize examples (K >= 2; 0 = off). Not sweepable");
        public static final Key<Boolean> STANDARDIZE_TARGET = KEYS.bool("standardizeTarget", false,
                "regression: train on the standardized target; metrics stay in its units");
        public static final Key<DataSource> SOURCE = KEYS.choice("source", DataSource.class, DataSource.BUNDLED,
                "bundled (cifar: auto; with path: path)",
                "fashion-mnist, mnist: the committed subset, the full IDX files (auto) or path; cifar: auto or path");
        public static final Key<String> PATH = KEYS.text("path", null, "a directory",
                "directory of the IDX or CIFAR files (source: path), or the image folder (name: images)");
        /** Largest image side {@code imageSize} accepts. */
        public static final int MAX_IMAGE_SIDE = 4096;
        public static final Key<List<Integer>> IMAGE_SIZE = KEYS.integers("imageSize", 1, MAX_IMAGE_SIDE, null,
                "the images' own", "images: [height, width] every image is resized to (bilinear)");
        public static final Key<Integer> CHANNELS = KEYS.integer("channels", 1, 3, null, "the files'",
                "images: 1 (grey) or 3 (RGB; 2 is refused); the other kind is converted");
        public static final Key<CifarLabels> LABELS = KEYS.choice("labels", CifarLabels.class, CifarLabels.FINE,
                "cifar100: the 100 fine classes or the 20 coarse superclasses");
        public static final Key<Integer> TRAIN_SIZE = KEYS.integer("trainSize", 1, MAX_SIZE, 2000,
                "2000 (csv, java, images: the rest; diabetes: " + DIABETES_TRAIN_SIZE + ")",
                "training examples, stratified from the training file (a csv or java table or an image folder "
                        + "without it: every example that validation and test leave)");
        public static final Key<Integer> VALIDATION_SIZE = KEYS.integer("validationSize", 0, MAX_SIZE, 1000,
                "1000 (csv, java, images: 20% of the examples; diabetes: " + DIABETES_VALIDATION_SIZE
                        + "; with folds: 0)",
                "validation examples, held out from the training file (a table or image folder without it: 20% of "
                        + "its examples, stratified)");
        public static final Key<Integer> TEST_SIZE = KEYS.integer("testSize", 0, MAX_SIZE, 0,
                "0 (csv without testFile, java, images without test/: 20% of the examples; diabetes: "
                        + DIABETES_TEST_SIZE + ")",
                "test examples from the test file (0 = all; a table without a test file, or an image folder without "
                        + "test/, and without testSize: 20% of its examples, stratified)");
        public static final Key<Long> SPLIT_SEED = KEYS.longInteger("splitSeed", Long.MIN_VALUE, Long.MAX_VALUE, 0L,
                "seed of the subset and split draw, the same for every trial");
        public static final Key<Normalization> NORMALIZE = KEYS.choice("normalize", Normalization.class,
                Normalization.SCALE01, "scale01 (csv, java: standardize)",
                "input normalization, fitted on the training split only");
        public static final Key<Object> AUGMENT = KEYS.section("augment", "image augmentation of training batches");
        public static final Key<Object> CSV = KEYS.section("csv", "CSV files (name: csv)");
        public static final Key<Object> SYNTHETIC = KEYS.section("synthetic", "generated data (name: synthetic)");
        public static final Key<String> CLASS = KEYS.text("class", null, "a fully qualified class name",
                "name: java: the io.ablate4j.data.ExampleSource class that hands over the examples, its jar on "
                        + "--classpath");
    }

    /** {@code dataset.augment}. */
    public static final class Augment {
        private Augment() {
        }

        static final Keys KEYS = new Keys("dataset.augment");
        public static final Key<Integer> SHIFT_PIXELS = KEYS.integer("shiftPixels", 0, 14, 0,
                "largest random shift in pixels along each axis, fresh every epoch");
        public static final Key<Boolean> FLIP_HORIZONTAL = KEYS.bool("flipHorizontal", false,
                "mirror each image left-right with probability 1/2");
        public static final Key<Double> ROTATE_DEGREES = KEYS.number("rotateDegrees", Rule.ROTATION, 0.0,
                "largest random rotation in degrees, either way");
        public static final Key<Integer> CROP_PADDING = KEYS.integer("cropPadding", 0, 32, 0,
                "random crop: pad this many black pixels on each side, crop the image size at a random offset (4: "
                        + "CIFAR's standard); excludes shiftPixels");
    }

    /** {@code dataset.csv}. */
    public static final class Csv {
        private Csv() {
        }

        /** The index that names the last column. */
        public static final int LAST_COLUMN = -1;
        /** Column indexes go from -MAX_INDEX to MAX_INDEX. */
        static final int MAX_INDEX = 10_000;

        static final Keys KEYS = new Keys("dataset.csv");
        public static final Key<String> TRAIN_FILE = KEYS.text("trainFile", null, "a file (required)",
                "the CSV file the training and validation splits are drawn from");
        public static final Key<String> TEST_FILE = KEYS.text("testFile", null, "the train file", "a file",
                "the CSV file the test split is drawn from");
        public static final Key<Object> LABEL_COLUMN = KEYS.other("labelColumn", "text or whole number", "-1 (last)",
                "a header name, or an index in [" + -MAX_INDEX + ", " + MAX_INDEX + "]",
                "classification: the class column (negative indexes count from the end); class indices 0, 1, … or "
                        + "names, sorted into indices");
        public static final Key<Boolean> HEADER = KEYS.bool("header", true, "whether the first line is a header");
        public static final Key<String> DELIMITER = KEYS.text("delimiter", ",", "one character",
                "the field separator");
        public static final Key<Integer> NUM_CLASSES = KEYS.integer("numClasses", 0, 100_000, 0, "0 (inferred)",
                "classification: the number of classes (0 = max label + 1)");
        public static final Key<Object> TARGET_COLUMN = KEYS.other("targetColumn", "text or whole number",
                "-1 (last)", "a header name, or an index in [" + -MAX_INDEX + ", " + MAX_INDEX + "]",
                "regression: the target column (negative indexes count from the end)");
        public static final Key<Missing> MISSING = KEYS.choice("missing", Missing.class, Missing.ERROR,
                "a missing cell (empty, NA, n/a, NaN, null, ?, …): error names it, drop-rows drops its row, mean "
                        + "fills a feature with its training-split mean");
        public static final Key<Object> CATEGORICAL = KEYS.other("categorical", "list of names or indexes", "[]",
                "header names or column indexes of text feature columns",
                "one-hot encode these text columns (categories sorted); other text columns are refused");
    }

    /** {@code dataset.synthetic}. */
    public static final class Synthetic {
        private Synthetic() {
        }

        /** Friedman (1991) uses 10 inputs, of which the first 5 matter. */
        public static final int FRIEDMAN_FEATURES = 10;
        public static final int FRIEDMAN_MIN_FEATURES = 5;

        static final Keys KEYS = new Keys("dataset.synthetic");
        public static final Key<SyntheticShape> SHAPE = KEYS.choice("shape", SyntheticShape.class,
                SyntheticShape.BLOBS, "blobs, spirals (classes) or friedman1 (a regression)");
        public static final Key<Integer> FEATURES = KEYS.integer("features", 2, 100_000, 20,
                "20 (friedman1: " + FRIEDMAN_FEATURES + ", at least " + FRIEDMAN_MIN_FEATURES + ")", "input dimension");
        public static final Key<Integer> CLASSES = KEYS.integer("classes", 2, 1000, 3,
                "number of classes (blobs, spirals)");
        public static final Key<Double> NOISE = KEYS.number("noise", Rule.NON_NEGATIVE, 1.0,
                "standard deviation of the Gaussian noise (friedman1: added to the target)");
        public static final Key<Double> LABEL_NOISE = KEYS.number("labelNoise", Rule.LABEL_NOISE, 0.0,
                "fraction of training labels replaced by another class (blobs, spirals)");
    }

    /** {@code model}. */
    public static final class Model {
        private Model() {
        }

        public static final List<Integer> CNN_HIDDEN = List.of(128);

        static final Keys KEYS = new Keys("model");
        public static final Key<ModelType> TYPE = KEYS.choice("type", ModelType.class, ModelType.MLP,
                "mlp or cnn (ablate4j's templates), keras or java (a network of one's own)");
        public static final Key<String> FILE = KEYS.text("file", null, "a JSON file",
                "type: keras: the JSON of model.to_json(), relative to the config file's directory");
        public static final Key<String> CLASS = KEYS.text("class", null, "a fully qualified class name",
                "type: java: the io.ablate4j.network.NetworkTemplate class, its jar on --classpath");
        public static final Key<Object> LAYERS = KEYS.other("layers", "list of mappings", Keys.NONE,
                "Keras layer objects {class_name, config}",
                "type: keras, instead of file: the layers as a resolved config.yaml writes them");
        public static final Key<List<Integer>> HIDDEN = KEYS.integers("hidden", 1, 1_000_000, List.of(256, 256),
                "[256, 256] (cnn: " + CNN_HIDDEN + ")", "dense layer widths (cnn: the head after the conv blocks)");
        public static final Key<Object> CONV = KEYS.sections("conv", "cnn: the conv blocks, in order");
        public static final Key<Activation> ACTIVATION = KEYS.choice("activation", Activation.class, Activation.RELU,
                "hidden activation");
        public static final Key<Double> INPUT_DROPOUT = KEYS.number("inputDropout", Rule.DROP, 0.0,
                "drop probability on the network input");
        public static final Key<Double> DROPOUT = KEYS.number("dropout", Rule.DROP, 0.0,
                "drop probability on every hidden block's output");
        public static final Key<List<Double>> LAYER_DROPOUT = KEYS.numbers("layerDropout", Rule.DROP,
                "per-block drop probabilities (conv blocks first, then dense), overriding dropout");
        public static final Key<DropoutType> DROPOUT_TYPE = KEYS.choice("dropoutType", DropoutType.class,
                DropoutType.BERNOULLI, "the dropout's kind (spatial: conv blocks)");
        public static final Key<BatchNorm> BATCH_NORM = KEYS.choice("batchNorm", BatchNorm.class, BatchNorm.NONE,
                "where batch normalization sits in each hidden block");
        public static final Key<DropoutPosition> DROPOUT_POSITION = KEYS.choice("dropoutPosition",
                DropoutPosition.class, DropoutPosition.AFTER_BN,
                "with BN on: dropout after the block's BN or before it");
        public static final Key<WeightInit> WEIGHT_INIT = KEYS.choice("weightInit", WeightInit.class,
                WeightInit.AUTO, "auto (keras: file)", "how weights and biases are drawn");
        public static final Key<Object> ADD_DROPOUT = KEYS.section("addDropout",
                "type: keras: dropout added after the file's conv or dense blocks that have none");
    }

    /** {@code model.addDropout}: dropout layers added to an imported model. */
    public static final class AddDropout {
        private AddDropout() {
        }

        static final Keys KEYS = new Keys("model.addDropout");
        public static final Key<Object> AFTER = KEYS.other("after", "list", "– (required)", "conv, dense",
                "the blocks that get one: each Conv2D block, each hidden Dense block");
        public static final Key<Double> RATE = KEYS.number("rate", Rule.DROP, null, "– (required)",
                "drop probability of the added layers");
    }

    /** {@code model.conv[]}: one conv block. */
    public static final class Conv {
        private Conv() {
        }

        static final Keys KEYS = new Keys("model.conv[]");
        public static final Key<Integer> FILTERS = KEYS.integer("filters", 1, 4096, null, "– (required)",
                "output channels");
        public static final Key<Integer> KERNEL = KEYS.integer("kernel", 1, 28, 3, "square kernel size");
        public static final Key<Integer> STRIDE = KEYS.integer("stride", 1, 28, 1, "convolution stride");
        public static final Key<Integer> POOL = KEYS.integer("pool", 1, 28, 2,
                "max-pool size and stride (1 = no pooling)");
    }

    /** {@code regularization}. */
    public static final class Regularization {
        private Regularization() {
        }

        static final Keys KEYS = new Keys("regularization");
        public static final Key<Double> L1 = KEYS.number("l1", Rule.NON_NEGATIVE, 0.0,
                "coupled L1: l1·sign(w) added to the gradient before the updater");
        public static final Key<Double> L2 = KEYS.number("l2", Rule.NON_NEGATIVE, 0.0,
                "coupled L2: l2·w added to the gradient before the updater");
        public static final Key<Double> WEIGHT_DECAY = KEYS.number("weightDecay", Rule.NON_NEGATIVE, 0.0,
                "decoupled decay (AdamW-style) after the updater; excludes l2");
        public static final Key<Double> MAX_NORM = KEYS.number("maxNorm", Rule.NON_NEGATIVE, 0.0,
                "max-norm of each unit's incoming weights");
    }

    /** {@code training}. The key order is the order {@code toMap()} has always written. */
    public static final class Training {
        private Training() {
        }

        public static final Loss REGRESSION_LOSS = Loss.MSE;

        static final Keys KEYS = new Keys("training");
        public static final Key<Integer> EPOCHS = KEYS.integer("epochs", 1, 100_000, 10, "maximum epochs");
        public static final Key<Integer> BATCH_SIZE = KEYS.integer("batchSize", 1, 1_000_000, 128,
                "minibatch size");
        public static final Key<Object> OPTIMIZER = KEYS.section("optimizer", "the updater");
        public static final Key<Object> EARLY_STOPPING = KEYS.section("earlyStopping", "early stopping");
        /** Caps the per-epoch inference pass over the training split; enough for a ±1% accuracy estimate. */
        public static final Key<Integer> TRAIN_EVAL_SAMPLES = KEYS.integer("trainEvalSamples", 0, MAX_SIZE, 10_000,
                "training examples evaluated in inference mode each epoch (0 = all)");
        public static final Key<Loss> LOSS = KEYS.choice("loss", Loss.class, Loss.CROSS_ENTROPY,
                "cross-entropy (regression: " + REGRESSION_LOSS.yamlName() + ")",
                "classification: cross-entropy; regression: mse, mae or huber");
        /** Off: the train-mode pass draws dropout masks and would change every existing result's trajectory. */
        public static final Key<Boolean> BN_DIAGNOSTICS = KEYS.bool("bnDiagnostics", false,
                "classification: also measure train-mode accuracy and the BN variance shift each epoch");
    }

    /** {@code training.optimizer}. */
    public static final class Optimizer {
        private Optimizer() {
        }

        public static final double SGD_LEARNING_RATE = 0.05;

        static final Keys KEYS = new Keys("training.optimizer");
        public static final Key<Enums.Optimizer> TYPE = KEYS.choice("type", Enums.Optimizer.class,
                Enums.Optimizer.ADAM, "the updater");
        public static final Key<Double> LEARNING_RATE = KEYS.number("learningRate", Rule.LEARNING_RATE, 1e-3,
                "1e-3 (sgd, nesterovs: " + SGD_LEARNING_RATE + ")", "step size");
        public static final Key<Double> MOMENTUM = KEYS.number("momentum", Rule.MOMENTUM, 0.9,
                "nesterovs: momentum");
    }

    /** {@code training.earlyStopping}. */
    public static final class EarlyStopping {
        private EarlyStopping() {
        }

        static final Keys KEYS = new Keys("training.earlyStopping");
        public static final Key<Integer> PATIENCE = KEYS.integer("patience", 0, 100_000, 0,
                "stop after this many epochs without a lower validation loss (0 = off)");
    }

    /** {@code sweep}. */
    public static final class Sweep {
        private Sweep() {
        }

        static final Keys KEYS = new Keys("sweep");
        public static final Key<SweepMode> MODE = KEYS.choice("mode", SweepMode.class, SweepMode.GRID,
                "grid (cartesian product), random (samples grid points) or one-at-a-time (each axis alone)");
        public static final Key<Integer> SAMPLES = KEYS.integer("samples", 1, Integer.MAX_VALUE, null,
                "– (required by random)", "random: the number of distinct grid points drawn (at most the grid's)");
        public static final Key<Long> SEED = KEYS.longInteger("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0L,
                "random: seed of the draw");
        public static final Key<Object> AXES = KEYS.other("axes", "mapping", Keys.NONE,
                "key path of dataset.*, model.*, regularization.*, training.* -> non-empty list of values",
                "the sweep axes; a mapping value merges into its section");
        public static final Key<Object> RACE = KEYS.other("race", "boolean or mapping", "false",
                "true (the defaults) or {rule, alpha, eta, rungs} (sweep.race.*)",
                "successive halving over epochs, seeds as paired replicates: variants decided worse leave early");
    }

    /** {@code sweep.race}: racing the variants over epochs. */
    public static final class Race {
        private Race() {
        }

        static final Keys KEYS = new Keys("sweep.race");
        public static final Key<Enums.RaceRule> RULE = KEYS.choice("rule", Enums.RaceRule.class, Enums.RaceRule.TEST,
                "test: leave when a paired test says worse than the leader; top: keep the best 1/eta");
        public static final Key<Double> ALPHA = KEYS.number("alpha", Rule.ERROR_RATE, 0.05,
                "rule test: the most probability that the truly best variant leaves the race");
        public static final Key<Integer> ETA = KEYS.integer("eta", 2, 100, 3,
                "epochs grow by this factor from rung to rung (rule top: the best 1/eta go on)");
        public static final Key<List<Integer>> RUNGS = KEYS.integers("rungs", 1, 100_000, null,
                "epochs / eta^k for k = 1, 2, … while >= 1",
                "the epochs after which the survivors are compared, ascending, each below training.epochs");
    }

    /** {@code expect[]}: one claim. */
    public static final class Expect {
        private Expect() {
        }

        static final Keys KEYS = new Keys("expect[]");
        public static final Key<String> CLAIM = KEYS.text("claim", null, "– (required)", "text",
                "the claim in words, shown in the report");
        public static final Key<ExpectMetric> METRIC = KEYS.choice("metric", ExpectMetric.class, null,
                "– (required)", "what is compared");
        public static final Key<Object> HIGHER = KEYS.other("higher", "mapping", Keys.NONE, "sweep axis -> value",
                "the variants expected to score higher (or lower:)");
        public static final Key<Object> LOWER = KEYS.other("lower", "mapping", Keys.NONE, "sweep axis -> value",
                "the variants expected to score lower (or higher:)");
        public static final Key<Object> THAN = KEYS.other("than", "mapping", "– (required)", "sweep axis -> value",
                "the variants they are compared with");
        public static final Key<Double> THRESHOLD = KEYS.number("threshold", Rule.ACCURACY, null,
                "epochs_to_val_acc: the validation accuracy to reach");
        public static final Key<Double> ROPE = KEYS.number("rope", Rule.ROPE, null,
                "region of practical equivalence, in points of the metric");
    }

    /** {@code statistics}. */
    public static final class Statistics {
        private Statistics() {
        }

        static final Keys KEYS = new Keys("statistics");
        public static final Key<Double> ROPE = KEYS.number("rope", Rule.ROPE, null,
                "ROPE of the variant-vs-baseline comparisons, in points of the score");
        public static final Key<Correction> CORRECTION = KEYS.choice("correction", Correction.class, Correction.HOLM,
                "how a family's p-values are adjusted");
    }

    /** {@code seeds} as a mapping: adaptive seeds. */
    public static final class Seeds {
        private Seeds() {
        }

        /** Seeds every variant gets when the file gives none. */
        public static final List<Long> DEFAULT = List.of(1L, 2L, 3L);
        private static final int MAX_SEEDS = AdaptiveSeeds.MAX_SEEDS;
        /** A comparison needs 2 seeds per side. */
        static final int MIN_INITIAL = 2;

        static final Keys KEYS = new Keys("seeds");
        public static final Key<Object> INITIAL = KEYS.other("initial", "whole number or list", "– (required)",
                "a count in [" + MIN_INITIAL + ", " + (MAX_SEEDS - 1) + "] (seeds 1..N) or a list of at least "
                        + MIN_INITIAL + " distinct seeds",
                "the seeds every variant starts with");
        public static final Key<Integer> MAX = KEYS.integer("max", 1, MAX_SEEDS, null, "– (required)",
                "the most seeds a variant gets (more than initial)");
        public static final Key<Integer> STEP = KEYS.integer("step", 1, MAX_SEEDS, 1,
                "seeds added per look to an undecided comparison's variants (at most max - initial)");
    }

    /** Section path → its keys, in documentation order. List-element sections end in {@code []}. */
    static final Map<String, Keys> SECTIONS = new LinkedHashMap<>();

    static {
        for (Keys k : List.of(Top.KEYS, Dataset.KEYS, Augment.KEYS, Csv.KEYS, Synthetic.KEYS, Model.KEYS, AddDropout.KEYS,
                Conv.KEYS, Regularization.KEYS, Training.KEYS, Optimizer.KEYS, EarlyStopping.KEYS, Sweep.KEYS, Race.KEYS,
                Expect.KEYS,
                Statistics.KEYS, Seeds.KEYS)) {
            SECTIONS.put(k.path(), k);
        }
    }

    /** Every key of the schema, section by section in documentation order. */
    public static List<Key<?>> keys() {
        List<Key<?>> all = new ArrayList<>();
        SECTIONS.values().forEach(k -> all.addAll(k.all()));
        return all;
    }

    static List<String> keys(String section) {
        Keys k = SECTIONS.get(section);
        return k == null ? List.of() : k.names();
    }

    /**
     * Whether {@code value} at a dotted key path ({@code dataset.csv.delimiter}) is the key's plain default, as a
     * resolved config ({@code toMap()}) writes it: numbers by value, a choice by its YAML spelling. False for a key
     * without a plain default (none, or one derived from other keys) and for a path the schema does not declare.
     */
    public static boolean isDefault(String path, Object value) {
        Key<?> key = keys().stream().filter(k -> k.path().equals(path)).findFirst().orElse(null);
        if (key == null || key.defaultValue() == null) {
            return false;
        }
        Object d = key.defaultValue() instanceof Enums.Named named ? named.yamlName() : key.defaultValue();
        return ConfigLoader.sameValue(d, value);
    }

    /** Top-level sections whose keys a sweep may vary. */
    static final Set<String> SWEEPABLE_ROOTS = Set.of("dataset", "model", "regularization", "training");

    /**
     * Every key path a sweep axis may name: the sweepable sections themselves (a mapping value merges into the
     * section, so one axis can move several keys together), their sub-sections and their leaves.
     */
    public static List<String> sweepablePaths() {
        List<String> paths = new ArrayList<>(List.of("dataset", "model", "regularization", "training"));
        SECTIONS.forEach((section, keys) -> {
            if (section.contains("[]")) {
                return;
            }
            String root = section.contains(".") ? section.substring(0, section.indexOf('.')) : section;
            if (!SWEEPABLE_ROOTS.contains(section.isEmpty() ? "" : root)) {
                return;
            }
            for (String key : keys.names()) {
                paths.add(section + "." + key);
            }
        });
        return paths;
    }
}
