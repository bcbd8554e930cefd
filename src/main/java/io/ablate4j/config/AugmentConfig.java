package io.ablate4j.config;

import io.ablate4j.config.Schema.Augment;
import java.util.Map;

/**
 * Image augmentation of training batches, drawn fresh every epoch.
 *
 * @param shiftPixels    maximum random translation in pixels along each axis (0 = off)
 * @param flipHorizontal mirror each image left-right with probability 1/2
 * @param rotateDegrees  maximum random rotation in degrees, either way (0 = off)
 */
public record AugmentConfig(int shiftPixels, boolean flipHorizontal, double rotateDegrees) {
    public static final AugmentConfig NONE = new AugmentConfig(0, false, 0);

    /** @throws ConfigException naming the key, the value and what is allowed */
    public AugmentConfig {
        Augment.SHIFT_PIXELS.check(shiftPixels);
        Augment.ROTATE_DEGREES.check(rotateDegrees);
    }

    public boolean enabled() {
        return shiftPixels > 0 || flipHorizontal || rotateDegrees > 0;
    }

    Map<String, Object> toMap() {
        return Augment.KEYS.writer()
                .put(Augment.SHIFT_PIXELS, shiftPixels)
                .put(Augment.FLIP_HORIZONTAL, flipHorizontal)
                .put(Augment.ROTATE_DEGREES, rotateDegrees)
                .toMap();
    }
}
