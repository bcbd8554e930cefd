package io.ablate4j.results;

import java.util.List;

/**
 * The keys of {@code manifest.json}, shared by its writer ({@code run.Manifest}) and its readers ({@code report}),
 * so that a key is spelt in one place. The manifest is a JSON object in this key order; nested objects use the keys
 * of the nested classes. Readers treat every key as optional (older manifests lack the later ones).
 */
public final class ManifestKeys {
    public static final String FILE = "manifest.json";

    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String EXPERIMENT = "experiment";
    public static final String DESCRIPTION = "description";
    public static final String CONFIG_FILE = "configFile";
    public static final String CONFIG_HASH = "configHash";
    public static final String AXES = "axes";
    /** Axis → value of the baseline variant (an empty object when the experiment has none). */
    public static final String BASELINE = "baseline";
    public static final String BASELINE_VARIANT = "baselineVariant";
    /**
     * How the baseline was chosen ({@code config.BaselineSource}: {@code written}, {@code base-config},
     * {@code first-values}, {@code first-variant}, {@code none}); absent in manifests older than the rule, whose
     * empty baseline means the config named none.
     */
    public static final String BASELINE_SOURCE = "baselineSource";
    public static final String SWEEP_MODE = "sweepMode";
    public static final String SEEDS = "seeds";
    /** Present only with adaptive seeds; keys in {@link Adaptive}. */
    public static final String ADAPTIVE_SEEDS = "adaptiveSeeds";
    /** Present only with {@code sweep.race}; keys in {@link Race}. */
    public static final String RACE = "race";
    public static final String TRIAL_COUNT = "trialCount";
    public static final String VARIANT_COUNT = "variantCount";
    public static final String TOOL_VERSION = "toolVersion";
    public static final String DL4J_VERSION = "dl4jVersion";
    public static final String JAVA = "java";
    public static final String OS = "os";
    public static final String ARCH = "arch";
    public static final String CORES = "cores";
    public static final String CPU = "cpu";
    /** The environment variables that change how numbers are computed (OMP_NUM_THREADS, OPENBLAS_CORETYPE, …). */
    public static final String ENVIRONMENT = "environment";
    /** The ND4J native build that ran ({@code linux-x86_64} or {@code linux-x86_64-avx512}). */
    public static final String NATIVE_BUILD = "nativeBuild";
    /** {@code lean}, {@code exact} or {@code dl4j}: how the networks were trained. */
    public static final String TRAINING_STEP = "trainingStep";
    /** {@code vector} or {@code scalar}: the Java kernels' channel loops (bit-identical either way). */
    public static final String CHANNEL_LOOPS = "channelLoops";
    public static final String GIT_COMMIT = "gitCommit";
    public static final String STARTED_AT = "startedAt";
    public static final String FINISHED_AT = "finishedAt";
    /** The resolved base config, as nested objects. */
    public static final String CONFIG = "config";
    /** Where a network of one's own came from (Keras file or template class), with SHA-256s. */
    public static final String MODEL_SOURCE = "modelSource";
    /**
     * Where a user's data came from (CSV files, a java data class, an image folder, CIFAR files), with SHA-256s; keys
     * in {@link DataSource}. Absent for bundled and generated data and IDX files.
     */
    public static final String DATA_SOURCE = "dataSource";
    /**
     * What the base config's data is and how it is split, as {@code validate} prints it ({@code csv (t.csv) train 341
     * / val 114 / test 114 (sizes from its 569 rows: …)}; the first fold's under cross-validation).
     */
    public static final String DATA_DESCRIPTION = "dataDescription";
    /**
     * A classification's class names, by class index (the index is the list position): a table's text labels sorted,
     * Fashion-MNIST's names, or "0", "1", … where the data names none. Absent for a regression.
     */
    public static final String CLASS_NAMES = "classNames";
    /**
     * A classification's examples per class, in class order, of what was read: {@code train} (the file, folder or
     * table the training and validation splits are drawn from) and, where there is one, {@code test} (a separate test
     * file or folder). Absent for a regression.
     */
    public static final String CLASS_COUNTS = "classCounts";
    /** Images: {@code [height, width, channels]} as the network sees them. Absent for other data. */
    public static final String IMAGE_SHAPE = "imageShape";
    /** Every planned variant; keys in {@link Variants}. */
    public static final String VARIANTS = "variants";
    /** The claims of the config's {@code expect:}; keys in {@link Expectations}. */
    public static final String EXPECTATIONS = "expectations";
    /** How the report decides; keys in {@link Statistics}. */
    public static final String STATISTICS = "statistics";

