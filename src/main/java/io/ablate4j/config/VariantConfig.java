package io.ablate4j.config;

import io.ablate4j.config.Enums.Loss;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Schema.Top;
import java.util.Map;

/**
 * Everything one variant trains with, fully resolved (defaults filled, sweep values applied); a trial is
 * a variant plus a seed.
 */
public record VariantConfig(DatasetConfig dataset, ModelConfig model, RegularizationConfig regularization,
                            TrainingConfig training) {
    /**
     * Checks the rules between the sections: a cnn needs images, early stopping a validation split, and the loss
     * and the BN diagnostics must fit the task.
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public VariantConfig {
        checkModelFitsData(model.type(), dataset);
        checkConvFits(model, dataset);
        if (training.patience() > 0 && dataset.validationSize() == 0 && dataset.folds() == 0) {
            throw new ConfigException(Schema.EarlyStopping.PATIENCE.path(), training.patience(), "early stopping "
                    + "watches the validation loss; set dataset.validationSize > 0 or patience: 0");
        }
        boolean regression = dataset.isRegression();
        if (training.bnDiagnostics() && regression) {
            throw new ConfigException(Schema.Training.BN_DIAGNOSTICS.path(), true, "the BN diagnostics compare "
                    + "train-mode and inference-mode accuracy, which a regression does not have; remove it (or set it "
                    + "to false)");
        }
        if (regression == (training.loss() == Loss.CROSS_ENTROPY)) {
            throw new ConfigException(Schema.Training.LOSS.path(), training.loss(), regression
                    ? "cross-entropy needs classes; a regression (dataset.task: regression) trains on mse, mae or huber"
                    : "a regression loss; this dataset is a classification (dataset.task: classification), which "
                    + "trains on cross-entropy. For a regression set dataset.task: regression");
        }
    }

    /** A cnn's conv blocks need images. */
    static void checkModelFitsData(ModelType type, DatasetConfig dataset) {
        if (type == ModelType.CNN && !dataset.isImage()) {
            throw new ConfigException(Schema.Model.TYPE.path(), type, "cnn needs an image dataset (fashion-mnist, "
                    + "mnist, images, cifar10 or cifar100); use mlp for " + dataset.name().yamlName());
        }
    }

    /** A cnn's blocks leave at least one pixel of images whose size the config fixes ({@link ConvFit}). */
    static void checkConvFits(ModelConfig model, DatasetConfig dataset) {
        ImageShape shape = dataset.imageShape();
        if (model.type() == ModelType.CNN && shape != null) {
            ConvFit.check(model.conv(), shape, "the " + shape + " images of " + dataset.name().yamlName()
                    + (dataset.name() == Enums.DatasetName.IMAGES ? " (dataset.imageSize, dataset.channels)" : ""));
        }
    }

    /** The resolved config as plain values in schema order, for hashing and for {@code config.yaml}. */
    public Map<String, Object> toMap() {
        return Top.KEYS.writer()
                .put(Top.DATASET, dataset.toMap())
                .put(Top.MODEL, model.toMap())
                .put(Top.REGULARIZATION, regularization.toMap())
                .put(Top.TRAINING, training.toMap())
                .toMap();
    }
}
