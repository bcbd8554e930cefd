package io.ablate4j.data;

import io.ablate4j.random.Prng;
import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.Enums.CifarLabels;
import io.ablate4j.config.ImageShape;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Turns a {@link DatasetConfig} into {@link LoadedData}: reads the source, draws the seeded stratified
 * splits and normalizes with statistics of the training split. Stateless: loading each dataset once and sharing
 * it between trials is the job of a {@link DataCache}, which its owner (a run, a Spark executor) holds.
 *
 * <p>Draw order, chosen so that sweeping one size leaves the other splits alone: from the training file
 * validation is drawn first, then train from the rest (so validation does not depend on trainSize, and a
 * larger trainSize keeps the examples of a smaller one up to per-class rounding); a CSV file without a
 * test file gives up its test split before either. The test split of an image dataset or of a CSV test
 * file is the whole file in file order when testSize is 0.
 */
public final class DataLoader {
    /** Fashion-MNIST's classes, in label order (zalandoresearch/fashion-mnist README). */
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final long TRAIN_FILE_STREAM = 1;
    private static final long TEST_FILE_STREAM = 2;
    private static final long FOLD_STREAM = 3;
    /** The bundled diabetes data, packed into the jar from {@code datasets/diabetes/}. */
    static final String DIABETES_RESOURCE = "/datasets/diabetes/diabetes.csv";

    /**
     * The splits as drawn, before normalization and before any fold is taken out; image splits hold UINT8 pixels.
     * {@code sourceCounts}: see {@link LoadedData#sourceCounts()}; a table's feature names, the data's origin, whether
     * some features are missing (NaN, to be filled with the training split's means), and the sizes the data gave
     * itself in words.
     */
    record Drawn(DataSet train, DataSet validation, DataSet test, List<String> classNames, int height,
                         int width, int channels, String what, Map<String, List<Integer>> sourceCounts,
                         List<String> featureNames, DataOrigin origin, boolean missing, String sizes) {
        Drawn(DataSet train, DataSet validation, DataSet test, List<String> classNames, int height, int width,
              int channels, String what) {
            this(train, validation, test, classNames, height, width, channels, what, Map.of());
        }

        Drawn(DataSet train, DataSet validation, DataSet test, List<String> classNames, int height, int width,
              int channels, String what, Map<String, List<Integer>> sourceCounts) {
            this(train, validation, test, classNames, height, width, channels, what, sourceCounts, List.of(),
                    DataOrigin.NONE, false, "");
        }
    }

    private DataLoader() {
    }

    /**
     * The files {@link DataCache#load(DatasetConfig)} reads for a config, as absolute paths in a fixed order: the four IDX
     * files (train images, train labels, test images, test labels) of {@code source: auto} or {@code path}, or CSV's
     * trainFile and then testFile if set; empty for the bundled subset and the diabetes data (inside the jar) and
     * synthetic data.
     *
     * @throws DataException when the IDX files cannot be found, with the message {@code load} would give
     */
    public static List<Path> files(DatasetConfig config) {
        return switch (config.name()) {
            case FASHION_MNIST, MNIST -> {
                if (config.source() == DataSource.BUNDLED) {
                    yield List.of();
                }
                IdxFiles.Located l = locateImages(config, IdxFiles.defaultSearchPath(config.name()));
                yield List.of(l.trainImages(), l.trainLabels(), l.testImages(), l.testLabels());
            }
            case CSV -> {
                if (config.csv() == null) {
                    yield List.of();
                }
                List<Path> paths = new ArrayList<>();
                paths.add(config.resolve(config.csv().trainFile()));
                if (config.csv().testFile() != null) {
                    paths.add(config.resolve(config.csv().testFile()));
                }
                yield List.copyOf(paths);
            }
            case SYNTHETIC, DIABETES, JAVA -> List.of();
            // a folder is read where it is: engines that ship files leave it out (its layout is its labels)
            case IMAGES -> List.of();
            case CIFAR10, CIFAR100 -> locateCifar(config, IdxFiles.defaultSearchPath(config.name())).all();
        };
    }

