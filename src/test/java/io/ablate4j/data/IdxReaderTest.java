package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.DatasetName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzippedAlikeWhateverTheName() throws IOException {
        byte[] content = Fixtures.images(5, 0);
        Path raw = dir.resolve("images.gz"); // a raw file with a misleading name
        Path gz = dir.resolve("images.bin");
        Fixtures.write(raw, content, false);
        Fixtures.write(gz, content, true);
        IdxReader.Images a = IdxReader.readImages(raw);
        IdxReader.Images b = IdxReader.readImages(gz);
        assertEquals(5, a.count());
        assertEquals(Fixtures.SIDE, a.rows());
        assertEquals(Fixtures.SIDE, a.cols());
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(Arrays.copyOfRange(content, 16, content.length), a.pixels());
    }

    @Test
    void wrongMagicNamesTheFileAndWhatItIs() throws IOException {
        Path labels = dir.resolve("train-images-idx3-ubyte");
        Fixtures.write(labels, Fixtures.labels(3), false);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().startsWith(labels + ": not an IDX image file: magic number 2049 (expected 2051)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("this is a label file"), e.getMessage());

        Path text = dir.resolve("train-labels-idx1-ubyte");
        Files.writeString(text, "<html>not found</html>");
        DataException t = assertThrows(DataException.class, () -> IdxReader.readLabels(text));
        assertTrue(t.getMessage().contains(text + ": not an IDX label file"), t.getMessage());
    }

    @Test
    void truncatedLabelFileSaysHowManyItHolds() throws IOException {
        byte[] full = Fixtures.labels(60);
        Path file = dir.resolve("train-labels-idx1-ubyte.gz");
        Fixtures.write(file, Arrays.copyOf(full, full.length - 10), true);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(file));
        assertEquals(file + ": truncated: header says 60 labels, file holds 50", e.getMessage());
    }

    @Test
    void truncatedImageFileCountsWholeImages() throws IOException {
        byte[] full = Fixtures.images(10, 0);
        Path file = dir.resolve("t10k-images-idx3-ubyte");
        Fixtures.write(file, Arrays.copyOf(full, full.length - 20), false); // 16 px per image: 8 complete + 12 bytes
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertEquals(file + ": truncated: header says 10 images of 4×4, file holds 8 and 12 bytes of the next",
                e.getMessage());
    }

    @Test
    void gzipStreamCutShortIsReportedAsTruncation() throws IOException {
        byte[] gz = Fixtures.gzip(Fixtures.images(200, 0));
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().startsWith(file + ": truncated: header says 200 images of 4×4, file holds "),
                e.getMessage());
    }

    @Test
    void headerCutShortIsReported() throws IOException {
        Path file = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(file, new byte[] {0, 0, 8, 1, 0, 0});
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(file));
        assertEquals(file + ": truncated: the file ends before the label count of its IDX header", e.getMessage());
    }

    @Test
    void trailingDataIsAnError() throws IOException {
        byte[] full = Fixtures.labels(5);
        Path file = dir.resolve("train-labels-idx1-ubyte");
        Fixtures.write(file, Arrays.copyOf(full, full.length + 3), false);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("holds more data than its header declares (5 labels)"), e.getMessage());
    }

    @Test
    void imageLabelCountMismatchNamesBothFiles() throws IOException {
        Fixtures.writeIdxSet(dir, 30, 10, true);
        Fixtures.write(dir.resolve("train-labels-idx1-ubyte.gz"), Fixtures.labels(29), true);
        DataException e = assertThrows(DataException.class, () -> IdxFiles.read(IdxFiles.inDirectory(dir).get()));
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz") + " holds 30 images but "
                + dir.resolve("train-labels-idx1-ubyte.gz") + " holds 29 labels; the two files must belong together",
                e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesFileAndIndex() throws IOException {
        Fixtures.writeIdxSet(dir, 30, 10, false);
        byte[] labels = Fixtures.labels(10);
        labels[8 + 7] = 12;
        Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte"), labels, false);
        DataException e = assertThrows(DataException.class, () -> IdxFiles.read(IdxFiles.inDirectory(dir).get()));
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte") + ": label 12 at index 7 is out of range: the classes "
                + "are 0..9", e.getMessage());
    }

    @Test
    void acceptsTheDottedNameVariant() throws IOException {
        Fixtures.write(dir.resolve("train-images.idx3-ubyte"), Fixtures.images(3, 0), false);
        Fixtures.write(dir.resolve("train-labels.idx1-ubyte"), Fixtures.labels(3), false);
        Fixtures.write(dir.resolve("t10k-images.idx3-ubyte"), Fixtures.images(2, 1), false);
        Fixtures.write(dir.resolve("t10k-labels.idx1-ubyte.gz"), Fixtures.labels(2), true);
        IdxFiles.Loaded loaded = IdxFiles.read(IdxFiles.inDirectory(dir).orElseThrow());
        assertEquals(3, loaded.train().count);
        assertEquals(2, loaded.test().count);
    }

    @Test
    void searchPathOrderAndTheMessageWhenNothingIsFound() throws IOException {
        Path cwd = dir.resolve("work");
        Path env = dir.resolve("env");
        Path system = dir.resolve("usr-share");
        List<Path> path = IdxFiles.searchPath(DatasetName.FASHION_MNIST, cwd, env.toString(), system);
        assertEquals(List.of(cwd.resolve("datasets/fashion-mnist"), env.resolve("fashion-mnist"), env,
                system.resolve("fashion-mnist")), path);

        Files.createDirectories(env);
        Fixtures.write(env.resolve("train-images-idx3-ubyte.gz"), Fixtures.images(3, 0), true);
        DataException e = assertThrows(DataException.class, () -> IdxFiles.locate(DatasetName.FASHION_MNIST, path));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("the full fashion-mnist IDX files"), msg);
        assertTrue(msg.contains(cwd.resolve("datasets/fashion-mnist") + ": no such directory"), msg);
        assertTrue(msg.contains(env + ": lacks train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz), "
                + "t10k-labels-idx1-ubyte(.gz)"), msg);
        assertTrue(msg.contains("apt-get install dataset-fashion-mnist"), msg);
        assertTrue(msg.contains("./ablate4j data fetch fashion-mnist"), msg);

        // $ABLATE4J_DATA/<name> is found before the system directory
        Fixtures.writeIdxSet(env.resolve("fashion-mnist"), 3, 2, true);
        Fixtures.writeIdxSet(system.resolve("fashion-mnist"), 3, 2, true);
        assertEquals(env.resolve("fashion-mnist"), IdxFiles.locate(DatasetName.FASHION_MNIST, path).dir());
    }
}
