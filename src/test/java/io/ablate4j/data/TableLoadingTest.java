package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Missing;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Tables as they are (issue 26): class columns by name with text labels, sizes from the table's own rows,
 * missing values, one-hot columns, and every problem with the file located.
 */
class TableLoadingTest {
    @TempDir
    Path dir;

    /** "id,radius,site,diagnosis": id unique, radius = id / 10, site a/b/c, diagnosis malignant every third row. */
    Path table(String name, int rows, Map<Integer, String> radius) throws IOException {
        StringBuilder sb = new StringBuilder("id,radius,site,diagnosis\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(radius.getOrDefault(i, String.valueOf(i / 10.0))).append(',')
                    .append("abc".charAt(i % 3)).append(',').append(i % 3 == 0 ? "malignant" : "benign").append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, sb);
        return file;
    }

    static CsvConfig csv(Path train, Path test, Missing missing, String... categorical) {
        return new CsvConfig(train.toString(), test == null ? null : test.toString(), "diagnosis", true, ',', 0, null,
                missing, List.of(categorical));
    }

    static DatasetConfig config(CsvConfig csv, int train, int validation, int test, int folds) {
        return new DatasetConfig(DatasetName.CSV, DataSource.BUNDLED, null, train, validation, test, 5,
                Normalization.NONE, null, csv, null, Task.CLASSIFICATION, folds, false, null, null);
    }

    static LoadedData load(DatasetConfig config) {
        return new DataCache().load(config, config.folds() > 0 ? 0 : -1);
    }

    @Test
    void textLabelsNamedByTheHeaderAreSortedIntoIndicesAndOneHotColumnsNamed() throws IOException {
        Path file = table("t.csv", 30, Map.of());
        LoadedData d = load(config(csv(file, null, Missing.ERROR, "site"), 18, 6, 6, 0));
        assertEquals(List.of("benign", "malignant"), d.classNames());
        assertEquals(List.of("id", "radius", "site=a", "site=b", "site=c"), d.featureNames());
        for (DataSet split : List.of(d.train(), d.validation(), d.test())) {
            for (int r = 0; r < split.numExamples(); r++) {
                int id = (int) split.getFeatures().getFloat(r, 0);
                assertEquals(id % 3 == 0 ? 1f : 0f, split.getLabels().getFloat(r, 1), "malignant = class 1");
                for (int c = 0; c < 3; c++) {
                    assertEquals(c == id % 3 ? 1f : 0f, split.getFeatures().getFloat(r, 2 + c), "one-hot site");
                }
            }
        }
        DataOrigin origin = d.origin();
        assertEquals(1, origin.files().size());
        assertEquals(file, origin.files().get(0).path());
        assertEquals(30, origin.rows());
        assertEquals(64, origin.files().get(0).sha256().length());
    }

    @Test
    void sizesLeftOutAreTheTablesOwnRows() throws IOException {
        Path file = table("t.csv", 50, Map.of());
        CsvConfig csv = csv(file, null, Missing.ERROR, "site");
        LoadedData d = load(config(csv, DatasetConfig.REST, DatasetConfig.SHARE, DatasetConfig.SHARE, 0));
        assertEquals(30, d.train().numExamples());
        assertEquals(10, d.validation().numExamples());
        assertEquals(10, d.test().numExamples());
        assertTrue(d.description().endsWith("train 30 / val 10 / test 10 (sizes from its 50 rows: validation 20%, "
                + "test 20%, train the rest)"), d.description());
        // with folds: no validation split, every row but the test rows is dealt into the folds
        LoadedData fold = load(config(csv, DatasetConfig.REST, 0, DatasetConfig.SHARE, 5));
        assertEquals(40 - 8, fold.train().numExamples());
        assertEquals(8, fold.validation().numExamples());
        assertEquals(10, fold.test().numExamples());
        // a test file: all of it is the test split, validation 20% of the training file, train the rest
        Path test = table("test.csv", 12, Map.of());
        LoadedData withTest = load(config(csv(file, test, Missing.ERROR, "site"), DatasetConfig.REST,
                DatasetConfig.SHARE, 0, 0));
        assertEquals(40, withTest.train().numExamples());
        assertEquals(10, withTest.validation().numExamples());
        assertEquals(12, withTest.test().numExamples());
        // a stated size is kept; a validation and test share larger than the table is an error saying so
        LoadedData stated = load(config(csv, 20, DatasetConfig.SHARE, DatasetConfig.SHARE, 0));
        assertEquals(20, stated.train().numExamples());
        DataException tooMany = assertThrows(DataException.class, () -> load(config(csv, 60, DatasetConfig.SHARE,
                DatasetConfig.SHARE, 0)));
        assertEquals("dataset.trainSize", tooMany.key());
        assertTrue(tooMany.getMessage().startsWith("trainSize 60 + validationSize 10 + testSize 10 = 80 exceed the "
                + "50 examples of the CSV file " + file), tooMany.getMessage());
    }

