package io.ablate4j.config;

import io.ablate4j.config.Schema.Regularization;
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

    /** @throws ConfigException naming the key, the value and what is allowed */
    public RegularizationConfig {
        Regularization.L1.check(l1);
        Regularization.L2.check(l2);
        Regularization.WEIGHT_DECAY.check(weightDecay);
        Regularization.MAX_NORM.check(maxNorm);
        checkL2OrWeightDecay(l2, weightDecay, "");
    }

    /**
     * DL4J keeps only one of {@code l2} and {@code weightDecay} per layer.
     *
     * @param l2Origin where {@code l2} came from, for the message (e.g. {@code ", from the Keras model's …"}); empty
     *                 when the config set it
     */
    static void checkL2OrWeightDecay(double l2, double weightDecay, String l2Origin) {
        if (l2 > 0 && weightDecay > 0) {
            throw new ConfigException(Regularization.WEIGHT_DECAY.path(), weightDecay, "l2 (coupled, added to the "
                    + "gradient) and weightDecay (decoupled, AdamW-style) exclude each other: DL4J keeps only one per "
                    + "layer. Set l2: 0 or weightDecay: 0 (l2 = " + l2 + l2Origin + ")");
        }
    }

    Map<String, Object> toMap() {
        return Regularization.KEYS.writer()
                .put(Regularization.L1, l1)
                .put(Regularization.L2, l2)
                .put(Regularization.WEIGHT_DECAY, weightDecay)
                .put(Regularization.MAX_NORM, maxNorm)
                .toMap();
    }
}
