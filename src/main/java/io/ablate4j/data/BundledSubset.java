package io.ablate4j.data;

import io.ablate4j.random.Prng;
import io.ablate4j.files.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Generator of the bundled Fashion-MNIST subset in {@code datasets/fashion-mnist-subset/}: exactly
 * {@code perClassTrain} training and {@code perClassTest} test images of every class, drawn without
 * replacement by a seeded shuffle of each class (the same {@link Prng} as every split), kept in their
 * original file order, and written as gzipped IDX files under the official names.
 *
 * <p>The output is byte-stable: Java's gzip header has no name and a zero timestamp, and the deflate
 * level is fixed, so the same inputs give the same bytes (with the same zlib; Debian's JDK uses the
 * system zlib).
 *
 * <p>Run: {@code java -cp target/ablate4j.jar io.ablate4j.data.BundledSubset /usr/share/datasets/fashion-mnist
 * datasets/fashion-mnist-subset 1000 500 20240601}
 */
public final class BundledSubset {
    /** The parameters the committed subset was made with (datasets/README.md). */
    public static final int PER_CLASS_TRAIN = 1000;
    public static final int PER_CLASS_TEST = 500;
    public static final long SEED = 20240601L;

    private static final long TRAIN_STREAM = 1;
    private static final long TEST_STREAM = 2;

    private BundledSubset() {
    }

    /**
     * Writes the subset of the full IDX files in {@code fullDir} to {@code outDir} (created if needed).
     *
     * @throws DataException if the full files are missing or bad, or a class has too few examples
     */
    public static void write(Path fullDir, Path outDir, int perClassTrain, int perClassTest, long seed) {
        IdxFiles.Located files = IdxFiles.inDirectory(fullDir).orElseThrow(() -> new DataException(fullDir + ": "
                + IdxFiles.describeMissing(fullDir) + " of the four Fashion-MNIST IDX files"));
        IdxFiles.Loaded full = IdxFiles.read(files);
        int[] trainRows = pick(full.train(), perClassTrain, Prng.stream(seed, TRAIN_STREAM), files.trainLabels());
        int[] testRows = pick(full.test(), perClassTest, Prng.stream(seed, TEST_STREAM), files.testLabels());
        try {
            Files.createDirectories(outDir);
            writeImages(outDir.resolve(IdxFiles.Part.TRAIN_IMAGES.officialName()), full.train(), trainRows,
                    full.rows(), full.cols());
            writeLabels(outDir.resolve(IdxFiles.Part.TRAIN_LABELS.officialName()), full.train(), trainRows);
            writeImages(outDir.resolve(IdxFiles.Part.TEST_IMAGES.officialName()), full.test(), testRows,
                    full.rows(), full.cols());
            writeLabels(outDir.resolve(IdxFiles.Part.TEST_LABELS.officialName()), full.test(), testRows);
        } catch (IOException e) {
            throw new UncheckedIOException(outDir + ": cannot write the subset: " + e.getMessage(), e);
        }
    }

    /** {@code perClass} examples of each class, sorted by their position in the file. */
    static int[] pick(Examples examples, int perClass, Prng rng, Path file) {
        int[][] byClass = Splits.indicesByClass(examples.labels, examples.numClasses);
        int[] rows = new int[perClass * examples.numClasses];
        for (int k = 0; k < byClass.length; k++) {
            if (byClass[k].length < perClass) {
                throw new DataException(file + ": class " + k + " has " + byClass[k].length + " examples, fewer than "
                        + "the " + perClass + " per class asked for");
            }
            rng.shuffle(byClass[k]);
            System.arraycopy(byClass[k], 0, rows, k * perClass, perClass);
        }
        Arrays.sort(rows);
        return rows;
    }

    private static void writeImages(Path file, Examples examples, int[] rows, int height, int width)
            throws IOException {
        int size = height * width;
        byte[] pixels = examples.pixelBytes();
        writeAtomically(file, out -> {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(rows.length);
            out.writeInt(height);
            out.writeInt(width);
            for (int r : rows) {
                out.write(pixels, r * size, size);
            }
        });
    }

    private static void writeLabels(Path file, Examples examples, int[] rows) throws IOException {
        writeAtomically(file, out -> {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(rows.length);
            for (int r : rows) {
                out.writeByte(examples.labels[r]);
            }
        });
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, Body body) throws IOException {
        AtomicFiles.write(file, AtomicFiles.Durability.FLUSHED, raw -> {
            GZIPOutputStream gz = new FixedLevelGzip(raw);
            DataOutputStream out = new DataOutputStream(gz);
            body.write(out);
            out.flush();
            gz.finish();
        });
    }

    /** GZIPOutputStream at the best compression; its header is fixed (no name, mtime 0). */
    private static final class FixedLevelGzip extends GZIPOutputStream {
        FixedLevelGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }

    /** {@code BundledSubset FULL_DIR OUT_DIR [PER_CLASS_TRAIN PER_CLASS_TEST SEED]}. */
    public static void main(String[] args) {
        if (args.length != 2 && args.length != 5) {
            System.err.println("usage: java -cp target/ablate4j.jar io.ablate4j.data.BundledSubset FULL_DIR OUT_DIR "
                    + "[PER_CLASS_TRAIN PER_CLASS_TEST SEED]\n  defaults: " + PER_CLASS_TRAIN + " " + PER_CLASS_TEST
                    + " " + SEED + " (those of the committed subset)");
            System.exit(2);
        }
        int perClassTrain = args.length == 5 ? Integer.parseInt(args[2]) : PER_CLASS_TRAIN;
        int perClassTest = args.length == 5 ? Integer.parseInt(args[3]) : PER_CLASS_TEST;
        long seed = args.length == 5 ? Long.parseLong(args[4]) : SEED;
        try {
            write(Path.of(args[0]), Path.of(args[1]), perClassTrain, perClassTest, seed);
        } catch (DataException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("wrote " + perClassTrain + "/" + perClassTest + " per class (seed " + seed + ") to "
                + Path.of(args[1]).toAbsolutePath());
    }
}
