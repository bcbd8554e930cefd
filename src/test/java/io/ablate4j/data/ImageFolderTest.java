package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.AugmentConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.config.ImageConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** {@code name: images}: layouts, classes, sizes and channels, and every kind of bad folder as a named error. */
class ImageFolderTest {
    @TempDir
    Path dir;

    static DatasetConfig folder(Path root, int train, int validation, int test, ImageConfig image) {
        return new DatasetConfig(DatasetName.IMAGES, DataSource.PATH, root.toString(), train, validation, test, 1,
                Normalization.NONE, AugmentConfig.NONE, null, null, Task.CLASSIFICATION, 0, false, null, null, image);
    }

    private static LoadedData load(Path root, int train, int validation, int test, ImageConfig image) {
        return DataLoader.loadUncached(folder(root, train, validation, test, image), List.of());
    }

    /** {@code per[c]} images of class {@code names[c]}: grey or RGB, size h×w, pixel 0 = the image's index. */
    private void write(Path root, List<String> names, int[] per, int h, int w, int channels) throws IOException {
        Random rng = new Random(5);
        int index = 0;
        for (int c = 0; c < names.size(); c++) {
            for (int i = 0; i < per[c]; i++, index++) {
                byte[] px = ImageFixtures.image(c, names.size(), rng, h, w, channels);
                px[0] = (byte) index;
                ImageFixtures.writePng(root.resolve(names.get(c)).resolve(String.format("img%03d.png", i)), px, h, w,
                        channels);
            }
        }
    }

    @Test
    void classesAreTheSortedFolderNamesWithTheirCounts() throws IOException {
        Path root = dir.resolve("pets");
        write(root, List.of("dog", "cat", "bird"), new int[]{6, 9, 5}, 8, 6, 3);
        Files.writeString(root.resolve("README.txt"), "not an image");
        Files.writeString(root.resolve("cat").resolve("notes.txt"), "skipped");
        LoadedData d = load(root, 10, 4, 0, null);
        assertEquals(List.of("bird", "cat", "dog"), d.classNames());
        assertEquals(Map.of("train", List.of(5, 9, 6)), d.sourceCounts());
        assertEquals(8, d.height());
        assertEquals(6, d.width());
        assertEquals(3, d.channels());
        assertEquals(DataType.UINT8, d.train().getFeatures().dataType());
        assertEquals(10, d.train().numExamples());
        assertEquals(4, d.validation().numExamples());
        assertEquals(6, d.test().numExamples(), "testSize 0: what train and validation leave");
        assertTrue(d.description().startsWith("images (" + root + ", 8×6×3) train 10 / val 4 / test 6"),
                d.description());
    }

    @Test
    void trainAndTestSubfoldersAreTheGivenSplit() throws IOException {
        Path root = dir.resolve("split");
        write(root.resolve("train"), List.of("a", "b"), new int[]{7, 5}, 4, 4, 1);
        write(root.resolve("test"), List.of("a", "b"), new int[]{2, 3}, 4, 4, 1);
        LoadedData d = load(root, 8, 2, 0, null);
        assertEquals(Map.of("train", List.of(7, 5), "test", List.of(2, 3)), d.sourceCounts());
        assertEquals(5, d.test().numExamples());
        assertEquals(1, d.channels());
    }

    @Test
    void sizeAndChannelsConvert() throws IOException {
        Path root = dir.resolve("mixed");
        write(root, List.of("x", "y"), new int[]{3, 3}, 10, 8, 1);
        // one colour image among grey ones: the folder is RGB without channels
        ImageFixtures.writePng(root.resolve("y").resolve("zz.png"), ImageFixtures.image(1, 2, new Random(1), 10, 8,
                3), 10, 8, 3);
        LoadedData rgb = load(root, 4, 0, 3, null);
        assertEquals(3, rgb.channels());
        LoadedData grey = load(root, 4, 0, 3, new ImageConfig(List.of(5, 4), 1, null));
        assertEquals(1, grey.channels());
        assertEquals(5, grey.height());
        assertEquals(4, grey.width());
        assertEquals(20, grey.numFeatures());
    }

