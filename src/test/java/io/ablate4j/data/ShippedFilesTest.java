package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.SyntheticShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DataLoader#files} and {@link DataLoader#load(DatasetConfig, List)}: what an engine ships, and loading copies. */
class ShippedFilesTest {
    private final DataCache cache = new DataCache();

    @TempDir
    Path dir;

    /** Copies each file into {@code to} under another name, then deletes the original. */
    private static List<Path> moveAway(List<Path> files, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> copies = new ArrayList<>();
        for (Path f : files) {
            Path copy = to.resolve("shipped-" + f.getFileName());
            Files.move(f, copy);
            copies.add(copy);
        }
        return copies;
    }

    @Test
    void idxFilesInTheirOrderAndLoadedFromCopies() throws IOException {
        Path idx = dir.resolve("idx");
        Fixtures.writeIdxSet(idx, 300, 100, true);
        DatasetConfig config = Fixtures.idxDir(idx, 120, 30, 50, 4);
        List<Path> files = DataLoader.files(config);
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"), files.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(files.stream().allMatch(Path::isAbsolute), files.toString());
        LoadedData original = DataLoader.loadUncached(config, List.of());

        List<Path> copies = moveAway(files, dir.resolve("elsewhere"));
        LoadedData shipped = cache.load(config, -1, copies);
        assertEquals(original.train(), shipped.train());
        assertEquals(original.validation(), shipped.validation());
        assertEquals(original.test(), shipped.test());
        // cached under the config: the trial's own load(config) finds it, although the config's path is gone
        assertSame(shipped, cache.load(config));
    }

    @Test
    void csvTrainThenTestFile() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append(i).append(',').append(i % 7).append(',').append(i % 3).append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), rows);
        Files.writeString(dir.resolve("test.csv"), rows);
        CsvConfig csv = new CsvConfig(dir.resolve("train.csv").toString(), dir.resolve("test.csv").toString(), -1,
                false, ',', 0);
        DatasetConfig config = Fixtures.csv(csv, 40, 10, 0, 2, Normalization.NONE);
        List<Path> files = DataLoader.files(config);
        assertEquals(List.of(dir.resolve("train.csv"), dir.resolve("test.csv")), files);
        LoadedData original = DataLoader.loadUncached(config, List.of());
        LoadedData shipped = cache.load(config, -1, moveAway(files, dir.resolve("elsewhere")));
        assertEquals(original.train(), shipped.train());
        assertEquals(original.test(), shipped.test());
    }

    @Test
    void noFilesForGeneratedOrBundledDataAndTheLoadErrorForMissingOnes() {
        assertEquals(List.of(), DataLoader.files(Fixtures.synthetic(SyntheticShape.BLOBS, 4, 2, 1, 0, 20, 0, 10, 1,
                Normalization.NONE)));
        assertEquals(List.of(), DataLoader.files(Fixtures.bundled(20, 0, 10, 1, Normalization.NONE)));
        DataException e = assertThrows(DataException.class,
                () -> DataLoader.files(Fixtures.idxDir(dir.resolve("none"), 20, 0, 10, 1)));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
    }
}
