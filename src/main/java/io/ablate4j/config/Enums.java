package io.ablate4j.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The closed vocabularies of the experiment schema, each with the spelling used in YAML. */
public final class Enums {
    private Enums() {
    }

    /** A value with a YAML spelling. */
    public interface Named {
        String yamlName();
    }

    public enum ModelType implements Named {
        MLP, CNN,
        /** A Keras Sequential model's JSON, built layer by layer as written (or as the template it equals). */
        KERAS,
        /** A user's {@code NetworkTemplate} class, loaded from {@code --classpath}. */
        JAVA;

        /** Whether ablate4j's own factory builds the network from the schema's keys (mlp, cnn). */
        public boolean builtIn() {
            return this == MLP || this == CNN;
        }

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum DropoutType implements Named {
        BERNOULLI, GAUSSIAN, ALPHA, SPATIAL;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where batch normalization sits in a hidden block. */
    public enum BatchNorm implements Named {
        /** No batch normalization. */
        NONE,
        /** weights (no bias) → BN → activation, as Ioffe &amp; Szegedy 2015 recommend. */
        BEFORE_ACTIVATION,
        /** weights → activation → BN. */
        AFTER_ACTIVATION;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where a block's dropout sits relative to its batch normalization (only matters when both are on). */
    public enum DropoutPosition implements Named {
        /** block output → dropout: BN sees the same statistics in training and inference. */
        AFTER_BN,
        /** dropout → BN: the variance shift Li et al. 2019 call harmful. */
        BEFORE_BN;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum Activation implements Named {
        RELU, LEAKYRELU, ELU, SELU, TANH, SIGMOID, SWISH, GELU;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How weights are initialized ({@code model.weightInit}). The named schemes are Keras' {@code VarianceScaling}
     * family, normal ones untruncated (as DL4J's and PyTorch's): variance {@code scale / fan} with fan = fan-in,
     * fan-out or their mean ({@link Init}).
     */
    public enum WeightInit implements Named {
        /** ablate4j's templates: He normal for the ReLU family, LeCun normal for SELU, Xavier normal otherwise and
         * on the output layer (DL4J's own {@code RELU}, {@code LECUN_NORMAL}, {@code XAVIER}); zero biases. */
        AUTO,
        /** A Keras model's own initializers, as its file has them. */
        FILE,
        HE_NORMAL, HE_UNIFORM, GLOROT_NORMAL, GLOROT_UNIFORM, LECUN_NORMAL, LECUN_UNIFORM,
        /** PyTorch's default for Linear and Conv2d: Kaiming uniform with a = √5 (U(±1/√fan_in)), biases U(±1/√fan_in). */
        PYTORCH;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum Optimizer implements Named {
        ADAM, SGD, NESTEROVS;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Normalization implements Named {
        NONE, SCALE01, STANDARDIZE, MINMAX;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum SweepMode implements Named {
        GRID, RANDOM, ONE_AT_A_TIME;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How a race ({@code sweep.race}) decides who leaves at a rung. */
    public enum RaceRule implements Named {
        /** A paired test against the leader, Bonferroni-corrected over the planned comparisons and rungs. */
        TEST,
        /** Successive halving's classic rule: keep the best 1/eta by mean validation score. */
        TOP;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum DatasetName implements Named {
        FASHION_MNIST, MNIST, CSV, SYNTHETIC,
        /** The bundled diabetes regression data (Efron et al. 2004, as scikit-learn ships it). */
        DIABETES,
        /** A folder of one's own images, one subfolder per class. */
        IMAGES,
        /** CIFAR-10, the official binary batches. */
        CIFAR10,
        /** CIFAR-100, the official binary files, fine or coarse labels. */
        CIFAR100,
        /** A user's {@code io.ablate4j.data.ExampleSource} class ({@code dataset.class}), loaded from {@code --classpath}. */
        JAVA;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What the network predicts. */
    public enum Task implements Named {
        /** A class index: softmax output, cross-entropy, accuracy. */
        CLASSIFICATION,
        /** A real-valued target: linear output, mse/mae/huber, RMSE, MAE and R². */
        REGRESSION;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The training loss. Classification trains on cross-entropy; a regression on one of the others. */
    public enum Loss implements Named {
        CROSS_ENTROPY,
        /** Mean squared error. */
        MSE,
        /** Mean absolute error. */
        MAE,
        /** Huber loss with δ = 1 (in the target's training units): squared below 1, absolute above. */
        HUBER;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How the p-values of a family of comparisons are adjusted ({@code statistics.correction}). */
    public enum Correction implements Named {
        /** Holm–Bonferroni: controls the family-wise error rate (the chance of any false "confirmed"). */
        HOLM,
        /** Benjamini–Hochberg: controls the false discovery rate; more power in large grids. */
        BENJAMINI_HOCHBERG;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where image data comes from. */
    public enum DataSource implements Named {
        /** The committed stratified subset under {@code datasets/}. */
        BUNDLED,
        /** The full IDX files, searched in the standard places. */
        AUTO,
        /** The directory named by {@code dataset.path}. */
        PATH;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which of CIFAR-100's two labels a record's class is ({@code dataset.labels}). */
    public enum CifarLabels implements Named {
        /** The 100 classes. */
        FINE,
        /** The 20 superclasses. */
        COARSE;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum SyntheticShape implements Named {
        BLOBS, SPIRALS,
        /** Friedman #1 regression: y = 10 sin(π x1 x2) + 20 (x3 − 0.5)² + 10 x4 + 5 x5 + noise. */
        FRIEDMAN1;

        /** Whether the shape generates a regression target rather than classes. */
        public boolean regression() {
            return this == FRIEDMAN1;
        }

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a table's missing cells ({@code csv.missing}) do. */
    public enum Missing implements Named {
        /** Refuse the file, naming the first missing cell. */
        ERROR,
        /** Drop every row with a missing cell. */
        DROP_ROWS,
        /** Fill a missing feature with its column's mean over the training split; drop rows without a label. */
        MEAN;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What an expectation ({@code expect:} item) compares. */
    public enum ExpectMetric implements Named {
        TEST_ACC, VAL_ACC, TRAIN_ACC,
        /** Train − validation accuracy at the trial's best epoch (as in trials.csv). */
        GAP_ACC,
        /** Train − validation accuracy at the trial's last epoch: how far it had overfitted when it stopped. */
        GAP_FINAL_ACC,
        /** The first epoch whose validation accuracy reaches the expectation's threshold. */
        EPOCHS_TO_VAL_ACC,
        /** Regression: root mean squared error in the target's units (lower is better). */
        TEST_RMSE, VAL_RMSE, TRAIN_RMSE,
        /** Regression: mean absolute error in the target's units (lower is better). */
        TEST_MAE, VAL_MAE,
        /** Regression: coefficient of determination (higher is better). */
        TEST_R2, VAL_R2,
        /** Validation − training loss at the trial's best epoch: the overfitting gap in loss terms. */
        GAP_LOSS,
        /** Test loss at the best epoch (the training loss function, without the penalty term). */
        TEST_LOSS;

        /** Whether the metric needs a regression dataset (the accuracy ones need a classification one). */
        public Task task() {
            return switch (this) {
                case TEST_ACC, VAL_ACC, TRAIN_ACC, GAP_ACC, GAP_FINAL_ACC, EPOCHS_TO_VAL_ACC -> Task.CLASSIFICATION;
                case TEST_RMSE, VAL_RMSE, TRAIN_RMSE, TEST_MAE, VAL_MAE, TEST_R2, VAL_R2 -> Task.REGRESSION;
                case GAP_LOSS, TEST_LOSS -> null;
            };
        }

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Parses a YAML spelling; null when it names no constant. */
    public static <E extends Enum<E> & Named> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.yamlName().equals(text)) {
                return e;
            }
        }
        return null;
    }

    /** "a | b | c", for error messages. */
    public static <E extends Enum<E> & Named> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Named::yamlName).collect(Collectors.joining(" | "));
    }
}