    @Test
    void greyCopiesIntoRgbAndRgbTurnsGreyByLuma() {
        byte[] grey = {10, (byte) 200};
        assertArrayEquals(new byte[]{10, (byte) 200, 10, (byte) 200, 10, (byte) 200},
                ImageFolder.channels(grey, 2, 1, 3));
        byte[] rgb = {(byte) 255, 0, 0, (byte) 255, 0, 0};
        // PIL's convert("L"): (19595 R + 38470 G + 7471 B + 32768) >> 16
        assertArrayEquals(new byte[]{76, (byte) 150}, ImageFolder.channels(rgb, 2, 3, 1));
    }

    @Test
    void bilinearResizeOfAConstantIsTheConstantAndOfARampIsARamp() {
        byte[] flat = new byte[16];
        Arrays.fill(flat, (byte) 77);
        byte[] out = ImageFolder.resize(flat, 1, 4, 4, 7, 3);
        for (byte b : out) {
            assertEquals(77, b & 0xff);
        }
        byte[] ramp = {0, 100, (byte) 200, 0, 100, (byte) 200};
        // 3 → 6 columns: samples at (x + ½)·½ − ½ = −¼ (clamped to 0), ¼, ¾, 1¼, 1¾, 2¼ (clamped to 2)
        assertArrayEquals(new byte[]{0, 25, 75, 125, (byte) 175, (byte) 200},
                Arrays.copyOf(ImageFolder.resize(ramp, 1, 2, 3, 1, 6), 6));
    }

