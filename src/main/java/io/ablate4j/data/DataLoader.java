package io.ablate4j.data;

import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Turns a {@link DatasetConfig} into {@link LoadedData}: reads the source, draws the seeded stratified
 * splits, normalizes with statistics of the training split, and caches the result per process.
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

    private static final ConcurrentHashMap<DatasetConfig, FutureTask<LoadedData>> CACHE = new ConcurrentHashMap<>();

    private DataLoader() {
    }

    /**
     * Loads (or returns the cached) data for a config. Augmentation is ignored here (it applies per
     * batch). Thread-safe; each distinct {@code config.withoutAugmentation()} is loaded once per process
     * and shared; a load that failed is retried by the next call.
     *
     * @throws DataException for a missing or bad file (named, with the position where known) or sizes
     *                       beyond what the data holds
     */
    public static LoadedData load(DatasetConfig config) {
        return load(config, null);
    }

    /**
     * Like {@link #load(DatasetConfig)}, but reads {@code files} where the config names (or {@code source: auto}
     * finds) {@link #files(DatasetConfig)}: the same files in the same order, at other paths (copies that an engine
     * shipped to where the trials run). The result is cached under the config as {@code load} caches it, so later
     * {@code load(config)} calls in this process return it; a config already loaded is not read again.
     *
     * @param files the files' local paths in {@link #files(DatasetConfig)} order; null: the config's own paths
     */
    public static LoadedData load(DatasetConfig config, List<Path> files) {
        Objects.requireNonNull(config, "config");
        DatasetConfig key = config.withoutAugmentation();
        FutureTask<LoadedData> task = new FutureTask<>(() -> files == null
                ? loadUncached(key, IdxFiles.defaultSearchPath(key.name()))
                : loadUncached(key, List.of(), List.copyOf(files)));
        FutureTask<LoadedData> existing = CACHE.putIfAbsent(key, task);
        if (existing == null) {
            existing = task;
            task.run();
        }
        try {
            return existing.get();
        } catch (ExecutionException e) {
            CACHE.remove(key, existing);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new DataException("loading " + key.name().yamlName() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while waiting for " + key.name().yamlName() + " to load", e);
        }
    }

    /**
     * The files {@link #load(DatasetConfig)} reads for a config, as absolute paths in a fixed order: the four IDX
     * files (train images, train labels, test images, test labels) of {@code source: auto} or {@code path}, or CSV's
     * trainFile and then testFile if set; empty for the bundled subset (inside the jar) and synthetic data.
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
            case SYNTHETIC -> List.of();
        };
    }

    /** Forgets every cached dataset (tests only: the runner relies on sharing). */
    static void clearCache() {
        CACHE.clear();
    }

    /** Loads without the cache; {@code searchPath} is where {@code source: auto} looks. */
    static LoadedData loadUncached(DatasetConfig config, List<Path> searchPath) {
        return loadUncached(config, searchPath, null);
    }

    /** Loads without the cache, reading {@code files} (see {@link #files}) instead of the config's paths if not null. */
    static LoadedData loadUncached(DatasetConfig config, List<Path> searchPath, List<Path> files) {
        return switch (config.name()) {
            case FASHION_MNIST, MNIST -> loadImages(config, searchPath, files);
            case CSV -> loadCsv(config, files);
            case SYNTHETIC -> loadSynthetic(config);
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

    private static LoadedData loadImages(DatasetConfig config, List<Path> searchPath, List<Path> paths) {
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
        return finish(config, train.select(drawn[1]), drawn[0] == null ? null : train.select(drawn[0]),
                test.select(testRows), classNames, files.rows(), files.cols(), 1, name.yamlName() + " (" + where + ")");
    }

    private static LoadedData loadCsv(DatasetConfig config, List<Path> paths) {
        CsvConfig cfg = config.csv();
        if (cfg == null) {
            throw new DataException("name: csv needs a csv section with at least trainFile");
        }
        Path trainPath = paths == null ? CsvSource.resolve(cfg.trainFile()) : paths.get(0);
        int bound = cfg.numClasses();
        CsvSource.Table trainTable = CsvSource.read(trainPath, cfg, 0, bound,
                "csv.numClasses is " + bound, "trainFile");
        int numClasses = bound > 0 ? bound : trainTable.maxLabel() + 1;
        if (numClasses < 2) {
            throw new DataException(trainPath + ": every label is 0, so there is only one class; a classifier "
                    + "needs at least two (check csv.labelColumn, or set csv.numClasses)");
        }
        Examples trainFile = Examples.ofFloats(trainTable.features(), trainTable.numFeatures(), trainTable.labels(),
                numClasses);
        String trainText = "the CSV file " + trainPath;
        DataSet train;
        DataSet validation;
        DataSet test;
        String where;
        if (cfg.testFile() != null) {
            Path testPath = paths == null ? CsvSource.resolve(cfg.testFile()) : paths.get(1);
            CsvSource.Table testTable = CsvSource.read(testPath, cfg, trainTable.numFeatures() + 1, numClasses,
                    bound > 0 ? "csv.numClasses is " + bound : "the training file's labels are 0.." + (numClasses - 1)
                            + "; set csv.numClasses to cover both files", "testFile");
            Examples testFile = Examples.ofFloats(testTable.features(), testTable.numFeatures(), testTable.labels(),
                    numClasses);
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
                            + trainPath + " for testing (csv.testFile is not set, so the test split comes from "
                            + "the same file); lower them, or set csv.testFile");
                }
            }
            int[][] drawn = drawTrainFile(trainFile, config.trainSize(), config.validationSize(), testSize,
                    config.splitSeed(), trainText, "; lower them or set csv.testFile");
            train = trainFile.select(drawn[1]);
            validation = drawn[0] == null ? null : trainFile.select(drawn[0]);
            test = trainFile.select(drawn[2]);
            where = cfg.trainFile();
        }
        return finish(config, train, validation, test, indexNames(numClasses), 0, 0, 0, "csv (" + where + ")");
    }

    private static LoadedData loadSynthetic(DatasetConfig config) {
        if (config.synthetic() == null) {
            throw new DataException("name: synthetic needs a synthetic section");
        }
        var cfg = config.synthetic();
        SyntheticSource.Generated g = SyntheticSource.generate(cfg, config.trainSize(), config.validationSize(),
                config.testSize(), config.splitSeed());
        String what = String.format(Locale.ROOT, "synthetic (%s, %d features, %d classes, noise %s%s)",
                cfg.shape().yamlName(), cfg.features(), cfg.classes(), cfg.noise(),
                cfg.labelNoise() > 0 ? ", label noise " + cfg.labelNoise() : "");
        return finish(config, all(g.train()), g.validation() == null ? null : all(g.validation()), all(g.test()),
                indexNames(cfg.classes()), 0, 0, 0, what);
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

    private static LoadedData finish(DatasetConfig config, DataSet train, DataSet validation, DataSet test,
                                     List<String> classNames, int height, int width, int channels, String what) {
        Normalizers.apply(config.normalize(), channels > 0, train, validation, test);
        String description = what + " train " + train.numExamples() + " / val "
                + (validation == null ? 0 : validation.numExamples()) + " / test " + test.numExamples();
        return new LoadedData(train, validation, test, (int) train.getFeatures().size(1),
                (int) train.getLabels().size(1), height, width, channels, classNames, description);
    }

    private static List<String> indexNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
