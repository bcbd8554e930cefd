package io.ablate4j.config;

import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.Schema.Synthetic;
import java.util.Map;

/**
 * A generated classification or regression problem, for tests and overfitting demos. The sizes come from the
 * dataset's {@code trainSize}/{@code validationSize}/{@code testSize}.
 *
 * @param shape      blobs (Gaussian clusters) or spirals (interleaved arms in the first two dimensions)
 * @param features   input dimension
 * @param classes    number of classes
 * @param noise      standard deviation of the Gaussian noise added to each coordinate
 * @param labelNoise fraction of training labels replaced by a random other class
 */
public record SyntheticConfig(SyntheticShape shape, int features, int classes, double noise, double labelNoise) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public SyntheticConfig {
        Synthetic.SHAPE.check(shape);
        Synthetic.FEATURES.check(features, minFeatures(shape), Synthetic.FEATURES.max());
        Synthetic.CLASSES.check(classes);
        Synthetic.NOISE.check(noise);
        Synthetic.LABEL_NOISE.check(labelNoise);
    }

    /** The fewest features a shape can have: friedman1's formula reads the first five. */
    static int minFeatures(SyntheticShape shape) {
        return shape.regression() ? Synthetic.FRIEDMAN_MIN_FEATURES : (int) Synthetic.FEATURES.min();
    }

    Map<String, Object> toMap() {
        return Synthetic.KEYS.writer()
                .put(Synthetic.SHAPE, shape)
                .put(Synthetic.FEATURES, features)
                .putIf(!shape.regression(), Synthetic.CLASSES, classes)
                .put(Synthetic.NOISE, noise)
                .putIf(!shape.regression(), Synthetic.LABEL_NOISE, labelNoise)
                .toMap();
    }
}
