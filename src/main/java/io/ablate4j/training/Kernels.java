package io.ablate4j.training;

/** Element-wise loops shared by the Java stages, written so that HotSpot vectorizes them. */
final class Kernels {
    private Kernels() {
    }

    /** {@code a} when it holds at least {@code n} values, else a new array of {@code n}. */
    static float[] atLeast(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }

    /** {@code a} when it holds at least {@code n} values, else a new array of {@code n}. */
    static int[] atLeast(int[] a, int n) {
        return a.length >= n ? a : new int[n];
    }

    /** {@code out = max(0, in)}, as ND4J's relu (NaN stays NaN, -0 becomes 0). */
    static void relu(float[] in, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            float v = in[i];
            out[i] = v > 0f ? v : (v != v ? v : 0f);
        }
    }

    /** {@code grad = eps where out > 0, else 0}: relu_bp, with the ReLU's output standing for its input. */
    static void reluBackward(float[] out, float[] eps, float[] grad, int n) {
        for (int i = 0; i < n; i++) {
            grad[i] = out[i] > 0f ? eps[i] : 0f;
        }
    }
}