    /** Loads without cross-validation; {@code searchPath} is where {@code source: auto} looks. */
    static LoadedData loadUncached(DatasetConfig config, List<Path> searchPath) {
        return loadUncached(config, searchPath, null);
    }

    /** Loads without cross-validation, reading {@code files} (see {@link #files}) instead of the config's paths if not null. */
    static LoadedData loadUncached(DatasetConfig config, List<Path> searchPath, List<Path> files) {
        return finish(config, draw(config, searchPath, files, () -> tables(config, files, DataCache.NO_CLASSES)));
    }

    /** The drawn splits without cross-validation, normalized. */
    static LoadedData finish(DatasetConfig config, Drawn d) {
        return finish(config, d, d.train(), d.validation(), d.test(), -1);
    }

    /**
     * The splits of a config as drawn from its source ({@code files}: see {@link DataCache#load(DatasetConfig, int,
     * List)}); a table's rows come from {@code tables} (read once per cache, whatever the sizes and seeds).
     */
    static Drawn draw(DatasetConfig config, List<Path> searchPath, List<Path> files, Supplier<Table.Pair> tables) {
        return switch (config.name()) {
            case FASHION_MNIST, MNIST -> loadImages(config, searchPath, files);
            case CSV, DIABETES, JAVA -> loadTable(config, tables.get());
            case SYNTHETIC -> loadSynthetic(config);
            case IMAGES -> loadFolder(config);
            case CIFAR10, CIFAR100 -> loadCifar(config, searchPath, files);
        };
    }

    /**
     * The rows of a table dataset (CSV files, the bundled diabetes data, a java data class) before any split: what
     * depends only on its files or class, its columns and its task, not on sizes, seeds or normalization.
     *
     * @param files   the CSV files to read instead of the config's paths, or null (see {@link #files})
     * @param classes how a {@code dataset.class} name becomes an instance
     */
    static Table.Pair tables(DatasetConfig config, List<Path> files, Function<String, ExampleSource> classes) {
        return switch (config.name()) {
            case CSV -> {
                CsvConfig cfg = config.csv();
                if (cfg == null) {
                    throw new DataException(Schema.Dataset.CSV.path(), "name: csv needs a csv section with at least "
                            + "trainFile");
                }
                Path trainPath = files == null ? config.resolve(cfg.trainFile()) : files.get(0);
                Path testPath = cfg.testFile() == null ? null : files == null ? config.resolve(cfg.testFile())
                        : files.get(1);
                yield CsvSource.read(CsvSource.Input.of(trainPath), testPath == null ? null
                        : CsvSource.Input.of(testPath), cfg, config.isRegression());
            }
            case DIABETES -> diabetes();
            case JAVA -> new Table.Pair(JavaSource.read(config.dataClass(), config.isRegression(), classes), null);
            default -> throw new IllegalArgumentException(config.name() + " is not a table");
        };
    }

