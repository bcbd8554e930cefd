package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.Enums.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class CsvLoadingTest {
    @TempDir
    Path dir;

    /** Rows "id,x,label" with id = the row number (unique), x = 2·id, label = id % classes. */
    private Path table(String name, int rows, int classes, char delimiter, boolean header) throws IOException {
        StringBuilder sb = new StringBuilder(header ? "id" + delimiter + "x" + delimiter + "label\n" : "");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(delimiter).append(2 * i).append(delimiter).append(i % classes).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, sb);
        return file;
    }

    private static LoadedData load(CsvConfig csv, int train, int validation, int test, long seed) {
        return DataLoader.loadUncached(Fixtures.csv(csv, train, validation, test, seed, Normalization.NONE), List.of());
    }

    private static Set<Integer> ids(DataSet ds) {
        Set<Integer> s = new HashSet<>();
        for (int r = 0; r < ds.numExamples(); r++) {
            s.add((int) ds.getFeatures().getFloat(r, 0));
        }
        return s;
    }

    @Test
    void readsFeaturesAndLabelsWithTheLabelCountedFromTheEnd() throws IOException {
        Path train = table("train.csv", 90, 3, ',', true);
        Path test = table("test.csv", 30, 3, ',', true);
        LoadedData d = load(new CsvConfig(train.toString(), test.toString(), -1, true, ',', 0), 60, 30, 0, 1);
        assertEquals(2, d.numFeatures());
        assertEquals(3, d.numClasses());
        assertEquals(0, d.channels());
        assertEquals(30, d.test().numExamples());
        for (int r = 0; r < 60; r++) {
            float id = d.train().getFeatures().getFloat(r, 0);
            assertEquals(2 * id, d.train().getFeatures().getFloat(r, 1));
            assertEquals(1f, d.train().getLabels().getFloat(r, (int) id % 3));
        }
        Set<Integer> overlap = ids(d.train());
        overlap.retainAll(ids(d.validation()));
        assertTrue(overlap.isEmpty());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertTrue(d.description().startsWith("csv (" + train + ", test " + test + ") train 60 / val 30 / test 30"),
                d.description());
    }

    @Test
    void labelInTheFirstColumnWithSemicolons() throws IOException {
        Path file = dir.resolve("semi.csv");
        Files.writeString(file, "1;0.5;7\n0;1.5;8\n\n1;2.5;9\n0;3.5;10\n");
        LoadedData d = load(new CsvConfig(file.toString(), file.toString(), 0, false, ';', 0), 4, 0, 0, 1);
        assertEquals(2, d.numFeatures());
        assertEquals(4, d.train().numExamples()); // the blank line is skipped
        assertEquals(2, d.numClasses());
    }

    @Test
    void withoutTestFileTheTestSplitComesFromTheRestOfTheFile() throws IOException {
        Path train = table("all.csv", 100, 4, ',', false);
        LoadedData d = load(new CsvConfig(train.toString(), null, 2, false, ',', 0), 50, 20, 0, 9);
        assertEquals(30, d.test().numExamples());
        Set<Integer> all = new HashSet<>(ids(d.train()));
        all.addAll(ids(d.validation()));
        all.addAll(ids(d.test()));
        assertEquals(100, all.size()); // disjoint and complete
        assertEquals(4, d.numClasses());
        // the test split is fixed by the seed whatever the train size
        LoadedData smaller = load(new CsvConfig(train.toString(), null, 2, false, ',', 0), 30, 20, 30, 9);
        assertEquals(ids(d.test()), ids(smaller.test()));
        DataException e = assertThrows(DataException.class,
                () -> load(new CsvConfig(train.toString(), null, 2, false, ',', 0), 80, 20, 0, 9));
        assertTrue(e.getMessage().contains("leave no examples of the 100"), e.getMessage());
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b,label\n1,2,0\n3,abc,1\n");
        DataException e = assertThrows(DataException.class,
                () -> load(new CsvConfig(file.toString(), null, -1, true, ',', 0), 1, 0, 1, 1));
        assertTrue(e.getMessage().startsWith(file + ": line 3, column 2 (\"b\"): \"abc\" is not a number, and the "
                + "column's other cells are numbers"), e.getMessage());
        assertEquals("dataset.csv.trainFile", e.key());
    }

    @Test
    void labelColumnOutOfRange() throws IOException {
        Path file = table("t.csv", 10, 2, ',', false);
        DataException e = assertThrows(DataException.class,
                () -> load(new CsvConfig(file.toString(), null, 5, false, ',', 0), 5, 0, 0, 1));
        assertEquals(file + ": csv.labelColumn 5 is out of range: the file has 3 columns (0..2, or -3..-1 counting "
                + "from the end)", e.getMessage());
        assertThrows(DataException.class, () -> load(new CsvConfig(file.toString(), null, -4, false, ',', 0), 5, 0, 0, 1));
    }

    @Test
    void nonIntegerLabel() throws IOException {
        Path file = dir.resolve("float-label.csv");
        Files.writeString(file, "1,0\n2,1\n3,0.5\n");
        DataException e = assertThrows(DataException.class,
                () -> load(new CsvConfig(file.toString(), null, -1, false, ',', 0), 1, 0, 1, 1));
        assertTrue(e.getMessage().startsWith(file + ": line 3, column 2 (the label column): \"0.5\" is not a class "
                + "index"), e.getMessage());
        Path text = dir.resolve("text-label.csv");
        Files.writeString(text, "1,cat\n2,cat\n");
        DataException t = assertThrows(DataException.class,
                () -> load(new CsvConfig(text.toString(), null, -1, false, ',', 0), 1, 0, 1, 1));
        assertTrue(t.getMessage().contains("every label is \"cat\", so there is only one class"), t.getMessage());
    }

    @Test
    void labelsBeyondNumClasses() throws IOException {
        Path train = table("train.csv", 20, 3, ',', false);
        DataException e = assertThrows(DataException.class,
                () -> load(new CsvConfig(train.toString(), null, -1, false, ',', 2), 5, 0, 5, 1));
        assertEquals(train + ": line 3, column 3: label 2 is out of range 0..1 (csv.numClasses is 2)", e.getMessage());

        Path test = table("test.csv", 20, 4, ',', false);
        DataException t = assertThrows(DataException.class,
                () -> load(new CsvConfig(train.toString(), test.toString(), -1, false, ',', 0), 5, 0, 0, 1));
        assertTrue(t.getMessage().startsWith(test + ": line 4, column 3: label 3 is out of range 0..2 (the training "
                + "file's labels are 0..2; set csv.numClasses to cover both files)"), t.getMessage());
    }

    @Test
    void raggedRowsAndMissingFiles() throws IOException {
        Path file = dir.resolve("ragged.csv");
        Files.writeString(file, "1,2,0\n3,1\n");
        DataException e = assertThrows(DataException.class,
                () -> load(new CsvConfig(file.toString(), null, -1, false, ',', 0), 1, 0, 1, 1));
        assertTrue(e.getMessage().startsWith(file + ": line 2 has 2 columns, expected 3 (as on line 1)"),
                e.getMessage());
        Path missing = dir.resolve("missing.csv");
        DataException m = assertThrows(DataException.class,
                () -> load(new CsvConfig(missing.toString(), null, -1, false, ',', 0), 1, 0, 1, 1));
        assertTrue(m.getMessage().startsWith(missing + ": no such file (csv.trainFile"), m.getMessage());
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesDirectoryOrWithoutOneTheWorkingDirectory() {
        CsvConfig csv = new CsvConfig("data/x.csv", null, -1, true, ',', 0);
        DatasetConfig inDir = new DatasetConfig(DatasetName.CSV, DataSource.BUNDLED, null, 10, 0, 0, 0,
                Normalization.NONE, null, csv, null, Task.CLASSIFICATION, 0, false, null, Path.of("/cfg/dir"));
        assertEquals(Path.of("/cfg/dir/data/x.csv"), inDir.resolve("data/x.csv"));
        assertEquals(Path.of("/abs/x.csv"), inDir.resolve("/abs/x.csv"));
        assertEquals(List.of(Path.of("/cfg/dir/data/x.csv")), DataLoader.files(inDir));
        DatasetConfig noDir = Fixtures.csv(csv, 10, 0, 0, 0, Normalization.NONE);
        assertEquals(Path.of("data/x.csv"), noDir.resolve("data/x.csv"));
    }
}
