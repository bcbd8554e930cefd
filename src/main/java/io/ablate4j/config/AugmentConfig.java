package io.ablate4j.config;

import java.util.LinkedHashMap;
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

    public AugmentConfig {
        if (shiftPixels < 0 || rotateDegrees < 0 || rotateDegrees > 180) {
            throw new IllegalArgumentException("augment out of range: " + shiftPixels + ", " + rotateDegrees);
        }
    }

    public boolean enabled() {
        return shiftPixels > 0 || flipHorizontal || rotateDegrees > 0;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shiftPixels", shiftPixels);
        m.put("flipHorizontal", flipHorizontal);
        m.put("rotateDegrees", rotateDegrees);
        return m;
    }
}
