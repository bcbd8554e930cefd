package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

class ImageLoadingTest {
    private static final int TRAIN_FILE = 600;
    private static final int TEST_FILE = 200;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() throws IOException {
        Fixtures.writeIdxSet(dir, TRAIN_FILE, TEST_FILE, true);
    }

    private static LoadedData load(int train, int validation, int test, long seed) {
        return DataLoader.loadUncached(Fixtures.idxDir(dir, train, validation, test, seed), List.of());
    }

    @Test
    void shapesTypesAndGeometry() {
        LoadedData d = load(100, 50, 0, 1);
        assertEquals(16, d.numFeatures());
        assertEquals(10, d.numClasses());
        assertEquals(4, d.height());
        assertEquals(4, d.width());
        assertEquals(1, d.channels());
        // pixels stay bytes until a batch is made; inputs() normalizes a split
        assertEquals(DataType.UINT8, d.train().getFeatures().dataType());
        assertEquals(DataType.FLOAT, d.inputs(d.train()).getFeatures().dataType());
        assertEquals(DataType.FLOAT, d.train().getLabels().dataType());
        int[] trainFile = new int[10];
        int[] testFile = new int[10];
        for (int i = 0; i < TRAIN_FILE; i++) {
            trainFile[Fixtures.label(i, 10)]++;
        }
        for (int i = 0; i < TEST_FILE; i++) {
            testFile[Fixtures.label(i, 10)]++;
        }
        assertEquals(java.util.Map.of("train", java.util.Arrays.stream(trainFile).boxed().toList(), "test",
                java.util.Arrays.stream(testFile).boxed().toList()), d.sourceCounts());
        assertEquals(100, d.train().numExamples());
        assertEquals(50, d.validation().numExamples());
        assertEquals(TEST_FILE, d.test().numExamples());
        assertEquals("T-shirt/top", d.classNames().get(0));
        assertEquals("fashion-mnist (" + dir + ") train 100 / val 50 / test 200", d.description());
        // one-hot labels agree with the file's labels
        for (int r = 0; r < 100; r++) {
            int index = Fixtures.indexOf(d.train().getFeatures(), r);
            assertEquals(1f, d.train().getLabels().getFloat(r, Fixtures.label(index, 10)));
            assertEquals(1f, d.train().getLabels().getRow(r).sumNumber().floatValue());
        }
    }

    @Test
    void sameSeedSameExamplesOtherSeedOthers() {
        LoadedData a = load(100, 50, 80, 7);
        LoadedData b = load(100, 50, 80, 7);
        LoadedData c = load(100, 50, 80, 8);
        assertEquals(a.train().getFeatures(), b.train().getFeatures());
        assertEquals(a.validation().getFeatures(), b.validation().getFeatures());
        assertEquals(a.test().getFeatures(), b.test().getFeatures());
        assertNotEquals(Fixtures.indices(a.train()), Fixtures.indices(c.train()));
        assertNotEquals(Fixtures.indices(a.test()), Fixtures.indices(c.test()));
    }

    @Test
    void splitsAreStratifiedDisjointAndFromTheRightFile() {
        LoadedData d = load(300, 100, 100, 3);
        int[] fileCounts = new int[10];
        for (int i = 0; i < TRAIN_FILE; i++) {
            fileCounts[Fixtures.label(i, 10)]++;
        }
        int[] train = Fixtures.classCounts(d.train());
        int[] validation = Fixtures.classCounts(d.validation());
        for (int k = 0; k < 10; k++) {
            assertTrue(Math.abs(train[k] - 300.0 * fileCounts[k] / TRAIN_FILE) <= 1, "class " + k + ": " + train[k]);
            assertTrue(Math.abs(validation[k] - 100.0 * fileCounts[k] / TRAIN_FILE) <= 1, "class " + k);
        }
        Set<Integer> overlap = new HashSet<>(Fixtures.indices(d.train()));
        overlap.retainAll(Fixtures.indices(d.validation()));
        assertTrue(overlap.isEmpty(), "validation shares examples with train: " + overlap);
        // pixel 2 tags the file: validation never comes from the test file, test never from the training file
        assertEquals(0.0, d.inputs(d.validation()).getFeatures().getColumn(2).maxNumber().doubleValue());
        assertEquals(1.0, d.inputs(d.test()).getFeatures().getColumn(2).minNumber().doubleValue());
    }

    @Test
    void validationDoesNotDependOnTrainSizeAndLargerTrainContainsSmaller() {
        LoadedData small = load(100, 60, 0, 5);
        LoadedData large = load(300, 60, 0, 5);
        assertEquals(Fixtures.indices(small.validation()), Fixtures.indices(large.validation()));
        assertTrue(Fixtures.indices(large.train()).containsAll(Fixtures.indices(small.train())));
    }

    @Test
    void noValidationGivesNull() {
        assertNull(load(100, 0, 0, 1).validation());
    }

    @Test
    void tooManyExamplesIsAClearError() {
        DataException e = assertThrows(DataException.class, () -> load(500, 200, 0, 1));
        assertEquals("trainSize 500 + validationSize 200 = 700 exceed the 600 examples of the training file "
                + dir.resolve("train-images-idx3-ubyte.gz") + "; lower them", e.getMessage());
        DataException t = assertThrows(DataException.class, () -> load(10, 0, 201, 1));
        assertTrue(t.getMessage().startsWith("testSize 201 exceeds the 200 examples of the test file"), t.getMessage());
    }

    @Test
    void pathSourceWithMissingFilesSaysWhichAreMissing() {
        Path empty = dir.resolve("nothing-here");
        DataException e = assertThrows(DataException.class, () -> DataLoader.loadUncached(
                Fixtures.idxDir(empty, 10, 0, 0, 1), List.of()));
        assertTrue(e.getMessage().startsWith("dataset.path " + empty + ": no such directory"), e.getMessage());
    }

    @Test
    void autoSourceUsesTheSearchPath() {
        LoadedData d = DataLoader.loadUncached(Fixtures.image(DatasetName.MNIST, DataSource.AUTO, null, 50, 10, 0, 1,
                Normalization.NONE), List.of(dir.resolve("absent"), dir));
        assertEquals(50, d.train().numExamples());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        assertTrue(d.description().startsWith("mnist (" + dir + ")"), d.description());
        DataException e = assertThrows(DataException.class, () -> DataLoader.loadUncached(Fixtures.image(
                DatasetName.MNIST, DataSource.AUTO, null, 50, 10, 0, 1, Normalization.NONE), List.of(dir.resolve("x"))));
        assertTrue(e.getMessage().contains("datasets/mnist/"), e.getMessage());
    }

    @Test
    void scale01DividesPixelsBy255() {
        DataSet raw = load(100, 0, 0, 1).train();
        LoadedData scaled = DataLoader.loadUncached(Fixtures.image(DatasetName.FASHION_MNIST, DataSource.PATH,
                dir.toString(), 100, 0, 0, 1, Normalization.SCALE01), List.of());
        assertEquals(raw.getFeatures().castTo(DataType.FLOAT).div(255), scaled.inputs(scaled.train()).getFeatures());
    }
}
