package io.ablate4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.data.ImageFixtures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad image folders and CIFAR files stop {@code run} and {@code plan --out} with exit 2, named, nothing written. */
class ImageDataCliTest {
    @TempDir
    Path tmp;

    private Path config(String dataset, String model) throws IOException {
        Path p = tmp.resolve("x.yaml");
        Files.writeString(p, "name: x\ndataset: " + dataset + "\nmodel: " + model + "\ntraining: {epochs: 1}\n"
                + "seeds: [1]\n");
        return p;
    }

    private Path folder(int side) throws IOException {
        Path root = tmp.resolve("pics");
        int[] labels = new int[12];
        byte[][] images = new byte[12][];
        for (int i = 0; i < 12; i++) {
            labels[i] = i % 2;
            images[i] = new byte[3 * side * side];
            images[i][i % images[i].length] = (byte) (40 * labels[i]);
        }
        ImageFixtures.writeFolder(root, images, labels, 0, 12, List.of("a", "b"), side, side, 3);
        return root;
    }

    private static void assertRefused(CliTest.Result r, Path out, String expected) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aCorruptImageStopsTheRunBeforeAnythingIsWritten() throws IOException {
        Path root = folder(8);
        Path bad = root.resolve("b").resolve("000005.png");
        Files.write(bad, new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        Path out = tmp.resolve("out");
        CliTest.Result r = CliTest.cli("run", config("{name: images, path: " + root + ", trainSize: 6, "
                + "validationSize: 2}", "{type: mlp, hidden: [4]}").toString(), "--out", out.toString());
        assertRefused(r, out, "x.yaml: dataset: " + bad + ": a corrupt or truncated image");
    }

    @Test
    void aTruncatedCifarBatchIsNamedWithItsSizes() throws IOException {
        Path dir = tmp.resolve("cifar");
        ImageFixtures.writeCifar(dir, DatasetName.CIFAR10, 6, 6, 1, new int[36]);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("test_batch.bin").toFile(), "rw")) {
            f.setLength(5 * 3073 + 100);
        }
        Path out = tmp.resolve("out");
        CliTest.Result r = CliTest.cli("plan", config("{name: cifar10, source: path, path: " + dir + ", trainSize: 10, "
                + "validationSize: 0}", "{type: mlp, hidden: [4]}").toString(), "--out", out.toString());
        assertRefused(r, out, dir.resolve("test_batch.bin") + ": 15,465 bytes is not a whole number of 3,073-byte "
                + "records");
    }

    @Test
    void imagesTooSmallForTheNetworkAreALocatedError() throws IOException {
        Path root = folder(3);
        Path out = tmp.resolve("out");
        CliTest.Result r = CliTest.cli("run", config("{name: images, path: " + root + ", trainSize: 6, "
                + "validationSize: 2}",
                "{type: cnn, conv: [{filters: 4, pool: 2}, {filters: 4, pool: 2}], hidden: [8]}").toString(), "--out",
                out.toString());
        assertRefused(r, out, "x.yaml:3: model.conv[1].pool = 2: variant base: a 2×2 max pooling needs maps of at "
                + "least that size, but the blocks before it and its convolution leave 1×1 of the 3×3×3 images of "
                + root + " (dataset.imageSize, dataset.channels); use pool: 1 here, fewer blocks, or larger images");
    }
}