    @Test
    void pngsRoundTripExactlyGreyAndRgb() throws IOException {
        byte[] grey = new byte[12];
        byte[] rgb = new byte[36];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
            if (i < 12) {
                grey[i] = (byte) (255 - i * 9);
            }
        }
        ImageFixtures.writePng(dir.resolve("g.png"), grey, 3, 4, 1);
        ImageFixtures.writePng(dir.resolve("c.png"), rgb, 3, 4, 3);
        assertArrayEquals(grey, ImageFolder.decode(dir.resolve("g.png")).pixels());
        assertArrayEquals(rgb, ImageFolder.decode(dir.resolve("c.png")).pixels());
        // a JPEG decodes too (lossy, so only its size and kind are checked)
        BufferedImage jpeg = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        ImageIO.write(jpeg, "jpg", dir.resolve("j.JPG").toFile());
        ImageFolder.Decoded j = ImageFolder.decode(dir.resolve("j.JPG"));
        assertEquals(List.of(3, 5, 3), List.of(j.height(), j.width(), j.channels()));
    }

    // ------------------------------------------------------------------------------------------------ bad input

    private String error(Path root, ImageConfig image) {
        return assertThrows(DataException.class, () -> load(root, 2, 0, 1, image)).getMessage();
    }

    @Test
    void aCorruptOrTruncatedImageIsNamed() throws IOException {
        Path root = dir.resolve("bad");
        write(root, List.of("a", "b"), new int[]{3, 3}, 8, 8, 3);
        Path victim = root.resolve("b").resolve("img001.png");
        byte[] png = Files.readAllBytes(victim);
        Files.write(victim, Arrays.copyOf(png, png.length / 2));
        String truncated = error(root, null);
        assertTrue(truncated.startsWith(victim + ": a corrupt or truncated image"), truncated);
        Files.write(victim, "this is not a PNG".getBytes());
        String corrupt = error(root, null);
        assertTrue(corrupt.startsWith(victim + ": not an image that can be read"), corrupt);
    }

    @Test
    void emptyClassSingleClassAndNoImagesAreNamed() throws IOException {
        Path root = dir.resolve("classes");
        write(root, List.of("a", "b"), new int[]{3, 3}, 4, 4, 1);
        Files.createDirectories(root.resolve("c"));
        assertEquals(root.resolve("c") + ": an empty class folder (no PNG, JPEG, BMP or GIF (.png, .jpg, .jpeg, .bmp, "
                + ".gif)); add images or remove the folder", error(root, null));

        Path one = dir.resolve("one");
        write(one, List.of("only"), new int[]{4}, 4, 4, 1);
        assertEquals(one + ": only one class folder (only); a classifier needs at least two classes, each in a folder "
                + "of its own", error(one, null));

        Path none = dir.resolve("none");
        Files.createDirectories(none.resolve("a"));
        Files.createDirectories(none.resolve("b"));
        Files.writeString(none.resolve("a").resolve("x.webp"), "?");
        assertEquals(none + ": no images in its 2 class folders; images are PNG, JPEG, BMP or GIF (.png, .jpg, .jpeg, "
                + ".bmp, .gif) (found only: .webp)", error(none, null));

        Path flat = dir.resolve("flat");
        Files.createDirectories(flat);
        assertTrue(error(flat, null).startsWith(flat + ": no class folders; put each class's images into a subfolder"));
        assertTrue(error(dir.resolve("absent"), null).startsWith(dir.resolve("absent") + ": no such directory"));

        Path loose = dir.resolve("loose");
        write(loose, List.of("a", "b"), new int[]{2, 2}, 4, 4, 1);
        ImageFixtures.writePng(loose.resolve("stray.png"), new byte[16], 4, 4, 1);
        assertTrue(error(loose, null).startsWith(loose.resolve("stray.png") + ": an image outside a class folder"));
    }

    @Test
    void mixedSizesWithoutImageSizeNameTwoFiles() throws IOException {
        Path root = dir.resolve("sizes");
        write(root, List.of("a", "b"), new int[]{2, 2}, 8, 8, 1);
        ImageFixtures.writePng(root.resolve("b").resolve("odd.png"), new byte[6 * 7], 6, 7, 1);
        assertEquals("the images differ in size: " + root.resolve("a").resolve("img000.png") + " is 8×8 (height × "
                + "width), " + root.resolve("b").resolve("odd.png") + " is 6×7; set dataset.imageSize: [height, "
                + "width] to resize every image to one size", error(root, null));
        assertEquals(8, load(root, 2, 0, 1, new ImageConfig(List.of(8, 8), 0, null)).height());
    }

    @Test
    void splitFoldersMustMatch() throws IOException {
        Path root = dir.resolve("halves");
        write(root.resolve("train"), List.of("a", "b", "c"), new int[]{2, 2, 2}, 4, 4, 1);
        write(root.resolve("test"), List.of("a", "b"), new int[]{1, 1}, 4, 4, 1);
        assertEquals(root + ": train/ and test/ must hold the same class folders; only in train/: c",
                error(root, null));
        Path half = dir.resolve("half");
        write(half.resolve("train"), List.of("a", "b"), new int[]{2, 2}, 4, 4, 1);
        assertTrue(error(half, null).startsWith(half + ": has train/ but no test/"));
    }

    @Test
    void aSymlinkLoopIsNamed() throws IOException {
        Path root = dir.resolve("loop");
        write(root, List.of("a", "b"), new int[]{2, 2}, 4, 4, 1);
        Path link = root.resolve("a").resolve("again");
        try {
            Files.createSymbolicLink(link, root.resolve("a"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no symbolic links here: " + e);
        }
        String m = error(root, null);
        assertTrue(m.startsWith(link + ": a symbolic link loop"), m);
    }

    @Test
    void anUnreadableFileIsNamed() throws IOException {
        Path root = dir.resolve("locked");
        write(root, List.of("a", "b"), new int[]{2, 2}, 4, 4, 1);
        Path locked = root.resolve("b").resolve("img000.png");
        try {
            Files.setPosixFilePermissions(locked, Set.of());
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no POSIX permissions here");
        }
        Assumptions.assumeFalse(Files.isReadable(locked), "running as root: every file is readable");
        assertEquals(locked + ": cannot read: permission denied", error(root, null));
    }
}
