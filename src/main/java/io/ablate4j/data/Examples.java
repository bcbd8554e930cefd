package io.ablate4j.data;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All examples of one file (or one generated split) before any subset is drawn: features row-major,
 * labels as class indices, or for a regression real-valued targets (and every label 0, one "class", so that the
 * stratified draws of {@link Splits} become plain seeded shuffles). Image pixels stay bytes (a quarter of a float
 * copy) until the rows a split needs are copied straight into off-heap FLOAT arrays by {@link #select}.
 */
final class Examples {
    final int count;
    final int numFeatures;
    final int numClasses;
    final int[] labels;
    private final byte[] bytes;
    private final float[] floats;
    /** Regression targets, one per example; null for a classification. */
    private final float[] targets;

    private Examples(int count, int numFeatures, int numClasses, int[] labels, byte[] bytes, float[] floats,
                     float[] targets) {
        this.count = count;
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.labels = labels;
        this.bytes = bytes;
        this.floats = floats;
        this.targets = targets;
    }

    /** Unsigned bytes (IDX pixels, 0..255), {@code count × numFeatures}. */
    static Examples ofBytes(byte[] pixels, int numFeatures, int[] labels, int numClasses) {
        return new Examples(labels.length, numFeatures, numClasses, labels, pixels, null, null);
    }

    /** Floats, {@code count × numFeatures}. */
    static Examples ofFloats(float[] values, int numFeatures, int[] labels, int numClasses) {
        return new Examples(labels.length, numFeatures, numClasses, labels, null, values, null);
    }

    /** Floats, {@code count × numFeatures}, with one real-valued regression target each. */
    static Examples ofTargets(float[] values, int numFeatures, float[] targets) {
        return new Examples(targets.length, numFeatures, 1, new int[targets.length], null, values, targets);
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
        if (bytes != null) {
            for (int j = 0; j < numFeatures; j++) {
                dst[j] = bytes[from + j] & 0xff;
            }
        } else {
            System.arraycopy(floats, from, dst, 0, numFeatures);
        }
    }
}
