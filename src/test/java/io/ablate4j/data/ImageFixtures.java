package io.ablate4j.data;

import io.ablate4j.config.Enums.DatasetName;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Image data made in code: CIFAR-format binary files and folders of PNG files, small enough for tests. The images of
 * a class share a colour and a stripe direction plus noise, so a small network learns something within an epoch.
 */
public final class ImageFixtures {
    private ImageFixtures() {
    }

    /** {@code count} 32×32 RGB images (3,072 bytes each, channel-first) of {@code classes} classes, seeded. */
    public static byte[][] images(int count, int classes, long seed, int[] labels) {
        Random rng = new Random(seed);
        byte[][] images = new byte[count][];
        for (int i = 0; i < count; i++) {
            int label = (i * 7 + i / 3) % classes;
            labels[i] = label;
            images[i] = image(label, classes, rng, 32, 32, 3);
        }
        return images;
    }

    /** One channel-first image of class {@code label}: a colour per class, stripes of a class's direction, noise. */
    static byte[] image(int label, int classes, Random rng, int h, int w, int channels) {
        byte[] px = new byte[channels * h * w];
        for (int c = 0; c < channels; c++) {
            int base = 40 + (label * 53 + c * 97) % 170;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int stripe = ((label % 2 == 0 ? x : y) + label) % 4 < 2 ? 30 : -30;
                    int v = base + stripe + (int) Math.round(rng.nextGaussian() * 12);
                    px[c * h * w + y * w + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return px;
    }

    /**
     * Writes CIFAR-format files into {@code dir}: CIFAR-10's five training batches of {@code perBatch} records each and
     * a test batch of {@code testCount}, or CIFAR-100's train.bin of {@code 5 · perBatch} and test.bin (coarse label =
     * fine label / 5).
     *
     * @return the images in file order: training files first, then the test file; labels in {@code labels}
     */
    public static byte[][] writeCifar(Path dir, DatasetName name, int perBatch, int testCount, long seed,
                                      int[] labels) throws IOException {
        int classes = name == DatasetName.CIFAR10 ? 10 : 100;
        int total = 5 * perBatch + testCount;
        byte[][] images = images(total, classes, seed, labels);
        Files.createDirectories(dir);
        int i = 0;
        for (String file : CifarFiles.trainNames(name)) {
            int records = name == DatasetName.CIFAR10 ? perBatch : 5 * perBatch;
            i = writeRecords(dir.resolve(file), name, images, labels, i, records);
        }
        writeRecords(dir.resolve(CifarFiles.testName(name)), name, images, labels, i, testCount);
        return images;
    }

    private static int writeRecords(Path file, DatasetName name, byte[][] images, int[] labels, int from, int count)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = from; i < from + count; i++) {
                if (name == DatasetName.CIFAR100) {
                    out.write(labels[i] / 5);
                }
                out.write(labels[i]);
                out.write(images[i]);
            }
        }
        return from + count;
    }

    /** Writes channel-first bytes as a PNG (grey for 1 channel, RGB for 3). */
    public static void writePng(Path file, byte[] pixels, int h, int w, int channels) throws IOException {
        BufferedImage img = new BufferedImage(w, h, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_3BYTE_BGR);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (channels == 1) {
                    img.getRaster().setSample(x, y, 0, pixels[i] & 0xff);
                } else {
                    for (int c = 0; c < 3; c++) {
                        img.getRaster().setSample(x, y, c, pixels[c * plane + i] & 0xff);
                    }
                }
            }
        }
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    /**
     * Writes examples as {@code dir/<class name>/<index>.png}, index zero-padded in the given order, so that a folder
     * lists each class's images in the order they have here.
     */
    public static void writeFolder(Path dir, byte[][] images, int[] labels, int from, int count,
                                   java.util.List<String> classNames, int h, int w, int channels) throws IOException {
        for (int i = from; i < from + count; i++) {
            writePng(dir.resolve(classNames.get(labels[i])).resolve(String.format("%06d.png", i)), images[i], h, w,
                    channels);
        }
    }
}
