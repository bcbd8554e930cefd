package io.ablate4j.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weight penalties, applied to the weights (not biases, never BN parameters) of every dense, conv and
 * output layer.
 *
 * @param l1          coupled L1: {@code l1·sign(w)} added to the gradient before the updater
 * @param l2          coupled L2: {@code l2·w} added to the gradient before the updater
 * @param weightDecay decoupled decay (AdamW-style): {@code w -= lr·weightDecay·w} after the updater
 * @param maxNorm     max-norm constraint on each unit's incoming weight vector (0 = off)
 */
public record RegularizationConfig(double l1, double l2, double weightDecay, double maxNorm) {
    public static final RegularizationConfig NONE = new RegularizationConfig(0, 0, 0, 0);

    public RegularizationConfig {
        if (l1 < 0 || l2 < 0 || weightDecay < 0 || maxNorm < 0) {
            throw new IllegalArgumentException("regularization must be >= 0");
        }
        if (l2 > 0 && weightDecay > 0) {
            throw new IllegalArgumentException("l2 and weightDecay exclude each other");
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("l1", l1);
        m.put("l2", l2);
        m.put("weightDecay", weightDecay);
        m.put("maxNorm", maxNorm);
        return m;
    }
}
