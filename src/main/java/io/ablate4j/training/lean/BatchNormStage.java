package io.ablate4j.training.lean;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J 1.0.0-M2.1's {@link BatchNormalization} in training mode, in Java on NHWC data: per channel over
 * [examples × height × width] rows (a dense layer's features are channels of 1 × 1 images). The arithmetic is
 * {@code BatchNormalization.preOutput} and {@code backpropGradient}'s, formula for formula:
 * <pre>
 * forward   mean, var = batch mean and biased variance;  std = sqrt(var + eps);  xHat = (x - mean) / std
 *           out = gamma · xHat + beta
 * backward  dBeta = Σ eps;  dGamma = Σ eps · xHat;  dxHat = eps · gamma
 *           dVar = Σ dxHat · xMu · (-1/2) · std⁻³;  dMu = -Σ dxHat / std + Σ xMu · (-2/M) · dVar
 *           dx = dxHat / std + xMu · dVar · 2/M + dMu / M                    (xMu = x - mean, M rows)
 * running   d(globalMean) = (globalMean - mean) · (1 - decay)
 *           d(log10 std)  = log(var_t / (decay · var_t + (1 - decay) · var)) / (2 ln 10)   (or d(globalVar)
 *                           = (globalVar - var) · (1 - decay)), which the updater subtracts as it does DL4J's
 * </pre>
 * Sums are accumulated in float within blocks of a few thousand values and in double across them, DL4J's in float with another order: results agree with DL4J's layer to float
 * rounding, not bit for bit (tested against DL4J's gradients). One pass of statistics, one of normalization; the
 * backward pass one of sums and one of dx. A plain ReLU activation layer right after it ({@link #fusesRelu}: the
 * templates' and the Keras import's {@code BN → ReLU}) is applied here, in place on the output, and its gradient
 * taken here before the backward pass, with {@link ReluStage}'s operations: bit-identical to that stage, without
 * its three activation-sized arrays.
 */
final class BatchNormStage extends Stage {
    private static final double ONE_ON_2LOGE_10 = 1.0 / (2 * Math.log(10));
    private final INDArray gamma;
    private final INDArray beta;
    private final INDArray globalMean;
    private final INDArray globalVar;
    private final INDArray globalLog10Std;
    private final INDArray dGamma;
    private final INDArray dBeta;
    private final INDArray dGlobalMean;
    private final INDArray dGlobalVar;
    private final INDArray dGlobalLog10Std;
    private final double eps;
    private final double decay;
    private final int c;
    /** Whether this stage applies the ReLU layer after it (that layer's stage then passes data through). */
    private final boolean fusedRelu;
    private final Scratch scratch = new Scratch();
    private float[] xHat = new float[0];
    private float[] out = new float[0];
    private float[] dx = new float[0];
    private final float[] gammaJava;
    private final float[] betaJava;
    private final float[] std;
    private final double[] mean;
    private final double[] var;
    private int rows;
    /** Values in one span of the loops: a whole number of rows of c channels, about 512. */
    private final int span;
    /** Spans summed in float before each addition into the double totals. */
    private static final int SPANS = 16;

    BatchNormStage(int index, BatchNormalization layer, InputPreProcessor pre) {
        this(index, layer, pre, false);
    }

    /** @param fusedRelu this stage applies the plain ReLU layer right after it ({@link #fusesRelu}) */
    BatchNormStage(int index, BatchNormalization layer, InputPreProcessor pre, boolean fusedRelu) {
        super(index, pre);
        this.fusedRelu = fusedRelu;
        var lc = (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer();
        Map<String, INDArray> grads = BatchNormalizationParamInitializer.getInstance()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
        this.gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
        this.beta = layer.getParam(BatchNormalizationParamInitializer.BETA);
        this.globalMean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        this.globalVar = lc.isUseLogStd() ? null : layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        this.globalLog10Std = lc.isUseLogStd() ? layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD) : null;
        this.dGamma = grads.get(BatchNormalizationParamInitializer.GAMMA);
        this.dBeta = grads.get(BatchNormalizationParamInitializer.BETA);
        this.dGlobalMean = grads.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        this.dGlobalVar = grads.get(BatchNormalizationParamInitializer.GLOBAL_VAR);
        this.dGlobalLog10Std = grads.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
        this.eps = lc.getEps();
        this.decay = lc.getDecay();
        this.c = (int) lc.getNOut();
        this.gammaJava = new float[c];
        this.betaJava = new float[c];
        this.std = new float[c];
        this.mean = new double[c];
        this.var = new double[c];
        this.span = c * Math.max(1, 512 / c);
    }

    /** What this stage computes: NCHW or dense batch normalization with learned gamma and beta. */
    static boolean accepts(Layer layer) {
        if (!(layer instanceof BatchNormalization) || layer.getClass() != BatchNormalization.class) {
            return false;
        }
        var lc = (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer();
        return !lc.isLockGammaBeta() && lc.getCnn2DFormat() == CNN2DFormat.NCHW && lc.getIDropout() == null;
    }

    /** Whether the layer {@code next} is a plain ReLU this stage can apply: no pre-processor between them. */
    static boolean fusesRelu(Layer next, InputPreProcessor nextPre) {
        return nextPre == null && ReluStage.accepts(next);
    }

    @Override
    Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr) {
        if (x.channels() != c) {
            throw new IllegalStateException("layer " + index + ": input has " + x.channels() + " channels, expected " + c);
        }
        int len = x.length();
        rows = len / c;
        float[] in = x.floats(scratch);
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(var, 0);
        xHat = Kernels.atLeast(xHat, len);
        out = Kernels.atLeast(out, len);
        NativeFloats.get(gamma, gammaJava, c);
        NativeFloats.get(beta, betaJava, c);
        float[] meanF = new float[c];
        if (training) {
            sums(in, null, null, new float[c], len, mean, null, null);
            for (int ch = 0; ch < c; ch++) {
                mean[ch] /= rows;
                meanF[ch] = (float) mean[ch];
            }
            sums(in, null, null, meanF, len, null, var, null);
            for (int ch = 0; ch < c; ch++) {
                var[ch] /= rows;
                std[ch] = (float) Math.sqrt((float) var[ch] + (float) eps);
            }
        } else {
            runningMeanAndStd(meanF);
        }
        float[] m = repeat(meanF);
        float[] sd = repeat(std);
        float[] g = repeat(gammaJava);
        float[] b = repeat(betaJava);
        for (int start = 0; start < len; start += span) {
            Kernels.spanNormalize(in, xHat, out, m, sd, g, b, start, Math.min(span, len - start));
        }
        if (fusedRelu) {
            Kernels.relu(out, out, len); // element by element: in place is as into another array
        }
        return x.withData(out);
    }

    @Override
    Activations backprop(Activations epsilon, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        int len = rows * c;
        float[] e = epsilon.floats(scratch);
        dx = Kernels.atLeast(dx, len);
        if (fusedRelu) {
            Kernels.reluBackward(out, e, dx, len); // the ReLU's gradient, as its own stage computes it
            e = dx; // read before dx is written below, element by element
        }
        double[] sumE = new double[c];
        double[] sumEx = new double[c];
        double[] sumX = new double[c];
        sums(e, xHat, xHat, new float[c], len, sumE, sumEx, sumX);
        float[] dg = new float[c];
        float[] db = new float[c];
        float[] a = new float[c];
        float[] bx = new float[c];
        float[] k = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double s = std[ch];
            double g = gammaJava[ch];
            dg[ch] = (float) sumEx[ch];
            db[ch] = (float) sumE[ch];
            // Σ dxHat·xMu = γ·s·Σ eps·xHat; Σ dxHat = γ·Σ eps; Σ xMu = s·Σ xHat
            double dVar = g * s * sumEx[ch] * -0.5 / (s * s * s);
            double dMu = -g * sumE[ch] / s + s * sumX[ch] * (-2.0 / rows) * dVar;
            a[ch] = (float) (g / s);                        // dx = a·eps + bx·xHat + k
            bx[ch] = (float) (s * dVar * 2.0 / rows);
            k[ch] = (float) (dMu / rows);
        }
        NativeFloats.put(dGamma, dg, c);
        NativeFloats.put(dBeta, db, c);
        runningStatistics();
        into.setGradientFor(index + "_" + BatchNormalizationParamInitializer.GAMMA, dGamma);
        into.setGradientFor(index + "_" + BatchNormalizationParamInitializer.BETA, dBeta);
        into.setGradientFor(index + "_" + BatchNormalizationParamInitializer.GLOBAL_MEAN, dGlobalMean);
        if (globalLog10Std != null) {
            into.setGradientFor(index + "_" + BatchNormalizationParamInitializer.GLOBAL_LOG_STD, dGlobalLog10Std);
        } else {
            into.setGradientFor(index + "_" + BatchNormalizationParamInitializer.GLOBAL_VAR, dGlobalVar);
        }
        if (!inputGradient) {
            return null;
        }
        float[] ar = repeat(a);
        float[] br = repeat(bx);
        float[] kr = repeat(k);
        for (int start = 0; start < len; start += span) {
            Kernels.spanLinear(dx, ar, e, br, xHat, kr, start, Math.min(span, len - start));
        }
        return epsilon.withData(dx);
    }

    /**
     * Inference: the running mean, and the std from the running variance ({@code (10^log10std)²} when that is
     * how it is kept), as {@code BatchNormalization.preOutput} in test mode: {@code std = sqrt(var + eps)}.
     */
    private void runningMeanAndStd(float[] meanF) {
        NativeFloats.get(globalMean, meanF, c);
        float[] v = new float[c];
        if (globalLog10Std != null) {
            NativeFloats.get(globalLog10Std, v, c);
            for (int ch = 0; ch < c; ch++) {
                float s = (float) Math.pow(10.0, v[ch]);
                v[ch] = s * s;
            }
        } else {
            NativeFloats.get(globalVar, v, c);
        }
        for (int ch = 0; ch < c; ch++) {
            std[ch] = (float) Math.sqrt(v[ch] + (float) eps);
        }
    }

    /** The "gradients" of the running mean and variance that DL4J's updater turns into their moving averages. */
    private void runningStatistics() {
        float[] gm = new float[c];
        NativeFloats.get(globalMean, gm, c);
        float[] d = new float[c];
        for (int ch = 0; ch < c; ch++) {
            d[ch] = (float) ((gm[ch] - mean[ch]) * (1 - decay));
        }
        NativeFloats.put(dGlobalMean, d, c);
        if (globalLog10Std != null) {
            float[] log10Std = new float[c];
            NativeFloats.get(globalLog10Std, log10Std, c);
            for (int ch = 0; ch < c; ch++) {
                double s = Math.pow(10.0, log10Std[ch]);
                double vari = s * s;
                double next = vari * decay + var[ch] * (1 - decay);
                d[ch] = (float) (Math.log(vari / next) * ONE_ON_2LOGE_10);
            }
            NativeFloats.put(dGlobalLog10Std, d, c);
        } else {
            float[] gv = new float[c];
            NativeFloats.get(globalVar, gv, c);
            for (int ch = 0; ch < c; ch++) {
                d[ch] = (float) ((gv[ch] - var[ch]) * (1 - decay));
            }
            NativeFloats.put(dGlobalVar, d, c);
        }
    }

    /**
     * A per-channel vector repeated over one span of rows: the loops ({@link Kernels#spanAdd} and the others) run
     * over a span of contiguous values against such vectors, whole vectors of the vector API even where a layer's
     * channels are not a multiple of its width.
     */
    private float[] repeat(float[] perChannel) {
        float[] r = new float[span];
        for (int j = 0; j < span; j++) {
            r[j] = perChannel[j % c];
        }
        return r;
    }

    /**
     * Per-channel sums over [rows, c] data, each into its array where that is not null: {@code s1 += Σ a},
     * {@code s2 += Σ a·b}, or {@code (a - center)²} when {@code b} is null, {@code s3 += Σ d}. Float within a
     * block of {@link #SPANS} spans, double across blocks.
     */
    private void sums(float[] a, float[] b, float[] d, float[] center, int len, double[] s1, double[] s2, double[] s3) {
        float[] ctr = repeat(center);
        float[] acc1 = new float[span];
        float[] acc2 = new float[span];
        float[] acc3 = new float[span];
        for (int block = 0; block < len; block += SPANS * span) {
            int blockEnd = Math.min(len, block + SPANS * span);
            for (int start = block; start < blockEnd; start += span) {
                int end = Math.min(span, blockEnd - start);
                if (s1 != null) {
                    Kernels.spanAdd(acc1, a, start, end);
                }
                if (s2 != null && b != null) {
                    Kernels.spanAddProducts(acc2, a, b, start, end);
                } else if (s2 != null) {
                    Kernels.spanAddSquares(acc2, a, ctr, start, end);
                }
                if (s3 != null) {
                    Kernels.spanAdd(acc3, d, start, end);
                }
            }
            fold(acc1, s1);
            fold(acc2, s2);
            fold(acc3, s3);
        }
    }

    /** Adds a span's accumulators into per-channel totals and clears them. */
    private void fold(float[] acc, double[] into) {
        if (into != null) {
            for (int r = 0; r < span; r += c) {
                for (int ch = 0; ch < c; ch++) {
                    into[ch] += acc[r + ch];
                }
            }
        }
        java.util.Arrays.fill(acc, 0f);
    }
}
