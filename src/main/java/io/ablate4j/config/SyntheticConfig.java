package io.ablate4j.config;

import io.ablate4j.config.Enums.SyntheticShape;
import java.util.LinkedHashMap;
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
    public SyntheticConfig {
        if (features < 2 || classes < 2 || noise < 0 || labelNoise < 0 || labelNoise >= 1) {
            throw new IllegalArgumentException("synthetic out of range");
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", shape.yamlName());
        m.put("features", features);
        if (!shape.regression()) {
            m.put("classes", classes);
        }
        m.put("noise", noise);
        if (!shape.regression()) {
            m.put("labelNoise", labelNoise);
        }
        return m;
    }
}
