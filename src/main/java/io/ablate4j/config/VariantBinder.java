package io.ablate4j.config;

import io.ablate4j.config.Enums.Loss;
import io.ablate4j.config.Enums.Optimizer;
import io.ablate4j.config.Schema.EarlyStopping;
import io.ablate4j.config.Schema.Regularization;
import io.ablate4j.config.Schema.Top;
import io.ablate4j.config.Schema.Training;
import io.ablate4j.keras.KerasNetwork;

/**
 * Binds the variant part of a raw tree (dataset, model, regularization, training): the base config, each sweep
 * value alone on it, and each variant of the sweep.
 */
final class VariantBinder {
    private VariantBinder() {
    }

    static VariantConfig bind(RawConfig raw) {
        Section root = Section.root(raw);
        DatasetConfig dataset = DatasetBinder.bind(root.section(Top.DATASET));
        Section m = root.section(Top.MODEL);
        KerasNetwork keras = ModelBinder.keras(m, dataset, raw);
        ModelConfig model = keras != null ? ModelBinder.overKeras(m, keras, dataset) : ModelBinder.template(m, dataset);
        RegularizationConfig regularization = regularization(root.section(Top.REGULARIZATION), keras);
        TrainingConfig training = training(root.section(Top.TRAINING), dataset);
        return root.build(() -> new VariantConfig(dataset, model, regularization, training));
    }

    /** The regularization section; a Keras model's kernel regularizers and MaxNorm are its defaults. */
    private static RegularizationConfig regularization(Section s, KerasNetwork keras) {
        double l1 = s.get(Regularization.L1, keras != null ? keras.l1() : Regularization.L1.defaultValue());
        double l2 = s.get(Regularization.L2, keras != null ? keras.l2() : Regularization.L2.defaultValue());
        double weightDecay = s.get(Regularization.WEIGHT_DECAY);
        double maxNorm = s.get(Regularization.MAX_NORM, keras != null ? keras.maxNorm()
                : Regularization.MAX_NORM.defaultValue());
        if (keras != null && !s.has(Regularization.L2)) {
            s.check(() -> RegularizationConfig.checkL2OrWeightDecay(l2, weightDecay, ", from the Keras model's "
                    + "kernel_regularizer"));
        }
        return s.build(() -> new RegularizationConfig(l1, l2, weightDecay, maxNorm));
    }

    private static TrainingConfig training(Section s, DatasetConfig dataset) {
        int epochs = s.get(Training.EPOCHS);
        int batchSize = s.get(Training.BATCH_SIZE);
        Section o = s.section(Training.OPTIMIZER);
        Optimizer type = o.get(Schema.Optimizer.TYPE);
        double lr = o.get(Schema.Optimizer.LEARNING_RATE, type == Optimizer.ADAM
                ? Schema.Optimizer.LEARNING_RATE.defaultValue() : Schema.Optimizer.SGD_LEARNING_RATE);
        double momentum = o.get(Schema.Optimizer.MOMENTUM);
        if (o.has(Schema.Optimizer.MOMENTUM) && type != Optimizer.NESTEROVS) {
            throw o.error(Schema.Optimizer.MOMENTUM, o.value(Schema.Optimizer.MOMENTUM), "only nesterovs uses momentum "
                    + "(type is " + type.yamlName() + ")");
        }
        OptimizerConfig optimizer = o.build(() -> new OptimizerConfig(type, lr, momentum));
        int patience = s.section(Training.EARLY_STOPPING).get(EarlyStopping.PATIENCE);
        int trainEval = s.get(Training.TRAIN_EVAL_SAMPLES);
        boolean bnDiagnostics = s.get(Training.BN_DIAGNOSTICS);
        Loss loss = s.get(Training.LOSS, dataset.isRegression() ? Training.REGRESSION_LOSS
                : Training.LOSS.defaultValue());
        return s.build(() -> new TrainingConfig(epochs, batchSize, optimizer, patience, trainEval, bnDiagnostics,
                loss));
    }
}
