package io.ablate4j.data;

import io.ablate4j.random.Prng;
import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.Enums.CifarLabels;
import io.ablate4j.config.ImageShape;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
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
     * {@code sourceCounts}: see {@link LoadedData#sourceCounts()}.
     */
    record Drawn(DataSet train, DataSet validation, DataSet test, List<String> classNames, int height,
                         int width, int channels, String what, Map<String, List<Integer>> sourceCounts) {
        Drawn(DataSet train, DataSet validation, DataSet test, List<String> classNames, int height, int width,
              int channels, String what) {
            this(train, validation, test, classNames, height, width, channels, what, Map.of());
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
                paths.add(CsvSource.resolve(config.csv().trainFile()));
                if (config.csv().testFile() != null) {
                    paths.add(CsvSource.resolve(config.csv().testFile()));
                }
                yield List.copyOf(paths);
            }
            case SYNTHETIC, DIABETES -> List.of();
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
        Drawn d = draw(config, searchPath, files);
        return finish(config, d, d.train(), d.validation(), d.test(), -1);
    }

    /** The splits of a config as drawn from its source ({@code files}: see {@link DataCache#load(DatasetConfig, int, List)}). */
    static Drawn draw(DatasetConfig config, List<Path> searchPath, List<Path> files) {
        return switch (config.name()) {
            case FASHION_MNIST, MNIST -> loadImages(config, searchPath, files);
            case CSV -> loadCsv(config, files);
            case SYNTHETIC -> loadSynthetic(config);
            case DIABETES -> loadDiabetes(config);
            case IMAGES -> loadFolder(config);
            case CIFAR10, CIFAR100 -> loadCifar(config, searchPath, files);
        };
    }

    /** The four IDX files of {@code source: path} or {@code auto}, or an error saying where they were looked for. */
    private static IdxFiles.Located locateImages(DatasetConfig config, List<Path> searchPath) {
        if (config.source() == DataSource.PATH) {
            Path dir = Path.of(config.path()).toAbsolutePath().normalize();
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
                throw new DataException("dataset.folds " + k + " exceeds the " + counts[c] + " training examples of "
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
        CifarFiles.Loaded files = CifarFiles.read(located, name, labels, config.source() == DataSource.AUTO);
        int[][] drawn = drawTrainFile(files.train(), config.trainSize(), config.validationSize(), 0,
                config.splitSeed(), "the training files in " + located.dir(), "; lower them");
        int[] testRows = drawTestFile(files.test(), config.testSize(), config.splitSeed(),
                "the test file " + located.test());
        Examples train = files.train();
        return new Drawn(train.selectPixels(drawn[1]), drawn[0] == null ? null : train.selectPixels(drawn[0]),
                files.test().selectPixels(testRows), files.classes(), CifarFiles.SIDE, CifarFiles.SIDE, 3,
                name.yamlName() + (labels == null ? "" : " " + labels.yamlName() + " labels") + " (" + located.dir()
                        + ")", counts(train, files.test()));
    }

    /** The CIFAR files of {@code source: path} or {@code auto}, or an error saying where they were looked for. */
    private static CifarFiles.Located locateCifar(DatasetConfig config, List<Path> searchPath) {
        if (config.source() == DataSource.PATH) {
            return CifarFiles.inPath(Path.of(config.path()).toAbsolutePath().normalize(), config.name());
        }
        return CifarFiles.locate(config.name(), searchPath);
    }

    /**
     * A folder of images: with train/ and test/ those are the files the splits are drawn from (as IDX and CIFAR
     * files); without, the test split is drawn from the folder first (testSize, or what train and validation leave).
     */
    private static Drawn loadFolder(DatasetConfig config) {
        Path root = Path.of(config.path()).toAbsolutePath().normalize();
        ImageFolder.Loaded folder = ImageFolder.read(root, config.image());
        Examples all = folder.train();
        ImageShape shape = folder.shape();
        String what = "images (" + root + ", " + shape + ")";
        if (folder.test() != null) {
            int[][] drawn = drawTrainFile(all, config.trainSize(), config.validationSize(), 0, config.splitSeed(),
                    "the folder " + root.resolve("train"), "; lower them");
            int[] testRows = drawTestFile(folder.test(), config.testSize(), config.splitSeed(),
                    "the folder " + root.resolve("test"));
            return new Drawn(all.selectPixels(drawn[1]), drawn[0] == null ? null : all.selectPixels(drawn[0]),
                    folder.test().selectPixels(testRows), folder.classes(), shape.height(), shape.width(),
                    shape.channels(), what, counts(all, folder.test()));
        }
        int testSize = config.testSize();
        if (testSize == 0) {
            testSize = all.count - config.trainSize() - config.validationSize();
            if (testSize <= 0) {
                throw new DataException("trainSize " + config.trainSize() + " + validationSize "
                        + config.validationSize() + " leave none of the " + all.count + " images of " + root
                        + " for testing (the folder has no test/ subfolder, so the test split comes from it too); "
                        + "lower them, or give the split as train/ and test/ subfolders");
            }
        }
        int[][] drawn = drawTrainFile(all, config.trainSize(), config.validationSize(), testSize, config.splitSeed(),
                "the folder " + root, "; lower them");
        return new Drawn(all.selectPixels(drawn[1]), drawn[0] == null ? null : all.selectPixels(drawn[0]),
                all.selectPixels(drawn[2]), folder.classes(), shape.height(), shape.width(), shape.channels(), what,
                counts(all, null));
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

    private static Drawn loadCsv(DatasetConfig config, List<Path> paths) {
        CsvConfig cfg = config.csv();
        if (cfg == null) {
            throw new DataException("name: csv needs a csv section with at least trainFile");
        }
        Path trainPath = paths == null ? CsvSource.resolve(cfg.trainFile()) : paths.get(0);
        Path testPath = cfg.testFile() == null ? null : paths == null ? CsvSource.resolve(cfg.testFile()) : paths.get(1);
        return loadTable(config, cfg, CsvSource.Input.of(trainPath), testPath, "csv");
    }

    /** The bundled diabetes data: 442 patients, ten baseline variables, disease progression a year later. */
    private static Drawn loadDiabetes(DatasetConfig config) {
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
        return loadTable(config, cfg, new CsvSource.Input(Path.of("diabetes.csv"), bytes), null, "diabetes");
    }

    /**
     * A table (CSV or the bundled diabetes file): a classification's class labels, or a regression's targets, whose
     * draws are those of a classification with every example in one class (plain seeded shuffles).
     */
    private static Drawn loadTable(DatasetConfig config, CsvConfig cfg, CsvSource.Input input, Path testPath,
                                   String label) {
        Path trainPath = input.file();
        boolean regression = config.isRegression();
        int bound = cfg.numClasses();
        CsvSource.Table trainTable = CsvSource.read(input, cfg, 0, bound, "csv.numClasses is " + bound, "trainFile");
        int numClasses = regression ? 1 : bound > 0 ? bound : trainTable.maxLabel() + 1;
        if (!regression && numClasses < 2) {
            throw new DataException(trainPath + ": every label is 0, so there is only one class; a classifier "
                    + "needs at least two (check csv.labelColumn, or set csv.numClasses)");
        }
        Examples trainFile = examples(trainTable, numClasses, regression);
        boolean csv = label.equals("csv");
        String trainText = csv ? "the CSV file " + trainPath : "the bundled " + label + " data";
        DataSet train;
        DataSet validation;
        DataSet test;
        String where;
        if (testPath != null) {
            CsvSource.Table testTable = CsvSource.read(testPath, cfg, trainTable.numFeatures() + 1,
                    regression ? 0 : numClasses, bound > 0 ? "csv.numClasses is " + bound : "the training file's "
                    + "labels are 0.." + (numClasses - 1) + "; set csv.numClasses to cover both files", "testFile");
            Examples testFile = examples(testTable, numClasses, regression);
            int[][] drawn = drawTrainFile(trainFile, config.trainSize(), config.validationSize(), 0,
                    config.splitSeed(), trainText, "; lower them");
            train = trainFile.select(drawn[1]);
            validation = drawn[0] == null ? null : trainFile.select(drawn[0]);
            test = testFile.select(drawTestFile(testFile, config.testSize(), config.splitSeed(),
                    "the CSV test file " + testPath));
            where = cfg.trainFile() + ", test " + cfg.testFile();
        } else {
            int testSize = config.testSize();
            if (testSize == 0) {
                testSize = trainFile.count - config.trainSize() - config.validationSize();
                if (testSize <= 0) {
                    throw new DataException("trainSize " + config.trainSize() + " + validationSize "
                            + config.validationSize() + " leave no examples of the " + trainFile.count + " in "
                            + trainText + " for testing" + (csv ? " (csv.testFile is not set, so the test split "
                            + "comes from the same file); lower them, or set csv.testFile" : "; lower them"));
                }
            }
            int[][] drawn = drawTrainFile(trainFile, config.trainSize(), config.validationSize(), testSize,
                    config.splitSeed(), trainText, csv ? "; lower them or set csv.testFile" : "; lower them");
            train = trainFile.select(drawn[1]);
            validation = drawn[0] == null ? null : trainFile.select(drawn[0]);
            test = trainFile.select(drawn[2]);
            where = cfg.trainFile();
        }
        return new Drawn(train, validation, test, regression ? List.of() : indexNames(numClasses), 0, 0, 0,
                label + " (" + where + ")");
    }

    private static Examples examples(CsvSource.Table table, int numClasses, boolean regression) {
        return regression ? Examples.ofTargets(table.features(), table.numFeatures(), table.targets())
                : Examples.ofFloats(table.features(), table.numFeatures(), table.labels(), numClasses);
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
            throw new DataException(sizes + (one ? " exceeds the " : " exceed the ") + file.count
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
            throw new DataException("testSize " + testSize + " exceeds the " + file.count + " examples of " + fileText
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
                + test.numExamples() + (config.standardizeTarget() ? String.format(Locale.ROOT,
                ", target standardized (mean %.4g, std %.4g)", mean, std) : "");
        return new LoadedData(train, validation, test, (int) train.getFeatures().size(1),
                (int) train.getLabels().size(1), d.height(), d.width(), d.channels(), d.classNames(), description,
                config.isRegression(), mean, std, fold, pixels, d.sourceCounts());
    }

    private static List<String> indexNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
