package io.ablate4j.training.lean;

import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * One spatial axis of a convolution or pooling window, with DL4J's rules for output size and padding:
 * {@code Same} mode gives ceil(in / stride) outputs and pads the odd extra row (column) at the bottom (right);
 * {@code Truncate} and {@code Strict} give floor((in + 2·pad − kernel) / stride) + 1 with the configured padding.
 */
record Window(int kernel, int stride, int pad, boolean same) {
    /** The window along axis {@code axis} (0 height, 1 width) of a layer's configuration. */
    static Window of(int axis, int[] kernel, int[] stride, int[] padding, ConvolutionMode mode) {
        boolean same = mode == ConvolutionMode.Same;
        return new Window(kernel[axis], stride[axis], same ? 0 : padding[axis], same);
    }

    /**
     * Whether these rules describe a layer's windows: no dilation, and Same, Truncate or Strict mode (not Causal,
     * which pads one side only).
     */
    static boolean supports(ConvolutionMode mode, int[] dilation) {
        return dilation[0] == 1 && dilation[1] == 1
                && (mode == ConvolutionMode.Same || mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict);
    }

    /** Outputs along this axis for {@code in} inputs. */
    int out(int in) {
        return same ? (in + stride - 1) / stride : (in + 2 * pad - kernel) / stride + 1;
    }

    /** Padding before the first input (top or left). */
    int top(int in) {
        return same ? Math.max(0, ((out(in) - 1) * stride + kernel - in) / 2) : pad;
    }
}
