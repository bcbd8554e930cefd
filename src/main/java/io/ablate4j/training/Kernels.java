package io.ablate4j.training;

/** Element-wise loops shared by the Java stages, written so that HotSpot vectorizes them. */
final class Kernels {
    private Kernels() {
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
}
