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

/**
 * Image folders and CIFAR files through the commands: {@code validate} loads them and says how they are split (sizes
 * from a folder's own images, its relative path the config file's); bad ones, and networks that do not fit them, stop
 * {@code validate}, {@code run} and {@code plan --out} with exit 2, named, nothing written.
 */
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
        assertRefused(r, out, "x.yaml:2: dataset.path = " + root + ": " + bad + ": a corrupt or truncated image");
        CliTest.Result missing = CliTest.cli("validate", config("{name: images, path: nowhere}",
                "{type: mlp, hidden: [4]}").toString());
        assertRefused(missing, out, "x.yaml:2: dataset.path = nowhere: " + tmp.resolve("nowhere") + ": no such "
                + "directory; name: images needs the folder of class folders");
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

    private static String keras(String inputShape) {
        String conv = "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": 3, "
                + "\"padding\": \"valid\", \"activation\": \"relu\"}}";
        return "{\"class_name\": \"Sequential\", \"keras_version\": \"2.11.0\", \"config\": {\"name\": \"s\", "
                + "\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"in\", \"batch_input_shape\": "
                + "[null, " + inputShape + "]}}, " + conv + ", " + conv.replace("\"c\"", "\"c2\"")
                + ", {\"class_name\": \"Flatten\", \"config\": {\"name\": \"f\"}}, {\"class_name\": \"Dense\", "
                + "\"config\": {\"name\": \"o\", \"units\": 2, \"activation\": \"softmax\"}}]}}";
    }

    @Test
    void aFolderWithoutSizesSplitsItsOwnImagesAndItsRelativePathIsTheConfigFiles() throws IOException {
        Path root = folder(8);
        Path config = config("{name: images, path: pics}", "{type: cnn, conv: [{filters: 4}], hidden: [8]}");
        CliTest.Result r = CliTest.cli("validate", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data: images (" + root + ", 8×8×3) train 8 / val 2 / test 2 (sizes from its 12 "
                + "images: validation 20%, test 20%, train the rest)"), r.out());
    }

    @Test
    void aKerasConvnetTakesTheFolderShapeAndOneThatDoesNotFitIsFoundByValidate() throws IOException {
        Path root = folder(8);
        Files.writeString(tmp.resolve("m.json"), keras("8, 8, 3"));
        Path config = config("{name: images, path: pics, trainSize: 8, validationSize: 2}",
                "{type: keras, file: m.json}");
        Path out = tmp.resolve("out");
        CliTest.Result ok = CliTest.cli("run", config.toString(), "--out", out.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"imageShape\" : [ 8, 8, 3 ]"));

        Files.writeString(tmp.resolve("m.json"), keras("8, 8, 1"));
        Path out2 = tmp.resolve("out2");
        assertRefused(CliTest.cli("validate", config.toString()), out2, "x.yaml:3: model.file = m.json: "
                + tmp.resolve("m.json") + ": input shape [8, 8, 1] does not fit images (" + root + ", 8×8×3) (192 "
                + "features: [192], or [8, 8, 3] for Conv2D)");
        Files.writeString(tmp.resolve("m.json"), keras("4, 4, 3"));
        Path small = folder(4);
        assertEquals(root, small);
        assertRefused(CliTest.cli("run", config.toString(), "--out", out2.toString()), out2, "x.yaml:3: model.file = "
                + "m.json: " + tmp.resolve("m.json") + ": layer 2 'c2' (Conv2D): the layers up to here shrink the "
                + "4×4×3 images of images (" + root + ", 4×4×3) below 1×1; use padding='same', smaller kernels or "
                + "fewer pooling layers, or larger images (dataset.imageSize)");
    }
}
