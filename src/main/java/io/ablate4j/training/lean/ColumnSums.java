package io.ablate4j.training.lean;

import io.ablate4j.random.Prng;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Column sums of a row-major float matrix, a dense layer's bias gradient ({@code delta.sum(0)} in DL4J), in Java:
 * ND4J's reduction along dimension 0 costs ~60 µs on [128, 256], mostly the op's set-up.
 *
 * <p>ND4J's sum adds each column's values in row order, one float addition at a time, starting from 0; so does
 * this loop. That is what the generic x86-64 build does; whether the loaded build does it too is found once per
 * JVM on probes ({@link #matchNd4j()}), and where it does not, the callers keep ND4J's op.
 */
final class ColumnSums {
    private static volatile Boolean matches;

    private ColumnSums() {
    }

    /** {@code out[j] = sum over rows i of d[i, j]} for an m × c row-major matrix, in row order. */
    static void of(float[] d, int m, int c, float[] out) {
        Arrays.fill(out, 0, c, 0f);
        for (int i = 0; i < m; i++) {
            int row = i * c;
            for (int j = 0; j < c; j++) {
                out[j] += d[row + j];
            }
        }
    }

    /** Whether {@link #of} gives ND4J's {@code sum(0)} bit for bit in this JVM's native build (probed once). */
    static boolean matchNd4j() {
        Boolean m = matches;
        if (m == null) {
            synchronized (ColumnSums.class) {
                m = matches;
                if (m == null) {
                    m = probe();
                    matches = m;
                }
            }
        }
        return m;
    }

    @SuppressWarnings("try") // the scope's point is the allocation outside workspaces, not its variable
    private static boolean probe() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return probeOutsideWorkspaces();
        }
    }

    private static boolean probeOutsideWorkspaces() {
        Random r = Prng.lcg(20261204); // not ND4J's generator: the trial's random stream is left alone
        for (int[] shape : new int[][]{{128, 256}, {17, 10}, {100, 784}, {3, 64}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] d = new float[rows * cols];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (r.nextGaussian() * Math.pow(10, -r.nextInt(4)));
            }
            float[] java = new float[cols];
            of(d, rows, cols, java);
            try (INDArray a = Nd4j.createFromArray(d).reshape(rows, cols);
                 INDArray sum = Nd4j.create(DataType.FLOAT, 1, cols)) {
                a.sum(sum, 0);
                if (!Arrays.equals(java, sum.data().asFloat())) {
                    return false;
                }
            }
        }
        return true;
    }
}
