package io.ablate4j.data;

import io.ablate4j.config.AugmentConfig;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Image augmentation applied to a copy of a batch {@code [n, c*h*w]} (flat, channel-first, row-major per
 * image). Each image gets its own draws: rotation by an angle uniform in ±rotateDegrees about the image
 * centre (bilinear), then a horizontal flip with probability 1/2, then a shift by whole pixels uniform in
 * ±shiftPixels along each axis, or with cropPadding p a random crop: the image padded with p pixels on each side and
 * cut back to h×w at an offset uniform in [0, 2p] along each axis, which is the shift by p minus that offset (so it is
 * drawn as one). Pixels that come from outside the image are 0: the background of raw or scale01 images; with
 * standardize, 0 is the training mean instead. With cropPadding they are black instead: the value a pixel of 0 has
 * after the normalization, per channel ({@link Pixels#black()}), as when the raw image is padded with zeros first.
 */
public final class Augmenter {
    private final AugmentConfig cfg;
    private final int height;
    private final int width;
    private final int channels;
    /** Per channel, what a pixel from outside the image is. */
    private final float[] fill;

    public Augmenter(AugmentConfig cfg, int height, int width, int channels) {
        this(cfg, height, width, channels, null);
    }

    /**
     * @param black per channel, the normalized value of a black pixel: the border of a random crop; null for 0
     */
    public Augmenter(AugmentConfig cfg, int height, int width, int channels, float[] black) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("augmentation needs image data, got height " + height + ", width "
                    + width + ", channels " + channels);
        }
        this.cfg = cfg;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.fill = new float[channels];
        if (cfg.cropPadding() > 0 && black != null) {
            if (black.length != channels) {
                throw new IllegalArgumentException("black has " + black.length + " channels, the images " + channels);
            }
            System.arraycopy(black, 0, fill, 0, channels);
        }
    }

    /**
     * Returns a new augmented array; {@code batch} is left as it was. Draws, per image and in this order,
     * the angle (if rotating), the flip (if flipping), then dx and dy (if shifting or cropping) from {@code rng}.
     */
    public INDArray apply(INDArray batch, Random rng) {
        int size = channels * height * width;
        if (batch.rank() != 2 || batch.size(1) != size) {
            throw new IllegalArgumentException("expected a batch [n, " + size + "] of " + channels + "×" + height
                    + "×" + width + " images, got " + java.util.Arrays.toString(batch.shape()));
        }
        int n = (int) batch.size(0);
        float[] in = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[n * size];
        for (int i = 0; i < n; i++) {
            double angle = cfg.rotateDegrees() > 0 ? Math.toRadians((2 * rng.nextDouble() - 1) * cfg.rotateDegrees()) : 0;
            boolean flip = cfg.flipHorizontal() && rng.nextBoolean();
            int s = cfg.cropPadding() > 0 ? cfg.cropPadding() : cfg.shiftPixels();
            int dx = s > 0 ? rng.nextInt(2 * s + 1) - s : 0;
            int dy = s > 0 ? rng.nextInt(2 * s + 1) - s : 0;
            transform(in, i * size, out, i * size, channels, height, width, dx, dy, flip, angle, fill);
        }
        return Nd4j.create(out, new long[] {n, size}, 'c');
    }

    /**
     * Writes one transformed image: output pixel (x, y) is the input rotated by {@code angle} radians
     * (image y axis pointing down, so positive turns clockwise on screen), mirrored if {@code flip}, and
     * moved right by dx and down by dy. Computed by inverse mapping, so every output pixel is set once.
     */
    static void transform(float[] src, int srcOff, float[] dst, int dstOff, int channels, int h, int w,
                          int dx, int dy, boolean flip, double angle) {
        transform(src, srcOff, dst, dstOff, channels, h, w, dx, dy, flip, angle, new float[channels]);
    }

    /** As above, pixels from outside the image {@code fill[c]} in channel c. */
    static void transform(float[] src, int srcOff, float[] dst, int dstOff, int channels, int h, int w,
                          int dx, int dy, boolean flip, double angle, float[] fill) {
        boolean rotate = angle != 0;
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int c = 0; c < channels; c++) {
            int plane = c * h * w;
            float outside = fill[c];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int x1 = x - dx;
                    int y1 = y - dy;
                    if (flip) {
                        x1 = w - 1 - x1;
                    }
                    float v;
                    if (!rotate) {
                        v = x1 >= 0 && x1 < w && y1 >= 0 && y1 < h ? src[srcOff + plane + y1 * w + x1] : outside;
                    } else {
                        double u = x1 - cx;
                        double t = y1 - cy;
                        v = bilinear(src, srcOff + plane, h, w, cos * u + sin * t + cx, -sin * u + cos * t + cy,
                                outside);
                    }
                    dst[dstOff + plane + y * w + x] = v;
                }
            }
        }
    }

    private static float bilinear(float[] src, int off, int h, int w, double sx, double sy, float outside) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double top = (1 - fx) * pixel(src, off, h, w, x0, y0, outside)
                + fx * pixel(src, off, h, w, x0 + 1, y0, outside);
        double bottom = (1 - fx) * pixel(src, off, h, w, x0, y0 + 1, outside)
                + fx * pixel(src, off, h, w, x0 + 1, y0 + 1, outside);
        return (float) ((1 - fy) * top + fy * bottom);
    }

    private static float pixel(float[] src, int off, int h, int w, int x, int y, float outside) {
        return x >= 0 && x < w && y >= 0 && y < h ? src[off + y * w + x] : outside;
    }
}
