package io.ablate4j.training.lean;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What flows between two stages of a {@link TrainingStep}: a minibatch of activations (forward) or of their
 * gradients (backward), held in whichever of two forms the stage that made it works in, and converted to the
 * other only when the next stage asks for it.
 * <ul>
 *   <li>a Java {@code float[]} in NHWC order ([examples, height, width, channels], row-major; a dense layer's
 *       [examples, features] is the case height = width = 1): the form of the Java kernels (convolution, pooling,
 *       batch normalization, ReLU);</li>
 *   <li>an ND4J array in DL4J's layout ([examples, channels, height, width] or [examples, features]), in any
 *       memory order: the form of the dense layers, dropout and every DL4J layer.</li>
 * </ul>
 * A rank-4 array made from Java data is NHWC memory seen through a permuted NCHW view, which is also what DL4J's
 * own convolution layer hands on, so {@link #nhwc} of it is the memory itself, without a copy.
 *
 * <p>Neither form is copied on the way in: the Java array belongs to the stage that made it and is valid until
 * that stage runs again (next step); an ND4J array lives in the step's workspace.
 */
final class Activations {
    private final int n;
    private final int h;
    private final int w;
    private final int c;
    private final boolean rank4;
    private float[] data;
    private INDArray array;

    private Activations(int n, int h, int w, int c, boolean rank4, float[] data, INDArray array) {
        this.n = n;
        this.h = h;
        this.w = w;
        this.c = c;
        this.rank4 = rank4;
        this.data = data;
        this.array = array;
    }

    /** An ND4J array in DL4J's layout: [examples, features] or [examples, channels, height, width]. */
    static Activations of(INDArray array) {
        if (array.rank() == 2) {
            return new Activations((int) array.size(0), 1, 1, (int) array.size(1), false, null, array);
        }
        if (array.rank() != 4) {
            throw new IllegalArgumentException("activations of rank " + array.rank());
        }
        return new Activations((int) array.size(0), (int) array.size(2), (int) array.size(3), (int) array.size(1), true,
                null, array);
    }

    /** Java data in NHWC order; {@code rank4} false for [examples, features] (h = w = 1). */
    static Activations ofNhwc(float[] data, int n, int h, int w, int c, boolean rank4) {
        return new Activations(n, h, w, c, rank4, data, null);
    }

    /** The same shape with other Java data (a gradient of these activations, or the output of an element-wise stage). */
    Activations withData(float[] other) {
        return new Activations(n, h, w, c, rank4, other, null);
    }

    int examples() {
        return n;
    }

    int height() {
        return h;
    }

    int width() {
        return w;
    }

    int channels() {
        return c;
    }

    boolean rank4() {
        return rank4;
    }

    /** Number of values: examples × height × width × channels. */
    int length() {
        return n * h * w * c;
    }

    /**
     * The values as DL4J sees them ([examples, features] or NCHW); made from the Java form, when that is the only
     * one, as NHWC memory in the workspace of {@code type} and a permuted view of it.
     */
    INDArray array(LayerWorkspaceMgr mgr, ArrayType type) {
        if (array == null) {
            INDArray memory = mgr.createUninitialized(type, DataType.FLOAT, rank4 ? new long[]{n, h, w, c} : new long[]{n, c}, 'c');
            NativeFloats.put(memory, data, length());
            array = rank4 ? memory.permute(0, 3, 1, 2) : memory;
        }
        return array;
    }

    /**
     * The values in NHWC order as a c-contiguous ND4J array ([examples, height, width, channels] or
     * [examples, features]): the array itself or its memory when it is laid out so, else a copy in the workspace
     * of {@code type}. Element-wise stages work on this form, whose order of elements is the memory's.
     */
    INDArray nhwc(LayerWorkspaceMgr mgr, ArrayType type) {
        INDArray a = array(mgr, type);
        INDArray p = rank4 ? a.permute(0, 2, 3, 1) : a;
        return NativeFloats.contiguous(p) ? p : mgr.dup(type, p, 'c');
    }

    /**
     * The values in NHWC order as Java data: the Java form itself, or a copy of the array into the caller's
     * {@code scratch} buffer when only the array exists.
     */
    @SuppressWarnings("try") // the scope's point is the allocation outside workspaces, not its variable
    float[] floats(Scratch scratch) {
        if (data == null) {
            float[] into = scratch.get(length());
            INDArray p = rank4 ? array.permute(0, 2, 3, 1) : array;
            if (NativeFloats.contiguous(p)) {
                NativeFloats.get(p, into, length());
            } else if (!rank4 && NativeFloats.contiguous(array.transpose())) {
                // an f-order matrix (a gemm's result, as a dense layer's input gradient): its memory read as it
                // lies and rearranged in Java, ~4x faster than ND4J's strided copy
                float[] raw = scratch.spare(length());
                NativeFloats.get(array.transpose(), raw, length());
                Kernels.transpose(raw, into, n, c);
            } else {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
                     INDArray copy = p.dup('c')) {
                    NativeFloats.get(copy, into, length());
                }
            }
            data = into;
        }
        return data;
    }

    /** Whether the Java form exists (no copy needed for {@link #floats}). */
    boolean hasFloats() {
        return data != null;
    }
}