    @Test
    void aMissingCellIsNamedUnderErrorDroppedUnderDropRowsAndFilledWithTheTrainingMeanUnderMean() throws IOException {
        Path file = table("t.csv", 40, Map.of(4, "", 7, "n/a", 11, "NA"));
        DataException e = assertThrows(DataException.class, () -> load(config(csv(file, null, Missing.ERROR, "site"),
                20, 5, 5, 0)));
        assertEquals(file + ": line 6, column 2 (\"radius\"): an empty cell is a missing value, and csv.missing is "
                + "error; fill it in, or set csv.missing: drop-rows (leave out the rows with missing values) or mean "
                + "(fill a feature with its training-split mean)", e.getMessage());
        assertEquals("dataset.csv.trainFile", e.key());

        LoadedData dropped = load(config(csv(file, null, Missing.DROP_ROWS, "site"), DatasetConfig.REST,
                DatasetConfig.SHARE, DatasetConfig.SHARE, 0));
        assertEquals(37, dropped.origin().rows());
        assertEquals(3, dropped.origin().droppedRows());
        assertEquals(37, dropped.train().numExamples() + dropped.validation().numExamples()
                + dropped.test().numExamples());

        LoadedData mean = load(config(csv(file, null, Missing.MEAN, "site"), 30, 5, 5, 0));
        double sum = 0;
        int count = 0;
        for (int r = 0; r < mean.train().numExamples(); r++) {
            int id = (int) mean.train().getFeatures().getFloat(r, 0);
            if (id != 4 && id != 7 && id != 11) {
                sum += id / 10.0;
                count++;
            }
        }
        float trainMean = (float) (sum / count);
        int filled = 0;
        for (DataSet split : List.of(mean.train(), mean.validation(), mean.test())) {
            for (int r = 0; r < split.numExamples(); r++) {
                int id = (int) split.getFeatures().getFloat(r, 0);
                float radius = split.getFeatures().getFloat(r, 1);
                assertFalse(Float.isNaN(radius));
                if (id == 4 || id == 7 || id == 11) {
                    assertEquals(trainMean, radius, 1e-5f, "filled with the training split's mean, in every split");
                    filled++;
                } else {
                    assertEquals(id / 10.0, radius, 1e-5);
                }
            }
        }
        assertEquals(3, filled);
    }

