package io.ablate4j.data;

import io.ablate4j.config.Enums.DatasetName;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Image data made in code: CIFAR-format binary files (main code's {@link GeneratedCifar}, which the benchmark uses
 * too) and folders of PNG files of the same images, small enough for tests.
 */
public final class ImageFixtures {
    private ImageFixtures() {
    }

    /** {@code count} 32×32 RGB images (3,072 bytes each, channel-first) of {@code classes} classes, seeded. */
    public static byte[][] images(int count, int classes, long seed, int[] labels) {
        return GeneratedCifar.images(count, classes, seed, labels);
    }

    /** One channel-first image of class {@code label} ({@link GeneratedCifar}'s). */
    static byte[] image(int label, int classes, Random rng, int h, int w, int channels) {
        return GeneratedCifar.image(label, classes, rng, h, w, channels);
    }

    /** CIFAR-format files ({@link GeneratedCifar#write}). */
    public static byte[][] writeCifar(Path dir, DatasetName name, int perBatch, int testCount, long seed,
                                      int[] labels) throws IOException {
        return GeneratedCifar.write(dir, name, perBatch, testCount, seed, labels);
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
