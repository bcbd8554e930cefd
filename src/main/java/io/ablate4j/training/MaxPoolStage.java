package io.ablate4j.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

/**
 * A max-pooling {@link SubsamplingLayer} (NCHW, dilation 1, Truncate or Strict mode with its padding, or Same
 * mode) in Java on NHWC data. Forward takes the maximum of each window (padding left out). Backward adds each
 * output gradient to the input position that holds the maximum, the first in the window's row-major order on a
 * tie, as libnd4j's {@code maxpool2d_bp} does: found without branches (which cost a misprediction per value on
 * such data) as the first position where {@code max - v} is zero. Values and gradients are DL4J's exactly.
 */
final class MaxPoolStage extends Stage {
    private final int kH;
    private final int kW;
    private final int sH;
    private final int sW;
    private final Window rowsWindow;
    private final Window colsWindow;
    private int n;
    private int c;
    private int inH;
    private int inW;
    private int outH;
    private int outW;
    private final Scratch scratch = new Scratch();
    private float[] out = new float[0];
    private int pt;
    private int pl;
    private float[] in;
    private final Scratch eScratch = new Scratch();
    private float[] taken = new float[0];
    private float[] dx = new float[0];

    MaxPoolStage(int index, SubsamplingLayer layer, InputPreProcessor pre) {
        super(index, pre);
        var lc = (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) layer.conf().getLayer();
        this.rowsWindow = Window.of(0, lc.getKernelSize(), lc.getStride(), lc.getPadding(), lc.getConvolutionMode());
        this.colsWindow = Window.of(1, lc.getKernelSize(), lc.getStride(), lc.getPadding(), lc.getConvolutionMode());
        this.kH = rowsWindow.kernel();
        this.kW = colsWindow.kernel();
        this.sH = rowsWindow.stride();
        this.sW = colsWindow.stride();
    }

    static boolean accepts(Layer layer) {
        if (!(layer instanceof SubsamplingLayer) || layer.getClass() != SubsamplingLayer.class) {
            return false;
        }
        var lc = (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) layer.conf().getLayer();
        return lc.getClass() == org.deeplearning4j.nn.conf.layers.SubsamplingLayer.class
                && lc.getPoolingType() == PoolingType.MAX && lc.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && lc.getIDropout() == null && Window.supports(lc.getConvolutionMode(), lc.getDilation());
    }

    @Override
    Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr) {
        n = x.examples();
        c = x.channels();
        inH = x.height();
        inW = x.width();
        outH = rowsWindow.out(inH);
        outW = colsWindow.out(inW);
        pt = rowsWindow.top(inH);
        pl = colsWindow.top(inW);
        in = x.floats(scratch);
        int len = n * outH * outW * c;
        out = Kernels.atLeast(out, len);
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.max(0, oy * sH - pt);
                int y1 = Math.min(inH, oy * sH - pt + kH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = Math.max(0, ox * sW - pl);
                    int x1 = Math.min(inW, ox * sW - pl + kW);
                    int o = ((img * outH + oy) * outW + ox) * c;
                    System.arraycopy(in, base + (y0 * inW + x0) * c, out, o, c);
                    for (int y = y0; y < y1; y++) {
                        for (int xx = y == y0 ? x0 + 1 : x0; xx < x1; xx++) {
                            int p = base + (y * inW + xx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] = Math.max(out[o + ch], in[p + ch]);
                            }
                        }
                    }
                }
            }
        }
        return Activations.ofNhwc(out, n, outH, outW, c, true);
    }

    @Override
    Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        if (!inputGradient) {
            return null;
        }
        int len = n * outH * outW * c;
        float[] e = eps.floats(eScratch);
        int inLen = n * inH * inW * c;
        dx = Kernels.atLeast(dx, inLen);
        // windows that tile the input (stride = kernel, no padding, nothing truncated) write every value once;
        // otherwise gradients of overlapping windows add up, and values no window covers stay 0
        boolean tiles = sH == kH && sW == kW && pt == 0 && pl == 0 && outH * kH == inH && outW * kW == inW;
        if (!tiles) {
            java.util.Arrays.fill(dx, 0, inLen, 0f);
        }
        taken = Kernels.atLeast(taken, c);
        for (int img = 0; img < n; img++) {
            int base = img * inH * inW * c;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = Math.max(0, oy * sH - pt);
                int y1 = Math.min(inH, oy * sH - pt + kH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = Math.max(0, ox * sW - pl);
                    int x1 = Math.min(inW, ox * sW - pl + kW);
                    int o = ((img * outH + oy) * outW + ox) * c;
                    java.util.Arrays.fill(taken, 0, c, 0f);
                    for (int y = y0; y < y1; y++) {
                        for (int xx = x0; xx < x1; xx++) {
                            int p = base + (y * inW + xx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                // 1 where this value is the maximum (max - v is 0 only then) and no earlier one was
                                float isMax = 1f - Math.min((out[o + ch] - in[p + ch]) * 0x1p127f * 0x1p22f, 1f);
                                float first = isMax * (1f - taken[ch]);
                                taken[ch] += first;
                                dx[p + ch] = (tiles ? 0f : dx[p + ch]) + e[o + ch] * first;
                            }
                        }
                    }
                }
            }
        }
        return Activations.ofNhwc(dx, n, inH, inW, c, true);
    }
}
