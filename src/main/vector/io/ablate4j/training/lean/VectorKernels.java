package io.ablate4j.training.lean;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java stages' inner loops over channels, written with the JDK's (incubating) vector API: HotSpot does not
 * vectorize loops as short as a layer's 32 or 64 channels by itself. Each method is the twin of a scalar one in
 * {@link ChannelKernels}, which is used where the module {@code jdk.incubator.vector} is not in the JVM
 * ({@code Kernels.VECTOR}). A twin computes every output value by the same float operations in the same order:
 * lanes are channels, and each lane does what the scalar loop does for its channel (fused multiply-adds where the
 * scalar twin calls {@link Math#fma}), so results are bit-identical with and without the module, whatever the
 * machine's vector width (tested, {@code VectorKernelsTest}). Compiled by its own execution of the compiler
 * (pom.xml), because javac's warning that an incubating module is used would fail the main compilation.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {
    }

    /** See {@link ChannelKernels#maxPoolForward}. */
    static void maxPoolForward(float[] in, float[] out, int n, int c, int inH, int inW, int outH, int outW,
                               int kH, int kW, int sH, int sW, int pt, int pl) {
        if (kH == 2 && kW == 2 && sH == 2 && sW == 2 && pt == 0 && pl == 0 && 2 * outH <= inH && 2 * outW <= inW) {
            maxPool2x2(in, out, n, c, inH, inW, outH, outW);
            return;
        }
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.max(0, oy * sH - pt);
                int y1 = Math.min(inH, oy * sH - pt + kH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = Math.max(0, ox * sW - pl);
                    int x1 = Math.min(inW, ox * sW - pl + kW);
                    int o = ((img * outH + oy) * outW + ox) * c;
                    // the window's first value, then max with each further one, accumulated in out (a vector
                    // carried through these loops would be boxed by HotSpot on every pass)
                    System.arraycopy(in, base + (y0 * inW + x0) * c, out, o, c);
                    int vc = c - c % L;
                    for (int y = y0; y < y1; y++) {
                        for (int xx = y == y0 ? x0 + 1 : x0; xx < x1; xx++) {
                            int p = base + (y * inW + xx) * c;
                            for (int ch = 0; ch < vc; ch += L) {
                                FloatVector.fromArray(S, out, o + ch).max(FloatVector.fromArray(S, in, p + ch))
                                        .intoArray(out, o + ch);
                            }
                            for (int ch = vc; ch < c; ch++) {
                                out[o + ch] = Math.max(out[o + ch], in[p + ch]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** See {@link ChannelKernels#maxPoolBackward}. */
    static void maxPoolBackward(float[] in, float[] out, float[] e, float[] dx, boolean tiles, int n, int c,
                                int inH, int inW, int outH, int outW, int kH, int kW, int sH, int sW, int pt, int pl) {
        if (kH == 2 && kW == 2 && sH == 2 && sW == 2 && pt == 0 && pl == 0 && 2 * outH <= inH && 2 * outW <= inW) {
            maxPool2x2Backward(in, out, e, dx, tiles, n, c, inH, inW, outH, outW);
            return;
        }
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        float[] taken = new float[c]; // 1 where an earlier position of the window took the gradient
        int vc = c - c % L;
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.max(0, oy * sH - pt);
                int y1 = Math.min(inH, oy * sH - pt + kH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = Math.max(0, ox * sW - pl);
                    int x1 = Math.min(inW, ox * sW - pl + kW);
                    int o = ((img * outH + oy) * outW + ox) * c;
                    java.util.Arrays.fill(taken, 0f);
                    for (int y = y0; y < y1; y++) {
                        for (int xx = x0; xx < x1; xx++) {
                            int p = base + (y * inW + xx) * c;
                            for (int ch = 0; ch < vc; ch += L) {
                                FloatVector t = FloatVector.fromArray(S, taken, ch);
                                VectorMask<Float> first = FloatVector.fromArray(S, in, p + ch)
                                        .eq(FloatVector.fromArray(S, out, o + ch)).andNot(t.eq(one));
                                FloatVector f = zero.blend(one, first);
                                t.add(f).intoArray(taken, ch);
                                FloatVector before = tiles ? zero : FloatVector.fromArray(S, dx, p + ch);
                                before.add(FloatVector.fromArray(S, e, o + ch).mul(f)).intoArray(dx, p + ch);
                            }
                        }
                    }
                    if (vc < c) {
                        ChannelKernels.maxPoolWindowBackward(in, out, e, dx, taken, tiles, base, o, vc, c, inW, y0, y1, x0,
                                x1);
                    }
                }
            }
        }
    }

    /**
     * The common 2x2 window with stride 2 inside the image, as straight-line code per vector of channels (the
     * general loops keep the running maximum in memory). The same maxima in the same order.
     */
    private static void maxPool2x2(float[] in, float[] out, int n, int c, int inH, int inW, int outH, int outW) {
        int vc = c - c % L;
        int rowStep = inW * c;
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int r0 = base + 2 * oy * rowStep;
                for (int ox = 0; ox < outW; ox++) {
                    int p = r0 + 2 * ox * c;
                    int o = ((img * outH + oy) * outW + ox) * c;
                    for (int ch = 0; ch < vc; ch += L) {
                        FloatVector.fromArray(S, in, p + ch).max(FloatVector.fromArray(S, in, p + c + ch))
                                .max(FloatVector.fromArray(S, in, p + rowStep + ch))
                                .max(FloatVector.fromArray(S, in, p + rowStep + c + ch)).intoArray(out, o + ch);
                    }
                    if (vc < c) {
                        ChannelKernels.maxPoolWindow(in, out, base, o, vc, c, inW, 2 * oy, 2 * oy + 2, 2 * ox, 2 * ox + 2);
                    }
                }
            }
        }
    }

    /** The backward pass of {@link #maxPool2x2}: the first maximum of each window in row-major order takes it. */
    private static void maxPool2x2Backward(float[] in, float[] out, float[] e, float[] dx, boolean tiles, int n, int c,
                                           int inH, int inW, int outH, int outW) {
        float[] takenScratch = new float[c]; // for the leftover channels' scalar code
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int vc = c - c % L;
        int rowStep = inW * c;
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int r0 = base + 2 * oy * rowStep;
                for (int ox = 0; ox < outW; ox++) {
                    int p = r0 + 2 * ox * c;
                    int o = ((img * outH + oy) * outW + ox) * c;
                    for (int ch = 0; ch < vc; ch += L) {
                        FloatVector m = FloatVector.fromArray(S, out, o + ch);
                        FloatVector g = FloatVector.fromArray(S, e, o + ch);
                        int p0 = p + ch;
                        int p1 = p + c + ch;
                        int p2 = p + rowStep + ch;
                        int p3 = p + rowStep + c + ch;
                        VectorMask<Float> f0 = FloatVector.fromArray(S, in, p0).eq(m);
                        VectorMask<Float> f1 = FloatVector.fromArray(S, in, p1).eq(m).andNot(f0);
                        VectorMask<Float> taken = f0.or(f1);
                        VectorMask<Float> f2 = FloatVector.fromArray(S, in, p2).eq(m).andNot(taken);
                        taken = taken.or(f2);
                        VectorMask<Float> f3 = FloatVector.fromArray(S, in, p3).eq(m).andNot(taken);
                        (tiles ? zero : FloatVector.fromArray(S, dx, p0)).add(g.mul(zero.blend(one, f0))).intoArray(dx, p0);
                        (tiles ? zero : FloatVector.fromArray(S, dx, p1)).add(g.mul(zero.blend(one, f1))).intoArray(dx, p1);
                        (tiles ? zero : FloatVector.fromArray(S, dx, p2)).add(g.mul(zero.blend(one, f2))).intoArray(dx, p2);
                        (tiles ? zero : FloatVector.fromArray(S, dx, p3)).add(g.mul(zero.blend(one, f3))).intoArray(dx, p3);
                    }
                    if (vc < c) {
                        ChannelKernels.maxPoolWindowBackward(in, out, e, dx, takenScratch, tiles, base, o, vc, c, inW, 2 * oy,
                                2 * oy + 2, 2 * ox, 2 * ox + 2);
                    }
                }
            }
        }
    }

    /** See {@link ChannelKernels#biasActivation}. */
    static void biasActivation(float[] a, int start, float[] bias, int m, int c, boolean relu) {
        FloatVector zero = FloatVector.zero(S);
        for (int r = 0, o = start; r < m; r++, o += c) {
            int f = 0;
            for (; f <= c - L; f += L) {
                FloatVector v = FloatVector.fromArray(S, a, o + f);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(S, bias, f));
                }
                if (relu) {
                    v = v.max(zero);
                }
                v.intoArray(a, o + f);
            }
            ChannelKernels.biasActivationRow(a, bias, o, f, c, relu);
        }
    }

    /** See {@link ChannelKernels#reluBackwardColumnSums}. */
    static void reluBackwardColumnSums(float[] out, float[] e, float[] delta, int m, int c, boolean relu,
                                       double[] total) {
        float[] acc = new float[c];
        for (int start = 0; start < m; start += ChannelKernels.SUM_BLOCK) {
            int end = Math.min(m, start + ChannelKernels.SUM_BLOCK);
            int f = 0;
            for (; f <= c - L; f += L) {
                FloatVector a = FloatVector.zero(S);
                for (int r = start; r < end; r++) {
                    int i = r * c + f;
                    FloatVector d = FloatVector.fromArray(S, e, i);
                    if (relu) {
                        d = d.mul(FloatVector.fromArray(S, out, i).mul(0x1p127f).mul(0x1p22f).min(1f));
                        d.intoArray(delta, i);
                    }
                    a = a.add(d);
                }
                a.intoArray(acc, f);
            }
            ChannelKernels.reluBackwardColumnSumsTail(out, e, delta, start, end, f, c, relu, acc);
            for (int ch = 0; ch < c; ch++) {
                total[ch] += acc[ch];
            }
        }
    }

    /**
     * One Adam step straight on native memory, the parameters updated in place: for each i, {@code g = grad[i]}
     * divided by {@code minibatch} (as {@code LeanAdam.divide}), then
     * {@code LeanAdam.update}'s arithmetic ({@code fused}: its FUSED mode, else ROUNDED) with {@code m} and {@code v},
     * and {@code params[i] -= update}. The same float operations per value as those two loops and ND4J's
     * {@code subi}, in one pass over the memory instead of five ({@code VectorKernelsTest}); {@code grad} is left
     * as it was. {@code grad} and {@code params} hold n floats each, in the machine's byte order.
     */
    static void adamStep(ByteBuffer grad, ByteBuffer params, float[] m, float[] v, int n, int minibatch,
                         boolean fused, float beta1, float beta2, float c1, float c2, float epsilonT, float epsilon) {
        // x / d is x * (1 / d) bit for bit where d is a power of two (1 / d exact, one rounding of the same value),
        // so one division serves both of LeanAdam.divide's cases. One loop per arithmetic, without branches:
        // HotSpot 17 boxes vectors that flow through a branch in the loop (allocating on every pass)
        float d = minibatch;
        int vn = n - n % L;
        if (fused) {
            adamFused(grad, params, m, v, vn, d, beta1, beta2, c1, c2, epsilonT, epsilon);
        } else {
            adamRounded(grad, params, m, v, vn, d, beta1, beta2, c1, c2, epsilonT, epsilon);
        }
        for (int i = vn; i < n; i++) {
            float g = grad.getFloat(i * 4) / d;
            float mi = fused ? Math.fma(beta1, m[i], g * c1) : beta1 * m[i] + g * c1;
            float vi = fused ? Math.fma(beta2, v[i], g * g * c2) : beta2 * v[i] + g * g * c2;
            m[i] = mi;
            v[i] = vi;
            params.putFloat(i * 4, params.getFloat(i * 4) - (mi * epsilonT) / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    private static void adamFused(ByteBuffer grad, ByteBuffer params, float[] m, float[] v, int vn, float d,
                                  float beta1, float beta2, float c1, float c2, float epsilonT, float epsilon) {
        ByteOrder order = ByteOrder.nativeOrder();
        FloatVector b1 = FloatVector.broadcast(S, beta1);
        FloatVector b2 = FloatVector.broadcast(S, beta2);
        for (int i = 0; i < vn; i += L) {
            FloatVector g = FloatVector.fromByteBuffer(S, grad, i * 4, order).div(d);
            FloatVector mi = FloatVector.fromArray(S, m, i).fma(b1, g.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, i).fma(b2, g.mul(g).mul(c2));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector update = mi.mul(epsilonT).div(vi.sqrt().add(epsilon));
            FloatVector.fromByteBuffer(S, params, i * 4, order).sub(update).intoByteBuffer(params, i * 4, order);
        }
    }

    private static void adamRounded(ByteBuffer grad, ByteBuffer params, float[] m, float[] v, int vn, float d,
                                    float beta1, float beta2, float c1, float c2, float epsilonT, float epsilon) {
        ByteOrder order = ByteOrder.nativeOrder();
        for (int i = 0; i < vn; i += L) {
            FloatVector g = FloatVector.fromByteBuffer(S, grad, i * 4, order).div(d);
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(g.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(g.mul(g).mul(c2));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector update = mi.mul(epsilonT).div(vi.sqrt().add(epsilon));
            FloatVector.fromByteBuffer(S, params, i * 4, order).sub(update).intoByteBuffer(params, i * 4, order);
        }
    }

    /** See {@link ChannelKernels#addInto}. */
    static void addInto(float[] dst, int to, float[] src, int from, int count) {
        int i = 0;
        for (; i <= count - L; i += L) {
            FloatVector.fromArray(S, dst, to + i).add(FloatVector.fromArray(S, src, from + i)).intoArray(dst, to + i);
        }
        for (; i < count; i++) {
            dst[to + i] += src[from + i];
        }
    }

    /**
     * See {@link ChannelKernels#directForward}: filters two vectors at a time, for six or four output pixels at once
     * (twelve or eight sums in registers, each tap's two weight vectors loaded once for all of them), else one; the
     * filters beyond whole pairs of vectors by the scalar code.
     */
    static void directForward(float[] xp, float[] wk, float[] out, int n, int outH, int outW, int outC, int k,
                              int[] offsets, int imgStride, int rowStride, int xStep) {
        int vf = outC - outC % (2 * L);
        int end6 = 6 * blocksOf6(outW);
        int end4 = end6 + (outW - end6) / 4 * 4;
        for (int img = 0; img < n; img++) {
            for (int oy = 0; oy < outH; oy++) {
                int p = img * imgStride + oy * rowStride;
                int o = (img * outH + oy) * outW * outC;
                for (int f = 0; f < vf; f += 2 * L) {
                    int ox = 0;
                    for (; ox < end6; ox += 6) {
                        forward6(xp, p + ox * xStep, xStep, wk, out, o + ox * outC + f, outC, k, offsets, f);
                    }
                    for (; ox < end4; ox += 4) {
                        forward4(xp, p + ox * xStep, xStep, wk, out, o + ox * outC + f, outC, k, offsets, f);
                    }
                    for (; ox < outW; ox++) {
                        forward1(xp, p + ox * xStep, wk, out, o + ox * outC + f, outC, k, offsets, f);
                    }
                }
                for (int ox = 0; ox < outW && vf < outC; ox++) {
                    ChannelKernels.directPixel(xp, p + ox * xStep, wk, out, o + ox * outC, outC, k, offsets, vf);
                }
            }
        }
    }

    /**
     * How many blocks of six of {@code count} pixels (or taps) to take: all whole ones, less one where that leaves
     * 8 or 9 for blocks of four instead of 2 or 3 for single ones, whose sums are a chain each (an FMA's latency).
     */
    private static int blocksOf6(int count) {
        int blocks = count / 6;
        return blocks > 0 && (count % 6 == 2 || count % 6 == 3) ? blocks - 1 : blocks;
    }

    /** Filters [f, f + 2L) of six output pixels, xStep apart in xp and outC apart in out from {@code o}. */
    private static void forward6(float[] xp, int p, int xStep, float[] wk, float[] out, int o, int outC, int k,
                                 int[] offsets, int f) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        FloatVector a40 = a00;
        FloatVector a41 = a00;
        FloatVector a50 = a00;
        FloatVector a51 = a00;
        for (int t = 0; t < k; t++) {
            int w = t * outC + f;
            FloatVector w0 = FloatVector.fromArray(S, wk, w);
            FloatVector w1 = FloatVector.fromArray(S, wk, w + L);
            int q = p + offsets[t];
            FloatVector x0 = FloatVector.broadcast(S, xp[q]);
            FloatVector x1 = FloatVector.broadcast(S, xp[q + xStep]);
            FloatVector x2 = FloatVector.broadcast(S, xp[q + 2 * xStep]);
            FloatVector x3 = FloatVector.broadcast(S, xp[q + 3 * xStep]);
            FloatVector x4 = FloatVector.broadcast(S, xp[q + 4 * xStep]);
            FloatVector x5 = FloatVector.broadcast(S, xp[q + 5 * xStep]);
            a00 = w0.fma(x0, a00);
            a01 = w1.fma(x0, a01);
            a10 = w0.fma(x1, a10);
            a11 = w1.fma(x1, a11);
            a20 = w0.fma(x2, a20);
            a21 = w1.fma(x2, a21);
            a30 = w0.fma(x3, a30);
            a31 = w1.fma(x3, a31);
            a40 = w0.fma(x4, a40);
            a41 = w1.fma(x4, a41);
            a50 = w0.fma(x5, a50);
            a51 = w1.fma(x5, a51);
        }
        a00.intoArray(out, o);
        a01.intoArray(out, o + L);
        a10.intoArray(out, o + outC);
        a11.intoArray(out, o + outC + L);
        a20.intoArray(out, o + 2 * outC);
        a21.intoArray(out, o + 2 * outC + L);
        a30.intoArray(out, o + 3 * outC);
        a31.intoArray(out, o + 3 * outC + L);
        a40.intoArray(out, o + 4 * outC);
        a41.intoArray(out, o + 4 * outC + L);
        a50.intoArray(out, o + 5 * outC);
        a51.intoArray(out, o + 5 * outC + L);
    }

    /** Filters [f, f + 2L) of four output pixels (see {@link #forward6}). */
    private static void forward4(float[] xp, int p, int xStep, float[] wk, float[] out, int o, int outC, int k,
                                 int[] offsets, int f) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        for (int t = 0; t < k; t++) {
            int w = t * outC + f;
            FloatVector w0 = FloatVector.fromArray(S, wk, w);
            FloatVector w1 = FloatVector.fromArray(S, wk, w + L);
            int q = p + offsets[t];
            FloatVector x0 = FloatVector.broadcast(S, xp[q]);
            FloatVector x1 = FloatVector.broadcast(S, xp[q + xStep]);
            FloatVector x2 = FloatVector.broadcast(S, xp[q + 2 * xStep]);
            FloatVector x3 = FloatVector.broadcast(S, xp[q + 3 * xStep]);
            a00 = w0.fma(x0, a00);
            a01 = w1.fma(x0, a01);
            a10 = w0.fma(x1, a10);
            a11 = w1.fma(x1, a11);
            a20 = w0.fma(x2, a20);
            a21 = w1.fma(x2, a21);
            a30 = w0.fma(x3, a30);
            a31 = w1.fma(x3, a31);
        }
        a00.intoArray(out, o);
        a01.intoArray(out, o + L);
        a10.intoArray(out, o + outC);
        a11.intoArray(out, o + outC + L);
        a20.intoArray(out, o + 2 * outC);
        a21.intoArray(out, o + 2 * outC + L);
        a30.intoArray(out, o + 3 * outC);
        a31.intoArray(out, o + 3 * outC + L);
    }

    /** Filters [f, f + 2L) of one output pixel. */
    private static void forward1(float[] xp, int p, float[] wk, float[] out, int o, int outC, int k, int[] offsets,
                                 int f) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        for (int t = 0; t < k; t++) {
            int w = t * outC + f;
            FloatVector x0 = FloatVector.broadcast(S, xp[p + offsets[t]]);
            a0 = FloatVector.fromArray(S, wk, w).fma(x0, a0);
            a1 = FloatVector.fromArray(S, wk, w + L).fma(x0, a1);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + L);
    }

    /**
     * See {@link ChannelKernels#directWeightGradient}: per output row, filters two vectors at a time, for six or four
     * taps at once (twelve or eight sums in registers over the row's columns, each column's two delta vectors loaded
     * once for all of them), else one; the filters beyond whole pairs of vectors by the scalar code. Per sum, the
     * same columns in the same order.
     */
    static void directWeightGradient(float[] xp, int xBase, float[] delta, int dBase, float[] acc, int outH, int outW,
                                     int outC, int k, int[] offsets, int rowStride, int xStep) {
        int vf = outC - outC % (2 * L);
        int end6 = 6 * blocksOf6(k);
        int end4 = end6 + (k - end6) / 4 * 4;
        for (int oy = 0; oy < outH; oy++) {
            int p = xBase + oy * rowStride;
            int d = dBase + oy * outW * outC;
            for (int f = 0; f < vf; f += 2 * L) {
                int t = 0;
                for (; t < end6; t += 6) {
                    gradient6(xp, p, xStep, delta, d, acc, outW, outC, offsets, t, f);
                }
                for (; t < end4; t += 4) {
                    gradient4(xp, p, xStep, delta, d, acc, outW, outC, offsets, t, f);
                }
                for (; t < k; t++) {
                    gradient1(xp, p + offsets[t], xStep, delta, d, acc, t * outC + f, outW, outC, f);
                }
            }
            if (vf < outC) {
                ChannelKernels.directWeightGradientRow(xp, p, delta, d, acc, outW, outC, k, offsets, xStep, vf);
            }
        }
    }

    /** Taps [t, t + 6) × filters [f, f + 2L) over one row of outW columns. */
    private static void gradient6(float[] xp, int p, int xStep, float[] delta, int d, float[] acc, int outW, int outC,
                                  int[] offsets, int t, int f) {
        int q0 = p + offsets[t];
        int q1 = p + offsets[t + 1];
        int q2 = p + offsets[t + 2];
        int q3 = p + offsets[t + 3];
        int q4 = p + offsets[t + 4];
        int q5 = p + offsets[t + 5];
        int c0 = t * outC + f;
        FloatVector a00 = FloatVector.fromArray(S, acc, c0);
        FloatVector a01 = FloatVector.fromArray(S, acc, c0 + L);
        FloatVector a10 = FloatVector.fromArray(S, acc, c0 + outC);
        FloatVector a11 = FloatVector.fromArray(S, acc, c0 + outC + L);
        FloatVector a20 = FloatVector.fromArray(S, acc, c0 + 2 * outC);
        FloatVector a21 = FloatVector.fromArray(S, acc, c0 + 2 * outC + L);
        FloatVector a30 = FloatVector.fromArray(S, acc, c0 + 3 * outC);
        FloatVector a31 = FloatVector.fromArray(S, acc, c0 + 3 * outC + L);
        FloatVector a40 = FloatVector.fromArray(S, acc, c0 + 4 * outC);
        FloatVector a41 = FloatVector.fromArray(S, acc, c0 + 4 * outC + L);
        FloatVector a50 = FloatVector.fromArray(S, acc, c0 + 5 * outC);
        FloatVector a51 = FloatVector.fromArray(S, acc, c0 + 5 * outC + L);
        for (int ox = 0; ox < outW; ox++) {
            int e = d + ox * outC + f;
            FloatVector e0 = FloatVector.fromArray(S, delta, e);
            FloatVector e1 = FloatVector.fromArray(S, delta, e + L);
            int s = ox * xStep;
            FloatVector x0 = FloatVector.broadcast(S, xp[q0 + s]);
            FloatVector x1 = FloatVector.broadcast(S, xp[q1 + s]);
            FloatVector x2 = FloatVector.broadcast(S, xp[q2 + s]);
            FloatVector x3 = FloatVector.broadcast(S, xp[q3 + s]);
            FloatVector x4 = FloatVector.broadcast(S, xp[q4 + s]);
            FloatVector x5 = FloatVector.broadcast(S, xp[q5 + s]);
            a00 = e0.fma(x0, a00);
            a01 = e1.fma(x0, a01);
            a10 = e0.fma(x1, a10);
            a11 = e1.fma(x1, a11);
            a20 = e0.fma(x2, a20);
            a21 = e1.fma(x2, a21);
            a30 = e0.fma(x3, a30);
            a31 = e1.fma(x3, a31);
            a40 = e0.fma(x4, a40);
            a41 = e1.fma(x4, a41);
            a50 = e0.fma(x5, a50);
            a51 = e1.fma(x5, a51);
        }
        a00.intoArray(acc, c0);
        a01.intoArray(acc, c0 + L);
        a10.intoArray(acc, c0 + outC);
        a11.intoArray(acc, c0 + outC + L);
        a20.intoArray(acc, c0 + 2 * outC);
        a21.intoArray(acc, c0 + 2 * outC + L);
        a30.intoArray(acc, c0 + 3 * outC);
        a31.intoArray(acc, c0 + 3 * outC + L);
        a40.intoArray(acc, c0 + 4 * outC);
        a41.intoArray(acc, c0 + 4 * outC + L);
        a50.intoArray(acc, c0 + 5 * outC);
        a51.intoArray(acc, c0 + 5 * outC + L);
    }

    /** Taps [t, t + 4) × filters [f, f + 2L) over one row of outW columns (see {@link #gradient6}). */
    private static void gradient4(float[] xp, int p, int xStep, float[] delta, int d, float[] acc, int outW, int outC,
                                  int[] offsets, int t, int f) {
        int q0 = p + offsets[t];
        int q1 = p + offsets[t + 1];
        int q2 = p + offsets[t + 2];
        int q3 = p + offsets[t + 3];
        int c0 = t * outC + f;
        FloatVector a00 = FloatVector.fromArray(S, acc, c0);
        FloatVector a01 = FloatVector.fromArray(S, acc, c0 + L);
        FloatVector a10 = FloatVector.fromArray(S, acc, c0 + outC);
        FloatVector a11 = FloatVector.fromArray(S, acc, c0 + outC + L);
        FloatVector a20 = FloatVector.fromArray(S, acc, c0 + 2 * outC);
        FloatVector a21 = FloatVector.fromArray(S, acc, c0 + 2 * outC + L);
        FloatVector a30 = FloatVector.fromArray(S, acc, c0 + 3 * outC);
        FloatVector a31 = FloatVector.fromArray(S, acc, c0 + 3 * outC + L);
        for (int ox = 0; ox < outW; ox++) {
            int e = d + ox * outC + f;
            FloatVector e0 = FloatVector.fromArray(S, delta, e);
            FloatVector e1 = FloatVector.fromArray(S, delta, e + L);
            int s = ox * xStep;
            FloatVector x0 = FloatVector.broadcast(S, xp[q0 + s]);
            FloatVector x1 = FloatVector.broadcast(S, xp[q1 + s]);
            FloatVector x2 = FloatVector.broadcast(S, xp[q2 + s]);
            FloatVector x3 = FloatVector.broadcast(S, xp[q3 + s]);
            a00 = e0.fma(x0, a00);
            a01 = e1.fma(x0, a01);
            a10 = e0.fma(x1, a10);
            a11 = e1.fma(x1, a11);
            a20 = e0.fma(x2, a20);
            a21 = e1.fma(x2, a21);
            a30 = e0.fma(x3, a30);
            a31 = e1.fma(x3, a31);
        }
        a00.intoArray(acc, c0);
        a01.intoArray(acc, c0 + L);
        a10.intoArray(acc, c0 + outC);
        a11.intoArray(acc, c0 + outC + L);
        a20.intoArray(acc, c0 + 2 * outC);
        a21.intoArray(acc, c0 + 2 * outC + L);
        a30.intoArray(acc, c0 + 3 * outC);
        a31.intoArray(acc, c0 + 3 * outC + L);
    }

    /** One tap (its window's value at {@code q} for column 0) × filters [f, f + 2L), sums at {@code c}, one row. */
    private static void gradient1(float[] xp, int q, int xStep, float[] delta, int d, float[] acc, int c, int outW,
                                  int outC, int f) {
        FloatVector a0 = FloatVector.fromArray(S, acc, c);
        FloatVector a1 = FloatVector.fromArray(S, acc, c + L);
        for (int ox = 0; ox < outW; ox++) {
            int e = d + ox * outC + f;
            FloatVector x0 = FloatVector.broadcast(S, xp[q + ox * xStep]);
            a0 = FloatVector.fromArray(S, delta, e).fma(x0, a0);
            a1 = FloatVector.fromArray(S, delta, e + L).fma(x0, a1);
        }
        a0.intoArray(acc, c);
        a1.intoArray(acc, c + L);
    }

    /** See {@link ChannelKernels#spanAdd}. */
    static void spanAdd(float[] acc, float[] a, int start, int count) {
        int j = 0;
        for (; j <= count - L; j += L) {
            FloatVector.fromArray(S, acc, j).add(FloatVector.fromArray(S, a, start + j)).intoArray(acc, j);
        }
        ChannelKernels.spanAdd(acc, a, start + j, j, count);
    }

    /** See {@link ChannelKernels#spanAddProducts}. */
    static void spanAddProducts(float[] acc, float[] a, float[] b, int start, int count) {
        int j = 0;
        for (; j <= count - L; j += L) {
            FloatVector.fromArray(S, acc, j)
                    .add(FloatVector.fromArray(S, a, start + j).mul(FloatVector.fromArray(S, b, start + j)))
                    .intoArray(acc, j);
        }
        ChannelKernels.spanAddProducts(acc, a, b, start + j, j, count);
    }

    /** See {@link ChannelKernels#spanAddSquares}. */
    static void spanAddSquares(float[] acc, float[] a, float[] center, int start, int count) {
        int j = 0;
        for (; j <= count - L; j += L) {
            FloatVector v = FloatVector.fromArray(S, a, start + j).sub(FloatVector.fromArray(S, center, j));
            FloatVector.fromArray(S, acc, j).add(v.mul(v)).intoArray(acc, j);
        }
        ChannelKernels.spanAddSquares(acc, a, center, start + j, j, count);
    }

    /** See {@link ChannelKernels#spanNormalize}. */
    static void spanNormalize(float[] in, float[] xHat, float[] out, float[] mean, float[] std, float[] gamma,
                              float[] beta, int start, int count) {
        int j = 0;
        for (; j <= count - L; j += L) {
            FloatVector h = FloatVector.fromArray(S, in, start + j).sub(FloatVector.fromArray(S, mean, j))
                    .div(FloatVector.fromArray(S, std, j));
            if (xHat != null) {
                h.intoArray(xHat, start + j);
            }
            FloatVector.fromArray(S, gamma, j).mul(h).add(FloatVector.fromArray(S, beta, j)).intoArray(out, start + j);
        }
        ChannelKernels.spanNormalize(in, xHat, out, mean, std, gamma, beta, start + j, j, count);
    }

    /** See {@link ChannelKernels#spanLinear}. */
    static void spanLinear(float[] dx, float[] a, float[] e, float[] b, float[] xHat, float[] k, int start, int count) {
        int j = 0;
        for (; j <= count - L; j += L) {
            FloatVector.fromArray(S, a, j).mul(FloatVector.fromArray(S, e, start + j))
                    .add(FloatVector.fromArray(S, b, j).mul(FloatVector.fromArray(S, xHat, start + j)))
                    .add(FloatVector.fromArray(S, k, j)).intoArray(dx, start + j);
        }
        ChannelKernels.spanLinear(dx, a, e, b, xHat, k, start + j, j, count);
    }
}
