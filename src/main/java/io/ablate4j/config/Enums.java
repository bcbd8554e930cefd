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
        MLP, CNN;

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

    public enum DatasetName implements Named {
        FASHION_MNIST, MNIST, CSV, SYNTHETIC;

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

    public enum SyntheticShape implements Named {
        BLOBS, SPIRALS;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
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
        EPOCHS_TO_VAL_ACC;

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
