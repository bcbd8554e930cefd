package io.ablate4j.data;

import io.ablate4j.config.AugmentConfig;
import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.SyntheticConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Configs and small IDX data sets made in code. */
final class Fixtures {
    static final int SIDE = 4;

    private Fixtures() {
    }

    static DatasetConfig image(DatasetName name, DataSource source, String path, int train, int validation,
                               int test, long seed, Normalization normalize) {
        return new DatasetConfig(name, source, path, train, validation, test, seed, normalize, AugmentConfig.NONE,
                null, null);
    }

    static DatasetConfig bundled(int train, int validation, int test, long seed, Normalization normalize) {
        return image(DatasetName.FASHION_MNIST, DataSource.BUNDLED, null, train, validation, test, seed, normalize);
    }

    static DatasetConfig idxDir(Path dir, int train, int validation, int test, long seed) {
        return image(DatasetName.FASHION_MNIST, DataSource.PATH, dir.toString(), train, validation, test, seed,
                Normalization.NONE);
    }

    static DatasetConfig csv(CsvConfig csv, int train, int validation, int test, long seed, Normalization n) {
        return new DatasetConfig(DatasetName.CSV, DataSource.BUNDLED, null, train, validation, test, seed, n,
                AugmentConfig.NONE, csv, null);
    }

    static DatasetConfig synthetic(SyntheticShape shape, int features, int classes, double noise, double labelNoise,
                                   int train, int validation, int test, long seed, Normalization n) {
        return new DatasetConfig(DatasetName.SYNTHETIC, DataSource.BUNDLED, null, train, validation, test, seed, n,
                AugmentConfig.NONE, null, new SyntheticConfig(shape, features, classes, noise, labelNoise));
    }

    /** Label of example i of a fixture file: every class occurs, in counts that differ slightly. */
    static int label(int i, int classes) {
        return (i * 7 + i / 3) % classes;
    }

    /**
     * Writes four IDX files of {@code SIDE}×{@code SIDE} images whose first two pixels encode the example's
     * index in its file (i / 256, i % 256) and whose third pixel encodes 0 (train) or 1 (test): every image
     * is unique and says where it came from.
     */
    static void writeIdxSet(Path dir, int trainCount, int testCount, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        String gz = gzip ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + gz), images(trainCount, 0), gzip);
        write(dir.resolve("train-labels-idx1-ubyte" + gz), labels(trainCount), gzip);
        write(dir.resolve("t10k-images-idx3-ubyte" + gz), images(testCount, 1), gzip);
        write(dir.resolve("t10k-labels-idx1-ubyte" + gz), labels(testCount), gzip);
    }

    static byte[] images(int count, int fileTag) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(2051);
        out.writeInt(count);
        out.writeInt(SIDE);
        out.writeInt(SIDE);
        for (int i = 0; i < count; i++) {
            byte[] img = new byte[SIDE * SIDE];
            img[0] = (byte) (i / 256);
            img[1] = (byte) (i % 256);
            img[2] = (byte) fileTag;
            for (int p = 3; p < img.length; p++) {
                img[p] = (byte) ((i * 31 + p * 17) % 256);
            }
            out.write(img);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(2049);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeByte(label(i, 10));
        }
        return bytes.toByteArray();
    }

    static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(content);
        }
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** The file index a fixture image encodes (pixels 0 and 1, raw 0..255 values). */
    static int indexOf(INDArray features, int row) {
        return (int) features.getFloat(row, 0) * 256 + (int) features.getFloat(row, 1);
    }

    static Set<Integer> indices(DataSet ds) {
        Set<Integer> s = new HashSet<>();
        for (int r = 0; r < ds.numExamples(); r++) {
            s.add(indexOf(ds.getFeatures(), r));
        }
        return s;
    }

    /** Examples per class of a one-hot label matrix. */
    static int[] classCounts(DataSet ds) {
        INDArray labels = ds.getLabels();
        int[] counts = new int[(int) labels.size(1)];
        for (int r = 0; r < labels.size(0); r++) {
            counts[labels.getRow(r).argMax().getInt(0)]++;
        }
        return counts;
    }
}
