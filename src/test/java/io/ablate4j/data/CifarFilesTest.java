package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.AugmentConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.CifarLabels;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.ImageConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** CIFAR-10 and CIFAR-100 binary files, written in CIFAR's format by the test. */
class CifarFilesTest {
    @TempDir
    Path dir;

    static DatasetConfig cifar(DatasetName name, DataSource source, Path path, int train, int validation, int test,
                               CifarLabels labels) {
        return new DatasetConfig(name, source, path == null ? null : path.toString(), train, validation, test, 2,
                Normalization.NONE, AugmentConfig.NONE, null, null, Task.CLASSIFICATION, 0, false, null, null,
                labels == null ? null : new ImageConfig(null, 0, labels));
    }

    @Test
    void cifar10RecordsArriveAsTheyAreStored() throws IOException {
        int[] labels = new int[5 * 20 + 30];
        byte[][] images = ImageFixtures.writeCifar(dir, DatasetName.CIFAR10, 20, 30, 4, labels);
        LoadedData d = DataLoader.loadUncached(cifar(DatasetName.CIFAR10, DataSource.PATH, dir, 60, 20, 0, null),
                List.of());
        assertEquals(List.of(32, 32, 3, 3072), List.of(d.height(), d.width(), d.channels(), d.numFeatures()));
        assertEquals(CifarFiles.CIFAR10_CLASSES, d.classNames());
        assertEquals(DataType.UINT8, d.train().getFeatures().dataType());
        assertEquals(30, d.test().numExamples(), "testSize 0: the whole test file, in file order");
        byte[] first = new byte[3072];
        d.test().getFeatures().data().asNio().get(0, first);
        assertArrayEquals(images[100], first, "the first test record's pixels, channel-first as stored");
        assertEquals(1f, d.test().getLabels().getFloat(0, labels[100]));
        int[] counts = new int[10];
        for (int i = 0; i < 100; i++) {
            counts[labels[i]]++;
        }
        assertEquals(Arrays.stream(counts).boxed().toList(), d.sourceCounts().get("train"));
    }

    @Test
    void cifar100HasFineAndCoarseLabels() throws IOException {
        int[] labels = new int[5 * 40 + 20];
        ImageFixtures.writeCifar(dir, DatasetName.CIFAR100, 40, 20, 4, labels);
        LoadedData fine = DataLoader.loadUncached(cifar(DatasetName.CIFAR100, DataSource.PATH, dir, 100, 0, 20,
                CifarLabels.FINE), List.of());
        assertEquals(100, fine.numClasses());
        assertEquals("apple", fine.classNames().get(0));
        LoadedData coarse = DataLoader.loadUncached(cifar(DatasetName.CIFAR100, DataSource.PATH, dir, 100, 0, 20,
                CifarLabels.COARSE), List.of());
        assertEquals(20, coarse.numClasses());
        assertEquals("aquatic_mammals", coarse.classNames().get(0));
        assertTrue(coarse.description().startsWith("cifar100 coarse labels ("), coarse.description());
    }

    @Test
    void theArchiveFolderAndTheSearchPathAreLookedIn() throws IOException {
        Path data = dir.resolve("data");
        ImageFixtures.writeCifar(data.resolve("cifar10").resolve("cifar-10-batches-bin"), DatasetName.CIFAR10, 10, 10,
                1, new int[60]);
        List<Path> search = IdxFiles.searchPath(DatasetName.CIFAR10, dir, data.toString(), dir.resolve("system"));
        assertEquals(data.resolve("cifar10").resolve("cifar-10-batches-bin"),
                CifarFiles.locate(DatasetName.CIFAR10, search).dir());
        DataException e = assertThrows(DataException.class, () -> CifarFiles.locate(DatasetName.CIFAR100, search));
        assertTrue(e.getMessage().startsWith("the cifar100 binary files (train.bin, test.bin) were not found. "
                + "Searched (each also in its cifar-100-binary/):"), e.getMessage());
        assertTrue(e.getMessage().contains("./ablate4j data fetch cifar100"), e.getMessage());
    }

