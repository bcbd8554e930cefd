package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link VectorKernels} against their scalar twins in {@link ChannelKernels}: bit for bit, on shapes whose channel
 * counts are and are not multiples of the vector width (the leftover channels go through the scalar code), with
 * padding, strides and overlapping windows. That the twins compute what the layers compute is
 * {@code ConvStageTest}'s and {@code MaxPoolStageTest}'s part (against DL4J).
 */
class VectorKernelsTest {
    @Test
    void theTestsRunWithTheVectorModule() {
        assertTrue(Kernels.VECTOR, "surefire's argLine adds jdk.incubator.vector, as the launcher does");
        assertEquals("vector", Kernels.channelLoops());
    }

    @ParameterizedTest(name = "pool {0}x{0} stride {1} pad {2}, {3} channels, {4}x{5}")
    @CsvSource({"2, 2, 0, 32, 28, 28", "2, 2, 0, 37, 6, 8", "2, 2, 0, 16, 7, 9", "3, 2, 1, 16, 7, 9", "3, 1, 1, 5, 5, 6", "2, 1, 0, 64, 4, 5"})
    void maxPoolingIsTheScalarTwinsBitForBit(int k, int s, int p, int c, int h, int w) {
        int n = 3;
        int outH = (h + 2 * p - k) / s + 1;
        int outW = (w + 2 * p - k) / s + 1;
        float[] in = values(1, n * h * w * c, true);
        float[] outV = new float[n * outH * outW * c];
        float[] outS = new float[outV.length];
        VectorKernels.maxPoolForward(in, outV, n, c, h, w, outH, outW, k, k, s, s, p, p);
        ChannelKernels.maxPoolForward(in, outS, n, c, h, w, outH, outW, k, k, s, s, p, p);
        same(outS, outV, "pooled values");
        float[] e = values(2, outV.length, false);
        boolean tiles = k == s && p == 0 && outH * k == h && outW * k == w;
        float[] dxV = new float[in.length];
        float[] dxS = new float[in.length];
        VectorKernels.maxPoolBackward(in, outV, e, dxV, tiles, n, c, h, w, outH, outW, k, k, s, s, p, p);
        ChannelKernels.maxPoolBackward(in, outS, e, dxS, tiles, n, c, h, w, outH, outW, k, k, s, s, p, p);
        same(dxS, dxV, "input gradient");
    }

    @ParameterizedTest(name = "{0} rows of {1}, relu {2}, bias {3}")
    @CsvSource({"200, 32, true, true", "130, 37, true, false", "64, 5, false, true", "1, 70, true, true"})
    void biasActivationAndReluBackwardSumsAreTheScalarTwinsBitForBit(int m, int c, boolean relu, boolean withBias) {
        float[] bias = withBias ? values(3, c, false) : null;
        float[] aV = values(4, m * c, false);
        float[] aS = aV.clone();
        VectorKernels.biasActivation(aV, 0, bias, m, c, relu);
        ChannelKernels.biasActivation(aS, 0, bias, m, c, relu);
        same(aS, aV, "bias and activation");
        float[] e = values(5, m * c, false);
        float[] dV = new float[m * c];
        float[] dS = new float[m * c];
        double[] tV = new double[c];
        double[] tS = new double[c];
        VectorKernels.reluBackwardColumnSums(aV, relu ? e : dV, dV, m, c, relu, tV);
        ChannelKernels.reluBackwardColumnSums(aS, relu ? e : dS, dS, m, c, relu, tS);
        same(dS, dV, "ReLU's backward pass");
        for (int f = 0; f < c; f++) {
            assertEquals(Double.doubleToRawLongBits(tS[f]), Double.doubleToRawLongBits(tV[f]), "sum of channel " + f);
        }
    }

    @Test
    void addIntoIsTheScalarTwinBitForBit() {
        for (int count = 0; count < 70; count += 7) {
            float[] src = values(6, 100, false);
            float[] dV = values(7, 120, false);
            float[] dS = dV.clone();
            VectorKernels.addInto(dV, 11, src, 3, count);
            ChannelKernels.addInto(dS, 11, src, 3, count);
            same(dS, dV, count + " values");
        }
    }

    /**
     * The one-pass Adam step on native memory against LeanAdam's array loops (which are ND4J's adam_updater bit for
     * bit, TrainingStepTest) followed by the subtraction: both arithmetic modes, minibatch divisors that are and
     * are not powers of two, lengths with a scalar tail.
     */
    @ParameterizedTest(name = "Adam on {0} values, fused {1}, minibatch {2}")
    @CsvSource({"1000, true, 128, 37", "1003, false, 100, 0", "5, true, 1, 999", "77, false, 32, 12"})
    void adamStepIsLeanAdamsLoopsAndTheSubtractionBitForBit(int n, boolean fused, int minibatch, int iteration) {
        float[] g = values(20, n, false);
        float[] p = values(21, n, false);
        float[] m = values(22, n, false);
        float[] v = values(23, n, false);
        for (int i = 0; i < n; i++) {
            m[i] *= 1e-2f;
            v[i] = Math.abs(v[i]) * 1e-4f;
        }
        float lr = 1e-3f;
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        float epsilon = 1e-8f;
        float[] gS = g.clone();
        float[] mS = m.clone();
        float[] vS = v.clone();
        float[] pS = p.clone();
        LeanAdam.divide(gS, n, minibatch);
        LeanAdam.update(fused ? LeanAdam.Arithmetic.FUSED : LeanAdam.Arithmetic.ROUNDED, gS, mS, vS, n, lr, beta1,
                beta2, epsilon, iteration);
        for (int i = 0; i < n; i++) {
            pS[i] -= gS[i];
        }
        java.nio.ByteBuffer grad = direct(g);
        java.nio.ByteBuffer params = direct(p);
        float[] mV = m.clone();
        float[] vV = v.clone();
        VectorKernels.adamStep(grad, params, mV, vV, n, minibatch, fused, beta1, beta2, 1 - beta1, 1 - beta2,
                LeanAdam.stepSize(lr, beta1, beta2, epsilon, iteration), epsilon);
        same(mS, mV, "first moments");
        same(vS, vV, "second moments");
        same(pS, floats(params, n), "parameters");
        same(g, floats(grad, n), "the gradient, left as it was");
    }

