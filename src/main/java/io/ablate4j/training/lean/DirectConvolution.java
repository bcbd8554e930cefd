package io.ablate4j.training.lean;

/**
 * A convolution computed directly, without a patch matrix ({@link ConvStage} for layers with at most
 * {@link ConvStage#DIRECT_MAX_K} inputs per output). Both passes walk the taps the same way: per output row, tap
 * after tap in (ky, kx, c) order, each over the row's output columns whose input lies inside the image
 * ({@link Kernels#tapForward}, {@link Kernels#tapWeightGradient}: the loops over filters, on the vector API where
 * the JVM has it). Holds the scratch arrays of the weight gradient's sums from step to step. Data are NHWC, weights
 * Wk[(ky, kx, c), f] as in {@link ConvStage}.
 */
final class DirectConvolution {
    private double[] weightTotal = new double[0];
    private float[] weightAcc = new float[0];

    /**
     * The pre-activation without bias: out[img, oy, ox, f] = the fused multiply-adds {@code acc = x · Wk[k, f] +
     * acc} over the taps inside the image in (ky, kx, c) order, from 0.
     */
    static void forward(float[] x, float[] wk, float[] out, int n, int inH, int inW, int inC, int outH, int outW,
                        int outC, int kH, int kW, int sH, int sW, int pt, int pl) {
        taps(false, x, wk, out, null, null, n, inH, inW, inC, outH, outW, outC, kH, kW, sH, sW, pt, pl);
    }

    /**
     * From the pre-activation gradient {@code delta}: first, where {@code dx} is not null (zeroed by the caller),
     * the input gradient {@code dx[tap input] += Σ_f delta[f] · Wk[k, f]} (the sum in float over f in order; only a
     * layer with layers that learn below it needs it, so plain Java), then the weight gradient, which replaces the
     * weights in {@code wk}: {@code Σ x · delta} over every output pixel whose tap lies inside the image, per image in
     * float (fused multiply-adds, rows then columns), added in double image by image.
     */
    void backward(float[] x, float[] delta, float[] wk, float[] dx, int n, int inH, int inW, int inC, int outH,
                  int outW, int outC, int kH, int kW, int sH, int sW, int pt, int pl) {
        if (dx != null) {
            for (int img = 0; img < n; img++) {
                int base = img * inH * inW * inC;
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        int o = ((img * outH + oy) * outW + ox) * outC;
                        for (int ky = 0; ky < kH; ky++) {
                            int iy = oy * sH - pt + ky;
                            for (int kx = 0; kx < kW && iy >= 0 && iy < inH; kx++) {
                                int ix = ox * sW - pl + kx;
                                if (ix < 0 || ix >= inW) {
                                    continue;
                                }
                                for (int ch = 0; ch < inC; ch++) {
                                    int kk = ((ky * kW + kx) * inC + ch) * outC;
                                    float sum = 0f;
                                    for (int f = 0; f < outC; f++) {
                                        sum += delta[o + f] * wk[kk + f];
                                    }
                                    dx[base + (iy * inW + ix) * inC + ch] += sum;
                                }
                            }
                        }
                    }
                }
            }
        }
        int len = kH * kW * inC * outC;
        weightTotal = weightTotal.length >= len ? weightTotal : new double[len];
        weightAcc = Kernels.atLeast(weightAcc, len);
        java.util.Arrays.fill(weightTotal, 0, len, 0d);
        taps(true, x, null, delta, weightAcc, weightTotal, n, inH, inW, inC, outH, outW, outC, kH, kW, sH, sW, pt, pl);
        for (int i = 0; i < len; i++) {
            wk[i] = (float) weightTotal[i];
        }
    }

    /**
     * The walk over the taps. Forward ({@code gradient} false): {@code rows} is the output, each row zeroed and
     * then accumulated tap by tap from {@code wk}. Weight gradient: {@code rows} is delta, accumulated per image into
     * {@code acc} (K × outC), which is added into {@code total} after each image.
     */
    private static void taps(boolean gradient, float[] x, float[] wk, float[] rows, float[] acc, double[] total, int n,
                             int inH, int inW, int inC, int outH, int outW, int outC, int kH, int kW, int sH, int sW,
                             int pt, int pl) {
        int len = kH * kW * inC * outC;
        int xStep = sW * inC;
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * inC;
            if (gradient) {
                java.util.Arrays.fill(acc, 0, len, 0f);
            }
            for (int oy = 0; oy < outH; oy++) {
                int row = (img * outH + oy) * outW * outC;
                if (!gradient) {
                    java.util.Arrays.fill(rows, row, row + outW * outC, 0f);
                }
                for (int ky = 0; ky < kH; ky++) {
                    int iy = oy * sH - pt + ky;
                    if (iy < 0 || iy >= inH) {
                        continue;
                    }
                    for (int kx = 0; kx < kW; kx++) {
                        int lo = firstInside(kx - pl, sW);
                        int hi = endInside(kx - pl, sW, inW, outW);
                        for (int ch = 0; ch < inC; ch++) {
                            int kk = ((ky * kW + kx) * inC + ch) * outC;
                            int xb = base + (iy * inW + kx - pl) * inC + ch; // + ox · xStep: the input of column ox
                            if (gradient) {
                                Kernels.tapWeightGradient(x, xb, xStep, rows, row, acc, kk, lo, hi, outC);
                            } else {
                                Kernels.tapForward(x, xb, xStep, wk, kk, rows, row, lo, hi, outC);
                            }
                        }
                    }
                }
            }
            if (gradient) {
                for (int i = 0; i < len; i++) {
                    total[i] += acc[i];
                }
            }
        }
    }

    /** The first output column ox ≥ 0 with {@code ox · stride + offset ≥ 0}. */
    static int firstInside(int offset, int stride) {
        return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    }

    /** One past the last output column ox &lt; outW with {@code ox · stride + offset < inW}. */
    static int endInside(int offset, int stride, int inW, int outW) {
        int limit = inW - offset; // ox · stride < limit
        return limit <= 0 ? 0 : Math.min(outW, (limit + stride - 1) / stride);
    }
}