    @Test
    void aMissingLabelDropsItsRowUnderMean() throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "x,y\n1,a\n2,b\n3,\n4,a\n5,b\n6,a\n7,b\n8,a\n9,b\n10,a\n");
        LoadedData d = load(new DatasetConfig(DatasetName.CSV, DataSource.BUNDLED, null, DatasetConfig.REST,
                DatasetConfig.SHARE, DatasetConfig.SHARE, 1, Normalization.NONE, null, new CsvConfig(file.toString(),
                null, "y", true, ',', 0, null, Missing.MEAN, List.of()), null, Task.CLASSIFICATION, 0, false, null,
                null));
        assertEquals(9, d.origin().rows());
        assertEquals(1, d.origin().droppedRows());
    }

    @Test
    void textColumnsNotListedAsCategoricalAreNamedAllAtOnce() throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "size,color,shape,label\n1,red,round,0\n2,blue,square,1\n3,red,round,0\n");
        DataException e = assertThrows(DataException.class, () -> load(config(new CsvConfig(file.toString(), null,
                "label", true, ',', 0, null, Missing.ERROR, List.of()), 1, 1, 1, 0)));
        assertEquals("dataset.csv.categorical", e.key());
        assertEquals(file + ": columns \"color\" (line 2: \"red\"), \"shape\" (line 2: \"round\") hold text, not "
                + "numbers; list them in csv.categorical to one-hot encode them (csv: {categorical: [color, shape]}), "
                + "or make them numeric; if one is the class, name it with csv.labelColumn", e.getMessage());
        LoadedData ok = load(config(new CsvConfig(file.toString(), null, "label", true, ',', 0, null, Missing.ERROR,
                List.of("color", "2")), 1, 1, 1, 0));
        assertEquals(List.of("size", "color=blue", "color=red", "shape=round", "shape=square"), ok.featureNames());
    }

    @Test
    void theTestFileFollowsTheTrainingFilesClassesAndCategories() throws IOException {
        Path train = table("train.csv", 30, Map.of());
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "id,radius,site,diagnosis\n100,1.5,a,benign\n101,2.5,d,benign\n");
        DataException category = assertThrows(DataException.class, () -> load(config(csv(train, test, Missing.ERROR,
                "site"), 20, 5, 0, 0)));
        assertEquals("dataset.csv.testFile", category.key());
        assertTrue(category.getMessage().startsWith(test + ": line 3, column 3 (\"site\"): \"d\" is not a category "
                + "of the training file's column (a, b, c)"), category.getMessage());
        Files.writeString(test, "id,radius,site,diagnosis\n100,1.5,a,benign\n101,2.5,b,unknown\n");
        DataException label = assertThrows(DataException.class, () -> load(config(csv(train, test, Missing.ERROR,
                "site"), 20, 5, 0, 0)));
        assertTrue(label.getMessage().startsWith(test + ": line 3, column 4 (\"diagnosis\") (the label column): class "
                + "\"unknown\" does not occur in the training file, whose classes are benign, malignant"),
                label.getMessage());
    }

    @Test
    void aLabelColumnThatDoesNotExistIsNamedWithTheHeader() throws IOException {
        Path file = table("t.csv", 10, Map.of());
        DataException e = assertThrows(DataException.class, () -> load(config(new CsvConfig(file.toString(), null,
                "diagnose", true, ',', 0, null, Missing.ERROR, List.of("site")), 4, 2, 2, 0)));
        assertEquals("dataset.csv.labelColumn", e.key());
        assertEquals(file + ": csv.labelColumn \"diagnose\": no such column; the header names id, radius, site, "
                + "diagnosis (or give a zero-based index)", e.getMessage());
        DataException index = assertThrows(DataException.class, () -> load(config(new CsvConfig(file.toString(), null,
                "7", true, ',', 0, null, Missing.ERROR, List.of("site")), 4, 2, 2, 0)));
        assertTrue(index.getMessage().contains("csv.labelColumn 7 is out of range: the file has 4 columns"),
                index.getMessage());
    }

    /** A cache reads a table once, however many sizes, seeds or normalizations a sweep draws from it. */
    @Test
    void aCacheReadsEachTableOnceWhateverTheSizesAndSeeds() throws IOException {
        Path file = table("t.csv", 40, Map.of());
        DataCache cache = new DataCache();
        CsvConfig csv = csv(file, null, Missing.ERROR, "site");
        LoadedData first = cache.load(config(csv, 20, 5, 5, 0));
        Files.writeString(file, Files.readString(file).replace("benign", "healthy"));
        LoadedData second = cache.load(new DatasetConfig(DatasetName.CSV, DataSource.BUNDLED, null, 25, 5, 5, 9,
                Normalization.STANDARDIZE, null, csv, null, Task.CLASSIFICATION, 0, false, null, null));
        assertEquals(first.origin().sha256(), second.origin().sha256(), "the file was not read again");
        assertEquals(List.of("benign", "malignant"), second.classNames());
        LoadedData fresh = new DataCache().load(config(csv, 20, 5, 5, 0));
        assertEquals(List.of("healthy", "malignant"), fresh.classNames(), "another cache reads it again");
        assertNotEquals(first.origin().files().get(0).sha256(), fresh.origin().files().get(0).sha256());
    }

    /** The preset's table as datasets/README.md describes it, split as the preset's README says. */
    @Test
    void theCommittedBreastCancerTable() {
        DatasetConfig config = io.ablate4j.config.ConfigLoader.load(Path.of("configs/breast-cancer-dropout-bn-l2.yaml"))
                .base().dataset();
        LoadedData fold = new DataCache().load(config, 0);
        assertEquals(List.of("benign", "malignant"), fold.classNames());
        assertEquals(30, fold.numFeatures());
        assertEquals("mean radius", fold.featureNames().get(0));
        assertEquals(569, fold.origin().rows());
        assertEquals("af399a019264f7999e6b395ee90576e46564867aa4c8a40797c96be87dc1be55",
                fold.origin().files().get(0).sha256());
        assertEquals(List.of(364, 91, 114), List.of(fold.train().numExamples(), fold.validation().numExamples(),
                fold.test().numExamples()));
        assertEquals(212 * 114 / 569, (int) fold.test().getLabels().getColumn(1).sumNumber().doubleValue(),
                "the test split is stratified: 42 of its 114 are malignant");
    }

    @Test
    void dataSplitWritesTheHeadersNamesAndTheClasses() throws IOException {
        Path file = table("t.csv", 30, Map.of());
        LoadedData d = load(config(csv(file, null, Missing.ERROR, "site"), 18, 6, 6, 0));
        Path out = dir.resolve("split");
        SplitExport.write(d, out);
        List<String> train = Files.readAllLines(out.resolve("train.csv"));
        assertEquals("id,radius,site=a,site=b,site=c,label", train.get(0));
        assertTrue(Files.readString(out.resolve("split.txt")).contains("label (the class index: 0 = benign, "
                + "1 = malignant)"));
        assertEquals("\"a, b\"", SplitExport.cell("a, b"));
    }
}
