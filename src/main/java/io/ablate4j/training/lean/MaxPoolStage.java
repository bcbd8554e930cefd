package io.ablate4j.training.lean;

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
 * tie, as libnd4j's {@code maxpool2d_bp} does ({@link Kernels#maxPoolForward}, {@link Kernels#maxPoolBackward}).
 * Values and gradients are DL4J's exactly.
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
        Kernels.maxPoolForward(in, out, n, c, inH, inW, outH, outW, kH, kW, sH, sW, pt, pl);
        return Activations.ofNhwc(out, n, outH, outW, c, true);
    }

    @Override
    Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        if (!inputGradient) {
            return null;
        }
        float[] e = eps.floats(eScratch);
        int inLen = n * inH * inW * c;
        dx = Kernels.atLeast(dx, inLen);
        // windows that tile the input (stride = kernel, no padding, nothing truncated) write every value once;
        // otherwise gradients of overlapping windows add up, and values no window covers stay 0
        boolean tiles = sH == kH && sW == kW && pt == 0 && pl == 0 && outH * kH == inH && outW * kW == inW;
        if (!tiles) {
            java.util.Arrays.fill(dx, 0, inLen, 0f);
        }
        Kernels.maxPoolBackward(in, out, e, dx, tiles, n, c, inH, inW, outH, outW, kH, kW, sH, sW, pt, pl);
        return Activations.ofNhwc(dx, n, inH, inW, c, true);
    }
}