    /**
     * The fields that say where and how a run was made: they explain results that are not bit-identical, and
     * never make two runs incomparable ({@code compare} lists the ones that differ).
     */
    public static final List<String> PROVENANCE = List.of(TOOL_VERSION, DL4J_VERSION, GIT_COMMIT, TRAINING_STEP,
            CHANNEL_LOOPS, NATIVE_BUILD, JAVA, OS, ARCH, CPU, CORES, ENVIRONMENT);

    /** Keys of each entry of {@link #VARIANTS}. */
    public static final class Variants {
        public static final String ID = "variantId";
        public static final String AXES = "axes";
        public static final String BASELINE = "baseline";

        private Variants() {
        }
    }

    /** Keys of {@link #DATA_SOURCE}. */
    public static final class DataSource {
        /** The dataset's name: {@code csv}, {@code java}, {@code images}, {@code cifar10} or {@code cifar100}. */
        public static final String TYPE = "type";
        /**
         * The files read, each with {@link #PATH}, {@link #SHA256} and {@link #ROWS} (CIFAR: records); not for an
         * image folder, whose files are too many to list ({@link #FOLDER} and {@link #EXAMPLES_SHA256} instead).
         */
        public static final String FILES = "files";
        public static final String PATH = "path";
        public static final String SHA256 = "sha256";
        public static final String ROWS = "rows";
        /** {@code java}: the {@code ExampleSource} class. */
        public static final String CLASS = "class";
        /** {@code java}: the {@code --classpath} entries, each with {@link #PATH} and {@link #SHA256}. */
        public static final String CLASSPATH = "classpath";
        /** {@code images}: the folder read (absolute). */
        public static final String FOLDER = "folder";
        /** Examples read, after dropped rows. */
        public static final String EXAMPLES = "examples";
        /** Rows left out for missing values. */
        public static final String DROPPED_ROWS = "droppedRows";
        /**
         * SHA-256 of the examples as read (a table's features as floats, then labels or targets; images' pixel bytes
         * class by class, then the counts per class), whatever their source.
         */
        public static final String EXAMPLES_SHA256 = "examplesSha256";

        private DataSource() {
        }
    }

    /** Keys of {@link #ADAPTIVE_SEEDS}. */
    public static final class Adaptive {
        public static final String INITIAL = "initial";
        public static final String MAX = "max";
        public static final String STEP = "step";
        /** The seeds in the order variants receive them. */
        public static final String SEQUENCE = "sequence";

        private Adaptive() {
        }
    }

    /** Keys of {@link #RACE}: the race's settings as resolved ({@code sweep.race: true} spelt out). */
    public static final class Race {
        /** {@code test} or {@code top}. */
        public static final String RULE = "rule";
        public static final String ALPHA = "alpha";
        public static final String ETA = "eta";
        /** The epochs after which the survivors are compared. */
        public static final String RUNGS = "rungs";
        /** The level each test of rule {@code test} is held to: alpha / ((K − 1) · R). */
        public static final String LEVEL = "level";

        private Race() {
        }
    }

    /** Keys of each entry of {@link #EXPECTATIONS}. */
    public static final class Expectations {
        public static final String CLAIM = "claim";
        public static final String METRIC = "metric";
        public static final String THRESHOLD = "threshold";
        public static final String DIRECTION = "direction";
        public static final String SUBJECT = "subject";
        public static final String THAN = "than";
        public static final String ROPE = "rope";

        private Expectations() {
        }
    }

    /** Keys of {@link #STATISTICS}. */
    public static final class Statistics {
        public static final String ROPE = "rope";
        public static final String CORRECTION = "correction";

        private Statistics() {
        }
    }

    private ManifestKeys() {
    }
}
