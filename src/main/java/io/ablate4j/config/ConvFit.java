package io.ablate4j.config;

import io.ablate4j.keras.KerasLayer;
import io.ablate4j.keras.KerasModel;
import io.ablate4j.keras.KerasNetwork;
import java.util.List;

/**
 * Whether a network fits its images: the conv blocks of a {@code cnn} ({@link #check}) or the layers of a Keras model
 * ({@link #keras}). Checked when the config is bound where the config fixes the image size (fashion-mnist, mnist,
 * cifar, a folder with {@code imageSize} and {@code channels}), else when the images are loaded, before anything is
 * written.
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

    /**
     * Whether a Keras model fits images of {@code shape}: its declared input (if any) is the images' {@code [H, W, C]}
     * (Keras' channels_last; a model without Conv2D may also take them flattened, or as {@code [H, W]} when grey), and
     * every Conv2D and pooling before the first Flatten or Dense leaves at least 1×1 ({@code same}: the size divided by
     * the stride, rounded up; {@code valid}: (size − kernel) / stride + 1).
     *
     * @param dataset the data's name for the message, e.g. {@code cifar10}
     * @return what does not fit, to be located at the model's key; null when it fits
     */
    public static String keras(KerasNetwork k, ImageShape shape, String dataset) {
        List<Integer> input = k.inputShape();
        List<Integer> hwc = List.of(shape.height(), shape.width(), shape.channels());
        if (input != null) {
            int features = KerasModel.features(input);
            boolean ok = k.convolutional() ? input.equals(hwc) : features < 0 || features == shape.features();
            if (!ok) {
                return "input shape " + input + " does not fit " + dataset + " (" + shape.features() + " features: ["
                        + shape.features() + "], " + (shape.channels() == 1 ? "[" + shape.height() + ", "
                        + shape.width() + "] with a Flatten, " : "") + "or " + hwc + " for Conv2D)";
            }
        }
        if (!k.convolutional()) {
            return null;
        }
        int h = shape.height();
        int w = shape.width();
        for (KerasLayer l : k.layers()) {
            if (l.kind() == KerasLayer.Kind.FLATTEN || l.kind() == KerasLayer.Kind.DENSE) {
                return null;
            }
            if (l.kind() == KerasLayer.Kind.CONV || l.kind().pool()) {
                boolean same = l.padding().equals("same");
                h = same ? (h + l.strides().get(0) - 1) / l.strides().get(0)
                        : (h - l.kernel().get(0)) / l.strides().get(0) + 1;
                w = same ? (w + l.strides().get(1) - 1) / l.strides().get(1)
                        : (w - l.kernel().get(1)) / l.strides().get(1) + 1;
                if (h < 1 || w < 1) {
                    return l.where() + ": the layers up to here shrink the " + shape + " images of " + dataset
                            + " below 1×1; use padding='same', smaller kernels or fewer pooling layers"
                            + (dataset.startsWith("images") ? ", or larger images (dataset.imageSize)" : "");
                }
            }
        }
        return null;
    }
}