    @Test
    void aTruncatedBatchIsNamedWithExpectedAndActualSize() throws IOException {
        ImageFixtures.writeCifar(dir, DatasetName.CIFAR10, 10, 10, 1, new int[60]);
        Path batch = dir.resolve("data_batch_3.bin");
        try (RandomAccessFile f = new RandomAccessFile(batch.toFile(), "rw")) {
            f.setLength(10 * 3073 - 1000);
        }
        DataException e = assertThrows(DataException.class, () -> DataLoader.loadUncached(
                cifar(DatasetName.CIFAR10, DataSource.PATH, dir, 10, 0, 0, null), List.of()));
        assertEquals(batch + ": 29,730 bytes is not a whole number of 3,073-byte records (1 label byte and 3,072 "
                + "pixel bytes; 10 records would be 30,730 bytes): the file is truncated or not a CIFAR-10 binary "
                + "file", e.getMessage());
        // the files source: auto finds must have the official size
        DataException official = assertThrows(DataException.class, () -> CifarFiles.read(
                CifarFiles.inPath(dir, DatasetName.CIFAR10), DatasetName.CIFAR10, null, true));
        assertEquals(dir.resolve("data_batch_1.bin") + ": 30,730 bytes, but the official file has 30,730,000 "
                + "(10,000 records of 3,073 bytes): truncated; fetch it again with './ablate4j data fetch cifar10'",
                official.getMessage());
    }

    @Test
    void aLabelOutOfRangeAndAMissingFileAreNamed() throws IOException {
        ImageFixtures.writeCifar(dir, DatasetName.CIFAR10, 10, 10, 1, new int[60]);
        Path test = dir.resolve("test_batch.bin");
        byte[] bytes = Files.readAllBytes(test);
        bytes[2 * 3073] = 12;
        Files.write(test, bytes);
        DataException e = assertThrows(DataException.class, () -> DataLoader.loadUncached(
                cifar(DatasetName.CIFAR10, DataSource.PATH, dir, 10, 0, 0, null), List.of()));
        assertEquals(test + ": record 2 (byte 6,146): the label 12 is out of range: the classes are 0..9; the file "
                + "is corrupt or not a CIFAR-10 binary file", e.getMessage());
        Files.delete(dir.resolve("data_batch_5.bin"));
        DataException missing = assertThrows(DataException.class, () -> DataLoader.loadUncached(
                cifar(DatasetName.CIFAR10, DataSource.PATH, dir, 10, 0, 0, null), List.of()));
        assertTrue(missing.getMessage().startsWith(dir + ": lacks data_batch_5.bin"), missing.getMessage());
        assertEquals("dataset.path", missing.key(), "located at the key that fixes it");
    }

    @Test
    void filesListsTheBinariesForShipping() throws IOException {
        ImageFixtures.writeCifar(dir, DatasetName.CIFAR10, 10, 10, 1, new int[60]);
        List<Path> files = DataLoader.files(cifar(DatasetName.CIFAR10, DataSource.PATH, dir, 10, 0, 0, null));
        assertEquals(6, files.size());
        assertEquals(dir.resolve("test_batch.bin"), files.get(5));
        // read from copies at other paths, as an engine that shipped them does
        Path copies = dir.resolve("shipped");
        Files.createDirectories(copies);
        List<Path> shipped = new java.util.ArrayList<>();
        for (Path f : files) {
            shipped.add(Files.copy(f, copies.resolve("x-" + f.getFileName())));
        }
        LoadedData d = new DataCache().load(cifar(DatasetName.CIFAR10, DataSource.PATH, dir, 20, 5, 0, null), -1,
                shipped);
        assertEquals(20, d.train().numExamples());
    }
}
