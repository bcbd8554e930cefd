package io.ablate4j.config;

import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.Schema.Dataset;
import java.util.Map;

/**
 * Which data a trial trains on and how it is split, normalized and augmented. Equal configs load
 * equal data: a run loads each distinct one once and shares it read-only between trials.
 *
 * @param name           the dataset
 * @param source         for image datasets: bundled subset, full files found automatically, or {@code path}
 * @param path           directory of IDX files when {@code source} is path; null otherwise
 * @param trainSize      training examples, drawn stratified from the training file
 * @param validationSize validation examples, held out from the training file (never from test)
 * @param testSize       test examples, drawn stratified from the test file; 0 keeps the whole test file
 * @param splitSeed      seed of the subset and split draw; fixed across trials so that variants see the same data
 * @param normalize      input normalization, fitted on the training split only
 * @param augment        training-batch augmentation (images only)
 * @param csv            CSV settings when name is csv, else null
 * @param synthetic      generator settings when name is synthetic, else null
 * @param task           classification (class labels) or regression (a real-valued target)
 * @param folds          k-fold cross-validation over the trainSize examples (each fold in turn validates, the
 *                       others train); 0 = none, a single held-out validation split instead
 * @param standardizeTarget regression: train on (y − mean) / std of the training split's targets; the RMSE and
 *                       MAE are still reported in the target's own units
 * @param image          image size and channels ({@code name: images}), CIFAR-100's labels; null for other datasets
 *                       (an images or cifar100 dataset without one gets the defaults)
 */
