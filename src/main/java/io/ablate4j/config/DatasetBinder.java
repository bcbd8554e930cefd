package io.ablate4j.config;

import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.Schema.Augment;
import io.ablate4j.config.Schema.Csv;
import io.ablate4j.config.Schema.Dataset;
import io.ablate4j.config.Schema.Synthetic;
import java.util.List;

/**
 * Binds {@code dataset:}. Defaults that depend on other values (diabetes' sizes, friedman1's features, the task the
 * data is) are filled here; which keys belong to which dataset is checked here; the rules between values are the
 * records' own ({@link DatasetConfig}, {@link CsvConfig}, {@link SyntheticConfig}).
 */
final class DatasetBinder {
    private DatasetBinder() {
    }

    static DatasetConfig bind(Section s) {
        DatasetName name = s.get(Dataset.NAME);
        boolean image = name == DatasetName.FASHION_MNIST || name == DatasetName.MNIST;
        DataSource source = DataSource.BUNDLED;
        String path = null;
        if (image) {
            source = s.get(Dataset.SOURCE, s.has(Dataset.PATH) ? DataSource.PATH : Dataset.SOURCE.defaultValue());
            path = s.get(Dataset.PATH);
        } else if (ImageSources.isImage(name)) {
            source = s.get(Dataset.SOURCE, s.has(Dataset.PATH) || name == DatasetName.IMAGES ? DataSource.PATH
                    : DataSource.AUTO);
            path = s.get(Dataset.PATH);
        } else {
            for (Key<?> key : List.of(Dataset.SOURCE, Dataset.PATH)) {
                if (s.has(key)) {
                    throw s.error(key, s.value(key), "only used by image datasets (fashion-mnist, mnist, images, "
                            + "cifar10, cifar100)");
                }
            }
        }
        ImageConfig images = imageKeys(s, name);
        boolean diabetes = name == DatasetName.DIABETES;
        int folds = s.get(Dataset.FOLDS);
        int trainSize = s.get(Dataset.TRAIN_SIZE, diabetes ? Dataset.DIABETES_TRAIN_SIZE
                : Dataset.TRAIN_SIZE.defaultValue());
        int validationSize = s.get(Dataset.VALIDATION_SIZE, folds > 0 ? 0 : diabetes
                ? Dataset.DIABETES_VALIDATION_SIZE : Dataset.VALIDATION_SIZE.defaultValue());
        int testSize = s.get(Dataset.TEST_SIZE, diabetes ? Dataset.DIABETES_TEST_SIZE
                : Dataset.TEST_SIZE.defaultValue());
        long splitSeed = s.get(Dataset.SPLIT_SEED);
        Normalization normalize = s.get(Dataset.NORMALIZE);
        if (DatasetConfig.sizesFromData(name)) {
            // A table's or a folder's sizes default to its own examples (DatasetConfig.sizesFromData); a folder's
            // test/ subfolder, like a csv test file, is all test by default (SHARE there means all of it)
            trainSize = s.has(Dataset.TRAIN_SIZE) ? trainSize : DatasetConfig.REST;
            validationSize = s.has(Dataset.VALIDATION_SIZE) || folds > 0 ? validationSize : DatasetConfig.SHARE;
            boolean testFile = s.section(Dataset.CSV).has(Csv.TEST_FILE);
            testSize = s.has(Dataset.TEST_SIZE) || testFile ? testSize : DatasetConfig.SHARE;
        }
        if (name == DatasetName.CSV || name == DatasetName.JAVA) {
            // A table's normalization defaults to standardize (DatasetConfig.userTable)
            normalize = s.get(Dataset.NORMALIZE, Normalization.STANDARDIZE);
        }
        String dataClass = s.get(Dataset.CLASS);
        Section a = s.section(Dataset.AUGMENT);
        AugmentConfig augment = a.build(() -> new AugmentConfig(a.get(Augment.SHIFT_PIXELS),
                a.get(Augment.FLIP_HORIZONTAL), a.get(Augment.ROTATE_DEGREES), a.get(Augment.CROP_PADDING)));
        if (augment.enabled() && !ImageSources.isImage(name)) {
            throw s.error(Dataset.AUGMENT, s.value(Dataset.AUGMENT), "augmentation applies to image datasets only");
        }
        SyntheticConfig synthetic = null;
        if (name == DatasetName.SYNTHETIC) {
            synthetic = synthetic(s.section(Dataset.SYNTHETIC));
        } else if (s.has(Dataset.SYNTHETIC)) {
            throw s.error(Dataset.SYNTHETIC, s.value(Dataset.SYNTHETIC), "only used with name: synthetic");
        }
        Task task = s.get(Dataset.TASK, DatasetConfig.naturalTask(name, synthetic));
        boolean standardizeTarget = s.get(Dataset.STANDARDIZE_TARGET);
        CsvConfig csv = null;
        if (name == DatasetName.CSV) {
            csv = s.has(Dataset.CSV) ? csv(s.section(Dataset.CSV), task) : null;
        } else if (s.has(Dataset.CSV)) {
            throw s.error(Dataset.CSV, s.value(Dataset.CSV), "only used with name: csv");
        }
        DataSource src = source;
        String dir = path;
        CsvConfig table = csv;
        SyntheticConfig generated = synthetic;
        int train = trainSize;
        int validation = validationSize;
        int test = testSize;
        Normalization normalization = normalize;
        // Relative paths are the config file's: its directory resolves them (DatasetConfig.resolve)
        java.nio.file.Path configDir = java.nio.file.Path.of(s.raw().source()).getParent();
        return s.build(() -> new DatasetConfig(name, src, dir, train, validation, test, splitSeed,
                normalization, augment, table, generated, task, folds, standardizeTarget, dataClass, configDir,
                images));
    }

