package io.ablate4j.training.lean;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution with stride 1 ({@link ConvStage}'s layers with more than {@link ConvStage#DIRECT_MAX_K} inputs
 * per output) as kH × kW matrix products per chunk of images, without a patch matrix. The chunk's input is copied,
 * zero-padded, into native memory as one tall NHWC image of {@code images × hp} rows of {@code wp} pixels; the
 * matrix whose row r holds the inC values at padded pixel {@code r + ky · wp + kx} is then that memory from offset
 * {@code (ky · wp + kx) · inC} with leading dimension inC (consecutive rows overlap nothing: each is one pixel),
 * so that for each tap t = (ky, kx)
 * <pre>
 * forward   z[r, f]        += A_t[r, c] × Wk[(t, c), f]      r over every padded pixel of the chunk ("full
 *                                                           width": pixels at ox ≥ outW or below an image's
 *                                                           last output row are computed and not copied out)
 * backward  dWk[(t, c), f] += A_tᵀ × dz                     dz zero at those pixels, so they add nothing
 *           dx_pad[r + t]  += dz × Wk_tᵀ                     the padded input gradient; its interior is dx
 * </pre>
 * The same products as im2col's, in inC-long pieces summed tap after tap (another order of the K terms, so equal to
 * DL4J's layer to float rounding, tested as {@link ConvStage}) in 10-30% less time for the benchmark CNN's
 * stride-1 layers than with patches (2026-12-08): no patch matrix is written and read, and col2im's scattered
 * additions become products.
 */
final class ShiftedConvolution {
    private final int kH;
    private final int kW;
    private int pt;
    private int pl;
    private int hp;
    private int wp;
    private int inC;
    private int outC;
    private int chunk;
    /** The padded input of a chunk; its padding is zero from allocation on and never written. */
    private INDArray xp;
    /** The full-width pre-activation of a chunk. */
    private INDArray z;
    /** The full-width output gradient of a chunk; zero from allocation on wherever no output pixel lies. */
    private INDArray dz;
    /** The padded input gradient of a chunk. */
    private INDArray dxp;
    private float[] zeros = new float[0];

    ShiftedConvolution(int kH, int kW) {
        this.kH = kH;
        this.kW = kW;
    }

    /**
     * (Re)allocates the buffers for this geometry (padding {@code pt} rows on top, {@code pl} columns on the left)
     * and chunk of images; zeroed where they must stay zero.
     */
    void shape(int outH, int outW, int inC, int outC, int chunk, int pt, int pl) {
        int h = outH + kH - 1;
        int w = outW + kW - 1;
        if (xp != null && h == hp && w == wp && inC == this.inC && outC == this.outC && chunk <= this.chunk
                && pt == this.pt && pl == this.pl) {
            return;
        }
        close();
        this.pt = pt;
        this.pl = pl;
        hp = h;
        wp = w;
        this.inC = inC;
        this.outC = outC;
        this.chunk = chunk;
        long pixels = (long) chunk * hp * wp;
        xp = NativeFloats.detached(pixels * inC);
        dxp = NativeFloats.detached(pixels * inC);
        z = NativeFloats.detached(pixels * outC);
        dz = NativeFloats.detached(pixels * outC);
        zeros = new float[(int) (pixels * Math.max(inC, outC))];
        NativeFloats.put(xp, zeros, (int) (pixels * inC));
        NativeFloats.put(dz, zeros, (int) (pixels * outC));
    }

    /** Full-width rows of a chunk of {@code images}: up to its last image's last output pixel. */
    private int rows(int images, int outH, int outW) {
        return ((images - 1) * hp + outH - 1) * wp + outW;
    }