public record DatasetConfig(DatasetName name, DataSource source, String path, int trainSize, int validationSize,
                            int testSize, long splitSeed, Normalization normalize, AugmentConfig augment,
                            CsvConfig csv, SyntheticConfig synthetic, Task task, int folds,
                            boolean standardizeTarget, ImageConfig image) {
    /**
     * Checks every value and the rules between them (folds and validationSize, the task the data can be, where
     * images come from, a CSV file's target).
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public DatasetConfig {
        if (augment == null) {
            augment = AugmentConfig.NONE;
        }
        if (task == null) {
            task = Task.CLASSIFICATION;
        }
        Dataset.NAME.check(name);
        Dataset.NORMALIZE.check(normalize);
        Dataset.TRAIN_SIZE.check(trainSize);
        Dataset.VALIDATION_SIZE.check(validationSize);
        Dataset.TEST_SIZE.check(testSize);
        Dataset.FOLDS.check(folds);
        if (folds == 1) {
            throw new ConfigException(Dataset.FOLDS.path(), 1, "k-fold cross-validation needs K >= 2 folds (0 = off: "
                    + "a single held-out validation split)");
        }
        if (folds > 0 && validationSize > 0) {
            throw new ConfigException(Dataset.VALIDATION_SIZE.path(), validationSize, "folds and validationSize "
                    + "exclude each other: with folds: " + folds + " each fold of the trainSize examples validates in "
                    + "turn; remove validationSize (or set it to 0), or remove folds");
        }
        if (folds > trainSize) {
            throw new ConfigException(Dataset.FOLDS.path(), folds, "more folds than the " + trainSize + " training "
                    + "examples (trainSize); use at most " + trainSize + ", typically 5 or 10");
        }
        if (name == DatasetName.FASHION_MNIST || name == DatasetName.MNIST) {
            checkImageSource(name, source, path);
        }
        image = ImageSources.check(name, source, path, image);
        checkTask(name, task, synthetic);
        if (standardizeTarget && task != Task.REGRESSION) {
            throw new ConfigException(Dataset.STANDARDIZE_TARGET.path(), true, "standardizes a regression target; "
                    + name.yamlName() + " is a classification dataset here (task: classification)");
        }
        if (name == DatasetName.CSV) {
            checkCsv(csv, task);
        }
    }

    private static void checkImageSource(DatasetName name, DataSource source, String path) {
        if (source == DataSource.BUNDLED && name == DatasetName.MNIST) {
            throw new ConfigException(Dataset.SOURCE.path(), source, "only fashion-mnist has a bundled subset; use "
                    + "source: auto or source: path with the MNIST IDX files");
        }
        if (source == DataSource.PATH && (path == null || path.isBlank())) {
            throw new ConfigException(Dataset.PATH.path(), null, "source: path needs a directory holding the IDX "
                    + "files");
        }
        if (source != DataSource.PATH && path != null) {
            throw new ConfigException(Dataset.PATH.path(), path, "only used with source: path");
        }
    }

    /**
     * The task must be what the data is (diabetes and synthetic friedman1 are regressions, the rest
     * classifications), except for CSV files, which can be either.
     */
    private static void checkTask(DatasetName name, Task task, SyntheticConfig synthetic) {
        Task natural = naturalTask(name, synthetic);
        if (task == natural || name == DatasetName.CSV) {
            return;
        }
        String what = switch (name) {
            case DIABETES -> "diabetes is a regression dataset (its target is a disease progression score)";
            case SYNTHETIC -> "synthetic shape " + (synthetic == null ? "blobs" : synthetic.shape().yamlName())
                    + " generates " + (natural == Task.REGRESSION ? "a real-valued target" : "classes")
                    + "; regression: shape friedman1, classification: blobs or spirals";
            default -> name.yamlName() + " holds class labels; regression data comes from name: csv (with "
                    + "csv.targetColumn), diabetes or synthetic friedman1";
        };
        throw new ConfigException(Dataset.TASK.path(), task, what);
    }

    /** What the data is when {@code dataset.task} does not say: diabetes and friedman1 are regressions. */
    static Task naturalTask(DatasetName name, SyntheticConfig synthetic) {
        return switch (name) {
            case DIABETES -> Task.REGRESSION;
            case SYNTHETIC -> synthetic != null && synthetic.shape().regression() ? Task.REGRESSION
                    : Task.CLASSIFICATION;
            default -> Task.CLASSIFICATION;
        };
    }

    /** A CSV file names a regression's target with targetColumn and a classification's with labelColumn. */
    private static void checkCsv(CsvConfig csv, Task task) {
        if (csv == null) {
            throw new ConfigException(Dataset.CSV.path(), null, "name: csv needs a csv section with at least "
                    + "trainFile");
        }
        if (task == Task.CLASSIFICATION && csv.targetColumn() != null) {
            throw new ConfigException(Schema.Csv.TARGET_COLUMN.path(), csv.targetColumn(), "the target of a "
                    + "regression; this dataset is a classification (set task: regression, or name the class column "
                    + "with labelColumn)");
        }
        if (task == Task.REGRESSION && csv.targetColumn() == null) {
            throw new ConfigException(Schema.Csv.TARGET_COLUMN.path(), null, "a regression (task: regression) "
                    + "names its target column: a header name or a zero-based column index (-1 = last)");
        }
        if (csv.targetColumn() != null && !csv.targetColumn().matches("-?\\d+") && !csv.header()) {
            throw new ConfigException(Schema.Csv.TARGET_COLUMN.path(), csv.targetColumn(), "a column name needs "
                    + "header: true; without a header give a zero-based index");
        }
    }

    /** A classification dataset without cross-validation. */
    public DatasetConfig(DatasetName name, DataSource source, String path, int trainSize, int validationSize,
                         int testSize, long splitSeed, Normalization normalize, AugmentConfig augment,
                         CsvConfig csv, SyntheticConfig synthetic) {
        this(name, source, path, trainSize, validationSize, testSize, splitSeed, normalize, augment, csv, synthetic,
                Task.CLASSIFICATION, 0, false);
    }

    /** A dataset whose images, if any, are read with the defaults (see {@link ImageConfig}). */
    public DatasetConfig(DatasetName name, DataSource source, String path, int trainSize, int validationSize,
                         int testSize, long splitSeed, Normalization normalize, AugmentConfig augment,
                         CsvConfig csv, SyntheticConfig synthetic, Task task, int folds, boolean standardizeTarget) {
        this(name, source, path, trainSize, validationSize, testSize, splitSeed, normalize, augment, csv, synthetic,
                task, folds, standardizeTarget, null);
    }

    /** Whether the target is real-valued. */
    public boolean isRegression() {
        return task == Task.REGRESSION;
    }

    /** Whether the examples are images: fashion-mnist, mnist, cifar10, cifar100 or a folder of images. */
    public boolean isImage() {
        return ImageSources.isImage(name);
    }

    /**
     * The shape of the examples where the config alone says it: 28×28×1 for fashion-mnist and mnist, 32×32×3 for
     * CIFAR, {@code imageSize} × {@code channels} for a folder that sets both; null otherwise (not images, or the
     * files decide: then it is known once the data is loaded).
     */
    public ImageShape imageShape() {
        return ImageSources.shape(name, image);
    }

    /** The classes where the config alone says how many (IDX sets and CIFAR-10: 10; CIFAR-100: 100 or 20); else 0. */
    public int knownClasses() {
        return ImageSources.classes(name, image);
    }

    /** The same data without augmentation: the key under which loaded data is shared. */
    public DatasetConfig withoutAugmentation() {
        return new DatasetConfig(name, source, path, trainSize, validationSize, testSize, splitSeed, normalize,
                AugmentConfig.NONE, csv, synthetic, task, folds, standardizeTarget, image);
    }

    Map<String, Object> toMap() {
        // task, folds and standardizeTarget only when not the default, so that classification configs keep the
        // canonical map, ids and hashes they had before these keys existed.
        Keys.Writer w = Dataset.KEYS.writer()
                .put(Dataset.NAME, name)
                .putIf(task != Task.CLASSIFICATION, Dataset.TASK, task)
                .putIf(folds > 0, Dataset.FOLDS, folds)
                .putIf(standardizeTarget, Dataset.STANDARDIZE_TARGET, true)
                .putIf(ImageSources.hasSource(name), Dataset.SOURCE, source)
                .putIf(isImage() && path != null, Dataset.PATH, path)
                .putIf(image != null && image.size() != null, Dataset.IMAGE_SIZE, image == null ? null : image.size())
                .putIf(image != null && image.channels() != 0, Dataset.CHANNELS, image == null ? 0 : image.channels())
                .putIf(image != null && image.labels() != null, Dataset.LABELS, image == null ? null : image.labels())
                .put(Dataset.TRAIN_SIZE, trainSize)
                .put(Dataset.VALIDATION_SIZE, validationSize)
                .put(Dataset.TEST_SIZE, testSize)
                .put(Dataset.SPLIT_SEED, splitSeed)
                .put(Dataset.NORMALIZE, normalize)
                .put(Dataset.AUGMENT, augment.toMap());
        if (csv != null) {
            w.put(Dataset.CSV, csv.toMap());
        }
        if (synthetic != null) {
            w.put(Dataset.SYNTHETIC, synthetic.toMap());
        }
        return w.toMap();
    }
}
