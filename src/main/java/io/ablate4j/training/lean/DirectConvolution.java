package io.ablate4j.training.lean;

/**
 * A convolution computed directly, without a patch matrix ({@link ConvStage} for layers with at most
 * {@link ConvStage#DIRECT_MAX_K} inputs per output). The input is first copied with its padding written out as
 * zeros ({@link #pad}), so that every output pixel sees all K taps at the same offsets; both passes then sum every
 * tap in (ky, kx, c) order, padding included ({@link Kernels#directForward}, {@link Kernels#directWeightGradient}:
 * on the vector API where the JVM has it, several pixels or taps and two vectors of filters at a time in registers).
 * A padding tap adds {@code fma(0, w, acc)}, which is {@code acc} exactly for finite w (a sum that starts at +0
 * never becomes -0), so the results are those of summing the taps inside the image alone, as DL4J's zero-padded
 * patches do. Holds the padded input and the scratch arrays of the weight gradient's sums from step to step.
 * Data are NHWC, weights Wk[(ky, kx, c), f] as in {@link ConvStage}.
 */
final class DirectConvolution {
    private double[] weightTotal = new double[0];
    private float[] weightAcc = new float[0];
    private float[] padded = new float[0];
    private int[] offsets = new int[0];

    /**
     * The pre-activation without bias: out[img, oy, ox, f] = the fused multiply-adds {@code acc = x · Wk[k, f] +
     * acc} over the taps in (ky, kx, c) order, from 0.
     */
    void forward(float[] x, float[] wk, float[] out, int n, int inH, int inW, int inC, int outH, int outW,
                 int outC, int kH, int kW, int sH, int sW, int pt, int pl) {
        int hp = (outH - 1) * sH + kH;
        int wp = (outW - 1) * sW + kW;
        pad(x, n, inH, inW, inC, kH, kW, hp, wp, pt, pl);
        Kernels.directForward(padded, wk, out, n, outH, outW, outC, kH * kW * inC, offsets, hp * wp * inC,
                sH * wp * inC, sW * inC);
    }

    /**
     * From the pre-activation gradient {@code delta}: first, where {@code dx} is not null (zeroed by the caller),
     * the input gradient {@code dx[tap input] += Σ_f delta[f] · Wk[k, f]} (the sum in float over f in order; only a
     * layer with layers that learn below it needs it, so plain Java), then the weight gradient, which replaces the
     * weights in {@code wk}: {@code Σ x · delta} over every output pixel, per image in float (fused multiply-adds,
     * rows then columns), added in double image by image.
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
        int hp = (outH - 1) * sH + kH;
        int wp = (outW - 1) * sW + kW;
        pad(x, n, inH, inW, inC, kH, kW, hp, wp, pt, pl);
        for (int img = 0; img < n; img++) {
            java.util.Arrays.fill(weightAcc, 0, len, 0f);
            Kernels.directWeightGradient(padded, img * hp * wp * inC, delta, img * outH * outW * outC, weightAcc,
                    outH, outW, outC, kH * kW * inC, offsets, sH * wp * inC, sW * inC);
            for (int i = 0; i < len; i++) {
                weightTotal[i] += weightAcc[i];
            }
        }
        for (int i = 0; i < len; i++) {
            wk[i] = (float) weightTotal[i];
        }
    }

    /**
     * The input with its padding as zeros, [n, hp, wp, c] with the image at row {@code pt}, column {@code pl}
     * (rows and columns no window reaches left out), into {@link #padded}; and each tap's offset in it from its
     * window's first value, in (ky, kx, c) order, into {@link #offsets}.
     */
    private void pad(float[] x, int n, int inH, int inW, int c, int kH, int kW, int hp, int wp, int pt, int pl) {
        padded = Kernels.atLeast(padded, n * hp * wp * c);
        java.util.Arrays.fill(padded, 0, n * hp * wp * c, 0f);
        int cols = Math.min(inW, wp - pl);
        for (int img = 0; img < n && cols > 0; img++) {
            for (int y = 0; y < inH && y + pt < hp; y++) {
                System.arraycopy(x, (img * inH + y) * inW * c, padded, ((img * hp + y + pt) * wp + pl) * c, cols * c);
            }
        }
        if (offsets.length != kH * kW * c) {
            offsets = new int[kH * kW * c];
        }
        for (int ky = 0, t = 0; ky < kH; ky++) {
            for (int kx = 0; kx < kW; kx++) {
                for (int ch = 0; ch < c; ch++) {
                    offsets[t++] = (ky * wp + kx) * c + ch;
                }
            }
        }
    }
}