    /** imageSize and channels (name: images), labels (cifar100); null when none is set. */
    private static ImageConfig imageKeys(Section s, DatasetName name) {
        if (!s.has(Dataset.IMAGE_SIZE) && !s.has(Dataset.CHANNELS) && !s.has(Dataset.LABELS)) {
            return null;
        }
        for (Key<?> key : List.of(Dataset.IMAGE_SIZE, Dataset.CHANNELS)) {
            if (s.has(key) && name != DatasetName.IMAGES) {
                throw s.error(key, s.value(key), "only used with name: images (a folder of one's own images)");
            }
        }
        if (s.has(Dataset.LABELS) && name != DatasetName.CIFAR100) {
            throw s.error(Dataset.LABELS, s.value(Dataset.LABELS), "only used with name: cifar100 (fine or coarse "
                    + "labels)");
        }
        List<Integer> size = s.get(Dataset.IMAGE_SIZE);
        if (size != null && size.size() != 2) {
            throw s.error(Dataset.IMAGE_SIZE, s.value(Dataset.IMAGE_SIZE), "two whole numbers: [height, width]");
        }
        Integer given = s.get(Dataset.CHANNELS);
        int channels = given == null ? 0 : given;
        if (channels == 2) {
            throw s.error(Dataset.CHANNELS, 2, "1 (grey) or 3 (RGB); leave it out to take the files'");
        }
        return s.build(() -> new ImageConfig(size, channels, s.has(Dataset.LABELS) ? s.get(Dataset.LABELS) : null));
    }

    private static CsvConfig csv(Section c, Task task) {
        String delimiter = c.get(Csv.DELIMITER);
        if (delimiter.length() != 1) {
            throw c.error(Csv.DELIMITER, delimiter, "must be a single character, e.g. ',' or ';'");
        }
        String targetColumn = null;
        if (task == Task.REGRESSION) {
            for (Key<?> key : List.of(Csv.LABEL_COLUMN, Csv.NUM_CLASSES)) {
                if (c.has(key)) {
                    throw c.error(key, c.value(key), "a classification key; a regression (task: regression) names "
                            + "its target with targetColumn: a header name or a column index");
                }
            }
            targetColumn = String.valueOf(Csv.LAST_COLUMN);
        }
        Object target = c.value(Csv.TARGET_COLUMN);
        if (target instanceof Number number) {
            targetColumn = String.valueOf(c.checkInteger(c.child(Csv.TARGET_COLUMN.name()), number, -Csv.MAX_INDEX,
                    Csv.MAX_INDEX));
        } else if (target instanceof String text && !text.isBlank()) {
            targetColumn = text;
        } else if (target != null) {
            throw c.error(Csv.TARGET_COLUMN, target, "a header name (needs header: true) or a zero-based column index "
                    + "(negative counts from the end, -1 = last)");
        }
        String column = targetColumn;
        String label = column(c, Csv.LABEL_COLUMN, c.value(Csv.LABEL_COLUMN));
        List<String> categorical = new java.util.ArrayList<>();
        List<?> listed = c.list(Csv.CATEGORICAL.name());
        for (int i = 0; i < listed.size(); i++) {
            categorical.add(column(c, c.child(Csv.CATEGORICAL.name()) + "[" + i + "]", listed.get(i)));
        }
        return c.build(() -> new CsvConfig(c.get(Csv.TRAIN_FILE), c.get(Csv.TEST_FILE), label, c.get(Csv.HEADER),
                delimiter.charAt(0), c.get(Csv.NUM_CLASSES), column, c.get(Csv.MISSING), categorical));
    }

    /** A column given by header name or zero-based index; null when absent. */
    private static String column(Section c, Key<?> key, Object value) {
        return column(c, c.child(key.name()), value);
    }

    private static String column(Section c, String at, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return String.valueOf(c.checkInteger(at, number, -Csv.MAX_INDEX, Csv.MAX_INDEX));
        }
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw new ConfigException(c.raw().message(at, value, "a header name (needs header: true) or a zero-based "
                + "column index (negative counts from the end, -1 = last)"));
    }

    private static SyntheticConfig synthetic(Section g) {
        SyntheticShape shape = g.get(Synthetic.SHAPE);
        if (shape.regression() && g.has(Synthetic.CLASSES)) {
            throw g.error(Synthetic.CLASSES, g.value(Synthetic.CLASSES), "friedman1 is a regression (one real target); "
                    + "classes applies to blobs and spirals");
        }
        if (shape.regression() && g.has(Synthetic.LABEL_NOISE)) {
            throw g.error(Synthetic.LABEL_NOISE, g.value(Synthetic.LABEL_NOISE), "friedman1 has no labels to flip; "
                    + "its noise is the standard deviation added to the target");
        }
        int features = g.get(Synthetic.FEATURES, shape.regression() ? Synthetic.FRIEDMAN_FEATURES
                : Synthetic.FEATURES.defaultValue(), SyntheticConfig.minFeatures(shape), (int) Synthetic.FEATURES.max());
        return g.build(() -> new SyntheticConfig(shape, features, g.get(Synthetic.CLASSES), g.get(Synthetic.NOISE),
                g.get(Synthetic.LABEL_NOISE)));
    }
}
