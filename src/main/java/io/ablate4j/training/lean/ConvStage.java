package io.ablate4j.training.lean;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 2-D {@link ConvolutionLayer} (NCHW in DL4J's terms, any kernel and stride, dilation 1, {@code Same} or
 * {@code Truncate} mode with its padding) as im2col into NHWC patches and one OpenBLAS matrix product per pass:
 * <pre>
 * forward   cols[M, K] = im2col(x)          M = examples × outH × outW, K = kH × kW × inC (ky, kx, c order)
 *           z[M, F]    = cols × Wk + b       Wk[K, F]: DL4J's W[F, inC, kH, kW] permuted; z is NHWC output
 *           out        = activation(z)       identity and ReLU in Java, anything else through ND4J
 * backward  delta      = activation'(z) · eps
 *           dWk        = colsᵀ × delta  →  DL4J's [F, inC, kH, kW] gradient view;  db = Σ rows of delta
 *           dcols      = delta × Wkᵀ    →  col2im adds each patch gradient back into the input gradient
 * </pre>
 * DL4J computes the same sums with its own im2col over NCHW and another order of the K terms, so results agree
 * with DL4J's layer to float rounding, not bit for bit (tested per layer against DL4J's gradients).
 * Patches are copied in runs of kW × inC contiguous NHWC values, for a chunk of images at a time (~512 KB of
 * patches, {@link #imagesPerChunk}) so that the patch matrix is still in cache when OpenBLAS reads it: the
 * backward pass builds each chunk's patches again for its share of dWk (summed over chunks) and of the input
 * gradient, which costs less than writing and reading all of them through memory (29 MB for the benchmark CNN's
 * second layer at batch 128); a batch that fits one chunk reuses the forward pass's patches. The chunk's product
 * goes to (forward) and its share of delta comes from (backward) the Java arrays while it is in cache, so no pass
 * over a whole layer's output runs through memory for OpenBLAS's sake. The patch matrix, one chunk's output
 * matrix and Wk live outside the step's workspace for the stage's life, reused from step to step.
 *
 * <p>Layers with stride 1 skip the patches too: {@link ShiftedConvolution} computes the same products per tap, on
 * the zero-padded input in native memory, one image at a time; the patches above serve strided layers.
 *
 * <p>Layers with at most {@link #DIRECT_MAX_K} inputs per output (a first 3x3 layer on grey or RGB images) skip
 * the patches and OpenBLAS: {@link DirectConvolution} computes their pre-activation and weight gradient in Java
 * arrays; bias, activation and the bias gradient are the same passes as on the im2col path.
 */
final class ConvStage extends Stage {
    private final INDArray w;
    private final INDArray b;
    private final INDArray wGrad;
    private final INDArray bGrad;
    private final IActivation activation;
    private final boolean relu;
    private final boolean identity;
    private final int kH;
    private final int kW;
    private final int sH;
    private final int sW;
    private final Window rowsWindow;
    private final Window colsWindow;
    private final int inC;
    private final int outC;
    private final int k;

    private int n;
    private int inH;
    private int inW;
    private int outH;
    private int outW;
    private INDArray colsMemory;
    /** One chunk's pre-activation (forward) or its gradient (backward), for OpenBLAS. */
    private INDArray zMemory;
    private INDArray wk;
    private INDArray dwk;
    private float[] wJava = new float[0];
    private float[] wkJava = new float[0];
    private final Scratch in = new Scratch();
    private final Scratch deltaBuffer = new Scratch();
    private float[] out = new float[0];
    private float[] delta;
    private float[] dx = new float[0];
    private float[] row = new float[0];
    private float[] bias = new float[0];
    private INDArray zActivated;
    private INDArray zPre;
    /** This step's input (the previous stage's data, valid for the step): the backward pass rebuilds patches. */
    private float[] input;
    /** Images whose patches are built at once: the patch matrix stays about {@link #CHUNK_VALUES} floats. */
    private int chunk;
    /**
     * 512 KB of patches: with the chunk's output they stay in a core's L2 cache between im2col, the products that read
     * them and the copies of the products (one image of the benchmark CNN's 32x32 layer per chunk: 15-20% faster
     * forward and backward passes than with 4 MB, measured 2026-12-08).
     */
    private static final int CHUNK_VALUES = 1 << 17;
    /**
     * Layers with at most this many inputs per output (K = kH × kW × inC: a first layer on grey or RGB images
     * with a 3x3 kernel) are computed directly ({@link DirectConvolution}): a matrix product with K = 9
     * runs far below OpenBLAS's speed, and its patch and output matrices cost more memory traffic than the
     * arithmetic. Fixed, not machine-dependent, so that a layer's results do not depend on where it runs.
     */
    static final int DIRECT_MAX_K = 27;
    /** Whether this layer is computed directly: no patch matrix, no OpenBLAS, everything in Java arrays. */
    private final boolean direct;
    private final double[] biasTotal;
    private final float[] biasGradient;
    private final DirectConvolution directScratch = new DirectConvolution();
    /** Layers with stride 1 that are not computed directly: products per tap, without patches; else null. */
    private final ShiftedConvolution shifted;

    ConvStage(int index, ConvolutionLayer layer, InputPreProcessor pre) {
        this(index, layer, pre, false);
    }

    /**
     * @param fusedRelu the layer's activation is the identity and a plain ReLU activation layer follows it directly
     *                  ({@link #fusesRelu}): this stage applies that ReLU in its bias pass and takes its gradient in
     *                  its bias-gradient pass, and the ReLU layer's stage passes data through ({@link ReluStage}
     *                  {@code fused}). The same float operations on the same values as the two stages apart, so
     *                  the results are bit-identical, without the ReLU stage's two passes over memory and its
     *                  three activation-sized arrays.
     */
    ConvStage(int index, ConvolutionLayer layer, InputPreProcessor pre, boolean fusedRelu) {
        super(index, pre);
        var lc = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layer.conf().getLayer();
        Map<String, INDArray> grads = ConvolutionParamInitializer.getInstance()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
        this.w = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        this.wGrad = grads.get(ConvolutionParamInitializer.WEIGHT_KEY);
        this.b = lc.hasBias() ? layer.getParam(ConvolutionParamInitializer.BIAS_KEY) : null;
        this.bGrad = lc.hasBias() ? grads.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        this.activation = lc.getActivationFn();
        if (fusedRelu && !(activation instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("layer " + index + ": only an identity activation takes the ReLU after it");
        }
        this.relu = fusedRelu || ReluStage.plain(activation);
        this.identity = !fusedRelu && activation instanceof ActivationIdentity;
        this.rowsWindow = Window.of(0, lc.getKernelSize(), lc.getStride(), lc.getPadding(), lc.getConvolutionMode());
        this.colsWindow = Window.of(1, lc.getKernelSize(), lc.getStride(), lc.getPadding(), lc.getConvolutionMode());
        this.kH = rowsWindow.kernel();
        this.kW = colsWindow.kernel();
        this.sH = rowsWindow.stride();
        this.sW = colsWindow.stride();
        this.inC = (int) w.size(1);
        this.outC = (int) w.size(0);
        this.k = kH * kW * inC;
        this.direct = k <= DIRECT_MAX_K;
        this.shifted = !direct && sH == 1 && sW == 1 ? new ShiftedConvolution(kH, kW) : null;
        this.biasTotal = new double[outC];
        this.biasGradient = new float[outC];
    }

    /**
     * Whether layer {@code conv}, taken by this stage, can take the ReLU of layer {@code next} into its own passes:
     * its activation is the identity, {@code next} is a plain ReLU activation layer ({@link ReluStage#accepts})
     * and no pre-processor sits between them (a Keras {@code Conv2D} followed by {@code Activation('relu')}).
     */
    static boolean fusesRelu(Layer conv, Layer next, InputPreProcessor nextPre) {
        return nextPre == null && ReluStage.accepts(next)
                && ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) conv.conf().getLayer()).getActivationFn()
                instanceof ActivationIdentity;
    }

    /** What this stage computes: 2-D NCHW convolution without dilation, in Same or Truncate mode. */
    static boolean accepts(Layer layer) {
        if (!(layer instanceof ConvolutionLayer) || layer.getClass() != ConvolutionLayer.class) {
            return false;
        }
        // The runtime layer is exactly DL4J's convolution; its configuration may be a subclass that changes only how
        // parameters are initialized (network.RandomBias.Conv draws the biases), never the layout or the arithmetic.
        var lc = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layer.conf().getLayer();
        return lc.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && Window.supports(lc.getConvolutionMode(), lc.getDilation())
                && lc.getWeightNoise() == null && lc.getIDropout() == null && !((ConvolutionLayer) layer).hasLayerNorm()
                && layer.paramTable(false).size() == (lc.hasBias() ? 2 : 1);
    }

    @Override
    Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr) {
        shape(x);
        int m = n * outH * outW;
        float[] input = x.floats(in);
        refreshWeights();
        int len = m * outC;
        out = Kernels.atLeast(out, len);
        bias = Kernels.atLeast(bias, outC);
        if (b != null) {
            NativeFloats.get(b, bias, outC);
        }
        this.input = input;
        if (direct) {
            directScratch.forward(input, wkJava, out, n, inH, inW, inC, outH, outW, outC, kH, kW, sH, sW,
                    rowsWindow.top(inH), colsWindow.top(inW));
        } else if (shifted != null) {
            for (int img = 0; img < n; img += chunk) {
                int end = Math.min(n, img + chunk);
                shifted.forward(input, img, end, inH, inW, outH, outW, wk, out);
                if (b != null || relu) {
                    Kernels.biasActivation(out, img * outH * outW * outC, b != null ? bias : null,
                            (end - img) * outH * outW, outC, relu);
                }
            }
        } else {
            // per chunk, while its patches and products are in cache: the product, its copy into the Java output and
            // the bias and ReLU pass over that copy
            int pixels = outH * outW;
            for (int img = 0; img < n; img += chunk) {
                int end = Math.min(n, img + chunk);
                INDArray c = im2col(input, img, end);
                INDArray zc = rows(zMemory, 0, (end - img) * pixels);
                NativeFloats.gemm(c, false, wk, false, zc, 0f);
                NativeFloats.get(zc, out, img * pixels * outC, (end - img) * pixels * outC);
                if (b != null || relu) {
                    Kernels.biasActivation(out, img * pixels * outC, b != null ? bias : null, (end - img) * pixels,
                            outC, relu);
                }
            }
        }
        if (direct && (b != null || relu)) { // bias and ReLU in one pass
            Kernels.biasActivation(out, 0, b != null ? bias : null, m, outC, relu);
        }
        if (!relu && !identity) {
            // any other activation: ND4J's, element-wise on the NHWC pre-activation (kept for backprop)
            zPre = mgr.createUninitialized(ArrayType.ACTIVATIONS, org.nd4j.linalg.api.buffer.DataType.FLOAT,
                    new long[]{m, outC}, 'c');
            NativeFloats.put(zPre, out, len);
            zActivated = activation.getActivation(mgr.dup(ArrayType.ACTIVATIONS, zPre), training);
            NativeFloats.get(zActivated, out, len);
        }
        return Activations.ofNhwc(out, n, outH, outW, outC, true);
    }

    @Override
    Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        int m = n * outH * outW;
        int len = m * outC;
        float[] e;
        if (identity) {
            // read only below, so the gradient is used where it lies: no copy, and no buffer of this stage's own
            // (the stage above does not touch it again this step)
            e = eps.floats(deltaBuffer);
            delta = e;
        } else {
            delta = deltaBuffer.get(len);
            e = eps.floats(deltaBuffer); // a copy lands in delta itself: the loops below work in place
        }
        if (!relu && !identity) {
            INDArray epsArray = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, zPre.dataType(), zPre.shape(), 'c');
            NativeFloats.put(epsArray, e, len);
            INDArray d = activation.backprop(zPre, epsArray).getFirst();
            NativeFloats.get(d, delta, len);
        } else if (!relu && e != delta) {
            System.arraycopy(e, 0, delta, 0, len);
        }
        if (b != null) { // ReLU's backward pass and the bias gradient in one pass
            java.util.Arrays.fill(biasTotal, 0d);
            Kernels.reluBackwardColumnSums(out, relu ? e : delta, delta, m, outC, relu, biasTotal);
            for (int f = 0; f < outC; f++) {
                biasGradient[f] = (float) biasTotal[f];
            }
            NativeFloats.put(bGrad, biasGradient, outC);
        } else if (relu) {
            Kernels.reluBackward(out, e, delta, len);
        }
        if (inputGradient) {
            dx = Kernels.atLeast(dx, n * inH * inW * inC);
            java.util.Arrays.fill(dx, 0, n * inH * inW * inC, 0f);
        }
        if (direct) {
            directBackward(inputGradient);
        } else if (shifted != null) {
            for (int img = 0; img < n; img += chunk) {
                int end = Math.min(n, img + chunk);
                shifted.backward(input, delta, img, end, inH, inW, outH, outW, wk, dwk, img == 0,
                        inputGradient ? dx : null);
            }
            NativeFloats.get(dwk, wkJava, k * outC);
        } else {
            // per chunk of images: its share of delta into native memory, the patches again (cheaper than keeping
            // all of them: this way they stay in cache), their share of dWk, and of the input gradient
            int pixels = outH * outW;
            for (int img = 0; img < n; img += chunk) {
                int end = Math.min(n, img + chunk);
                // one chunk: the forward pass's patches are still in the buffer
                INDArray c = chunk >= n ? rows(colsMemory, 0, m) : im2col(input, img, end);
                INDArray dz = rows(zMemory, 0, (end - img) * pixels);
                NativeFloats.put(dz, delta, img * pixels * outC, (end - img) * pixels * outC);
                NativeFloats.gemm(c, true, dz, false, dwk, img == 0 ? 0f : 1f);
                if (inputGradient) {
                    NativeFloats.gemm(dz, false, wk, true, c, 0f);
                    col2im(c, img, end);
                }
            }
            NativeFloats.get(dwk, wkJava, k * outC);
        }
        storeWeightGradient();
        into.setGradientFor(index + "_" + ConvolutionParamInitializer.WEIGHT_KEY, wGrad);
        if (b != null) {
            into.setGradientFor(index + "_" + ConvolutionParamInitializer.BIAS_KEY, bGrad);
        }
        return inputGradient ? Activations.ofNhwc(dx, n, inH, inW, inC, true) : null;
    }

    @Override
    void clear() {
        zActivated = null;
        zPre = null;
        input = null;
    }

    @Override
    void close() {
        if (shifted != null) {
            shifted.close();
        }
        free(colsMemory);
        free(zMemory);
        free(wk);
        free(dwk);
        colsMemory = null;
        zMemory = null;
        wk = null;
        dwk = null;
    }

    /** Output size and padding for this input; (re)allocates the matrices when the batch outgrows them. */
    private void shape(Activations x) {
        if (x.channels() != inC || !x.rank4()) {
            throw new IllegalStateException("layer " + index + ": input has " + x.channels() + " channels, expected " + inC);
        }
        n = x.examples();
        inH = x.height();
        inW = x.width();
        outH = rowsWindow.out(inH);
        outW = colsWindow.out(inW);
        chunk = Math.min(n, imagesPerChunk(outH * outW * k));
        if (direct) {
            return;
        }
        if (wk == null) {
            wk = NativeFloats.detached(k, outC);
            dwk = NativeFloats.detached(k, outC);
        }
        if (shifted != null) {
            chunk = 1; // one image per run of products: 4 to 9 (~512 KB) measured 10-30% slower backward
            shifted.shape(outH, outW, inC, outC, chunk, rowsWindow.top(inH), colsWindow.top(inW));
            return;
        }
        if (colsMemory == null || colsMemory.size(0) < (long) chunk * outH * outW) {
            free(colsMemory); // no view of it outlives a pass
            colsMemory = NativeFloats.detached((long) chunk * outH * outW, k);
        }
        if (zMemory == null || zMemory.size(0) < (long) chunk * outH * outW) {
            free(zMemory);
            zMemory = NativeFloats.detached((long) chunk * outH * outW, outC);
        }
    }

    /** Images whose patches ({@code patchValues} floats each) fit one chunk: at least 1. */
    static int imagesPerChunk(int patchValues) {
        return Math.max(1, CHUNK_VALUES / patchValues);
    }

    /** Rows [from, to) of a c-order matrix: contiguous, a view unless they are all of it. */
    private static INDArray rows(INDArray memory, int from, int to) {
        return from == 0 && memory.size(0) == to ? memory : memory.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }


    /** The patch matrix of images [img0, img1), one output row of patches at a time; a view of the buffer. */
    private INDArray im2col(float[] x, int img0, int img1) {
        int rowLen = outW * k;
        row = Kernels.atLeast(row, rowLen);
        INDArray c = rows(colsMemory, 0, (img1 - img0) * outH * outW);
        FloatBuffer dst = NativeFloats.buffer(c);
        try {
            for (int img = img0; img < img1; img++) {
                for (int oy = 0; oy < outH; oy++) {
                    patchRow(x, img, oy);
                    dst.put(((img - img0) * outH + oy) * rowLen, row, 0, rowLen);
                }
            }
        } finally {
            Reference.reachabilityFence(c); // dst is c's raw memory: c holds it
        }
        return c;
    }

    /** The patches of output row {@code oy} of image {@code img} into {@code row}: outW × K values, zero padded. */
    private void patchRow(float[] x, int img, int oy) {
        int pt = rowsWindow.top(inH);
        int pl = colsWindow.top(inW);
        int imgBase = img * inH * inW * inC;
        for (int ox = 0; ox < outW; ox++) {
            int rb = ox * k;
            int x0 = ox * sW - pl;
            for (int ky = 0; ky < kH; ky++) {
                int iy = oy * sH - pt + ky;
                int o = rb + ky * kW * inC;
                if (iy < 0 || iy >= inH) {
                    java.util.Arrays.fill(row, o, o + kW * inC, 0f);
                    continue;
                }
                int lo = Math.max(0, -x0);
                int hi = Math.min(kW, inW - x0);
                if (lo > 0) {
                    java.util.Arrays.fill(row, o, o + lo * inC, 0f);
                }
                if (hi > lo) {
                    System.arraycopy(x, imgBase + (iy * inW + x0 + lo) * inC, row, o + lo * inC, (hi - lo) * inC);
                }
                if (hi < kW) {
                    java.util.Arrays.fill(row, o + Math.max(hi, lo) * inC, o + kW * inC, 0f);
                }
            }
        }
    }

    /** Adds every patch gradient of images [img0, img1) (dcols, in {@code c}) back into dx, the input gradient. */
    private void col2im(INDArray c, int img0, int img1) {
        int pt = rowsWindow.top(inH);
        int pl = colsWindow.top(inW);
        int rowLen = outW * k;
        row = Kernels.atLeast(row, rowLen);
        FloatBuffer src = NativeFloats.buffer(c);
        try {
            for (int img = img0; img < img1; img++) {
                int imgBase = img * inH * inW * inC;
                for (int oy = 0; oy < outH; oy++) {
                    src.get(((img - img0) * outH + oy) * rowLen, row, 0, rowLen);
                    for (int ox = 0; ox < outW; ox++) {
                        int rb = ox * k;
                        int x0 = ox * sW - pl;
                        int lo = Math.max(0, -x0);
                        int hi = Math.min(kW, inW - x0);
                        for (int ky = 0; ky < kH; ky++) {
                            int iy = oy * sH - pt + ky;
                            if (iy < 0 || iy >= inH || hi <= lo) {
                                continue;
                            }
                            int from = rb + (ky * kW + lo) * inC;
                            int to = imgBase + (iy * inW + x0 + lo) * inC;
                            Kernels.addInto(dx, to, row, from, (hi - lo) * inC);
                        }
                    }
                }
            }
        } finally {
            Reference.reachabilityFence(c); // src is c's raw memory: c holds it
        }
    }

    /** Wk[(ky, kx, c), f] = W[f, c, ky, kx] from the layer's current weights. */
    private void refreshWeights() {
        int len = k * outC;
        wJava = Kernels.atLeast(wJava, len);
        wkJava = Kernels.atLeast(wkJava, len);
        NativeFloats.get(w, wJava, len);
        for (int f = 0; f < outC; f++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < kH; ky++) {
                    for (int kx = 0; kx < kW; kx++) {
                        wkJava[((ky * kW + kx) * inC + c) * outC + f] = wJava[((f * inC + c) * kH + ky) * kW + kx];
                    }
                }
            }
        }
        if (!direct) {
            NativeFloats.put(wk, wkJava, len);
        }
    }

    /** The backward pass of a directly computed layer: see {@link DirectConvolution#backward}. */
    private void directBackward(boolean inputGradient) {
        directScratch.backward(input, delta, wkJava, inputGradient ? dx : null, n, inH, inW, inC, outH, outW, outC,
                kH, kW, sH, sW, rowsWindow.top(inH), colsWindow.top(inW));
    }

    /** dW[f, c, ky, kx] = dWk[(ky, kx, c), f] (in wkJava) into the layer's gradient view. */
    private void storeWeightGradient() {
        int len = k * outC;
        for (int f = 0; f < outC; f++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < kH; ky++) {
                    for (int kx = 0; kx < kW; kx++) {
                        wJava[((f * inC + c) * kH + ky) * kW + kx] = wkJava[((ky * kW + kx) * inC + c) * outC + f];
                    }
                }
            }
        }
        NativeFloats.put(wGrad, wJava, len);
    }
}
