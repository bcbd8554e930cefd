package io.ablate4j.config;

import java.util.List;

/**
 * Whether the conv blocks of a {@code cnn} fit its images: each block's convolution keeps the size (Same padding)
 * divided by its stride, rounded up; its max pooling of size p divides by p, rounded down, and needs at least p×p.
 * Checked when the config is bound where the config fixes the image size (fashion-mnist, mnist, cifar, a folder with
 * {@code imageSize} and {@code channels}), else when the images are loaded, before anything is written.
 */
public final class ConvFit {
    private ConvFit() {
    }

    /**
     * The height and width the blocks leave of {@code shape}.
     *
     * @param what names the images in the message, e.g. "the 32×32×3 images of cifar10"
     * @throws ConfigException at {@code model.conv[i].pool} when a pooling would get less than its size
     */
    public static int[] check(List<ConvBlock> blocks, ImageShape shape, String what) {
        int h = shape.height();
        int w = shape.width();
        for (int i = 0; i < blocks.size(); i++) {
            ConvBlock b = blocks.get(i);
            h = (h + b.stride() - 1) / b.stride();
            w = (w + b.stride() - 1) / b.stride();
            if (b.pool() > 1 && (h < b.pool() || w < b.pool())) {
                throw new ConfigException("model.conv[" + i + "].pool", b.pool(), "a " + b.pool() + "×" + b.pool()
                        + " max pooling needs maps of at least that size, but " + (i == 0 ? "" : "the blocks before "
                        + "it and ") + "its convolution leave " + h + "×" + w + " of " + what + "; use pool: 1 here, "
                        + "fewer blocks, or larger images");
            }
            if (b.pool() > 1) {
                h /= b.pool();
                w /= b.pool();
            }
        }
        return new int[]{h, w};
    }
}
