package io.ablate4j.training.lean;

/**
 * Loops shared by the Java stages. The element-wise ones over whole arrays are written so that HotSpot vectorizes
 * them by itself; the ones whose inner loop runs over a layer's channels (32 or 64 values, too short for HotSpot)
 * go to {@link VectorKernels} where the JVM has the module {@code jdk.incubator.vector} (the launcher and the
 * tests add it), else to their scalar twins here, which give bit-identical results (see {@link VectorKernels}).
 */
final class Kernels {
    /**
     * System property: {@code false} makes the stages use the scalar twins even where the vector module is there
     * (the results are the same; for measurements and tests).
     */
    static final String VECTOR_PROPERTY = "ablate4j.vector";
    /** Whether the channel loops run on {@link VectorKernels}: the module is in the JVM and not turned off. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty(VECTOR_PROPERTY));

    private Kernels() {
    }

    /** Which implementation of the channel loops this JVM uses, for the manifest: "vector" or "scalar". */
    static String channelLoops() {
        return VECTOR ? "vector" : "scalar";
    }

    /** {@code a} when it holds at least {@code n} values, else a new array of {@code n}. */
    static float[] atLeast(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }

    /** {@code out = max(0, in)}, as ND4J's relu (-0 becomes 0; NaN stays NaN). */
    static void relu(float[] in, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(in[i], 0f); // a vector max: a comparison and select would be a branch per value
        }
    }

    /**
     * {@code grad = eps where out > 0, else 0}: relu_bp, with the ReLU's output (never negative) standing for its
     * input. Branch-free, so that HotSpot vectorizes it: {@code min(out · 2^149, 1)} is exactly 1 for every
     * positive float (the smallest, 2^-149, included; larger ones overflow to infinity first) and 0 for 0, and
     * {@code eps · 1 = eps}, {@code eps · 0 = ±0} exactly.
     */
    static void reluBackward(float[] out, float[] eps, float[] grad, int n) {
        for (int i = 0; i < n; i++) {
            grad[i] = eps[i] * Math.min(out[i] * 0x1p127f * 0x1p22f, 1f);
        }
    }

    /**
     * {@code out[r, f] = activation(in[f, r] + bias[f])} for rows r &lt; m and columns f &lt; c: a column-major
     * matrix (a gemm's f-order result) to row-major with the bias added in float (none where {@code bias} is null:
     * no addition, so -0 stays -0) and ReLU ({@code max(0, x)}, as {@link #relu}) or the identity applied. Tiles of
     * {@value #TILE} × {@value #TILE} keep reads and writes within a few cache lines.
     */
    static void transposeBiasActivation(float[] in, float[] bias, float[] out, int m, int c, boolean relu) {
        for (int r0 = 0; r0 < m; r0 += TILE) {
            int r1 = Math.min(r0 + TILE, m);
            for (int f0 = 0; f0 < c; f0 += TILE) {
                int f1 = Math.min(f0 + TILE, c);
                for (int r = r0; r < r1; r++) {
                    int o = r * c;
                    for (int f = f0; f < f1; f++) {
                        float v = bias == null ? in[f * m + r] : in[f * m + r] + bias[f];
                        out[o + f] = relu ? Math.max(v, 0f) : v;
                    }
                }
            }
        }
    }

    /** {@code out[r, f] = in[f, r]}: column-major m × c to row-major. */
    static void transpose(float[] in, float[] out, int m, int c) {
        transposeBiasActivation(in, null, out, m, c, false);
    }

    /** Side of the square tiles of {@link #transpose} and {@link #transposeBiasActivation}. */
    static final int TILE = 16;

    /** [n, h, w, c] to [n, c, h, w], both row-major. */
    static void nhwcToNchw(float[] src, float[] dst, int n, int h, int w, int c) {
        int plane = h * w;
        for (int img = 0; img < n; img++) {
            int base = img * plane * c;
            for (int p = 0; p < plane; p++) {
                for (int ch = 0; ch < c; ch++) {
                    dst[base + ch * plane + p] = src[base + p * c + ch];
                }
            }
        }
    }

    /** [n, c, h, w] to [n, h, w, c], both row-major. */
    static void nchwToNhwc(float[] src, float[] dst, int n, int h, int w, int c) {
        int plane = h * w;
        for (int img = 0; img < n; img++) {
            int base = img * plane * c;
            for (int p = 0; p < plane; p++) {
                for (int ch = 0; ch < c; ch++) {
                    dst[base + p * c + ch] = src[base + ch * plane + p];
                }
            }
        }
    }

    /**
     * Max pooling of NHWC data: each output value is the first value of its window (row-major, padding left out),
     * then {@code Math.max} with each further one in row-major order.
     */
    static void maxPoolForward(float[] in, float[] out, int n, int c, int inH, int inW, int outH, int outW,
                               int kH, int kW, int sH, int sW, int pt, int pl) {
        if (VECTOR) {
            VectorKernels.maxPoolForward(in, out, n, c, inH, inW, outH, outW, kH, kW, sH, sW, pt, pl);
        } else {
            ChannelKernels.maxPoolForward(in, out, n, c, inH, inW, outH, outW, kH, kW, sH, sW, pt, pl);
        }
    }

    /**
     * Max pooling's backward pass: each output gradient goes to the first input position of its window (row-major)
     * that holds the maximum, as libnd4j's {@code maxpool2d_bp}; {@code dx} must be zero beforehand unless the
     * windows tile the input ({@code tiles}: then every value is written once, not added to). For finite values.
     */
    static void maxPoolBackward(float[] in, float[] out, float[] e, float[] dx, boolean tiles, int n, int c,
                                int inH, int inW, int outH, int outW, int kH, int kW, int sH, int sW, int pt, int pl) {
        if (VECTOR) {
            VectorKernels.maxPoolBackward(in, out, e, dx, tiles, n, c, inH, inW, outH, outW, kH, kW, sH, sW, pt, pl);
        } else {
            ChannelKernels.maxPoolBackward(in, out, e, dx, tiles, n, c, inH, inW, outH, outW, kH, kW, sH, sW, pt, pl);
        }
    }

    /**
     * {@code a[r, f] = activation(a[r, f] + bias[f])} for m rows of c values from {@code start}: ReLU or identity;
     * bias may be null.
     */
    static void biasActivation(float[] a, int start, float[] bias, int m, int c, boolean relu) {
        if (VECTOR) {
            VectorKernels.biasActivation(a, start, bias, m, c, relu);
        } else {
            ChannelKernels.biasActivation(a, start, bias, m, c, relu);
        }
    }

    /**
     * The backward pass of ReLU ({@code relu}: {@code delta = eps} where the output is positive, else 0, see
     * {@link #reluBackward}; otherwise {@code delta} is {@code e} and is not written) and the per-channel sums of
     * {@code delta} over m rows of c values added into {@code total}: in float within blocks of {@value ChannelKernels#SUM_BLOCK}
     * rows, in double across them.
     */
    static void reluBackwardColumnSums(float[] out, float[] e, float[] delta, int m, int c, boolean relu,
                                       double[] total) {
        if (VECTOR) {
            VectorKernels.reluBackwardColumnSums(out, e, delta, m, c, relu, total);
        } else {
            ChannelKernels.reluBackwardColumnSums(out, e, delta, m, c, relu, total);
        }
    }

    /**
     * One Adam step on native memory with the parameters updated in place ({@link VectorKernels#adamStep}), where
     * the vector module is there; returns false, having done nothing, where it is not (then {@code LeanAdam}
     * goes through Java arrays and ND4J's {@code subi}).
     */
    static boolean adamStep(java.nio.ByteBuffer grad, java.nio.ByteBuffer params, float[] m, float[] v, int n,
                            int minibatch, boolean fused, float beta1, float beta2, float c1, float c2,
                            float epsilonT, float epsilon) {
        if (!VECTOR) {
            return false;
        }
        VectorKernels.adamStep(grad, params, m, v, n, minibatch, fused, beta1, beta2, c1, c2, epsilonT, epsilon);
        return true;
    }

    /** {@code dst[to + i] += src[from + i]} for i in [0, count). */
    static void addInto(float[] dst, int to, float[] src, int from, int count) {
        if (VECTOR) {
            VectorKernels.addInto(dst, to, src, from, count);
        } else {
            ChannelKernels.addInto(dst, to, src, from, count);
        }
    }

    /**
     * A direct convolution's pre-activation ({@link DirectConvolution}) from its zero-padded input {@code xp}: for
     * every output pixel (image img, row oy, column ox) at {@code p = img · imgStride + oy · rowStride + ox · xStep}
     * in xp and every filter f, {@code acc = fma(xp[p + offsets[t]], wk[t · outC + f], acc)} for taps t in [0, k)
     * in order from +0, into {@code out[pixel, f]} (NHWC).
     */
    static void directForward(float[] xp, float[] wk, float[] out, int n, int outH, int outW, int outC, int k,
                              int[] offsets, int imgStride, int rowStride, int xStep) {
        if (VECTOR) {
            VectorKernels.directForward(xp, wk, out, n, outH, outW, outC, k, offsets, imgStride, rowStride, xStep);
        } else {
            ChannelKernels.directForward(xp, wk, out, n, outH, outW, outC, k, offsets, imgStride, rowStride, xStep);
        }
    }

    /**
     * One image's share of a direct convolution's weight gradient, added into {@code acc[t · outC + f]}: for every
     * output pixel, rows then columns, {@code acc = fma(xp[p + offsets[t]], delta[pixel, f], acc)}, the pixel at
     * {@code p = xBase + oy · rowStride + ox · xStep} in the zero-padded input and at {@code dBase} + its NHWC
     * offset in delta.
     */
    static void directWeightGradient(float[] xp, int xBase, float[] delta, int dBase, float[] acc, int outH, int outW,
                                     int outC, int k, int[] offsets, int rowStride, int xStep) {
        if (VECTOR) {
            VectorKernels.directWeightGradient(xp, xBase, delta, dBase, acc, outH, outW, outC, k, offsets, rowStride,
                    xStep);
        } else {
            ChannelKernels.directWeightGradient(xp, xBase, delta, dBase, acc, outH, outW, outC, k, offsets, rowStride,
                    xStep);
        }
    }

    /**
     * Batch normalization's loops over one span of rows ({@code BatchNormStage}): data from {@code start}, the
     * per-position arrays (a span of per-channel values repeated) from 0, {@code count} values. {@code acc[j] +=
     * a[start + j]}.
     */
    static void spanAdd(float[] acc, float[] a, int start, int count) {
        if (VECTOR) {
            VectorKernels.spanAdd(acc, a, start, count);
        } else {
            ChannelKernels.spanAdd(acc, a, start, 0, count);
        }
    }

    /** {@code acc[j] += a[start + j] · b[start + j]} over one span (see {@link #spanAdd}). */
    static void spanAddProducts(float[] acc, float[] a, float[] b, int start, int count) {
        if (VECTOR) {
            VectorKernels.spanAddProducts(acc, a, b, start, count);
        } else {
            ChannelKernels.spanAddProducts(acc, a, b, start, 0, count);
        }
    }

    /** {@code acc[j] += (a[start + j] - center[j])²} over one span (see {@link #spanAdd}). */
    static void spanAddSquares(float[] acc, float[] a, float[] center, int start, int count) {
        if (VECTOR) {
            VectorKernels.spanAddSquares(acc, a, center, start, count);
        } else {
            ChannelKernels.spanAddSquares(acc, a, center, start, 0, count);
        }
    }

    /**
     * {@code h = (in - mean) / std} (kept in {@code xHat} unless it is null), {@code out = gamma · h + beta} over one
     * span (see {@link #spanAdd}).
     */
    static void spanNormalize(float[] in, float[] xHat, float[] out, float[] mean, float[] std, float[] gamma,
                              float[] beta, int start, int count) {
        if (VECTOR) {
            VectorKernels.spanNormalize(in, xHat, out, mean, std, gamma, beta, start, count);
        } else {
            ChannelKernels.spanNormalize(in, xHat, out, mean, std, gamma, beta, start, 0, count);
        }
    }

    /** {@code dx = a · e + b · xHat + k} over one span, a, b and k per position (see {@link #spanAdd}). */
    static void spanLinear(float[] dx, float[] a, float[] e, float[] b, float[] xHat, float[] k, int start, int count) {
        if (VECTOR) {
            VectorKernels.spanLinear(dx, a, e, b, xHat, k, start, count);
        } else {
            ChannelKernels.spanLinear(dx, a, e, b, xHat, k, start, 0, count);
        }
    }
}
