package io.ablate4j.config;

/**
 * Every default of the experiment schema and the CLI, in one place. The binder and {@code --help} read them
 * from here; the README's config reference lists the same values.
 */
public final class Defaults {
    private Defaults() {
    }

    public static final String DATASET_NAME = "fashion-mnist";
    public static final String DATASET_SOURCE = "bundled";
    public static final int TRAIN_SIZE = 2000;
    public static final int VALIDATION_SIZE = 1000;
    /** 0 keeps the whole test file. */
    public static final int TEST_SIZE = 0;
    public static final long SPLIT_SEED = 0;
    public static final String NORMALIZE = "scale01";
    public static final int CSV_LABEL_COLUMN = -1;
    public static final boolean CSV_HEADER = true;
    public static final char CSV_DELIMITER = ',';
    public static final String SYNTHETIC_SHAPE = "blobs";
    public static final int SYNTHETIC_FEATURES = 20;
    public static final int SYNTHETIC_CLASSES = 3;
    public static final double SYNTHETIC_NOISE = 1.0;
    /** Friedman (1991) uses 10 inputs, of which the first 5 matter. */
    public static final int FRIEDMAN_FEATURES = 10;
    /** Diabetes has 442 patients: 282 train, 60 validation, 100 test by default. */
    public static final int DIABETES_TRAIN_SIZE = 282;
    public static final int DIABETES_VALIDATION_SIZE = 60;
    public static final int DIABETES_TEST_SIZE = 100;
    public static final String REGRESSION_LOSS = "mse";

    public static final String MODEL_TYPE = "mlp";
    public static final int[] MLP_HIDDEN = {256, 256};
    public static final int[] CNN_HIDDEN = {128};
    public static final String ACTIVATION = "relu";
    public static final String DROPOUT_TYPE = "bernoulli";
    public static final String BATCH_NORM = "none";
    public static final String DROPOUT_POSITION = "after-bn";
    public static final int CONV_STRIDE = 1;
    public static final int CONV_POOL = 2;
    public static final int CONV_KERNEL = 3;

    public static final int EPOCHS = 10;
    public static final int BATCH_SIZE = 128;
    public static final String OPTIMIZER = "adam";
    public static final double LEARNING_RATE_ADAM = 1e-3;
    public static final double LEARNING_RATE_SGD = 0.05;
    public static final double MOMENTUM = 0.9;
    /** Caps the per-epoch inference pass over the training split; enough for a ±1% accuracy estimate. */
    public static final int TRAIN_EVAL_SAMPLES = 10_000;
    /** Off: the train-mode pass draws dropout masks and would change every existing result's trajectory. */
    public static final boolean BN_DIAGNOSTICS = false;

    public static final long[] SEEDS = {1, 2, 3};
    public static final String SWEEP_MODE = "grid";
    public static final int RANDOM_SAMPLES = 10;
    public static final long SWEEP_SEED = 0;

    /** Trials run at once: one per core, each with one native thread. */
    public static int parallelism() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
