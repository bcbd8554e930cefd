package io.ablate4j.config;

/**
 * The shape of one image example: what a convolutional network's input is. Stored and fed channel-first
 * ({@code c·h·w} values per example, each channel's plane row-major), which is DL4J's NCHW.
 *
 * @param height   rows of pixels
 * @param width    columns of pixels
 * @param channels 1 (grey) or 3 (RGB)
 */
public record ImageShape(int height, int width, int channels) {
    /** Fashion-MNIST's and MNIST's images. */
    public static final ImageShape GREY_28 = new ImageShape(28, 28, 1);
    /** CIFAR-10's and CIFAR-100's images. */
    public static final ImageShape RGB_32 = new ImageShape(32, 32, 3);

    public ImageShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("an image needs at least one row, column and channel, got " + height
                    + "×" + width + "×" + channels);
        }
    }

    /** Values per example. */
    public int features() {
        return height * width * channels;
    }

    /** "32×32×3" (height × width × channels). */
    @Override
    public String toString() {
        return height + "×" + width + "×" + channels;
    }
}
