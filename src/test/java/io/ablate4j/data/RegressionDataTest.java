package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.AugmentConfig;
import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.SyntheticConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Regression data (CSV targets, the bundled diabetes data, Friedman #1), target standardization and k-fold splits. */
class RegressionDataTest {
    private final DataCache cache = new DataCache();

    @TempDir
    Path dir;

    static DatasetConfig regression(DatasetName name, CsvConfig csv, SyntheticConfig synthetic, int train,
                                    int validation, int test, Normalization normalize, int folds, boolean standardize) {
        return new DatasetConfig(name, DataSource.BUNDLED, null, train, validation, test, 7, normalize,
                AugmentConfig.NONE, csv, synthetic, Task.REGRESSION, folds, standardize);
    }

    /** Rows "id,x,price" with price = 3·id + 1 (so a row's target is known from its id). */
    private Path table(int rows, String target) throws IOException {
        StringBuilder sb = new StringBuilder("id,x,price\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(i % 7).append(',').append(i == 5 ? target : String.valueOf(3 * i + 1))
                    .append('\n');
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, sb);
        return file;
    }

    private static CsvConfig csv(Path file, String target) {
        return new CsvConfig(file.toString(), null, -1, true, ',', 0, target);
    }

    @Test
    void csvTargetByNameOrIndexBecomesTheLabelAndLeavesTheFeatures() throws IOException {
        Path file = table(40, "16");
        for (String target : List.of("price", "-1", "2", "PRICE")) {
            LoadedData d = DataLoader.loadUncached(regression(DatasetName.CSV, csv(file, target), null, 20, 5, 10,
                    Normalization.NONE, 0, false), List.of());
            assertTrue(d.regression());
            assertEquals(2, d.numFeatures());
            assertEquals(1, d.numClasses());
            for (DataSet s : List.of(d.train(), d.validation(), d.test())) {
                for (int r = 0; r < s.numExamples(); r++) {
                    float id = s.getFeatures().getFloat(r, 0);
                    assertEquals(3 * id + 1, s.getLabels().getFloat(r, 0), 0f, "target of row " + id);
                }
            }
        }
    }

    @Test
    void aNonNumericOrMissingTargetIsANamedError() throws IOException {
        Path file = table(40, "n/a");
        String na = assertThrows(DataException.class, () -> DataLoader.loadUncached(regression(DatasetName.CSV,
                csv(file, "price"), null, 20, 5, 10, Normalization.NONE, 0, false), List.of())).getMessage();
        assertTrue(na.contains("data.csv: line 7, column 3 (\"price\"): \"n/a\" is a missing value, and csv.missing "
                + "is error"), na);
        Path text = table(40, "cheap");
        String m = assertThrows(DataException.class, () -> DataLoader.loadUncached(regression(DatasetName.CSV,
                csv(text, "price"), null, 20, 5, 10, Normalization.NONE, 0, false), List.of())).getMessage();
        assertTrue(m.contains("data.csv: line 7, column 3") && m.contains("\"cheap\" is not a finite number")
                && m.contains("csv.targetColumn"), m);
        String missing = assertThrows(DataException.class, () -> DataLoader.loadUncached(regression(DatasetName.CSV,
                csv(file, "cost"), null, 20, 5, 10, Normalization.NONE, 0, false), List.of())).getMessage();
        assertTrue(missing.contains("csv.targetColumn \"cost\": no such column") && missing.contains("id, x, price"),
                missing);
        String range = assertThrows(DataException.class, () -> DataLoader.loadUncached(regression(DatasetName.CSV,
                csv(file, "3"), null, 20, 5, 10, Normalization.NONE, 0, false), List.of())).getMessage();
        assertTrue(range.contains("csv.targetColumn 3 is out of range"), range);
    }

    @Test
    void diabetesIsTheBundled442PatientsSplitDisjointly() {
        LoadedData d = DataLoader.loadUncached(regression(DatasetName.DIABETES, null, null, 282, 60, 100,
                Normalization.NONE, 0, false), List.of());
        assertEquals(10, d.numFeatures());
        assertEquals(List.of(282, 60, 100), List.of(d.train().numExamples(), d.validation().numExamples(),
                d.test().numExamples()));
        double sum = 0;
        Set<String> rows = new HashSet<>();
        for (DataSet s : List.of(d.train(), d.validation(), d.test())) {
            sum += s.getLabels().sumNumber().doubleValue();
            for (int r = 0; r < s.numExamples(); r++) {
                rows.add(s.getFeatures().getRow(r).toString() + s.getLabels().getFloat(r, 0));
            }
        }
        assertEquals(67243.0, sum, 1e-3, "the sum of all 442 targets of datasets/diabetes/diabetes.csv");
        assertEquals(442, rows.size());
    }

    @Test
    void friedmanTargetsFollowTheFormulaWithoutNoise() {
        LoadedData d = DataLoader.loadUncached(regression(DatasetName.SYNTHETIC, null,
                new SyntheticConfig(SyntheticShape.FRIEDMAN1, 6, 3, 0.0, 0.0), 200, 0, 50, Normalization.NONE, 0,
                false), List.of());
        for (int r = 0; r < d.train().numExamples(); r++) {
            double[] x = d.train().getFeatures().getRow(r).toDoubleVector();
            double y = 10 * Math.sin(Math.PI * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5) + 10 * x[3] + 5 * x[4];
            assertEquals(y, d.train().getLabels().getDouble(r, 0), 1e-4);
            for (double v : x) {
                assertTrue(v >= 0 && v < 1);
            }
        }
    }

    @Test
    void standardizedTargetsUseTheTrainingSplitsMeanAndStd() {
        DatasetConfig raw = regression(DatasetName.DIABETES, null, null, 282, 60, 100, Normalization.NONE, 0, false);
        DatasetConfig std = regression(DatasetName.DIABETES, null, null, 282, 60, 100, Normalization.NONE, 0, true);
        LoadedData a = DataLoader.loadUncached(raw, List.of());
        LoadedData b = DataLoader.loadUncached(std, List.of());
        double[] y = a.train().getLabels().toDoubleVector();
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double var = java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length;
        assertEquals(mean, b.targetMean(), 1e-3);
        assertEquals(Math.sqrt(var), b.targetStd(), 1e-3);
        assertEquals(0, b.train().getLabels().meanNumber().doubleValue(), 1e-4);
        assertEquals(a.test().getLabels().getDouble(3, 0), b.test().getLabels().getDouble(3, 0) * b.targetStd()
                + b.targetMean(), 1e-3, "test targets go through the training split's transform");
    }

    static DatasetConfig blobsCv(int train, Normalization normalize, int folds) {
        return new DatasetConfig(DatasetName.SYNTHETIC, DataSource.BUNDLED, null, train, 0, 40, 3, normalize,
                AugmentConfig.NONE, null, new SyntheticConfig(SyntheticShape.BLOBS, 4, 3, 1.0, 0.0),
                Task.CLASSIFICATION, folds, false);
    }

    private static Set<String> rows(DataSet split) {
        Set<String> out = new HashSet<>();
        for (int r = 0; r < split.numExamples(); r++) {
            out.add(split.getFeatures().getRow(r).toString());
        }
        return out;
    }

    @Test
    void foldsPartitionThePoolStratifiedAndLeaveTheTestSplitAlone() {
        DatasetConfig cv = blobsCv(103, Normalization.NONE, 5);
        LoadedData whole = DataLoader.loadUncached(blobsCv(103, Normalization.NONE, 0), List.of());
        Set<String> pool = rows(whole.train());
        Set<String> held = new HashSet<>();
        for (int f = 0; f < 5; f++) {
            LoadedData d = cache.load(cv, f);
            assertEquals(f, d.fold());
            int n = d.validation().numExamples();
            assertTrue(n == 20 || n == 21, "fold sizes differ by at most one: " + n);
            int[] counts = Fixtures.classCounts(d.validation());
            assertTrue(java.util.Arrays.stream(counts).max().orElseThrow()
                    - java.util.Arrays.stream(counts).min().orElseThrow() <= 1, java.util.Arrays.toString(counts));
            Set<String> train = rows(d.train());
            Set<String> validation = rows(d.validation());
            assertEquals(103 - n, train.size());
            Set<String> all = new HashSet<>(train);
            all.addAll(validation);
            assertEquals(pool, all, "every fold splits the trainSize examples the split without folds trains on");
            for (String row : validation) {
                assertTrue(held.add(row), "a row validates in one fold only");
            }
            assertEquals(rows(whole.test()), rows(d.test()), "the test split is untouched");
        }
        assertEquals(103, held.size());
        assertTrue(cache.load(cv, 2) == cache.load(cv, 2), "each fold is loaded once and shared");
    }

    @Test
    void eachFoldIsNormalizedWithTheStatisticsOfItsOwnTrainingFolds() {
        DatasetConfig cv = blobsCv(103, Normalization.STANDARDIZE, 4);
        for (int f = 0; f < 4; f++) {
            LoadedData d = cache.load(cv, f);
            double[] mean = d.train().getFeatures().mean(0).toDoubleVector();
            double[] std = d.train().getFeatures().std(false, 0).toDoubleVector();
            for (int j = 0; j < mean.length; j++) {
                assertEquals(0, mean[j], 1e-4, "fold " + f + " column " + j);
                assertEquals(1, std[j], 1e-3, "fold " + f + " column " + j);
            }
            double validationMean = Math.abs(d.validation().getFeatures().mean(0).getDouble(0));
            assertTrue(validationMean > 1e-4, "the held-out fold is transformed, not fitted: " + validationMean);
        }
    }

    @Test
    void moreFoldsThanTheSmallestClassHasExamplesIsANamedError() {
        DatasetConfig cv = new DatasetConfig(DatasetName.SYNTHETIC, DataSource.BUNDLED, null, 12, 0, 40, 3,
                Normalization.NONE, AugmentConfig.NONE, null,
                new SyntheticConfig(SyntheticShape.BLOBS, 4, 3, 1.0, 0.0), Task.CLASSIFICATION, 5, false);
        String m = assertThrows(DataException.class, () -> cache.load(cv, 0)).getMessage();
        assertTrue(m.contains("5 folds exceed the 4 training examples of class") && m.contains("folds <= 4"),
                m);
    }

    @Test
    void theExportedSplitsAreTheArraysTrialsTrainOn() throws IOException {
        LoadedData d = DataLoader.loadUncached(regression(DatasetName.DIABETES, null, null, 282, 60, 100,
                Normalization.STANDARDIZE, 0, true), List.of());
        Path out = dir.resolve("split");
        SplitExport.write(d, out);
        List<String> train = Files.readAllLines(out.resolve("train.csv"));
        assertEquals("age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,y", train.get(0), "the header's names");
        assertEquals(283, train.size());
        String[] first = train.get(1).split(",");
        for (int j = 0; j < 10; j++) {
            assertEquals(d.train().getFeatures().getFloat(0, j), Float.parseFloat(first[j]), 0f);
        }
        assertEquals(d.train().getLabels().getFloat(0, 0), Float.parseFloat(first[10]), 0f);
        assertEquals(101, Files.readAllLines(out.resolve("test.csv")).size());
        String info = Files.readString(out.resolve("split.txt"));
        assertTrue(info.contains("task: regression") && info.contains("targetStd: " + String.format(
                java.util.Locale.ROOT, "%.17g", d.targetStd())), info);
    }
}
