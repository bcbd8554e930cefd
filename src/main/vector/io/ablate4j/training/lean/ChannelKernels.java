package io.ablate4j.training.lean;

/**
 * The scalar twins of {@link VectorKernels}: the Java stages' loops over a layer's channels, one value at a time,
 * for JVMs without the module {@code jdk.incubator.vector} (see {@link Kernels#VECTOR}); {@link VectorKernels} calls
 * them for the channels left over after its full vectors. Compiled with it, before the main sources (pom.xml).
 */
final class ChannelKernels {
    /** Rows whose per-channel sums are added in float before they go into the double totals. */
    static final int SUM_BLOCK = 64;

    private ChannelKernels() {
    }

    /** The scalar {@code Kernels.maxPoolForward}. */
    static void maxPoolForward(float[] in, float[] out, int n, int c, int inH, int inW, int outH, int outW,
                               int kH, int kW, int sH, int sW, int pt, int pl) {
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.max(0, oy * sH - pt);
                int y1 = Math.min(inH, oy * sH - pt + kH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = Math.max(0, ox * sW - pl);
                    int x1 = Math.min(inW, ox * sW - pl + kW);
                    maxPoolWindow(in, out, base, ((img * outH + oy) * outW + ox) * c, 0, c, inW, y0, y1, x0, x1);
                }
            }
        }
    }

    /** Channels [from, c) of one pooling window: input rows [y0, y1), columns [x0, x1), into out at {@code o}. */
    static void maxPoolWindow(float[] in, float[] out, int base, int o, int from, int c, int inW, int y0, int y1,
                              int x0, int x1) {
        System.arraycopy(in, base + (y0 * inW + x0) * c + from, out, o + from, c - from);
        for (int y = y0; y < y1; y++) {
            for (int xx = y == y0 ? x0 + 1 : x0; xx < x1; xx++) {
                int p = base + (y * inW + xx) * c;
                for (int ch = from; ch < c; ch++) {
                    out[o + ch] = Math.max(out[o + ch], in[p + ch]);
                }
            }
        }
    }

    /** The scalar {@code Kernels.maxPoolBackward}. */
    static void maxPoolBackward(float[] in, float[] out, float[] e, float[] dx, boolean tiles, int n, int c,
                                int inH, int inW, int outH, int outW, int kH, int kW, int sH, int sW, int pt, int pl) {
        float[] taken = new float[c];
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.max(0, oy * sH - pt);
                int y1 = Math.min(inH, oy * sH - pt + kH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = Math.max(0, ox * sW - pl);
                    int x1 = Math.min(inW, ox * sW - pl + kW);
                    maxPoolWindowBackward(in, out, e, dx, taken, tiles, base, ((img * outH + oy) * outW + ox) * c, 0, c,
                            inW, y0, y1, x0, x1);
                }
            }
        }
    }

    /**
     * Channels [from, c) of one window's backward pass (see {@link #maxPoolBackward}); {@code taken} is scratch of
     * at least c values (1 where an earlier position of the window took the gradient).
     */
    static void maxPoolWindowBackward(float[] in, float[] out, float[] e, float[] dx, float[] taken, boolean tiles,
                                      int base, int o, int from, int c, int inW, int y0, int y1, int x0, int x1) {
        java.util.Arrays.fill(taken, from, c, 0f);
        for (int y = y0; y < y1; y++) {
            for (int xx = x0; xx < x1; xx++) {
                int p = base + (y * inW + xx) * c;
                for (int ch = from; ch < c; ch++) {
                    // 1 where this value is the maximum (max - v is 0 only then) and no earlier one was: no branch,
                    // which would cost a misprediction per value on such data
                    float isMax = 1f - Math.min((out[o + ch] - in[p + ch]) * 0x1p127f * 0x1p22f, 1f);
                    float first = isMax * (1f - taken[ch]);
                    taken[ch] += first;
                    dx[p + ch] = (tiles ? 0f : dx[p + ch]) + e[o + ch] * first;
                }
            }
        }
    }

    /** The scalar {@code Kernels.biasActivation}. */
    static void biasActivation(float[] a, int start, float[] bias, int m, int c, boolean relu) {
        for (int r = 0, o = start; r < m; r++, o += c) {
            biasActivationRow(a, bias, o, 0, c, relu);
        }
    }

    /** Values [from, c) of the row at {@code o} (see {@link #biasActivation}). */
    static void biasActivationRow(float[] a, float[] bias, int o, int from, int c, boolean relu) {
        for (int f = from; f < c; f++) {
            float v = bias != null ? a[o + f] + bias[f] : a[o + f];
            a[o + f] = relu ? Math.max(v, 0f) : v;
        }
    }

    /** The scalar {@code Kernels.reluBackwardColumnSums}. */
    static void reluBackwardColumnSums(float[] out, float[] e, float[] delta, int m, int c, boolean relu,
                                       double[] total) {
        float[] acc = new float[c];
        for (int start = 0; start < m; start += SUM_BLOCK) {
            int end = Math.min(m, start + SUM_BLOCK);
            reluBackwardColumnSumsTail(out, e, delta, start, end, 0, c, relu, acc);
            for (int ch = 0; ch < c; ch++) {
                total[ch] += acc[ch];
            }
        }
    }

    /** Channels [from, c) of rows [start, end) (see {@link #reluBackwardColumnSums}): their float sums into acc. */
    static void reluBackwardColumnSumsTail(float[] out, float[] e, float[] delta, int start, int end, int from, int c,
                                           boolean relu, float[] acc) {
        java.util.Arrays.fill(acc, from, c, 0f);
        for (int r = start; r < end; r++) { // rows outer: contiguous; per channel still row after row
            int o = r * c;
            for (int f = from; f < c; f++) {
                float d = e[o + f];
                if (relu) {
                    d = d * Math.min(out[o + f] * 0x1p127f * 0x1p22f, 1f);
                    delta[o + f] = d;
                }
                acc[f] += d;
            }
        }
    }

    /** The scalar {@code Kernels.addInto}. */
    static void addInto(float[] dst, int to, float[] src, int from, int count) {
        for (int i = 0; i < count; i++) {
            dst[to + i] += src[from + i];
        }
    }

    /** The scalar {@code Kernels.directForward}. */
    static void directForward(float[] xp, float[] wk, float[] out, int n, int outH, int outW, int outC, int k,
                              int[] offsets, int imgStride, int rowStride, int xStep) {
        for (int img = 0; img < n; img++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    directPixel(xp, img * imgStride + oy * rowStride + ox * xStep, wk, out,
                            ((img * outH + oy) * outW + ox) * outC, outC, k, offsets, 0);
                }
            }
        }
    }

    /**
     * Filters [from, outC) of one output pixel of {@code Kernels.directForward}, its window at {@code p} in xp and its
     * values at {@code o} in out: the taps' fused multiply-adds in order from +0, accumulated in out.
     */
    static void directPixel(float[] xp, int p, float[] wk, float[] out, int o, int outC, int k, int[] offsets,
                            int from) {
        java.util.Arrays.fill(out, o + from, o + outC, 0f);
        for (int t = 0; t < k; t++) {
            float v = xp[p + offsets[t]];
            int w = t * outC;
            for (int f = from; f < outC; f++) {
                out[o + f] = Math.fma(v, wk[w + f], out[o + f]);
            }
        }
    }

    /** The scalar {@code Kernels.directWeightGradient}. */
    static void directWeightGradient(float[] xp, int xBase, float[] delta, int dBase, float[] acc, int outH, int outW,
                                     int outC, int k, int[] offsets, int rowStride, int xStep) {
        for (int oy = 0; oy < outH; oy++) {
            directWeightGradientRow(xp, xBase + oy * rowStride, delta, dBase + oy * outW * outC, acc, outW, outC, k,
                    offsets, xStep, 0);
        }
    }

    /**
     * Filters [from, outC) of one output row's share of {@code Kernels.directWeightGradient}: the row's first window
     * at {@code p} in xp, its delta at {@code d}; per (tap, filter) column after column.
     */
    static void directWeightGradientRow(float[] xp, int p, float[] delta, int d, float[] acc, int outW, int outC, int k,
                                        int[] offsets, int xStep, int from) {
        for (int ox = 0; ox < outW; ox++) {
            int q = p + ox * xStep;
            int e = d + ox * outC;
            for (int t = 0; t < k; t++) {
                float v = xp[q + offsets[t]];
                int a = t * outC;
                for (int f = from; f < outC; f++) {
                    acc[a + f] = Math.fma(v, delta[e + f], acc[a + f]);
                }
            }
        }
    }

    // Batch normalization's loops over a span of rows: the data from {@code start}, the per-position arrays (one
    // span of per-channel values repeated, see BatchNormStage) from position {@code from} up to {@code count}.

    /** {@code acc[j] += a[start + j]}. */
    static void spanAdd(float[] acc, float[] a, int start, int from, int count) {
        for (int j = from, i = start; j < count; j++, i++) {
            acc[j] += a[i];
        }
    }

    /** {@code acc[j] += a[start + j] · b[start + j]}. */
    static void spanAddProducts(float[] acc, float[] a, float[] b, int start, int from, int count) {
        for (int j = from, i = start; j < count; j++, i++) {
            acc[j] += a[i] * b[i];
        }
    }

    /** {@code acc[j] += (a[start + j] - center[j])²}. */
    static void spanAddSquares(float[] acc, float[] a, float[] center, int start, int from, int count) {
        for (int j = from, i = start; j < count; j++, i++) {
            float v = a[i] - center[j];
            acc[j] += v * v;
        }
    }

    /** {@code h = (in - mean) / std}, kept in xHat unless null; {@code out = gamma · h + beta}. */
    static void spanNormalize(float[] in, float[] xHat, float[] out, float[] mean, float[] std, float[] gamma,
                              float[] beta, int start, int from, int count) {
        for (int j = from, i = start; j < count; j++, i++) {
            float h = (in[i] - mean[j]) / std[j];
            if (xHat != null) {
                xHat[i] = h;
            }
            out[i] = gamma[j] * h + beta[j];
        }
    }

    /** {@code dx = a · e + b · xHat + k} (a, b, k per position). */
    static void spanLinear(float[] dx, float[] a, float[] e, float[] b, float[] xHat, float[] k, int start, int from,
                           int count) {
        for (int j = from, i = start; j < count; j++, i++) {
            dx[i] = a[j] * e[i] + b[j] * xHat[i] + k[j];
        }
    }
}
