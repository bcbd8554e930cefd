package io.ablate4j.training;

/**
 * The backward pass of a convolution computed directly, without a patch matrix ({@link ConvStage} for layers with
 * at most {@link ConvStage#DIRECT_MAX_K} inputs per output; the forward pass is
 * {@link Kernels#directConvolution}). Holds the scratch arrays of its sums from step to step. Data are NHWC,
 * weights Wk[(ky, kx, c), f] as in {@link ConvStage}.
 */
final class DirectConvolution {
    private double[] weightTotal = new double[0];
    private float[] weightAcc = new float[0];

    /**
     * From the pre-activation gradient {@code delta}: first, where {@code dx} is not null (zeroed by the caller),
     * the input gradient {@code dx[tap input] += Σ_f delta[f] · Wk[k, f]} (the sum in float over f in order; only a
     * layer with layers that learn below it needs it, so plain Java), then the weight gradient
     * ({@link Kernels#directWeightGradient}), which replaces the weights in {@code wk}.
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
        Kernels.directWeightGradient(x, delta, weightAcc, weightTotal, n, inH, inW, inC, outH, outW, outC, kH, kW, sH,
                sW, pt, pl);
        for (int i = 0; i < len; i++) {
            wk[i] = (float) weightTotal[i];
        }
    }
}
