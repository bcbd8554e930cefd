package io.ablate4j.training.lean;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moving float data between ND4J's native memory and Java, and OpenBLAS products on it, for the Java kernels of the
 * training step. Every method here reads or writes an array's memory through its raw address, which keeps nothing
 * alive: each holds its arrays ({@link Reference#reachabilityFence}) until the copy or the product is done, so that
 * a collection in between cannot let ND4J's deallocator free the memory (see the package documentation).
 * {@link #buffer} is the exception, and its callers hold the array while they use the buffer.
 */
final class NativeFloats {
    private NativeFloats() {
    }

    /**
     * A direct buffer over a float array's memory, from its first element (ND4J's data buffer of a view already
     * starts at the view) for {@code length()} elements; only meaningful for a {@link #contiguous} array. The buffer
     * does not keep the array alive: the caller holds {@code a} until it is done with the buffer.
     */
    static FloatBuffer buffer(INDArray a) {
        return pointer(a).capacity(a.length()).asBuffer();
    }

    /** Copies the first {@code length} values of a contiguous float array into {@code to}. */
    static void get(INDArray from, float[] to, int length) {
        try {
            buffer(from).get(0, to, 0, length);
        } finally {
            Reference.reachabilityFence(from);
        }
    }

    /** Copies the first {@code length} values of a contiguous float array into {@code to} from {@code offset}. */
    static void get(INDArray from, float[] to, int offset, int length) {
        try {
            buffer(from).get(0, to, offset, length);
        } finally {
            Reference.reachabilityFence(from);
        }
    }

    /** Copies {@code length} values of {@code from}, from {@code offset}, into a contiguous float array. */
    static void put(INDArray to, float[] from, int offset, int length) {
        try {
            buffer(to).put(0, from, offset, length);
        } finally {
            Reference.reachabilityFence(to);
        }
    }

    /** Copies {@code length} values into a contiguous float array. */
    static void put(INDArray to, float[] from, int length) {
        try {
            buffer(to).put(0, from, 0, length);
        } finally {
            Reference.reachabilityFence(to);
        }
    }

    /**
     * Whether the array is float data laid out in c order without gaps, size-1 dimensions ignored (a permuted
     * [n, 1, h, w] array is such memory, though its strides are not the default ones).
     */
    static boolean contiguous(INDArray a) {
        if (a.dataType() != DataType.FLOAT) {
            return false;
        }
        long expected = 1;
        long[] shape = a.shape();
        long[] stride = a.stride();
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /**
     * A new float array in c order outside every workspace: the kernels' buffers that live as long as their stage
     * (a trial), reused from step to step, held in the stage's fields and closed by {@link TrainingStep#close()}.
     */
    @SuppressWarnings("try") // the scope's point is the allocation outside workspaces, not its variable
    static INDArray detached(long... shape) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        }
    }

    /**
     * {@code c = op(a) × op(b) + beta · c} for contiguous row-major float matrices (c-order, or c-order row blocks of
     * them), by OpenBLAS's {@code cblas_sgemm}: the library ND4J loads, called directly because ND4J's
     * {@code Nd4j.gemm} adds 5-15% on these shapes (its matmul op's checks and layout handling).
     */
    static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, float beta) {
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transA ? a.size(0) : a.size(1));
        if (!contiguous(a) || !contiguous(b) || !contiguous(c) || (transB ? b.size(1) : b.size(0)) != k) {
            throw new IllegalArgumentException("gemm needs contiguous matching matrices");
        }
        try {
            openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, pointer(a), (int) a.size(1),
                    pointer(b), (int) b.size(1), beta, pointer(c), n);
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
    }

    /**
     * {@code c = op(a) × op(b) + beta · c} on row-major matrices that start at an offset (in floats) into contiguous
     * float arrays, with their own leading dimensions: op(a) is m × k, op(b) k × n, c m × n (row {@code i} of a
     * stored matrix at {@code offset + i · ld}). Rows of a stored matrix may overlap (ld smaller than its width is
     * refused by BLAS, not ld smaller than the distance between windows: {@link ShiftedConvolution}). Every matrix
     * must lie inside its array (checked).
     */
    static void gemm(INDArray a, long aOff, int lda, boolean transA, INDArray b, long bOff, int ldb, boolean transB,
                     INDArray c, long cOff, int ldc, int m, int n, int k, float beta) {
        if (!contiguous(a) || !contiguous(b) || !contiguous(c)
                || (transA ? aOff + (long) (k - 1) * lda + m : aOff + (long) (m - 1) * lda + k) > a.length()
                || (transB ? bOff + (long) (n - 1) * ldb + k : bOff + (long) (k - 1) * ldb + n) > b.length()
                || cOff + (long) (m - 1) * ldc + n > c.length() || aOff < 0 || bOff < 0 || cOff < 0) {
            throw new IllegalArgumentException("gemm needs contiguous arrays that hold the matrices");
        }
        try {
            openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, pointer(a).position(aOff), lda,
                    pointer(b).position(bOff), ldb, beta, pointer(c).position(cOff), ldc);
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
    }

    /**
     * {@code c = a × b} for float matrices as ND4J's {@code mmul} op passes them to OpenBLAS when {@code c} is
     * column-major (f order, as every product of {@link DenseStage} is): {@code cblas_sgemm} in column-major
     * order, each operand untransposed where its rows are contiguous (stride 1 along its first dimension) and
     * transposed where its columns are, with its other stride as the leading dimension. The same call gives the
     * same values, without the op's set-up (~5% of a [128, 784] × [784, 256] product here).
     *
     * @return false, having done nothing, where the shapes or strides are not that case (a dimension of 1, a
     *         matrix contiguous in neither direction, c not column-major): then ND4J must do the product
     */
    static boolean gemmColumnMajor(INDArray a, INDArray b, INDArray c) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2 || a.dataType() != DataType.FLOAT
                || b.dataType() != DataType.FLOAT || c.dataType() != DataType.FLOAT) {
            return false;
        }
        long m = c.size(0);
        long n = c.size(1);
        long k = a.size(1);
        if (a.size(0) != m || b.size(0) != k || b.size(1) != n || m == 1 || n == 1 || k == 1
                || c.stride(0) != 1 || c.stride(1) < m || m > Integer.MAX_VALUE || n > Integer.MAX_VALUE
                || k > Integer.MAX_VALUE) {
            return false;
        }
        int transA = transpose(a);
        int transB = transpose(b);
        if (transA < 0 || transB < 0) {
            return false;
        }
        try {
            openblas.cblas_sgemm(openblas.CblasColMajor, transA, transB, (int) m, (int) n, (int) k, 1f, pointer(a),
                    leading(a), pointer(b), leading(b), 0f, pointer(c), c.stride(1));
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
        return true;
    }

    /** CblasNoTrans where the matrix's rows are contiguous, CblasTrans where its columns are, else -1. */
    private static int transpose(INDArray x) {
        if (x.stride(0) == 1 && x.stride(1) >= x.size(0)) {
            return openblas.CblasNoTrans;
        }
        if (x.stride(1) == 1 && x.stride(0) >= x.size(1)) {
            return openblas.CblasTrans;
        }
        return -1;
    }

    private static int leading(INDArray x) {
        return x.stride(0) == 1 ? x.stride(1) : x.stride(0);
    }

    /** The first element's address, without ownership: valid while {@code a} (its data buffer) is reachable. */
    private static FloatPointer pointer(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }
}