    /**
     * The pre-activation without bias of images [img0, img1) of {@code x} (NHWC, inH × inW) into {@code out} (NHWC,
     * outH × outW × outC, the chunk's images at their place); {@code wk} is Wk in native memory.
     */
    void forward(float[] x, int img0, int img1, int inH, int inW, int outH, int outW, INDArray wk, float[] out) {
        int images = img1 - img0;
        putInput(x, img0, img1, inH, inW);
        int m = rows(images, outH, outW);
        for (int ky = 0, t = 0; ky < kH; ky++) {
            for (int kx = 0; kx < kW; kx++, t++) {
                NativeFloats.gemm(xp, (long) (ky * wp + kx) * inC, inC, false, wk, (long) t * inC * outC, outC, false,
                        z, 0, outC, m, outC, inC, t == 0 ? 0f : 1f);
            }
        }
        FloatBuffer src = NativeFloats.buffer(z);
        try {
            for (int i = 0; i < images; i++) {
                for (int oy = 0; oy < outH; oy++) {
                    src.get(((i * hp + oy) * wp) * outC, out, (((img0 + i) * outH + oy) * outW) * outC, outW * outC);
                }
            }
        } finally {
            Reference.reachabilityFence(z);
        }
    }

    /**
     * Images [img0, img1)'s share of the weight gradient, into (first: replacing, else added to) {@code dwk}, and
     * of the input gradient into {@code dx} where it is not null (written, not added to).
     */
    void backward(float[] x, float[] delta, int img0, int img1, int inH, int inW, int outH, int outW, INDArray wk,
                  INDArray dwk, boolean first, float[] dx) {
        int images = img1 - img0;
        putInput(x, img0, img1, inH, inW);
        FloatBuffer dst = NativeFloats.buffer(dz);
        try {
            for (int i = 0; i < images; i++) {
                for (int oy = 0; oy < outH; oy++) {
                    dst.put(((i * hp + oy) * wp) * outC, delta, (((img0 + i) * outH + oy) * outW) * outC, outW * outC);
                }
            }
        } finally {
            Reference.reachabilityFence(dz);
        }
        int m = rows(images, outH, outW);
        for (int ky = 0, t = 0; ky < kH; ky++) {
            for (int kx = 0; kx < kW; kx++, t++) {
                NativeFloats.gemm(xp, (long) (ky * wp + kx) * inC, inC, true, dz, 0, outC, false,
                        dwk, (long) t * inC * outC, outC, inC, outC, m, first ? 0f : 1f);
            }
        }
        if (dx == null) {
            return;
        }
        NativeFloats.put(dxp, zeros, images * hp * wp * inC);
        for (int ky = 0, t = 0; ky < kH; ky++) {
            for (int kx = 0; kx < kW; kx++, t++) {
                NativeFloats.gemm(dz, 0, outC, false, wk, (long) t * inC * outC, outC, true,
                        dxp, (long) (ky * wp + kx) * inC, inC, m, inC, outC, 1f);
            }
        }
        FloatBuffer src = NativeFloats.buffer(dxp);
        int cols = Math.min(inW, wp - pl);
        try {
            for (int i = 0; i < images; i++) {
                for (int y = 0; y < inH && y + pt < hp && cols > 0; y++) {
                    src.get(((i * hp + y + pt) * wp + pl) * inC, dx, (((img0 + i) * inH + y) * inW) * inC, cols * inC);
                }
            }
        } finally {
            Reference.reachabilityFence(dxp);
        }
    }

    /** Images [img0, img1) of x into the padded input buffer (its padding stays zero). */
    private void putInput(float[] x, int img0, int img1, int inH, int inW) {
        FloatBuffer dst = NativeFloats.buffer(xp);
        int cols = Math.min(inW, wp - pl);
        try {
            for (int i = 0; i < img1 - img0; i++) {
                for (int y = 0; y < inH && y + pt < hp && cols > 0; y++) {
                    dst.put(((i * hp + y + pt) * wp + pl) * inC, x, (((img0 + i) * inH + y) * inW) * inC, cols * inC);
                }
            }
        } finally {
            Reference.reachabilityFence(xp);
        }
    }

    /** Frees the native buffers. */
    void close() {
        Stage.free(xp);
        Stage.free(dxp);
        Stage.free(z);
        Stage.free(dz);
        xp = null;
        dxp = null;
        z = null;
        dz = null;
    }
}