    private static java.nio.ByteBuffer direct(float[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(4 * values.length).order(java.nio.ByteOrder.nativeOrder());
        b.asFloatBuffer().put(values);
        return b;
    }

    private static float[] floats(java.nio.ByteBuffer b, int n) {
        float[] out = new float[n];
        b.asFloatBuffer().get(out);
        return out;
    }

    @ParameterizedTest(name = "batch-norm spans of {0}")
    @CsvSource({"512", "37", "5"})
    void batchNormSpansAreTheScalarTwinsBitForBit(int count) {
        int start = 13;
        float[] a = values(11, start + count, false);
        float[] b = values(12, start + count, false);
        float[] perPosition = values(13, count, false);
        float[] std = values(14, count, false);
        for (int j = 0; j < count; j++) {
            std[j] = 0.5f + Math.abs(std[j]);
        }
        float[][] acc = {values(15, count, false), null};
        acc[1] = acc[0].clone();
        VectorKernels.spanAdd(acc[0], a, start, count);
        ChannelKernels.spanAdd(acc[1], a, start, 0, count);
        same(acc[1], acc[0], "sums");
        VectorKernels.spanAddProducts(acc[0], a, b, start, count);
        ChannelKernels.spanAddProducts(acc[1], a, b, start, 0, count);
        same(acc[1], acc[0], "sums of products");
        VectorKernels.spanAddSquares(acc[0], a, perPosition, start, count);
        ChannelKernels.spanAddSquares(acc[1], a, perPosition, start, 0, count);
        same(acc[1], acc[0], "sums of squares");
        float[] xV = new float[start + count];
        float[] xS = new float[start + count];
        float[] oV = new float[start + count];
        float[] oS = new float[start + count];
        VectorKernels.spanNormalize(a, xV, oV, perPosition, std, b, acc[0], start, count);
        ChannelKernels.spanNormalize(a, xS, oS, perPosition, std, b, acc[1], start, 0, count);
        same(xS, xV, "normalized values");
        same(oS, oV, "outputs");
        VectorKernels.spanNormalize(a, null, oV, perPosition, std, b, acc[0], start, count);
        same(oS, oV, "outputs without xHat");
        VectorKernels.spanLinear(oV, perPosition, a, std, b, acc[0], start, count);
        ChannelKernels.spanLinear(oS, perPosition, a, std, b, acc[1], start, 0, count);
        same(oS, oV, "input gradients");
    }

    @ParameterizedTest(name = "direct convolution {0}x{1} kernel, {2} channels, stride {3}, {4}x{5} outputs, {6} filters")
    @CsvSource({"3, 3, 3, 1, 32, 32, 32", "3, 3, 3, 1, 6, 7, 64", "3, 3, 1, 1, 5, 9, 37", "2, 2, 2, 2, 3, 4, 5",
            "3, 3, 3, 2, 4, 6, 16", "5, 5, 1, 1, 3, 3, 48", "1, 1, 3, 1, 2, 5, 33"})
    void directConvolutionIsTheScalarTwinsBitForBit(int kH, int kW, int c, int stride, int outH, int outW, int outC) {
        int n = 2;
        int hp = (outH - 1) * stride + kH;
        int wp = (outW - 1) * stride + kW;
        int k = kH * kW * c;
        int[] offsets = new int[k];
        for (int ky = 0, t = 0; ky < kH; ky++) {
            for (int kx = 0; kx < kW; kx++) {
                for (int ch = 0; ch < c; ch++) {
                    offsets[t++] = (ky * wp + kx) * c + ch;
                }
            }
        }
        float[] xp = values(8, n * hp * wp * c, false);
        float[] wk = values(9, k * outC, false);
        int len = n * outH * outW * outC;
        float[] outV = new float[len];
        float[] outS = values(10, len, false); // overwritten, not accumulated into
        VectorKernels.directForward(xp, wk, outV, n, outH, outW, outC, k, offsets, hp * wp * c, stride * wp * c, stride * c);
        ChannelKernels.directForward(xp, wk, outS, n, outH, outW, outC, k, offsets, hp * wp * c, stride * wp * c, stride * c);
        same(outS, outV, "pre-activations");
        float[] delta = values(11, len, false);
        float[] accV = values(12, k * outC, false); // what earlier images accumulated
        float[] accS = accV.clone();
        VectorKernels.directWeightGradient(xp, hp * wp * c, delta, outH * outW * outC, accV, outH, outW, outC, k, offsets,
                stride * wp * c, stride * c);
        ChannelKernels.directWeightGradient(xp, hp * wp * c, delta, outH * outW * outC, accS, outH, outW, outC, k, offsets,
                stride * wp * c, stride * c);
        same(accS, accV, "weight gradient sums");
    }

    /** Random values; {@code ties}: rounded to a few levels and half of them 0, so that windows hold equal maxima. */
    private static float[] values(long seed, int n, boolean ties) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            float v = (float) (r.nextDouble() * 2 - 1);
            a[i] = ties ? Math.max(0f, Math.round(v * 3) / 3f) : v;
        }
        return a;
    }

    private static void same(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + " differ at " + i + ": scalar " + expected[i] + ", vector " + actual[i]);
            }
        }
    }
}
