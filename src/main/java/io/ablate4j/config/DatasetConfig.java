package io.ablate4j.config;

import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Task;
import java.util.LinkedHashMap;
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
 */
public record DatasetConfig(DatasetName name, DataSource source, String path, int trainSize, int validationSize,
                            int testSize, long splitSeed, Normalization normalize, AugmentConfig augment,
                            CsvConfig csv, SyntheticConfig synthetic, Task task, int folds,
                            boolean standardizeTarget) {
    public DatasetConfig {
        if (trainSize < 1 || validationSize < 0 || testSize < 0 || folds < 0 || folds == 1) {
            throw new IllegalArgumentException("dataset sizes out of range");
        }
        if (folds > 0 && validationSize > 0) {
            throw new IllegalArgumentException("folds and validationSize exclude each other");
        }
        if (augment == null) {
            augment = AugmentConfig.NONE;
        }
        if (task == null) {
            task = Task.CLASSIFICATION;
        }
        if (standardizeTarget && task != Task.REGRESSION) {
            throw new IllegalArgumentException("standardizeTarget needs a regression task");
        }
    }

    /** A classification dataset without cross-validation. */
    public DatasetConfig(DatasetName name, DataSource source, String path, int trainSize, int validationSize,
                         int testSize, long splitSeed, Normalization normalize, AugmentConfig augment,
                         CsvConfig csv, SyntheticConfig synthetic) {
        this(name, source, path, trainSize, validationSize, testSize, splitSeed, normalize, augment, csv, synthetic,
                Task.CLASSIFICATION, 0, false);
    }

    /** Whether the target is real-valued. */
    public boolean isRegression() {
        return task == Task.REGRESSION;
    }

    /** Whether the examples are 28×28 grey images. */
    public boolean isImage() {
        return name == DatasetName.FASHION_MNIST || name == DatasetName.MNIST;
    }

    /** The same data without augmentation: the key under which loaded data is shared. */
    public DatasetConfig withoutAugmentation() {
        return new DatasetConfig(name, source, path, trainSize, validationSize, testSize, splitSeed, normalize,
                AugmentConfig.NONE, csv, synthetic, task, folds, standardizeTarget);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name.yamlName());
        // task, folds and standardizeTarget only when not the default, so that classification configs keep the
        // canonical map, ids and hashes they had before these keys existed.
        if (task != Task.CLASSIFICATION) {
            m.put("task", task.yamlName());
        }
        if (folds > 0) {
            m.put("folds", folds);
        }
        if (standardizeTarget) {
            m.put("standardizeTarget", true);
        }
        if (isImage()) {
            m.put("source", source.yamlName());
            if (path != null) {
                m.put("path", path);
            }
        }
        m.put("trainSize", trainSize);
        m.put("validationSize", validationSize);
        m.put("testSize", testSize);
        m.put("splitSeed", splitSeed);
        m.put("normalize", normalize.yamlName());
        m.put("augment", augment.toMap());
        if (csv != null) {
            m.put("csv", csv.toMap());
        }
        if (synthetic != null) {
            m.put("synthetic", synthetic.toMap());
        }
        return m;
    }
}
