package io.ablate4j.config;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ExpectMetric;
import io.ablate4j.config.Enums.Loss;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Optimizer;
import io.ablate4j.config.Enums.SweepMode;
import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.Enums.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Turns YAML into validated {@link Experiment}s: the one way in for configuration. Everything is checked
 * here, before anything runs; each sweep value is checked in place so that errors name the axis entry.
 */
public final class ConfigLoader {
    private static final DoublePredicate DROP = d -> d >= 0 && d < 1;
    private static final String DROP_ALLOWED = "a drop probability must be in [0, 1) (0 = no dropout)";
    private static final DoublePredicate NON_NEGATIVE = d -> d >= 0 && !Double.isInfinite(d);
    private static final String NON_NEGATIVE_ALLOWED = "must be a finite number >= 0 (0 = off)";
    private static final DoublePredicate POSITIVE = d -> d > 0 && !Double.isInfinite(d);
    private static final int MAX_SIZE = 100_000_000;

    private ConfigLoader() {
    }

    public static Experiment load(Path file) {
        return bind(YamlLoader.load(file));
    }

    public static Experiment parse(String source, String yaml) {
        return bind(YamlLoader.parse(source, yaml));
    }

    /**
     * Binds an already parsed tree, e.g. a loaded file with overrides applied by {@link RawConfig#with}
     * (tests rerun a shipped preset at reduced size this way).
     */
    public static Experiment bind(RawConfig raw) {
        Section root = Section.root(raw);
        String fallbackName = Path.of(raw.source()).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = root.string("name", fallbackName);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw root.error("name", name, "must be 1-80 letters, digits, '.', '_' or '-' (it names the run directory)");
        }
        String description = root.string("description", "");
        for (String required : List.of("dataset", "model", "training")) {
            if (!root.has(required)) {
                throw new ConfigException(raw.source() + ":1: " + required + ": missing section; an experiment needs "
                        + "dataset, model and training (see README, 'Config reference')");
            }
        }
        VariantConfig base = bindVariant(raw);
        AdaptiveSeeds adaptive = root.value("seeds") instanceof Map ? adaptiveSeeds(root.section("seeds")) : null;
        List<Long> seeds = adaptive != null ? adaptive.initial() : seeds(root);
        SweepConfig sweep = sweep(root, raw);
        Map<String, Object> baseline = baseline(root, sweep);
        List<Expectation> expectations = expectations(root, sweep, base.dataset().task());
        return new Experiment(name, description, base, seeds, sweep, baseline, raw, expectations, statistics(root),
                adaptive);
    }

    /** Binds the variant part (dataset, model, regularization, training) of a raw tree. */
    public static VariantConfig bindVariant(RawConfig raw) {
        Section root = Section.root(raw);
        DatasetConfig dataset = dataset(root.section("dataset"));
        ModelConfig model = model(root.section("model"), dataset);
        RegularizationConfig regularization = regularization(root.section("regularization"));
        TrainingConfig training = training(root.section("training"), dataset);
        return new VariantConfig(dataset, model, regularization, training);
    }

    private static DatasetConfig dataset(Section s) {
        DatasetName name = s.choice("name", DatasetName.class, Defaults.DATASET_NAME);
        boolean image = name == DatasetName.FASHION_MNIST || name == DatasetName.MNIST;
        DataSource source = DataSource.BUNDLED;
        String path = null;
        if (image) {
            source = s.choice("source", DataSource.class, s.has("path") ? "path" : Defaults.DATASET_SOURCE);
            if (source == DataSource.BUNDLED && name == DatasetName.MNIST) {
                throw s.error("source", "bundled", "only fashion-mnist has a bundled subset; use source: auto "
                        + "or source: path with the MNIST IDX files");
            }
            if (source == DataSource.PATH) {
                path = s.string("path", null);
                if (path == null || path.isBlank()) {
                    throw s.error("path", null, "source: path needs a directory holding the IDX files");
                }
            } else if (s.has("path")) {
                throw s.error("path", s.value("path"), "only used with source: path");
            }
        } else {
            for (String key : List.of("source", "path")) {
                if (s.has(key)) {
                    throw s.error(key, s.value(key), "only used by image datasets (fashion-mnist, mnist)");
                }
            }
        }
        boolean diabetes = name == DatasetName.DIABETES;
        int folds = s.integer("folds", 0, 0, 1000);
        if (folds == 1) {
            throw s.error("folds", 1, "k-fold cross-validation needs K >= 2 folds (0 = off: a single held-out "
                    + "validation split)");
        }
        if (folds > 0 && s.has("validationSize") && s.integer("validationSize", 0, 0, MAX_SIZE) > 0) {
            throw s.error("validationSize", s.value("validationSize"), "folds and validationSize exclude each "
                    + "other: with folds: " + folds + " each fold of the trainSize examples validates in turn; "
                    + "remove validationSize (or set it to 0), or remove folds");
        }
        int trainSize = s.integer("trainSize", diabetes ? Defaults.DIABETES_TRAIN_SIZE : Defaults.TRAIN_SIZE, 1,
                MAX_SIZE);
        int validationSize = folds > 0 ? 0 : s.integer("validationSize",
                diabetes ? Defaults.DIABETES_VALIDATION_SIZE : Defaults.VALIDATION_SIZE, 0, MAX_SIZE);
        int testSize = s.integer("testSize", diabetes ? Defaults.DIABETES_TEST_SIZE : Defaults.TEST_SIZE, 0,
                MAX_SIZE);
        if (folds > trainSize) {
            throw s.error("folds", folds, "more folds than the " + trainSize + " training examples (trainSize); "
                    + "use at most " + trainSize + ", typically 5 or 10");
        }
        long splitSeed = s.integerValue("splitSeed", Defaults.SPLIT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        Normalization normalize = s.choice("normalize", Normalization.class, Defaults.NORMALIZE);
        Section a = s.section("augment");
        AugmentConfig augment = new AugmentConfig(a.integer("shiftPixels", 0, 0, 14),
                a.bool("flipHorizontal", false),
                a.number("rotateDegrees", 0, d -> d >= 0 && d <= 180, "must be in [0, 180] degrees"));
        if (augment.enabled() && !image) {
            throw s.error("augment", s.value("augment"), "augmentation applies to image datasets only");
        }
        Task task = task(s, name);
        boolean standardizeTarget = s.bool("standardizeTarget", false);
        if (standardizeTarget && task != Task.REGRESSION) {
            throw s.error("standardizeTarget", true, "standardizes a regression target; " + name.yamlName()
                    + " is a classification dataset here (task: classification)");
        }
        CsvConfig csv = null;
        SyntheticConfig synthetic = null;
        if (name == DatasetName.CSV) {
            if (!s.has("csv")) {
                throw s.error("csv", null, "name: csv needs a csv section with at least trainFile");
            }
            Section c = s.section("csv");
            String trainFile = c.string("trainFile", null);
            if (trainFile == null || trainFile.isBlank()) {
                throw c.error("trainFile", null, "required: the CSV file to train on");
            }
            String delimiter = c.string("delimiter", String.valueOf(Defaults.CSV_DELIMITER));
            if (delimiter.length() != 1) {
                throw c.error("delimiter", delimiter, "must be a single character, e.g. ',' or ';'");
            }
            String targetColumn = null;
            if (task == Task.REGRESSION) {
                for (String key : List.of("labelColumn", "numClasses")) {
                    if (c.has(key)) {
                        throw c.error(key, c.value(key), "a classification key; a regression (task: regression) "
                                + "names its target with targetColumn: a header name or a column index");
                    }
                }
                Object target = c.value("targetColumn");
                if (target == null) {
                    targetColumn = String.valueOf(Defaults.CSV_LABEL_COLUMN);
                } else if (target instanceof Number number) {
                    targetColumn = String.valueOf(c.checkInteger(c.child("targetColumn"), number, -10_000, 10_000));
                } else if (target instanceof String text && !text.isBlank()) {
                    targetColumn = text;
                } else {
                    throw c.error("targetColumn", target, "a header name (needs header: true) or a zero-based "
                            + "column index (negative counts from the end, -1 = last)");
                }
                if (!targetColumn.matches("-?\\d+") && !c.bool("header", Defaults.CSV_HEADER)) {
                    throw c.error("targetColumn", targetColumn, "a column name needs header: true; without a "
                            + "header give a zero-based index");
                }
            } else if (c.has("targetColumn")) {
                throw c.error("targetColumn", c.value("targetColumn"), "the target of a regression; this dataset "
                        + "is a classification (set task: regression, or name the class column with labelColumn)");
            }
            csv = new CsvConfig(trainFile, c.string("testFile", null),
                    c.integer("labelColumn", Defaults.CSV_LABEL_COLUMN, -10_000, 10_000),
                    c.bool("header", Defaults.CSV_HEADER), delimiter.charAt(0),
                    c.integer("numClasses", 0, 0, 100_000), targetColumn);
        } else if (s.has("csv")) {
            throw s.error("csv", s.value("csv"), "only used with name: csv");
        }
        if (name == DatasetName.SYNTHETIC) {
            Section g = s.section("synthetic");
            SyntheticShape shape = g.choice("shape", SyntheticShape.class, Defaults.SYNTHETIC_SHAPE);
            if (shape.regression() && g.has("classes")) {
                throw g.error("classes", g.value("classes"), "friedman1 is a regression (one real target); "
                        + "classes applies to blobs and spirals");
            }
            if (shape.regression() && g.has("labelNoise")) {
                throw g.error("labelNoise", g.value("labelNoise"), "friedman1 has no labels to flip; its noise "
                        + "is the standard deviation added to the target");
            }
            int features = g.integer("features", shape.regression() ? Defaults.FRIEDMAN_FEATURES
                    : Defaults.SYNTHETIC_FEATURES, shape.regression() ? 5 : 2, 100_000);
            synthetic = new SyntheticConfig(shape, features,
                    g.integer("classes", Defaults.SYNTHETIC_CLASSES, 2, 1000),
                    g.number("noise", Defaults.SYNTHETIC_NOISE, NON_NEGATIVE, NON_NEGATIVE_ALLOWED),
                    g.number("labelNoise", 0, d -> d >= 0 && d < 1, "a fraction of labels must be in [0, 1)"));
        } else if (s.has("synthetic")) {
            throw s.error("synthetic", s.value("synthetic"), "only used with name: synthetic");
        }
        return new DatasetConfig(name, source, path, trainSize, validationSize, testSize, splitSeed, normalize,
                augment, csv, synthetic, task, folds, standardizeTarget);
    }

    /**
     * The dataset's task: {@code dataset.task} where given, else what the data is (diabetes and synthetic friedman1
     * are regressions, the rest classifications); a task the data cannot be is an error.
     */
    private static Task task(Section s, DatasetName name) {
        Task natural = switch (name) {
            case DIABETES -> Task.REGRESSION;
            case SYNTHETIC -> {
                SyntheticShape shape = s.section("synthetic").choice("shape", SyntheticShape.class,
                        Defaults.SYNTHETIC_SHAPE);
                yield shape.regression() ? Task.REGRESSION : Task.CLASSIFICATION;
            }
            default -> Task.CLASSIFICATION;
        };
        Task task = s.choice("task", Task.class, natural.yamlName());
        if (task != natural && name != DatasetName.CSV) {
            String what = switch (name) {
                case DIABETES -> "diabetes is a regression dataset (its target is a disease progression score)";
                case SYNTHETIC -> "synthetic shape " + s.section("synthetic").value("shape") + " generates "
                        + (natural == Task.REGRESSION ? "a real-valued target" : "classes")
                        + "; regression: shape friedman1, classification: blobs or spirals";
                default -> name.yamlName() + " holds class labels; regression data comes from name: csv (with "
                        + "csv.targetColumn), diabetes or synthetic friedman1";
            };
            throw s.error("task", task.yamlName(), what);
        }
        return task;
    }

    private static ModelConfig model(Section s, DatasetConfig dataset) {
        ModelType type = s.choice("type", ModelType.class, Defaults.MODEL_TYPE);
        if (type == ModelType.CNN && !dataset.isImage()) {
            throw s.error("type", "cnn", "cnn needs an image dataset (fashion-mnist or mnist); use mlp for "
                    + dataset.name().yamlName());
        }
        int[] defHidden = type == ModelType.CNN ? Defaults.CNN_HIDDEN : Defaults.MLP_HIDDEN;
        List<Integer> hidden = s.integers("hidden", Arrays.stream(defHidden).boxed().toList(), 1, 1_000_000);
        List<ConvBlock> conv = new ArrayList<>();
        if (type == ModelType.CNN) {
            List<Section> blocks = s.sections("conv");
            if (blocks.isEmpty()) {
                throw s.error("conv", s.value("conv"), "a cnn needs at least one conv block, e.g. "
                        + "[{filters: 32, kernel: 3}, {filters: 64, kernel: 3}]");
            }
            int spatial = 28;
            for (Section b : blocks) {
                if (!b.has("filters")) {
                    throw b.error("filters", null, "required: the number of output channels");
                }
                ConvBlock block = new ConvBlock(b.integer("filters", 0, 1, 4096),
                        b.integer("kernel", Defaults.CONV_KERNEL, 1, 28), b.integer("stride", Defaults.CONV_STRIDE, 1, 28),
                        b.integer("pool", Defaults.CONV_POOL, 1, 28));
                spatial = (spatial + block.stride() - 1) / block.stride() / block.pool();
                if (spatial < 1) {
                    throw new ConfigException(b.error("pool", block.pool(), "").getMessage()
                            .replaceFirst(": $", ": the blocks shrink 28×28 inputs below 1×1; use fewer pooling "
                                    + "blocks or pool: 1"));
                }
                conv.add(block);
            }
        } else if (s.has("conv")) {
            throw s.error("conv", s.value("conv"), "conv blocks need type: cnn");
        }
        Activation activation = s.choice("activation", Activation.class, Defaults.ACTIVATION);
        double inputDropout = s.number("inputDropout", 0, DROP, DROP_ALLOWED);
        double dropout = s.number("dropout", 0, DROP, DROP_ALLOWED);
        List<Double> layerDropout = List.of();
        if (s.has("layerDropout")) {
            layerDropout = s.numbers("layerDropout", DROP, DROP_ALLOWED);
            int blocks = conv.size() + hidden.size();
            if (layerDropout.size() != blocks) {
                throw s.error("layerDropout", s.value("layerDropout"), "needs one drop probability per block ("
                        + blocks + ": " + (conv.isEmpty() ? "" : conv.size() + " conv, then ") + hidden.size()
                        + " dense)");
            }
        }
        DropoutType dropoutType = s.choice("dropoutType", DropoutType.class, Defaults.DROPOUT_TYPE);
        if (dropoutType == DropoutType.SPATIAL && type != ModelType.CNN) {
            throw s.error("dropoutType", "spatial", "spatial dropout drops whole channels of conv layers; "
                    + "an mlp has none (use bernoulli, gaussian or alpha)");
        }
        BatchNorm batchNorm = s.choice("batchNorm", BatchNorm.class, Defaults.BATCH_NORM);
        DropoutPosition position = s.choice("dropoutPosition", DropoutPosition.class, Defaults.DROPOUT_POSITION);
        return new ModelConfig(type, hidden, conv, activation, inputDropout, dropout, layerDropout, dropoutType,
                batchNorm, position);
    }

    private static RegularizationConfig regularization(Section s) {
        double l1 = s.number("l1", 0, NON_NEGATIVE, NON_NEGATIVE_ALLOWED);
        double l2 = s.number("l2", 0, NON_NEGATIVE, NON_NEGATIVE_ALLOWED);
        double weightDecay = s.number("weightDecay", 0, NON_NEGATIVE, NON_NEGATIVE_ALLOWED);
        double maxNorm = s.number("maxNorm", 0, NON_NEGATIVE, NON_NEGATIVE_ALLOWED);
        if (l2 > 0 && weightDecay > 0) {
            throw s.error("weightDecay", weightDecay, "l2 (coupled, added to the gradient) and weightDecay "
                    + "(decoupled, AdamW-style) exclude each other: DL4J keeps only one per layer. Set l2: 0 or "
                    + "weightDecay: 0 (l2 = " + l2 + ")");
        }
        return new RegularizationConfig(l1, l2, weightDecay, maxNorm);
    }

    private static TrainingConfig training(Section s, DatasetConfig dataset) {
        int epochs = s.integer("epochs", Defaults.EPOCHS, 1, 100_000);
        int batchSize = s.integer("batchSize", Defaults.BATCH_SIZE, 1, 1_000_000);
        Section o = s.section("optimizer");
        Optimizer type = o.choice("type", Optimizer.class, Defaults.OPTIMIZER);
        double defaultLr = type == Optimizer.ADAM ? Defaults.LEARNING_RATE_ADAM : Defaults.LEARNING_RATE_SGD;
        double lr = o.number("learningRate", defaultLr, d -> d > 0 && d <= 100, "a learning rate must be in (0, 100]");
        double momentum = o.number("momentum", Defaults.MOMENTUM, d -> d >= 0 && d < 1, "momentum must be in [0, 1)");
        if (o.has("momentum") && type != Optimizer.NESTEROVS) {
            throw o.error("momentum", o.value("momentum"), "only nesterovs uses momentum (type is " + type.yamlName() + ")");
        }
        int patience = s.section("earlyStopping").integer("patience", 0, 0, 100_000);
        if (patience > 0 && dataset.validationSize() == 0 && dataset.folds() == 0) {
            throw s.section("earlyStopping").error("patience", patience, "early stopping watches the validation "
                    + "loss; set dataset.validationSize > 0 or patience: 0");
        }
        int trainEval = s.integer("trainEvalSamples", Defaults.TRAIN_EVAL_SAMPLES, 0, MAX_SIZE);
        boolean bnDiagnostics = s.bool("bnDiagnostics", Defaults.BN_DIAGNOSTICS);
        boolean regression = dataset.isRegression();
        if (bnDiagnostics && regression) {
            throw s.error("bnDiagnostics", true, "the BN diagnostics compare train-mode and inference-mode "
                    + "accuracy, which a regression does not have; remove it (or set it to false)");
        }
        Loss loss = s.choice("loss", Loss.class, regression ? Defaults.REGRESSION_LOSS : Loss.CROSS_ENTROPY.yamlName());
        if (regression == (loss == Loss.CROSS_ENTROPY)) {
            throw s.error("loss", loss.yamlName(), regression
                    ? "cross-entropy needs classes; a regression (dataset.task: regression) trains on mse, mae or huber"
                    : "a regression loss; this dataset is a classification (dataset.task: classification), which "
                    + "trains on cross-entropy. For a regression set dataset.task: regression");
        }
        return new TrainingConfig(epochs, batchSize, new OptimizerConfig(type, lr, momentum), patience, trainEval,
                bnDiagnostics, loss);
    }

    /** {@code seeds: {initial: N or [list], max: M, step: S}}. */
    private static AdaptiveSeeds adaptiveSeeds(Section s) {
        if (!s.has("initial") || !s.has("max")) {
            throw s.error(s.has("initial") ? "max" : "initial", null, "adaptive seeds need initial (a count or a "
                    + "list of seeds, at least 2) and max (the most seeds per variant), e.g. seeds: {initial: 3, "
                    + "max: 12}; or give a plain list of seeds, e.g. seeds: [1, 2, 3]");
        }
        List<Long> initial;
        if (s.value("initial") instanceof List) {
            initial = seedList(s, "initial");
        } else {
            int count = s.integer("initial", 3, 2, AdaptiveSeeds.MAX_SEEDS - 1);
            initial = new ArrayList<>();
            for (long seed = 1; seed <= count; seed++) {
                initial.add(seed);
            }
        }
        if (initial.size() < 2) {
            throw s.error("initial", s.value("initial"), "needs at least 2 seeds: a comparison needs 2 per side");
        }
        int max = s.integer("max", 0, 1, AdaptiveSeeds.MAX_SEEDS);
        if (max <= initial.size()) {
            throw s.error("max", max, "must be more than the " + initial.size() + " initial seeds (at most "
                    + AdaptiveSeeds.MAX_SEEDS + ")");
        }
        int step = s.integer("step", 1, 1, max - initial.size());
        return new AdaptiveSeeds(initial, max, step);
    }

    private static List<Long> seeds(Section root) {
        if (!root.has("seeds")) {
            return Arrays.stream(Defaults.SEEDS).boxed().toList();
        }
        return seedList(root, "seeds");
    }

    /** A list of distinct integer seeds under {@code key}. */
    private static List<Long> seedList(Section s, String key) {
        List<?> list = s.list(key);
        if (list.isEmpty()) {
            throw s.error(key, list, "needs at least one seed, e.g. [1, 2, 3]");
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            long seed = s.checkInteger(s.child(key) + "[" + i + "]", list.get(i), Long.MIN_VALUE, Long.MAX_VALUE);
            if (seeds.contains(seed)) {
                throw s.error(key + "[" + i + "]", seed, "duplicate seed; replicates need distinct seeds");
            }
            seeds.add(seed);
        }
        return seeds;
    }

    private static SweepConfig sweep(Section root, RawConfig raw) {
        if (!root.has("sweep")) {
            return SweepConfig.NONE;
        }
        Section s = root.section("sweep");
        SweepMode mode = s.choice("mode", SweepMode.class, Defaults.SWEEP_MODE);
        Object axesValue = s.value("axes");
        if (!(axesValue instanceof Map<?, ?> axesMap) || axesMap.isEmpty()) {
            throw s.error("axes", axesValue, "needs at least one axis: key path → list of values, e.g. "
                    + "{model.dropout: [0.0, 0.5]}");
        }
        List<String> sweepable = Schema.sweepablePaths();
        DatasetConfig baseData = bindVariant(raw).dataset();
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : axesMap.entrySet()) {
            String axis = String.valueOf(e.getKey());
            String at = "sweep.axes." + axis;
            if (!sweepable.contains(axis)) {
                String hint = Schema.closest(axis, sweepable);
                String why = axis.equals("seeds") || axis.startsWith("seeds")
                        ? "seeds are replicates, not a sweep axis; list them under seeds"
                        : "not a key path of the schema" + (hint != null ? "; did you mean '" + hint + "'?" : "")
                        + " Sweepable: dataset.*, model.*, regularization.*, training.* (e.g. model.dropout)";
                throw new ConfigException(raw.message(at, null, why));
            }
            if (axis.equals("dataset.task") || axis.equals("dataset.folds")) {
                throw new ConfigException(raw.message(at, null, "not sweepable: every variant of an experiment "
                        + "shares its task and its cross-validation folds (they fix what is measured and how); "
                        + "run one experiment per task or fold count"));
            }
            if (!(e.getValue() instanceof List<?> values) || values.isEmpty()) {
                throw new ConfigException(raw.message(at, e.getValue(), "must be a non-empty list of values, e.g. [" 
                        + RawConfig.render(e.getValue()) + "]"));
            }
            for (int i = 0; i < values.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (sameValue(values.get(i), values.get(j))) {
                        throw new ConfigException(raw.message(at + "[" + i + "]", values.get(i),
                                "duplicate value (same as [" + j + "]); each axis value must be distinct"));
                    }
                }
                // Check each value alone on the base config, so that its error names this entry.
                DatasetConfig data = bindVariant(raw.with(axis, values.get(i), at + "[" + i + "]",
                        raw.lineOf(at + "[" + i + "]"))).dataset();
                if (data.task() != baseData.task() || data.folds() != baseData.folds()) {
                    throw new ConfigException(raw.message(at + "[" + i + "]", values.get(i), "gives a "
                            + data.task().yamlName() + (data.folds() > 0 ? " with " + data.folds() + " folds" : "")
                            + " where the base config is a " + baseData.task().yamlName()
                            + (baseData.folds() > 0 ? " with " + baseData.folds() + " folds" : "")
                            + "; every variant of an experiment shares its task and folds"));
                }
            }
            axes.put(axis, new ArrayList<>(values));
        }
        int gridSize = axes.values().stream().mapToInt(List::size).reduce(1, Math::multiplyExact);
        int samples = 0;
        if (mode == SweepMode.RANDOM) {
            if (!s.has("samples")) {
                throw s.error("samples", null, "random mode needs samples: the number of grid points to draw (the grid has "
                        + gridSize + ")");
            }
            samples = s.integer("samples", Defaults.RANDOM_SAMPLES, 1, gridSize);
        } else if (s.has("samples")) {
            throw s.error("samples", s.value("samples"), "only used with mode: random");
        }
        long seed = s.integerValue("seed", Defaults.SWEEP_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        return new SweepConfig(mode, samples, seed, axes);
    }

    private static Map<String, Object> baseline(Section root, SweepConfig sweep) {
        if (!root.has("baseline")) {
            return Map.of();
        }
        Object v = root.value("baseline");
        if (!(v instanceof Map<?, ?> map)) {
            throw root.error("baseline", v, "must map sweep axes to their baseline values, e.g. {model.dropout: 0.0}");
        }
        Map<String, Object> baseline = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String axis = String.valueOf(e.getKey());
            List<Object> values = sweep.axes().get(axis);
            if (values == null) {
                String hint = Schema.closest(axis, sweep.axes().keySet());
                throw root.error("baseline." + axis, null, "not a sweep axis"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "") + " Axes: "
                        + String.join(", ", sweep.axes().keySet()));
            }
            Object chosen = values.stream().filter(x -> sameValue(x, e.getValue())).findFirst().orElse(null);
            if (chosen == null && sweep.mode() != SweepMode.ONE_AT_A_TIME) {
                throw root.error("baseline." + axis, e.getValue(), "not one of the axis values "
                        + RawConfig.render(values));
            }
            baseline.put(axis, chosen != null ? chosen : e.getValue());
        }
        return baseline;
    }

    private static List<Expectation> expectations(Section root, SweepConfig sweep, Task task) {
        if (!root.has("expect")) {
            return List.of();
        }
        List<Expectation> out = new ArrayList<>();
        for (Section e : root.sections("expect")) {
            String claim = e.string("claim", null);
            if (claim == null || claim.isBlank()) {
                throw e.error("claim", claim, "required: the claim in words, e.g. \"dropout helps most at 500 "
                        + "training images\"");
            }
            if (!e.has("metric")) {
                throw e.error("metric", null, "required: one of " + Enums.allowed(ExpectMetric.class));
            }
            ExpectMetric metric = e.choice("metric", ExpectMetric.class, null);
            if (metric.task() != null && metric.task() != task) {
                throw e.error("metric", metric.yamlName(), "a " + metric.task().yamlName() + " metric; this "
                        + "experiment is a " + task.yamlName() + " (" + (task == Task.REGRESSION
                        ? "test_rmse, val_rmse, train_rmse, test_mae, val_mae, test_r2, val_r2, gap_loss, test_loss"
                        : "test_acc, val_acc, train_acc, gap_acc, gap_final_acc, epochs_to_val_acc, gap_loss, "
                        + "test_loss") + ")");
            }
            boolean higher = e.has("higher");
            if (higher == e.has("lower")) {
                throw e.error(higher ? "lower" : "higher", null, "an expectation needs exactly one of higher: or "
                        + "lower: (the variants expected to score higher or lower) and than: (the variants they "
                        + "are compared with)");
            }
            if (!e.has("than")) {
                throw e.error("than", null, "required: the variants the " + (higher ? "higher" : "lower")
                        + ": side is compared with, e.g. {model.dropout: 0.0}");
            }
            double threshold = Double.NaN;
            if (metric == ExpectMetric.EPOCHS_TO_VAL_ACC) {
                if (!e.has("threshold")) {
                    throw e.error("threshold", null, "epochs_to_val_acc needs threshold: the validation accuracy "
                            + "to reach, a fraction in (0, 1], e.g. 0.80");
                }
                threshold = e.number("threshold", 0, d -> d > 0 && d <= 1, "a validation accuracy must be a "
                        + "fraction in (0, 1], e.g. 0.80");
            } else if (e.has("threshold")) {
                throw e.error("threshold", e.value("threshold"), "only used with metric: epochs_to_val_acc");
            }
            double rope = e.has("rope") ? e.number("rope", 0, NON_NEGATIVE, ROPE_ALLOWED) : Double.NaN;
            String side = higher ? "higher" : "lower";
            Map<String, Object> subject = selector(e, side, sweep);
            Map<String, Object> than = selector(e, "than", sweep);
            if (subject.keySet().equals(than.keySet()) && subject.keySet().stream()
                    .allMatch(a -> sameValue(subject.get(a), than.get(a)))) {
                throw e.error("than", e.value("than"), "selects the same variants as " + side + ":; a claim "
                        + "compares two different settings");
            }
            out.add(new Expectation(claim, metric, higher ? Expectation.Direction.HIGHER
                    : Expectation.Direction.LOWER, subject, than, threshold, rope));
        }
        return out;
    }

    private static final String ROPE_ALLOWED = "the half-width of the region of practical equivalence: a finite "
            + "number >= 0 in points of the metric (percentage points for accuracies, e.g. 0.5)";

    /** The {@code statistics:} section; its defaults when absent. */
    private static StatisticsConfig statistics(Section root) {
        if (!root.has("statistics")) {
            return StatisticsConfig.DEFAULT;
        }
        Section s = root.section("statistics");
        double rope = s.has("rope") ? s.number("rope", 0, NON_NEGATIVE, ROPE_ALLOWED) : Double.NaN;
        return new StatisticsConfig(rope, s.choice("correction", Enums.Correction.class, "holm"));
    }

    /** A selector: some sweep axes, each with one of its values (the axis's own value object is kept). */
    private static Map<String, Object> selector(Section e, String key, SweepConfig sweep) {
        Object v = e.value(key);
        if (!(v instanceof Map<?, ?> map) || map.isEmpty()) {
            throw e.error(key, v, "must map sweep axes to one of their values, e.g. {model.dropout: 0.5}"
                    + (sweep.axes().isEmpty() ? "; this experiment has no sweep axes to select from"
                    : " (axes: " + String.join(", ", sweep.axes().keySet()) + ")"));
        }
        Map<String, Object> selector = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String axis = String.valueOf(entry.getKey());
            List<Object> values = sweep.axes().get(axis);
            if (values == null) {
                String hint = Schema.closest(axis, sweep.axes().keySet());
                throw e.error(key + "." + axis, entry.getValue(), "not a sweep axis"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "") + " Axes: "
                        + (sweep.axes().isEmpty() ? "none" : String.join(", ", sweep.axes().keySet())));
            }
            Object chosen = values.stream().filter(x -> sameValue(x, entry.getValue())).findFirst().orElse(null);
            if (chosen == null) {
                throw e.error(key + "." + axis, entry.getValue(), "not one of the axis values "
                        + RawConfig.render(values));
            }
            selector.put(axis, chosen);
        }
        return selector;
    }

    /** YAML value equality where numbers compare by value (0 equals 0.0). */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!sameValue(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (!ma.keySet().equals(mb.keySet())) {
                return false;
            }
            return ma.keySet().stream().allMatch(k -> sameValue(ma.get(k), mb.get(k)));
        }
        return java.util.Objects.equals(a, b);
    }
}
