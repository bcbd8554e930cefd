package io.ablate4j.config;

import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.Schema.Dataset;
import java.nio.file.Path;
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
 * @param dataClass      {@code name: java}: the {@code io.ablate4j.data.ExampleSource} class; null otherwise
 * @param configDir      the directory relative paths ({@code csv.trainFile}, {@code csv.testFile}, {@code path}) are
 *                       resolved against: the config file's; null resolves them against the working directory. Kept
 *                       only when the dataset has a relative path (data without one is the same data wherever its
 *                       config lies, and is loaded once for all of them). Not part of the resolved config
 *                       ({@link #toMap}): ids and hashes do not depend on where a config lies, while two configs
 *                       naming {@code data.csv} in different directories load different data
 * @param image          image size and channels ({@code name: images}), CIFAR-100's labels; null for other datasets
 *                       (an images or cifar100 dataset without one gets the defaults)
 *
 * <p>Data whose size ablate4j learns only when it reads it (csv files, a java data class, a folder of images:
 * {@link #sizesFromData()}) may leave its sizes to the data: {@code trainSize} {@link #REST} is every example of the
 * training file (or folder) the other splits leave, {@code validationSize} and {@code testSize} {@link #SHARE} are
 * {@link Dataset#TABLE_SHARE} of its examples (the test split only when it comes from the training file; a test file,
 * or a folder's {@code test/}, gives all its examples by default).
 */
public record DatasetConfig(DatasetName name, DataSource source, String path, int trainSize, int validationSize,
                            int testSize, long splitSeed, Normalization normalize, AugmentConfig augment,
                            CsvConfig csv, SyntheticConfig synthetic, Task task, int folds,
                            boolean standardizeTarget, String dataClass, Path configDir,
                            ImageConfig image) {
    /** {@code trainSize} of a table that does not give it: every row of the training file the other splits leave. */
    public static final int REST = 0;
    /** {@code validationSize} or {@code testSize} of a table that does not give it: {@link Dataset#TABLE_SHARE} of the rows. */
    public static final int SHARE = -1;
    private static final String JAVA_NAME = "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*";

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
        if (!relative(path) && (csv == null || !relative(csv.trainFile()) && !relative(csv.testFile()))) {
            // Only relative paths depend on it: data without them is the same data wherever its config lies
            configDir = null;
        }
        Dataset.NAME.check(name);
        Dataset.NORMALIZE.check(normalize);
        boolean table = sizesFromData(name);
        if (!table || trainSize != REST) {
            Dataset.TRAIN_SIZE.check(trainSize);
        }
        if (!table || validationSize != SHARE) {
            Dataset.VALIDATION_SIZE.check(validationSize);
        }
        if (!table || testSize != SHARE) {
            Dataset.TEST_SIZE.check(testSize);
        }
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
        if (folds > trainSize && trainSize != REST) {
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
        checkJava(name, dataClass);
    }

    private static boolean relative(String file) {
        return file != null && !file.isBlank() && !Path.of(file).isAbsolute();
    }

    /** {@code name: java} names its class, and only it. */
    private static void checkJava(DatasetName name, String dataClass) {
        if (name == DatasetName.JAVA && (dataClass == null || dataClass.isBlank())) {
            throw new ConfigException(Dataset.CLASS.path(), null, "name: java needs the class that hands over the "
                    + "examples: a fully qualified io.ablate4j.data.ExampleSource class, its jar on --classpath");
        }
        if (name == DatasetName.JAVA && !dataClass.matches(JAVA_NAME)) {
            throw new ConfigException(Dataset.CLASS.path(), dataClass, "not a Java class name; give the fully "
                    + "qualified name, e.g. com.example.MyData");
        }
        if (name != DatasetName.JAVA && dataClass != null) {
            throw new ConfigException(Dataset.CLASS.path(), dataClass, "only used with name: java");
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
     * classifications), except for CSV files and java data, which can be either.
     */
    private static void checkTask(DatasetName name, Task task, SyntheticConfig synthetic) {
        Task natural = naturalTask(name, synthetic);
        if (task == natural || name == DatasetName.CSV || name == DatasetName.JAVA) {
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
        if (!CsvConfig.isIndex(csv.labelColumn()) && !csv.header()) {
            throw new ConfigException(Schema.Csv.LABEL_COLUMN.path(), csv.labelColumn(), "a column name needs "
                    + "header: true; without a header give a zero-based index");
        }
        for (int i = 0; i < csv.categorical().size(); i++) {
            if (!CsvConfig.isIndex(csv.categorical().get(i)) && !csv.header()) {
                throw new ConfigException(Schema.Csv.CATEGORICAL.path() + "[" + i + "]", csv.categorical().get(i),
                        "a column name needs header: true; without a header give a zero-based index");
            }
        }
        if (task == Task.REGRESSION && csv.numClasses() > 0) {
            throw new ConfigException(Schema.Csv.NUM_CLASSES.path(), csv.numClasses(), "a classification key; a "
                    + "regression's target has no classes");
        }
    }

    /** A dataset of built-in data, relative paths resolved against the working directory. */
    public DatasetConfig(DatasetName name, DataSource source, String path, int trainSize, int validationSize,
                         int testSize, long splitSeed, Normalization normalize, AugmentConfig augment,
                         CsvConfig csv, SyntheticConfig synthetic, Task task, int folds, boolean standardizeTarget) {
        this(name, source, path, trainSize, validationSize, testSize, splitSeed, normalize, augment, csv, synthetic,
                task, folds, standardizeTarget, null, null);
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
                         CsvConfig csv, SyntheticConfig synthetic, Task task, int folds, boolean standardizeTarget,
                         String dataClass, Path configDir) {
        this(name, source, path, trainSize, validationSize, testSize, splitSeed, normalize, augment, csv, synthetic,
                task, folds, standardizeTarget, dataClass, configDir, null);
    }

    /**
     * Whether this is a table whose size is learnt when it is read (csv files, a java data class): its sizes may be
     * left to the data ({@link #REST}, {@link #SHARE}) and it is standardized by default.
     */
    public boolean userTable() {
        return name == DatasetName.CSV || name == DatasetName.JAVA;
    }

    /**
     * Whether the sizes may be left to the data ({@link #REST}, {@link #SHARE}): a user's table ({@link #userTable()})
     * or a folder of images, whose number of examples is known once it is read.
     */
    public boolean sizesFromData() {
        return sizesFromData(name);
    }

    static boolean sizesFromData(DatasetName name) {
        return name == DatasetName.CSV || name == DatasetName.JAVA || name == DatasetName.IMAGES;
    }

    /**
     * A path key's value as a file: a relative path against the config file's directory ({@link #configDir}; the
     * working directory when there is none), normalized; relative to the working directory when the config file was
     * named so ({@code configs/x.yaml} and {@code ../data/t.csv} give {@code data/t.csv}), as messages and the
     * manifest show it. The one rule for every path of a config.
     */
    public Path resolve(String file) {
        Path p = Path.of(file);
        if (!p.isAbsolute() && configDir != null) {
            p = configDir.resolve(p);
        }
        return p.normalize();
    }

    /**
     * The path keys this dataset sets (relative to {@code dataset}, e.g. {@code csv.trainFile}) with their values
     * resolved by {@link #resolve} and made absolute: what a copy of the config elsewhere (a trial's
     * {@code config.yaml}) writes so that it reads the same files.
     */
    public Map<String, String> resolvedPaths() {
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        if (path != null) {
            paths.put(Dataset.PATH.name(), absolute(path));
        }
        if (csv != null) {
            paths.put(Dataset.CSV.name() + "." + Schema.Csv.TRAIN_FILE.name(), absolute(csv.trainFile()));
            if (csv.testFile() != null) {
                paths.put(Dataset.CSV.name() + "." + Schema.Csv.TEST_FILE.name(), absolute(csv.testFile()));
            }
        }
        return paths;
    }

    private String absolute(String file) {
        return resolve(file).toAbsolutePath().normalize().toString();
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
                AugmentConfig.NONE, csv, synthetic, task, folds, standardizeTarget, dataClass, configDir, image);
    }

    Map<String, Object> toMap() {
        // task, folds and standardizeTarget only when not the default, so that classification configs keep the
        // canonical map, ids and hashes they had before these keys existed; a table's sizes only when given (left to
        // the data they are defaults the binder gives again).
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
                .putIf(trainSize != REST || !sizesFromData(), Dataset.TRAIN_SIZE, trainSize)
                .putIf(validationSize != SHARE || !sizesFromData(), Dataset.VALIDATION_SIZE, validationSize)
                .putIf(testSize != SHARE || !sizesFromData(), Dataset.TEST_SIZE, testSize)
                .put(Dataset.SPLIT_SEED, splitSeed)
                .put(Dataset.NORMALIZE, normalize)
                .put(Dataset.AUGMENT, augment.toMap());
        if (csv != null) {
            w.put(Dataset.CSV, csv.toMap());
        }
        if (synthetic != null) {
            w.put(Dataset.SYNTHETIC, synthetic.toMap());
        }
        return w.putIf(dataClass != null, Dataset.CLASS, dataClass).toMap();
    }
}
