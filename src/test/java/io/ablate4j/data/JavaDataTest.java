package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Task;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.datavec.api.records.reader.impl.collection.CollectionRecordReader;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;

/** {@code name: java}: what an {@link ExampleSource} hands over, and every way it can go wrong, named. */
class JavaDataTest {
    static DatasetConfig config(Task task, int folds) {
        return new DatasetConfig(DatasetName.JAVA, DataSource.BUNDLED, null, DatasetConfig.REST,
                folds > 0 ? 0 : DatasetConfig.SHARE, DatasetConfig.SHARE, 3, Normalization.NONE, null, null, null,
                task, folds, false, "t.Data", null);
    }

    static LoadedData load(ExampleSource source, Task task) {
        return new DataCache(name -> source).load(config(task, 0));
    }

    static float[][] rows(int n) {
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new float[] {i, i % 4, 1};
        }
        return x;
    }

    @Test
    void classNamesAreSortedIntoIndicesAndTheSplitsAreTheTablesOwn() {
        String[] labels = new String[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 4 == 0 ? "spam" : "ham";
        }
        LoadedData d = load(() -> ExampleTable.ofClasses(rows(40), labels).withFeatureNames(List.of("id", "m", "c")),
                Task.CLASSIFICATION);
        assertEquals(List.of("ham", "spam"), d.classNames());
        assertEquals(List.of("id", "m", "c"), d.featureNames());
        assertEquals(24, d.train().numExamples());
        assertEquals(8, d.validation().numExamples());
        assertEquals(8, d.test().numExamples());
        for (int r = 0; r < d.train().numExamples(); r++) {
            int id = (int) d.train().getFeatures().getFloat(r, 0);
            assertEquals(id % 4 == 0 ? 1f : 0f, d.train().getLabels().getFloat(r, 1));
        }
        assertEquals("t.Data", d.origin().dataClass());
        assertEquals(40, d.origin().rows());
        assertTrue(d.description().startsWith("java (t.Data) train 24 / val 8 / test 8"), d.description());
    }

    @Test
    void aRecordReaderGivesClassesOrTargetsAsTheTaskSays() {
        List<List<Writable>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(List.of(new DoubleWritable(i), new DoubleWritable(i % 2), new DoubleWritable(i % 3)));
        }
        LoadedData classes = load(() -> ExampleTable.ofRecords(new CollectionRecordReader(records), -1)
                .withClassNames(List.of("a", "b", "c")), Task.CLASSIFICATION);
        assertEquals(List.of("a", "b", "c"), classes.classNames());
        LoadedData targets = load(() -> ExampleTable.ofRecords(new CollectionRecordReader(records), 0),
                Task.REGRESSION);
        assertTrue(targets.regression());
        assertEquals(2, targets.numFeatures());
        List<List<Writable>> text = List.of(List.of(new DoubleWritable(1), new Text("x")),
                List.of(new DoubleWritable(2), new Text("y")), List.of(new DoubleWritable(3), new Text("x")),
                List.of(new DoubleWritable(4), new Text("y")), List.of(new DoubleWritable(5), new Text("x")));
        assertEquals(List.of("x", "y"), load(() -> ExampleTable.ofRecords(new CollectionRecordReader(text), 1),
                Task.CLASSIFICATION).classNames());
    }

    @Test
    void aClassThatThrowsReturnsNullOrInconsistentExamplesIsNamed() {
        assertEquals("t.Data.examples() threw java.lang.IllegalStateException: no database",
                error(() -> {
                    throw new IllegalStateException("no database");
                }, Task.CLASSIFICATION));
        assertEquals("t.Data.examples() returned null; return the examples as an ExampleTable (ExampleTable.ofClasses, "
                + "ofTargets or ofRecords)", error(() -> null, Task.CLASSIFICATION));
        float[][] ragged = rows(10);
        ragged[6] = new float[] {1, 2};
        assertEquals("t.Data.examples() returned inconsistent examples: row 6 has 2 features, row 0 has 3; every row "
                + "needs the same features", error(() -> ExampleTable.ofClasses(ragged, new int[10]),
                Task.CLASSIFICATION));
        assertEquals("t.Data.examples() returned inconsistent examples: 10 feature rows but 9 labels; every row needs "
                + "one label", error(() -> ExampleTable.ofClasses(rows(10), new int[9]), Task.CLASSIFICATION));
        float[][] nan = rows(10);
        nan[3][1] = Float.NaN;
        assertTrue(error(() -> ExampleTable.ofTargets(nan, new double[10]), Task.REGRESSION)
                .contains("row 3, feature 1 is NaN; features must be finite numbers"));
        assertEquals("t.Data.examples() returned regression targets (ExampleTable.ofTargets), but the dataset is a "
                + "classification; set dataset.task: regression, or return classes",
                error(() -> ExampleTable.ofTargets(rows(10), new double[10]), Task.CLASSIFICATION));
        assertEquals("t.Data.examples() returned class labels, but the dataset is a regression (dataset.task: "
                + "regression); return ExampleTable.ofTargets, or remove task",
                error(() -> ExampleTable.ofClasses(rows(10), new int[10]), Task.REGRESSION));
        assertEquals("t.Data.examples() returned one class only (0); a classifier needs at least two",
                error(() -> ExampleTable.ofClasses(rows(10), new int[10]), Task.CLASSIFICATION));
    }

    static String error(ExampleSource source, Task task) {
        DataException e = assertThrows(DataException.class, () -> load(source, task));
        assertEquals("dataset.class", e.key());
        return e.getMessage();
    }

    /** The data package loads user classes through what its owner passes in: it imports no network, run, … */
    @Test
    void dataImportsOnlyConfigRandomAndFilesOfAblate4j() throws java.io.IOException {
        List<String> bad = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/java/io/ablate4j/data"))) {
            for (var f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String line : java.nio.file.Files.readAllLines(f)) {
                    if (line.startsWith("import io.ablate4j.") && !line.matches("import io\\.ablate4j\\.(config|random|"
                            + "files|data)\\..*")) {
                        bad.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    /** One call per cache, however many folds and variants draw from it. */
    @Test
    void theClassIsCalledOncePerCache() {
        AtomicInteger calls = new AtomicInteger();
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = i % 2;
        }
        DataCache cache = new DataCache(name -> () -> {
            calls.incrementAndGet();
            return ExampleTable.ofClasses(rows(30), labels);
        });
        for (int fold = 0; fold < 3; fold++) {
            cache.load(config(Task.CLASSIFICATION, 3), fold);
        }
        cache.load(config(Task.CLASSIFICATION, 0));
        assertEquals(1, calls.get());
        assertEquals("dataset.class", assertThrows(DataException.class, () -> new DataCache()
                .load(config(Task.CLASSIFICATION, 0))).key(), "without a class path");
    }
}
