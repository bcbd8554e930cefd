package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundledAndFullTest {
    private static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void loadsTheWholeBundledSubsetFromTheClasspath() {
        LoadedData d = DataLoader.loadUncached(Fixtures.bundled(10_000, 0, 0, 1, Normalization.NONE), List.of());
        assertEquals(10_000, d.train().numExamples());
        assertNull(d.validation());
        assertEquals(5_000, d.test().numExamples());
        assertEquals(784, d.numFeatures());
        assertEquals(28, d.height());
        assertEquals(28, d.width());
        assertEquals(1, d.channels());
        assertEquals(DataLoader.FASHION_CLASSES, d.classNames());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                Fixtures.classCounts(d.train()));
        assertArrayEquals(new int[] {500, 500, 500, 500, 500, 500, 500, 500, 500, 500},
                Fixtures.classCounts(d.test()));
        assertEquals(0.0, d.inputs(d.train()).getFeatures().minNumber().doubleValue());
        assertEquals(255.0, d.inputs(d.train()).getFeatures().maxNumber().doubleValue());
        assertEquals("fashion-mnist (bundled subset) train 10000 / val 0 / test 5000", d.description());
    }

    @Test
    void bundledDefaultsAreStratified() {
        LoadedData d = DataLoader.loadUncached(Fixtures.bundled(2000, 1000, 0, 0, Normalization.SCALE01), List.of());
        assertArrayEquals(new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200},
                Fixtures.classCounts(d.train()));
        assertArrayEquals(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100, 100},
                Fixtures.classCounts(d.validation()));
        assertEquals(1.0, d.inputs(d.train()).getFeatures().maxNumber().doubleValue(), 1e-6);
        assertEquals("fashion-mnist (bundled subset) train 2000 / val 1000 / test 5000", d.description());
    }

    @Test
    void askingTooMuchOfTheBundledSubsetPointsToTheFullSet() {
        DataException e = assertThrows(DataException.class, () -> DataLoader.loadUncached(
                Fixtures.bundled(9000, 2000, 0, 1, Normalization.NONE), List.of()));
        assertEquals("trainSize 9000 + validationSize 2000 = 11000 exceed the 10000 examples of the bundled "
                + "Fashion-MNIST subset; lower them or use source: auto for the full 60000", e.getMessage());
        DataException one = assertThrows(DataException.class, () -> DataLoader.loadUncached(
                Fixtures.bundled(12000, 0, 0, 1, Normalization.NONE), List.of()));
        assertEquals("trainSize 12000 exceeds the 10000 examples of the bundled Fashion-MNIST subset; lower it or "
                + "use source: auto for the full 60000", one.getMessage());
    }

    /** Reads the full official set where the Debian package is installed; skipped elsewhere. */
    @Test
    void loadsTheFullFashionMnistWhenInstalled() {
        assumeTrue(Files.isDirectory(SYSTEM_DIR), "dataset-fashion-mnist is not installed");
        long start = System.nanoTime();
        LoadedData d = DataLoader.loadUncached(Fixtures.image(DatasetName.FASHION_MNIST, DataSource.AUTO, null,
                50_000, 10_000, 0, 1, Normalization.SCALE01), List.of(SYSTEM_DIR));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("full Fashion-MNIST 60000 + 10000 loaded, split and scaled in %.2f s%n", seconds);
        assertEquals(50_000, d.train().numExamples());
        assertEquals(10_000, d.validation().numExamples());
        assertEquals(10_000, d.test().numExamples());
        assertArrayEquals(new int[] {5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000},
                Fixtures.classCounts(d.train()));
        assertTrue(seconds < 30, "loading took " + seconds + " s");
    }
}
