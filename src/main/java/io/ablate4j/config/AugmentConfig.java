package io.ablate4j.config;

import io.ablate4j.config.Schema.Augment;
import java.util.Map;

/**
 * Image augmentation of training batches, drawn fresh every epoch.
 *
 * @param shiftPixels    maximum random translation in pixels along each axis (0 = off)
 * @param flipHorizontal mirror each image left-right with probability 1/2
 * @param rotateDegrees  maximum random rotation in degrees, either way (0 = off)
 * @param cropPadding    random crop (0 = off): the image padded with this many black pixels on each side, then cut
 *                       back to its size at an offset uniform in each axis; a translation like {@code shiftPixels},
 *                       which it excludes, whose new border is black (the pixel value 0) under every normalization
 */
public record AugmentConfig(int shiftPixels, boolean flipHorizontal, double rotateDegrees, int cropPadding) {
    public static final AugmentConfig NONE = new AugmentConfig(0, false, 0);

    /** @throws ConfigException naming the key, the value and what is allowed */
    public AugmentConfig {
        Augment.SHIFT_PIXELS.check(shiftPixels);
        Augment.ROTATE_DEGREES.check(rotateDegrees);
        Augment.CROP_PADDING.check(cropPadding);
        if (cropPadding > 0 && shiftPixels > 0) {
            throw new ConfigException(Augment.CROP_PADDING.path(), cropPadding, "cropPadding and shiftPixels both "
                    + "translate the image (a crop of the padded image is a shift by up to the padding); use one: "
                    + "cropPadding pads with black, shiftPixels with 0 after normalization");
        }
    }

    /** Augmentation without a random crop. */
    public AugmentConfig(int shiftPixels, boolean flipHorizontal, double rotateDegrees) {
        this(shiftPixels, flipHorizontal, rotateDegrees, 0);
    }

    public boolean enabled() {
        return shiftPixels > 0 || flipHorizontal || rotateDegrees > 0 || cropPadding > 0;
    }

    Map<String, Object> toMap() {
        // cropPadding only when set, so that configs without it keep the canonical map, ids and hashes they had
        return Augment.KEYS.writer()
                .put(Augment.SHIFT_PIXELS, shiftPixels)
                .put(Augment.FLIP_HORIZONTAL, flipHorizontal)
                .put(Augment.ROTATE_DEGREES, rotateDegrees)
                .putIf(cropPadding > 0, Augment.CROP_PADDING, cropPadding)
                .toMap();
    }
}
