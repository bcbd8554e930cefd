package io.ablate4j.data;

import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.random.Prng;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * CIFAR-format binary files made in code, for where the real files are absent: the tests' fixtures and the
 * benchmark's CIFAR-shaped workload ({@code ablate4j bench --model cifar10-cnn} without CIFAR-10). The images of a
 * class share a colour and a stripe direction plus Gaussian noise, so a small network learns something within an
 * epoch; example {@code i} has class {@code (7i + i/3) mod classes}. The same arguments write the same bytes on any
 * machine ({@link Prng#lcg}, whose Gaussians are specified bit for bit).
 */
public final class GeneratedCifar {
    private GeneratedCifar() {
    }

    /** {@code count} 32×32 RGB images (3,072 bytes each, channel-first) of {@code classes} classes, seeded. */
    public static byte[][] images(int count, int classes, long seed, int[] labels) {
        Random rng = Prng.lcg(seed);
        byte[][] images = new byte[count][];
        for (int i = 0; i < count; i++) {
            int label = (i * 7 + i / 3) % classes;
            labels[i] = label;
            images[i] = image(label, classes, rng, CifarFiles.SIDE, CifarFiles.SIDE, 3);
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
     * fine label / 5). {@code source: path} reads them (any whole number of records), as the real files.
     *
     * @param labels filled with the labels, {@code 5 · perBatch + testCount} of them
     * @return the images in file order: training files first, then the test file
     */
    public static byte[][] write(Path dir, DatasetName name, int perBatch, int testCount, long seed, int[] labels)
            throws IOException {
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
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
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
}
