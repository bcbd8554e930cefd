package io.ablate4j.data;

import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Datasets loaded by {@link DataLoader}, each once per cache and shared by every trial that asks for it. Whoever
 * trains owns one: a run (the several configs of one {@code ablate4j run} share it), a Spark executor JVM, a
 * benchmark. Two caches never share anything, so two runs in one JVM each read their own data, even where their
 * configs are equal and the files changed in between.
 *
 * <p>Thread-safe: concurrent trials asking for the same dataset wait for one load. A load that failed is not
 * kept; the next call tries again.
 */
public final class DataCache {
    /** Loaded data by dataset and fold (-1 without cross-validation). */
    private record Key(DatasetConfig config, int fold) {
    }

    /**
     * What a table's rows depend on: its files (or their shipped copies) or class, how its columns are read and its
     * task; not the sizes, seeds, folds or normalization a sweep may vary.
     */
    private record TableKey(DatasetName name, CsvConfig csv, String dataClass, Path configDir, Task task,
                            List<Path> files) {
        static TableKey of(DatasetConfig c, List<Path> files) {
            return new TableKey(c.name(), c.csv(), c.dataClass(), c.configDir(), c.task(), files);
        }
    }

    /** A {@code dataset.class} without a class path to load it from. */
    static final Function<String, ExampleSource> NO_CLASSES = name -> {
        throw new DataException(Schema.Dataset.CLASS.path(), "class " + name + " cannot be loaded here: no class "
                + "path was given for java data classes");
    };

    private final ConcurrentHashMap<Key, FutureTask<LoadedData>> loaded = new ConcurrentHashMap<>();
    /** Drawn splits of cross-validated datasets: each fold is cut from them. */
    private final ConcurrentHashMap<DatasetConfig, FutureTask<DataLoader.Drawn>> drawn = new ConcurrentHashMap<>();
    /** Tables as read: each file (or class) once, however many sizes, seeds or normalizations a sweep draws from it. */
    private final ConcurrentHashMap<TableKey, FutureTask<Table.Pair>> tables = new ConcurrentHashMap<>();
    private final Function<String, ExampleSource> classes;

    /** A cache without java data classes ({@code name: java} is then an error). */
    public DataCache() {
        this(NO_CLASSES);
    }

    /**
     * A cache whose {@code name: java} datasets are made by {@code classes}: a class name to a new instance, or a
     * {@link DataException} saying why not (a runner passes its template class loader's, so that data classes and
     * network templates load from one {@code --classpath}).
     */
    public DataCache(Function<String, ExampleSource> classes) {
        this.classes = Objects.requireNonNull(classes, "classes");
    }

    /**
     * Loads (or returns the loaded) data for a config. Augmentation is ignored here (it applies per batch): each
     * distinct {@code config.withoutAugmentation()} is loaded once.
     *
     * @throws DataException for a missing or bad file (named, with the position where known) or sizes
     *                       beyond what the data holds
     */
    public LoadedData load(DatasetConfig config) {
        return load(config, -1, null);
    }

    /** One fold of a cross-validated dataset, or ({@code fold} -1) the dataset without; see the three-argument load. */
    public LoadedData load(DatasetConfig config, int fold) {
        return load(config, fold, null);
    }

    /**
     * The data of one fold of a cross-validated dataset ({@code dataset.folds} = K &gt; 0, {@code fold} in 0..K-1):
     * the {@code trainSize} examples are split into K seeded folds (stratified by class for a classification; the
     * same folds for every variant and seed), fold {@code fold} validates and the other K−1 train; normalization and
     * target standardization are fitted on those K−1. The test split is the one {@link #load(DatasetConfig)} would
     * give. {@code fold} -1 is the dataset without cross-validation.
     *
     * <p>{@code files}, when not null, are read where the config names (or {@code source: auto} finds)
     * {@link DataLoader#files(DatasetConfig)}: the same files in the same order at other paths (copies an engine
     * shipped to where the trials run). The result is kept under the config, so later loads of it from this cache
     * return it; a config already loaded is not read again.
     */
    public LoadedData load(DatasetConfig config, int fold, List<Path> files) {
        Objects.requireNonNull(config, "config");
        DatasetConfig key = config.withoutAugmentation();
        if (fold >= 0 && fold >= key.folds() || fold < 0 && key.folds() > 0) {
            throw new IllegalArgumentException("fold " + fold + " of a dataset with " + key.folds() + " folds");
        }
        List<Path> paths = files == null ? null : List.copyOf(files);
        List<Path> searchPath = paths == null ? IdxFiles.defaultSearchPath(key.name()) : List.of();
        Supplier<Table.Pair> rows = () -> cached(tables, TableKey.of(key, paths),
                () -> DataLoader.tables(key, paths, classes), key.name().yamlName());
        return cached(loaded, new Key(key, fold), () -> fold < 0
                ? DataLoader.finish(key, DataLoader.draw(key, searchPath, paths, rows))
                : DataLoader.foldOf(key, cached(drawn, key, () -> DataLoader.draw(key, searchPath, paths, rows),
                        key.name().yamlName()), fold),
                key.name().yamlName());
    }

    private static <K, V> V cached(ConcurrentHashMap<K, FutureTask<V>> cache, K key, Callable<V> load, String what) {
        FutureTask<V> task = new FutureTask<>(load);
        FutureTask<V> existing = cache.putIfAbsent(key, task);
        if (existing == null) {
            existing = task;
            task.run();
        }
        try {
            return existing.get();
        } catch (ExecutionException e) {
            cache.remove(key, existing);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new DataException("loading " + what + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while waiting for " + what + " to load", e);
        }
    }
}
