package io.ablate4j.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All examples of one file (or one generated split) before any subset is drawn: features row-major,
 * labels as class indices, or for a regression real-valued targets (and every label 0, one "class", so that the
 * stratified draws of {@link Splits} become plain seeded shuffles). Image pixels stay bytes (a quarter of a float
 * copy): {@link #selectPixels} copies the rows a split needs into an off-heap UINT8 array, {@link #select} into a FLOAT
 * one. Pixels are held either in one array (IDX and CIFAR files) or one array per image (an image folder, whose
 * images are decoded one by one).
 */
final class Examples {
    final int count;
    final int numFeatures;
    final int numClasses;
    final int[] labels;
    private final byte[] bytes;
    /** One array of {@code numFeatures} pixel bytes per example, instead of {@code bytes}. */
    private final byte[][] rows;
    private final float[] floats;
    /** Regression targets, one per example; null for a classification. */
    private final float[] targets;

    private Examples(int count, int numFeatures, int numClasses, int[] labels, byte[] bytes, byte[][] rows,
                     float[] floats, float[] targets) {
        this.count = count;
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.labels = labels;
        this.bytes = bytes;
        this.rows = rows;
        this.floats = floats;
        this.targets = targets;
    }

    /** Unsigned bytes (IDX pixels, 0..255), {@code count × numFeatures}. */
    static Examples ofBytes(byte[] pixels, int numFeatures, int[] labels, int numClasses) {
        return new Examples(labels.length, numFeatures, numClasses, labels, pixels, null, null, null);
    }

    /** Unsigned bytes, one array of {@code numFeatures} per example (decoded images). */
    static Examples ofRows(byte[][] pixels, int numFeatures, int[] labels, int numClasses) {
        return new Examples(labels.length, numFeatures, numClasses, labels, null, pixels, null, null);
    }

    /** Floats, {@code count × numFeatures}. */
    static Examples ofFloats(float[] values, int numFeatures, int[] labels, int numClasses) {
        return new Examples(labels.length, numFeatures, numClasses, labels, null, null, values, null);
    }

    /** Floats, {@code count × numFeatures}, with one real-valued regression target each. */
    static Examples ofTargets(float[] values, int numFeatures, float[] targets) {
        return new Examples(targets.length, numFeatures, 1, new int[targets.length], null, null, values, targets);
    }

    /** Whether the features are pixel bytes. */
    boolean isPixels() {
        return bytes != null || rows != null;
    }

    /** Whether the examples have real-valued targets rather than class labels. */
    boolean regression() {
        return targets != null;
    }

    /** The raw pixel bytes of IDX images (the bundled-subset generator writes them back unchanged). */
    byte[] pixelBytes() {
        if (bytes == null) {
            throw new IllegalStateException("not byte-valued examples");
        }
        return bytes;
    }

    /** Examples per class. */
    int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** {@link #classCounts()} as a list. */
    /**
     * Adds the examples to {@code md} class by class: class 0's pixel bytes first, each class's examples in the order
     * read (the order the seeded stratified draws depend on), then the examples per class, 4 bytes each. The same
     * images give the same digest whatever the order of the classes' examples among each other (CIFAR's records, a
     * folder's class folders).
     */
    void digest(java.security.MessageDigest md) {
        if (!isPixels()) {
            throw new IllegalStateException("not byte-valued examples");
        }
        for (int c = 0; c < numClasses; c++) {
            for (int i = 0; i < count; i++) {
                if (labels[i] != c) {
                    continue;
                }
                if (bytes != null) {
                    md.update(bytes, i * numFeatures, numFeatures);
                } else {
                    md.update(rows[i]);
                }
            }
        }
        ByteBuffer b = ByteBuffer.allocate(4 * numClasses);
        for (int n : classCounts()) {
            b.putInt(n);
        }
        md.update(b.array());
    }

    List<Integer> classCountList() {
        return Arrays.stream(classCounts()).boxed().toList();
    }

    /**
     * The given rows of pixel examples, in the given order, as a fresh DataSet with UINT8 features
     * {@code [n, numFeatures]} (off-heap, a quarter of {@link #select}'s FLOAT copy) and one-hot FLOAT labels.
     */
    DataSet selectPixels(int[] picked) {
        if (!isPixels()) {
            throw new IllegalStateException("not byte-valued examples");
        }
        INDArray features = Nd4j.createUninitializedDetached(DataType.UINT8, picked.length, numFeatures);
        if (picked.length > 0) {
            ByteBuffer dst = features.data().asNio();
            for (int i = 0; i < picked.length; i++) {
                int r = picked[i];
                if (rows != null) {
                    dst.put(i * numFeatures, rows[r]);
                } else {
                    dst.put(i * numFeatures, bytes, r * numFeatures, numFeatures);
                }
            }
        }
        return new DataSet(features, oneHot(picked));
    }

    private INDArray oneHot(int[] picked) {
        INDArray oneHot = Nd4j.createUninitializedDetached(DataType.FLOAT, picked.length, numClasses).assign(0);
        if (picked.length > 0) {
            FloatBuffer y = oneHot.data().asNioFloat();
            for (int i = 0; i < picked.length; i++) {
                y.put(i * numClasses + labels[picked[i]], 1f);
            }
        }
        return oneHot;
    }

    /**
     * The given rows, in the given order, as a fresh FLOAT DataSet with one-hot labels, or for a regression the
     * targets as labels {@code [n, 1]}.
     */
    DataSet select(int[] rows) {
        INDArray features = Nd4j.createUninitializedDetached(DataType.FLOAT, rows.length, numFeatures);
        INDArray oneHot = Nd4j.createUninitializedDetached(DataType.FLOAT, rows.length, numClasses).assign(0);
        if (targets != null && rows.length > 0) {
            FloatBuffer y = oneHot.data().asNioFloat();
            for (int i = 0; i < rows.length; i++) {
                y.put(i, targets[rows[i]]);
            }
        }
        if (rows.length > 0) {
            // Writing through the NIO view fills the off-heap buffer without a second float[] copy.
            FloatBuffer dst = features.data().asNioFloat();
            float[] row = new float[numFeatures];
            for (int i = 0; i < rows.length; i++) {
                copyRow(rows[i], row);
                dst.put(i * numFeatures, row);
            }
            if (targets == null) {
                FloatBuffer y = oneHot.data().asNioFloat();
                for (int i = 0; i < rows.length; i++) {
                    y.put(i * numClasses + labels[rows[i]], 1f);
                }
            }
        }
        return new DataSet(features, oneHot);
    }

    private void copyRow(int r, float[] dst) {
        int from = r * numFeatures;
        if (rows != null) {
            for (int j = 0; j < numFeatures; j++) {
                dst[j] = rows[r][j] & 0xff;
            }
        } else if (bytes != null) {
            for (int j = 0; j < numFeatures; j++) {
                dst[j] = bytes[from + j] & 0xff;
            }
        } else {
            System.arraycopy(floats, from, dst, 0, numFeatures);
        }
    }
}