    /** The four IDX files of {@code source: path} or {@code auto}, or an error saying where they were looked for. */
    private static IdxFiles.Located locateImages(DatasetConfig config, List<Path> searchPath) {
        if (config.source() == DataSource.PATH) {
            Path dir = config.resolve(config.path());
            return IdxFiles.inDirectory(dir).orElseThrow(() -> new DataException("dataset.path " + dir
                    + ": " + IdxFiles.describeMissing(dir) + " of the four IDX files "
                    + "(train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                    + "t10k-labels-idx1-ubyte, each raw or .gz)"));
        }
        return IdxFiles.locate(config.name(), searchPath);
    }

    /** Fold {@code fold} of the drawn training split validates, the other folds train (see {@link DataCache#load(DatasetConfig, int)}). */
    static LoadedData foldOf(DatasetConfig config, Drawn d, int fold) {
        int n = d.train().numExamples();
        int numClasses = (int) d.train().getLabels().size(1);
        int[] labels = config.isRegression() ? new int[n] : d.train().getLabels().argMax(1).toIntVector();
        int classes = config.isRegression() ? 1 : numClasses;
        int k = config.folds();
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0 && counts[c] < k) {
                throw new DataException(Schema.Dataset.FOLDS.path(), k + " folds exceed the " + counts[c] + " training examples of "
                        + "class " + d.classNames().get(c) + " (the smallest class among the trainSize " + n
                        + "); stratified folds need at least one example of each class in every fold: use folds <= "
                        + smallest(counts) + ", or a larger trainSize");
            }
        }
        int[] foldOf = Splits.folds(labels, classes, k, Prng.stream(config.splitSeed(), FOLD_STREAM));
        int held = 0;
        for (int f : foldOf) {
            held += f == fold ? 1 : 0;
        }
        int[] trainRows = new int[n - held];
        int[] validationRows = new int[held];
        for (int i = 0, t = 0, v = 0; i < n; i++) {
            if (foldOf[i] == fold) {
                validationRows[v++] = i;
            } else {
                trainRows[t++] = i;
            }
        }
        return finish(config, d, rows(d.train(), trainRows), rows(d.train(), validationRows), d.test().copy(), fold);
    }

    private static int smallest(int[] counts) {
        int min = Integer.MAX_VALUE;
        for (int c : counts) {
            if (c > 0) {
                min = Math.min(min, c);
            }
        }
        return min;
    }

    private static DataSet rows(DataSet data, int[] rows) {
        return new DataSet(data.getFeatures().getRows(rows), data.getLabels().getRows(rows));
    }

    private static Drawn loadImages(DatasetConfig config, List<Path> searchPath, List<Path> paths) {
        DatasetName name = config.name();
        IdxFiles.Loaded files;
        String where;
        String trainFileText;
        String testFileText;
        String fullHint;
        if (config.source() == DataSource.BUNDLED) {
            if (name != DatasetName.FASHION_MNIST) {
                throw new DataException("only fashion-mnist has a bundled subset; use source: auto or source: path "
                        + "for " + name.yamlName());
            }
            files = IdxFiles.readBundled();
            where = "bundled subset";
            trainFileText = "the bundled Fashion-MNIST subset";
            testFileText = "the bundled Fashion-MNIST test subset";
            fullHint = "; lower them or use source: auto for the full 60000";
        } else {
            IdxFiles.Located located = paths == null ? locateImages(config, searchPath)
                    : new IdxFiles.Located(paths.get(0).getParent(), paths.get(0), paths.get(1), paths.get(2),
                            paths.get(3));
            files = IdxFiles.read(located);
            where = located.dir().toString();
            trainFileText = "the training file " + located.trainImages();
            testFileText = "the test file " + located.testImages();
            fullHint = "; lower them";
        }
        Examples train = files.train();
        Examples test = files.test();
        int[][] drawn = drawTrainFile(train, config.trainSize(), config.validationSize(), 0, config.splitSeed(),
                trainFileText, fullHint);
        int[] testRows = drawTestFile(test, config.testSize(), config.splitSeed(), testFileText);
        List<String> classNames = name == DatasetName.FASHION_MNIST ? FASHION_CLASSES : indexNames(10);
        return new Drawn(train.selectPixels(drawn[1]), drawn[0] == null ? null : train.selectPixels(drawn[0]),
                test.selectPixels(testRows), classNames, files.rows(), files.cols(), 1,
                name.yamlName() + " (" + where + ")", counts(train, test));
    }

    /** CIFAR-10 or CIFAR-100: the training files give validation and train, the test file the test split. */
    private static Drawn loadCifar(DatasetConfig config, List<Path> searchPath, List<Path> paths) {
        DatasetName name = config.name();
        CifarFiles.Located located = paths == null ? locateCifar(config, searchPath)
                : new CifarFiles.Located(paths.get(0).getParent(), List.copyOf(paths.subList(0, paths.size() - 1)),
                paths.get(paths.size() - 1));
        CifarLabels labels = config.image() == null ? null : config.image().labels();
        CifarFiles.Loaded files;
        try {
            files = CifarFiles.read(located, name, labels, config.source() == DataSource.AUTO);
        } catch (DataException e) {
            throw at(config.source() == DataSource.PATH ? Schema.Dataset.PATH : Schema.Dataset.SOURCE, e);
        }
        int[][] drawn = drawTrainFile(files.train(), config.trainSize(), config.validationSize(), 0,
                config.splitSeed(), "the training files in " + located.dir(), "; lower them");
        int[] testRows = drawTestFile(files.test(), config.testSize(), config.splitSeed(),
                "the test file " + located.test());
        Examples train = files.train();
        DataOrigin origin = new DataOrigin(files.sources(), null, null, train.count + files.test().count, 0,
                imageDigest(files.classes(), train, files.test()));
        return new Drawn(train.selectPixels(drawn[1]), drawn[0] == null ? null : train.selectPixels(drawn[0]),
                files.test().selectPixels(testRows), files.classes(), CifarFiles.SIDE, CifarFiles.SIDE, 3,
                name.yamlName() + (labels == null ? "" : " " + labels.yamlName() + " labels") + " (" + located.dir()
                        + ")", counts(train, files.test()), List.of(), origin, false, "");
    }

    /**
     * The CIFAR files of {@code source: path} or {@code auto}, or an error saying where they were looked for, located
     * at {@code dataset.path} or {@code dataset.source}.
     */
    private static CifarFiles.Located locateCifar(DatasetConfig config, List<Path> searchPath) {
        try {
            if (config.source() == DataSource.PATH) {
                return CifarFiles.inPath(config.resolve(config.path()), config.name());
            }
            return CifarFiles.locate(config.name(), searchPath);
        } catch (DataException e) {
            throw at(config.source() == DataSource.PATH ? Schema.Dataset.PATH : Schema.Dataset.SOURCE, e);
        }
    }

    /** {@code e} located at {@code key} unless it names a key of its own. */
    private static DataException at(io.ablate4j.config.Key<?> key, DataException e) {
        return e.key() != null ? e : new DataException(key.path(), e.getMessage(), e);
    }

    /**
     * A folder of images: with train/ and test/ those are the files the splits are drawn from (as a CSV's trainFile
     * and testFile); without, the test split is drawn from the folder too. Sizes left out are the folder's own
     * ({@link #split}).
     */
    private static Drawn loadFolder(DatasetConfig config) {
        Path root = config.resolve(config.path());
        ImageFolder.Loaded folder;
        try {
            folder = ImageFolder.read(root, config.image());
        } catch (DataException e) {
            throw at(Schema.Dataset.PATH, e);
        }
        Examples all = folder.train();
        Examples testPart = folder.test();
        ImageShape shape = folder.shape();
        Split split = split(config, all, testPart == null ? "the folder " + root : "the folder " + root.resolve("train"),
                testPart, "the folder " + root.resolve("test"), "images",
                " (the folder has no test/ subfolder, so the test split comes from it too); lower them, or give the "
                        + "split as train/ and test/ subfolders");
        DataSet test = testPart == null ? all.selectPixels(split.test()) : testPart.selectPixels(split.test());
        DataOrigin origin = new DataOrigin(List.of(), null, root.toAbsolutePath().normalize(),
                all.count + (testPart == null ? 0 : testPart.count), 0, imageDigest(folder.classes(), all, testPart));
        return new Drawn(all.selectPixels(split.train()), split.validation() == null ? null
                : all.selectPixels(split.validation()), test, folder.classes(), shape.height(), shape.width(),
                shape.channels(), "images (" + root + ", " + shape + ")", counts(all, testPart), List.of(), origin,
                false, split.sizes());
    }

    /**
     * SHA-256 of images as read: of each part in turn (the training file or folder, then a separate test one) the
     * pixel bytes class by class and the examples per class ({@link Examples#digest}), then the class names: equal
     * for the same images and labels whatever folder or files they came from.
     */
    private static String imageDigest(List<String> classNames, Examples... parts) {
        java.security.MessageDigest md = DataFetcher.newSha256();
        for (Examples e : parts) {
            if (e != null) {
                e.digest(md);
            }
        }
        for (String name : classNames) {
            md.update((name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** Examples per class of the file (or folder) the training split is drawn from and of a separate test file. */
    private static Map<String, List<Integer>> counts(Examples trainFile, Examples testFile) {
        Map<String, List<Integer>> counts = new LinkedHashMap<>();
        counts.put("train", trainFile.classCountList());
        if (testFile != null) {
            counts.put("test", testFile.classCountList());
        }
        return counts;
    }

    /** The bundled diabetes data: 442 patients, ten baseline variables, disease progression a year later. */
    private static Table.Pair diabetes() {
        byte[] bytes;
        try (var in = DataLoader.class.getResourceAsStream(DIABETES_RESOURCE)) {
            if (in == null) {
                throw new DataException("the bundled diabetes data (" + DIABETES_RESOURCE + ") is missing from the "
                        + "jar; rebuild it (./mvnw package)");
            }
            bytes = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new DataException("cannot read the bundled diabetes data: " + e.getMessage(), e);
        }
        CsvConfig cfg = new CsvConfig("diabetes.csv", null, -1, true, ',', 0, "progression");
        Table.Pair read = CsvSource.read(new CsvSource.Input(Path.of("diabetes.csv"), bytes), null, cfg, true);
        Table t = read.train();
        // bundled: not the user's file, so no origin to record
        return new Table.Pair(new Table("the bundled diabetes data", t.features(), t.rows(), t.numFeatures(),
                t.featureNames(), t.labels(), t.targets(), t.classNames(), false, null, 0), null);
    }

    /**
     * A table (CSV files, the bundled diabetes file, a java data class): a classification's class labels, or a
     * regression's targets, whose draws are those of a classification with every example in one class (plain seeded
     * shuffles). A user's table ({@link DatasetConfig#userTable()}) may leave its sizes to the data: validation and
     * (without a test file) test are {@link Schema.Dataset#TABLE_SHARE} of the rows each, train the rest.
     */
    private static Drawn loadTable(DatasetConfig config, Table.Pair tables) {
        Table trainTable = tables.train();
        Table testTable = tables.test();
        Examples trainFile = trainTable.examples();
        Examples testFile = testTable == null ? null : testTable.examples();
        Split split = split(config, trainFile, trainTable.what(), testFile, testTable == null ? null
                : testTable.what(), "rows", config.csv() != null ? " (csv.testFile is not set, so the test split "
                + "comes from the same file); lower them, or set csv.testFile" : "; lower them");
        DataSet train = trainFile.select(split.train());
        DataSet validation = split.validation() == null ? null : trainFile.select(split.validation());
        DataSet test = testFile == null ? trainFile.select(split.test()) : testFile.select(split.test());
        String where = switch (config.name()) {
            case CSV -> config.csv().trainFile() + (testTable != null ? ", test " + config.csv().testFile() : "");
            case DIABETES -> "diabetes.csv";
            default -> config.dataClass();
        };
        String what = config.name().yamlName() + " (" + where + ")";
        DataOrigin origin = origin(config, trainTable, testTable);
        boolean missing = trainTable.missing() || testTable != null && testTable.missing();
        return new Drawn(train, validation, test, trainTable.classNames(), 0, 0, 0, what, config.isRegression()
                ? Map.of() : counts(trainFile, testFile), trainTable.featureNames(), origin, missing, split.sizes());
    }

    /** The rows of each split, drawn from a training file and, if any, a separate test file; sizes in words. */
    private record Split(int[] train, int[] validation, int[] test, String sizes) {
    }

    /**
     * Draws the splits from {@code trainFile} and {@code testFile} (null: the test split comes from the training file
     * too), resolving the sizes a config left to the data ({@link DatasetConfig#sizesFromData()}): validation and
     * (without a test file) test are {@link Schema.Dataset#TABLE_SHARE} of the training file's examples each, train
     * the rest; a test file gives all its examples unless testSize says otherwise.
     *
     * @param unit     what the examples are called in the sizes' words: rows, images
     * @param noTestFix the end of the message when trainSize and validationSize leave nothing to test on
     */
    private static Split split(DatasetConfig config, Examples trainFile, String trainText, Examples testFile,
                               String testText, String unit, String noTestFix) {
        int rows = trainFile.count;
        int share = share(rows);
        boolean defaults = config.trainSize() == DatasetConfig.REST || config.validationSize() == DatasetConfig.SHARE
                || config.testSize() == DatasetConfig.SHARE;
        int validationSize = config.validationSize() == DatasetConfig.SHARE ? share : config.validationSize();
        String hint = config.sizesFromData() ? "; lower them" + (testFile == null && config.csv() != null
                ? " or set csv.testFile" : "") + " (or leave trainSize out: the " + unit + " that validation and "
                + "test leave)" : "; lower them";
        int[][] drawn;
        int[] testRows;
        if (testFile != null) {
            int trainSize = config.trainSize() == DatasetConfig.REST ? rows - validationSize : config.trainSize();
            checkRest(trainSize, rows, validationSize, 0, trainText, unit);
            drawn = drawTrainFile(trainFile, trainSize, validationSize, 0, config.splitSeed(), trainText, hint);
            int testSize = config.testSize() == DatasetConfig.SHARE ? 0 : config.testSize();
            testRows = drawTestFile(testFile, testSize, config.splitSeed(), testText);
        } else {
            int testSize = config.testSize() == DatasetConfig.SHARE ? share : config.testSize();
            int trainSize = config.trainSize();
            if (trainSize == DatasetConfig.REST) {
                if (testSize == 0) {
                    throw new DataException(Schema.Dataset.TEST_SIZE.path(), "testSize 0 (all of a test file) "
                            + "with no test file and trainSize left to the data leaves no " + unit + " of " + trainText
                            + " for testing; leave testSize out (" + pct() + " of them) or give a number");
                }
                trainSize = rows - validationSize - testSize;
                checkRest(trainSize, rows, validationSize, testSize, trainText, unit);
            } else if (testSize == 0) {
                testSize = rows - trainSize - validationSize;
                if (testSize <= 0) {
                    throw new DataException(Schema.Dataset.TRAIN_SIZE.path(), "trainSize " + trainSize
                            + " + validationSize " + validationSize + " leave no examples of the " + rows + " in "
                            + trainText + " for testing" + noTestFix);
                }
            }
            drawn = drawTrainFile(trainFile, trainSize, validationSize, testSize, config.splitSeed(), trainText,
                    hint);
            testRows = drawn[2];
        }
        String sizes = "";
        if (defaults) {
            List<String> parts = new ArrayList<>();
            if (config.validationSize() == DatasetConfig.SHARE) {
                parts.add("validation " + pct());
            }
            if (config.testSize() == DatasetConfig.SHARE && testFile == null) {
                parts.add("test " + pct());
            }
            if (config.trainSize() == DatasetConfig.REST) {
                parts.add("train the rest");
            }
            sizes = " (sizes from its " + rows + " " + unit + ": " + String.join(", ", parts) + ")";
        }
        return new Split(drawn[1], drawn[0], testRows, sizes);
    }

    /** {@link Schema.Dataset#TABLE_SHARE} of {@code rows}, rounded, at least 1. */
    static int share(int rows) {
        return Math.max(1, (int) Math.round(rows * Schema.Dataset.TABLE_SHARE));
    }

    private static String pct() {
        return Math.round(Schema.Dataset.TABLE_SHARE * 100) + "%";
    }

    private static void checkRest(int trainSize, int rows, int validationSize, int testSize, String what,
                                  String unit) {
        if (trainSize < 1) {
            throw new DataException(Schema.Dataset.VALIDATION_SIZE.path(), "validationSize " + validationSize
                    + (testSize > 0 ? " + testSize " + testSize : "") + " leave no training examples of the " + rows
                    + " " + unit + " of " + what + "; lower them");
        }
    }

    private static DataOrigin origin(DatasetConfig config, Table train, Table test) {
        if (!config.userTable()) {
            return DataOrigin.NONE;
        }
        List<DataOrigin.SourceFile> files = new ArrayList<>();
        if (train.file() != null) {
            files.add(train.file());
        }
        if (test != null && test.file() != null) {
            files.add(test.file());
        }
        return new DataOrigin(files, config.dataClass(), train.rows() + (test == null ? 0 : test.rows()),
                train.droppedRows() + (test == null ? 0 : test.droppedRows()), digest(train, test));
    }

    /** SHA-256 of the examples as read: features as IEEE floats, then labels or targets, train table then test. */
    private static String digest(Table train, Table test) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (Table t : test == null ? List.of(train) : List.of(train, test)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * (t.features().length + t.rows()));
                for (float f : t.features()) {
                    b.putFloat(f);
                }
                for (int i = 0; i < t.rows(); i++) {
                    if (t.targets() != null) {
                        b.putFloat(t.targets()[i]);
                    } else {
                        b.putInt(t.labels()[i]);
                    }
                }
                md.update(b.array());
                for (String name : t.classNames()) {
                    md.update((name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static Drawn loadSynthetic(DatasetConfig config) {
        if (config.synthetic() == null) {
            throw new DataException("name: synthetic needs a synthetic section");
        }
        var cfg = config.synthetic();
        SyntheticSource.Generated g = SyntheticSource.generate(cfg, config.trainSize(), config.validationSize(),
                config.testSize(), config.splitSeed());
        String what = cfg.shape().regression()
                ? String.format(Locale.ROOT, "synthetic (%s, %d features, noise %s)", cfg.shape().yamlName(),
                        cfg.features(), cfg.noise())
                : String.format(Locale.ROOT, "synthetic (%s, %d features, %d classes, noise %s%s)",
                cfg.shape().yamlName(), cfg.features(), cfg.classes(), cfg.noise(),
                cfg.labelNoise() > 0 ? ", label noise " + cfg.labelNoise() : "");
        return new Drawn(all(g.train()), g.validation() == null ? null : all(g.validation()), all(g.test()),
                cfg.shape().regression() ? List.of() : indexNames(cfg.classes()), 0, 0, 0, what);
    }

    private static DataSet all(Examples e) {
        return e.select(Splits.range(e.count));
    }

    /**
     * Draws validation, then train (and, first of all, {@code testSize} test examples when the test split
     * comes from this file too) after checking that the file holds enough.
     *
     * @return {validation or null, train, test or null}
     */
    private static int[][] drawTrainFile(Examples file, int trainSize, int validationSize, int testSize, long seed,
                                         String fileText, String hint) {
        long requested = (long) trainSize + validationSize + testSize;
        if (requested > file.count) {
            StringBuilder sizes = new StringBuilder("trainSize " + trainSize);
            if (validationSize > 0) {
                sizes.append(" + validationSize ").append(validationSize);
            }
            if (testSize > 0) {
                sizes.append(" + testSize ").append(testSize);
            }
            boolean one = validationSize == 0 && testSize == 0;
            if (!one) {
                sizes.append(" = ").append(requested);
            }
            throw new DataException(Schema.Dataset.TRAIN_SIZE.path(), sizes + (one ? " exceeds the " : " exceed the ") + file.count
                    + " examples of " + fileText + (one ? hint.replace("lower them", "lower it") : hint));
        }
        int[] sizes = testSize > 0 ? new int[] {testSize, validationSize, trainSize}
                : new int[] {validationSize, trainSize};
        int[][] drawn = Splits.draw(file.labels, file.numClasses, sizes, Prng.stream(seed, TRAIN_FILE_STREAM));
        int[][] result = new int[3][];
        result[0] = validationSize > 0 ? drawn[testSize > 0 ? 1 : 0] : null;
        result[1] = drawn[testSize > 0 ? 2 : 1];
        result[2] = testSize > 0 ? drawn[0] : null;
        return result;
    }

    private static int[] drawTestFile(Examples file, int testSize, long seed, String fileText) {
        if (testSize == 0) {
            return Splits.range(file.count);
        }
        if (testSize > file.count) {
            throw new DataException(Schema.Dataset.TEST_SIZE.path(), "testSize " + testSize + " exceeds the "
                    + file.count + " examples of " + fileText
                    + "; lower it, or use testSize: 0 for all of them");
        }
        return Splits.draw(file.labels, file.numClasses, new int[] {testSize}, Prng.stream(seed, TEST_FILE_STREAM))[0];
    }

    /**
     * Normalizes the splits in place (fitted on {@code train}), standardizes a regression target when asked (also
     * fitted on {@code train}: mean and population standard deviation, a constant target keeps std 1).
     */
    private static LoadedData finish(DatasetConfig config, Drawn d, DataSet train, DataSet validation, DataSet test,
                                     int fold) {
        if (d.missing()) {
            fillMissing(d.featureNames(), train, validation, test);
        }
        Pixels pixels = null;
        if (train.getFeatures().dataType() == DataType.UINT8) {
            // images keep their pixels; each batch is normalized when it is made (Pixels)
            boolean perPixel = config.name() == DatasetName.FASHION_MNIST || config.name() == DatasetName.MNIST;
            pixels = Pixels.fit(config.normalize(), perPixel, train, d.channels(), d.height() * d.width());
        } else {
            Normalizers.apply(config.normalize(), d.channels() > 0, train, validation, test);
        }
        double mean = 0;
        double std = 1;
        if (config.standardizeTarget()) {
            double[] y = train.getLabels().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
            double sum = 0;
            for (double v : y) {
                sum += v;
            }
            mean = sum / y.length;
            double squares = 0;
            for (double v : y) {
                squares += (v - mean) * (v - mean);
            }
            std = Math.sqrt(squares / y.length);
            if (!(std > 0)) {
                std = 1;
            }
            for (DataSet split : new DataSet[]{train, validation, test}) {
                if (split != null) {
                    split.getLabels().subi(mean).divi(std);
                }
            }
        }
        String description = d.what() + (fold >= 0 ? " fold " + (fold + 1) + "/" + config.folds() : "") + " train "
                + train.numExamples() + " / val " + (validation == null ? 0 : validation.numExamples()) + " / test "
                + test.numExamples() + d.sizes() + (config.standardizeTarget() ? String.format(Locale.ROOT,
                ", target standardized (mean %.4g, std %.4g)", mean, std) : "");
        return new LoadedData(train, validation, test, (int) train.getFeatures().size(1),
                (int) train.getLabels().size(1), d.height(), d.width(), d.channels(), d.classNames(), description,
                config.isRegression(), mean, std, fold, pixels, d.sourceCounts(), d.featureNames(), d.origin());
    }

    /**
     * {@code csv.missing: mean}: every missing (NaN) feature of every split becomes its column's mean over the
     * training split, so that nothing about validation or test leaks into training (as normalization).
     */
    private static void fillMissing(List<String> names, DataSet train, DataSet... others) {
        float[][] x = train.getFeatures().toFloatMatrix();
        int d = x.length == 0 ? 0 : x[0].length;
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            int count = 0;
            for (float[] row : x) {
                if (!Float.isNaN(row[j])) {
                    sum += row[j];
                    count++;
                }
            }
            if (count == 0) {
                throw new DataException(Schema.Csv.MISSING.path(), "feature \"" + names.get(j) + "\" has no value "
                        + "in the training split (all " + x.length + " are missing), so csv.missing: mean has no mean "
                        + "to fill it with; drop the column, or use csv.missing: drop-rows");
            }
            mean[j] = (float) (sum / count);
        }
        fill(train, mean);
        for (DataSet other : others) {
            if (other != null) {
                fill(other, mean);
            }
        }
    }

    private static void fill(DataSet split, float[] mean) {
        float[][] x = split.getFeatures().toFloatMatrix();
        boolean changed = false;
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                if (Float.isNaN(row[j])) {
                    row[j] = mean[j];
                    changed = true;
                }
            }
        }
        if (changed) {
            split.getFeatures().assign(org.nd4j.linalg.factory.Nd4j.create(x));
        }
    }

    private static List<String> indexNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
